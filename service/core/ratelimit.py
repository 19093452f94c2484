"""Rate limits on sign-in and on the expensive endpoints.

Fixed one-minute windows counted in the database (table `rate_limit_hits`), so every worker
process and every server behind a load balancer shares the same counters; nothing lives only in
process memory. A process claims hits from the shared counter in small leases (a tenth of the
limit, at least one): the counter then takes one upsert per lease instead of one per request, and
the sum of what every process serves never exceeds the limit (a lease left unused in another process
can make a bucket refuse a little early, never late). Buckets:

- one bucket per expensive endpoint (analysis, feedback, profile analysis/upload/creation, search,
  simulation start, simulation turns and hints, recommendations) per signed-in *user* (found from
  the token through the one strict `Authorization` parser, so no spelling of the header makes a
  new bucket), or per client address without a valid token (`rate_limit_per_minute`).
- UI sign-in has its own back-off per account and per address: service/core/signin.py.

A limit of 0 switches the bucket off. Behind a reverse proxy list it in `TYOKIELI_TRUSTED_PROXIES`
so that X-Forwarded-For names the learner (service/core/addresses.py); nothing else trusts it.
The Gradio UI calls the services directly; its work is bounded by Gradio's own queue.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import delete, select, update
from starlette.concurrency import run_in_threadpool

from service.core.addresses import Network, client_address, parse_networks
from service.core.auth import UserService, bearer_token, hash_token
from service.core.db import Database
from service.core.errors import Unauthorized
from service.core.security_models import RateLimitHit
from service.core.settings import Settings

WINDOW_S = 60
MAX_LEASE = 8  # hits claimed from the shared counter at once, at most


def lease_size(limit: int) -> int:
    """How many hits one process claims at a time: exact for small limits, a tenth for large ones."""
    return max(1, min(MAX_LEASE, limit // 10))


@dataclass(frozen=True)
class Rule:
    name: str
    method: str
    path: re.Pattern[str]


RULES = (
    Rule("analysis", "POST", re.compile(r"^/api/v1/analysis/?$")),
    Rule("feedback", "POST", re.compile(r"^/api/v1/feedback/?$")),
    Rule("profile_analyse", "POST", re.compile(r"^/api/v1/profiles/(analyse|upload)/?$")),
    Rule("profile_create", "POST", re.compile(r"^/api/v1/profiles/?$")),
    Rule("search", "GET", re.compile(r"^/api/v1/search/?$")),
    Rule("simulation_start", "POST", re.compile(r"^/api/v1/simulations/?$")),
    Rule("simulation_turn", "POST", re.compile(r"^/api/v1/simulations/[^/]+/(turns|hint)/?$")),
    Rule("recommendations", "POST", re.compile(r"^/api/v1/recommendations/?$")),
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
        self._leases: dict[tuple[str, int], int] = {}  # (key, window) -> hits this process may still serve
        self._lock = threading.Lock()

    def hit(self, key: str, limit: int) -> int | None:
        """Counts one request of `key`; returns None when it is allowed, else the seconds to wait."""
        if limit <= 0:
            return None
        now = self.clock()
        window = int(now // self.window_s) * self.window_s
        key = key[:150]
        if self._take_leased(key, window):
            return None
        lease = lease_size(limit)
        count = self._increment(key, window, lease)
        granted = min(lease, limit - (count - lease))
        if granted > 0:
            self._store_lease(key, window, granted - 1)
            return None
        return max(1, int(window + self.window_s - now + 0.999))

    def _take_leased(self, key: str, window: int) -> bool:
        with self._lock:
            left = self._leases.get((key, window), 0)
            if left <= 0:
                return False
            self._leases[(key, window)] = left - 1
            return True

    def _store_lease(self, key: str, window: int, left: int) -> None:
        with self._lock:
            if len(self._leases) > 10_000:  # forget the leases of windows that have passed
                self._leases = {k: v for k, v in self._leases.items() if k[1] >= window and v > 0}
            if left > 0:
                self._leases[(key, window)] = left

    def _increment(self, key: str, window: int, by: int = 1) -> int:
        dialect = self.db.engine.dialect.name
        with self.db.session() as s:
            if dialect in ("sqlite", "postgresql"):
                if dialect == "sqlite":
                    from sqlalchemy.dialects.sqlite import insert
                else:
                    from sqlalchemy.dialects.postgresql import insert  # type: ignore[assignment]
                stmt = (
                    insert(RateLimitHit)
                    .values(key=key, window_start=window, count=by)
                    .on_conflict_do_update(
                        index_elements=["key", "window_start"], set_={"count": RateLimitHit.count + by}
                    )
                    .returning(RateLimitHit.count)
                )
                count = int(s.execute(stmt).scalar_one())
            else:  # other databases: a plain read-modify-write (good enough for one process)
                row = s.get(RateLimitHit, (key, window), with_for_update=True)
                if row is None:
                    s.add(RateLimitHit(key=key, window_start=window, count=by))
                    count = by
                else:
                    s.execute(
                        update(RateLimitHit)
                        .where(RateLimitHit.key == key, RateLimitHit.window_start == window)
                        .values(count=RateLimitHit.count + by)
                    )
                    count = row.count + by
            if count == by:  # a new window: forget the old ones of this key
                s.execute(delete(RateLimitHit).where(RateLimitHit.key == key, RateLimitHit.window_start < window))
            return count

    def count(self, key: str) -> int:
        window = int(self.clock() // self.window_s) * self.window_s
        with self.db.session() as s:
            value = s.scalar(
                select(RateLimitHit.count).where(RateLimitHit.key == key, RateLimitHit.window_start == window)
            )
            return int(value or 0)


class PrincipalCache:
    """Which user a live token belongs to, remembered for `ttl_s` so that a burst of requests does not
    look the token up once each. Only the bucket's owner is cached: a token never changes owner, and the
    route itself still checks the token (revoked or expired ones get 401 there)."""

    def __init__(self, users: UserService, ttl_s: float = 30.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.users, self.ttl_s, self.clock = users, ttl_s, clock
        self._seen: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def user_of(self, token: str) -> int | None:
        now, digest = self.clock(), hash_token(token)  # no token is kept in memory as written
        with self._lock:
            hit = self._seen.get(digest)
        if hit is not None and hit[1] > now:
            return hit[0]
        user_id = self.users.principal_of(token)
        if user_id is not None:
            with self._lock:
                if len(self._seen) > 10_000:
                    self._seen = {k: v for k, v in self._seen.items() if v[1] > now}
                self._seen[digest] = (user_id, now + self.ttl_s)
        return user_id


def principal_key(principals: PrincipalCache, request: Request, trusted: tuple[Network, ...]) -> str:
    """The bucket owner: the signed-in user ("u:<id>") whatever the header's spelling, else the
    client's address ("a:<address>"). A malformed header counts against the address (it gets 401)."""
    try:
        token = bearer_token(request.headers.get("authorization"))
    except Unauthorized:
        token = None
    user_id = principals.user_of(token) if token else None
    if user_id is not None:
        return f"u:{user_id}"
    return "a:" + client_address(request.client.host if request.client else None, request.headers, trusted)


def limit_for(rule: Rule, settings: Settings) -> int:
    return settings.rate_limit_per_minute


def install_rate_limits(app: FastAPI, limiter: RateLimiter, settings: Settings, users: UserService) -> None:
    trusted = parse_networks(settings.trusted_proxies)
    principals = PrincipalCache(users)

    def count(rule: Rule, request: Request) -> tuple[int, int | None]:
        limit = limit_for(rule, settings)
        if limit <= 0:
            return limit, None
        key = f"{rule.name}:{principal_key(principals, request, trusted)}"
        return limit, limiter.hit(key, limit)

    @app.middleware("http")
    async def _rate_limit(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        rule = rule_for(request.method, request.url.path)
        if rule is not None:
            limit, wait = await run_in_threadpool(count, rule, request)
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
