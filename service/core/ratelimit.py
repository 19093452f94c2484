"""Rate limits on sign-in and on the expensive endpoints.

Fixed one-minute windows counted in the database (table `rate_limit_hits`), so every worker
process and every server behind a load balancer shares the same counters; nothing lives only in
process memory. One request costs one upsert. Buckets:

- `sign_in`: POST /ui/login per client address (`sign_in_attempts_per_minute`).
- one bucket per expensive endpoint (analysis, feedback, profile analysis/upload/creation, search,
  simulation start, simulation turns and hints, recommendations) per API token, or per client address without a token
  (`rate_limit_per_minute`).

A limit of 0 switches the bucket off. Behind a reverse proxy run uvicorn with `--proxy-headers`
and `--forwarded-allow-ips` so that the client address is the learner's, not the proxy's.
The Gradio UI calls the services directly; its work is bounded by Gradio's own queue.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import delete, select, update
from starlette.concurrency import run_in_threadpool

from service.core.db import Database
from service.core.security_models import RateLimitHit
from service.core.settings import Settings

WINDOW_S = 60


@dataclass(frozen=True)
class Rule:
    name: str
    method: str
    path: re.Pattern[str]
    per_token: bool  # False: counted per client address (sign-in)


RULES = (
    Rule("sign_in", "POST", re.compile(r"^/ui/login/?$"), per_token=False),
    Rule("analysis", "POST", re.compile(r"^/api/v1/analysis/?$"), per_token=True),
    Rule("feedback", "POST", re.compile(r"^/api/v1/feedback/?$"), per_token=True),
    Rule("profile_analyse", "POST", re.compile(r"^/api/v1/profiles/(analyse|upload)/?$"), per_token=True),
    Rule("profile_create", "POST", re.compile(r"^/api/v1/profiles/?$"), per_token=True),
    Rule("search", "GET", re.compile(r"^/api/v1/search/?$"), per_token=True),
    Rule("simulation_start", "POST", re.compile(r"^/api/v1/simulations/?$"), per_token=True),
    Rule("simulation_turn", "POST", re.compile(r"^/api/v1/simulations/[^/]+/(turns|hint)/?$"), per_token=True),
    Rule("recommendations", "POST", re.compile(r"^/api/v1/recommendations/?$"), per_token=True),
)


def rule_for(method: str, path: str) -> Rule | None:
    for rule in RULES:
        if rule.method == method and rule.path.match(path):
            return rule
    return None


class RateLimiter:
    """Counts hits per key in fixed windows stored in the database."""

    def __init__(self, db: Database, window_s: int = WINDOW_S, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.window_s = window_s
        self.clock = clock

    def hit(self, key: str, limit: int) -> int | None:
        """Counts one request of `key`; returns None when it is allowed, else the seconds to wait."""
        if limit <= 0:
            return None
        now = self.clock()
        window = int(now // self.window_s) * self.window_s
        count = self._increment(key[:150], window)
        if count <= limit:
            return None
        return max(1, int(window + self.window_s - now + 0.999))

    def _increment(self, key: str, window: int) -> int:
        dialect = self.db.engine.dialect.name
        with self.db.session() as s:
            if dialect in ("sqlite", "postgresql"):
                if dialect == "sqlite":
                    from sqlalchemy.dialects.sqlite import insert
                else:
                    from sqlalchemy.dialects.postgresql import insert  # type: ignore[assignment]
                stmt = (
                    insert(RateLimitHit)
                    .values(key=key, window_start=window, count=1)
                    .on_conflict_do_update(
                        index_elements=["key", "window_start"], set_={"count": RateLimitHit.count + 1}
                    )
                    .returning(RateLimitHit.count)
                )
                count = int(s.execute(stmt).scalar_one())
            else:  # other databases: a plain read-modify-write (good enough for one process)
                row = s.get(RateLimitHit, (key, window), with_for_update=True)
                if row is None:
                    s.add(RateLimitHit(key=key, window_start=window, count=1))
                    count = 1
                else:
                    s.execute(
                        update(RateLimitHit)
                        .where(RateLimitHit.key == key, RateLimitHit.window_start == window)
                        .values(count=RateLimitHit.count + 1)
                    )
                    count = row.count + 1
            if count == 1:  # a new window: forget the old ones of this key
                s.execute(delete(RateLimitHit).where(RateLimitHit.key == key, RateLimitHit.window_start < window))
            return count

    def count(self, key: str) -> int:
        window = int(self.clock() // self.window_s) * self.window_s
        with self.db.session() as s:
            value = s.scalar(
                select(RateLimitHit.count).where(RateLimitHit.key == key, RateLimitHit.window_start == window)
            )
            return int(value or 0)


def _client_key(request: Request, per_token: bool) -> str:
    auth = request.headers.get("authorization", "")
    if per_token and auth:
        # The token itself is never stored: a short hash tells the buckets apart.
        return "t:" + hashlib.sha256(auth.encode("utf-8", "replace")).hexdigest()[:32]
    host = request.client.host if request.client else "unknown"
    return "a:" + host


def limit_for(rule: Rule, settings: Settings) -> int:
    return settings.sign_in_attempts_per_minute if rule.name == "sign_in" else settings.rate_limit_per_minute


def install_rate_limits(app: FastAPI, limiter: RateLimiter, settings: Settings) -> None:
    @app.middleware("http")
    async def _rate_limit(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        rule = rule_for(request.method, request.url.path)
        if rule is not None:
            limit = limit_for(rule, settings)
            key = f"{rule.name}:{_client_key(request, rule.per_token)}"
            wait = await run_in_threadpool(limiter.hit, key, limit)
            if wait is not None:
                return JSONResponse(
                    status_code=429,
                    content={
                        "detail": f"Too many requests: at most {limit} a minute. Wait {wait} seconds and try again. "
                        f"(Liian monta pyyntöä. Odota {wait} sekuntia.)"
                    },
                    headers={"Retry-After": str(wait)},
                )
        return await call_next(request)
