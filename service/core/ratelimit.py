"""Rate limits on sign-in and on the expensive endpoints.

Fixed one-minute windows counted in the database (table `rate_limit_hits`), so every worker
process and every server behind a load balancer shares the same counters; nothing lives only in
process memory. A process claims hits from the shared counter in small leases (a tenth of the
limit, at least one): the counter then takes one upsert per lease instead of one per request, and
the sum of what every process serves never exceeds the limit (a lease left unused in another process
can make a bucket refuse a little early, never late). A request that a lease this process already
holds can serve, from a user this process already knows the token of, is decided in the event loop
(two dict look-ups); only the others go to a thread for the database. Buckets:

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

import functools
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Table, bindparam, delete, insert, select, update
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from service.core.addresses import Network, client_address, parse_networks
from service.core.auth import UserService, bearer_token, hash_token
from service.core.db import Database
from service.core.errors import Unauthorized
from service.core.security_models import RateLimitHit
from service.core.settings import Settings

WINDOW_S = 60
MAX_LEASE = 8  # hits claimed from the shared counter at once, at most


_HITS = cast(Table, RateLimitHit.__table__)
_READ_COUNT = select(_HITS.c.count).where(_HITS.c.key == bindparam("b_key"), _HITS.c.window_start == bindparam("b_window"))
_INSERT_COUNT = insert(_HITS).values(key=bindparam("b_key"), window_start=bindparam("b_window"), count=bindparam("b_by"))
_ADD_COUNT = (update(_HITS).where(_HITS.c.key == bindparam("b_key"), _HITS.c.window_start == bindparam("b_window"))
              .values(count=_HITS.c.count + bindparam("b_by")))
_FORGET_OLD = delete(_HITS).where(_HITS.c.key == bindparam("b_key"), _HITS.c.window_start < bindparam("b_window"))


@functools.cache
def _upsert(dialect: str) -> Any:
    """INSERT … ON CONFLICT DO UPDATE … RETURNING count, built once per dialect."""
    from sqlalchemy.dialects import postgresql, sqlite

    upsert = (sqlite.insert if dialect == "sqlite" else postgresql.insert)(_HITS).values(
        key=bindparam("b_key"), window_start=bindparam("b_window"), count=bindparam("b_by"))
    return upsert.on_conflict_do_update(
        index_elements=["key", "window_start"], set_={"count": _HITS.c.count + upsert.excluded.count}
    ).returning(_HITS.c.count)


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
        # one upsert where the database has one; elsewhere a read-modify-write under the row lock
        self.upsert = db.engine.dialect.name in ("sqlite", "postgresql")

    def hit(self, key: str, limit: int) -> int | None:
        """Counts one request of `key`; returns None when it is allowed, else the seconds to wait."""
        if limit <= 0:
            return None
        now = self.clock()
        window = self._window(now)
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

    def try_leased(self, key: str, limit: int) -> bool:
        """Serves one request of `key` from a lease this process holds, without the database (the
        hit was counted when the lease was claimed); False when no lease is left: then call `hit`."""
        return limit <= 0 or self._take_leased(key[:150], self._window(self.clock()))

    def _window(self, now: float) -> int:
        return int(now // self.window_s) * self.window_s

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
        """Adds `by` to the shared counter in one short write transaction (in SQLite's writer queue,
        service/core/db.py) and returns the new count; a new window forgets the key's old ones."""
        params = {"b_key": key, "b_window": window, "b_by": by}
        with self.db.writing() as conn:
            if self.upsert:
                count = int(conn.execute(_upsert(self.db.engine.dialect.name), params).scalar_one())
            else:  # other databases: a read-modify-write under the row lock
                row = conn.execute(_READ_COUNT.with_for_update(), params).first()
                count = by + (0 if row is None else int(row[0]))
                conn.execute(_INSERT_COUNT if row is None else _ADD_COUNT, params)
            if count == by:
                conn.execute(_FORGET_OLD, params)
        return count

    def count(self, key: str) -> int:
        window = self._window(self.clock())
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

    def cached_user_of(self, token: str) -> int | None:
        """The user of `token` if this cache knows it now, without the database; None: ask `user_of`."""
        return self._cached(hash_token(token), self.clock())

    def _cached(self, digest: str, now: float) -> int | None:
        with self._lock:
            hit = self._seen.get(digest)
        return hit[0] if hit is not None and hit[1] > now else None

    def user_of(self, token: str) -> int | None:
        now, digest = self.clock(), hash_token(token)  # no token is kept in memory as written
        cached = self._cached(digest, now)
        if cached is not None:
            return cached
        user_id = self.users.principal_of(token)
        if user_id is not None:
            with self._lock:
                if len(self._seen) > 10_000:
                    self._seen = {k: v for k, v in self._seen.items() if v[1] > now}
                self._seen[digest] = (user_id, now + self.ttl_s)
        return user_id


def _token(headers: Mapping[str, str]) -> str | None:
    try:
        return bearer_token(headers.get("authorization"))
    except Unauthorized:
        return None  # a malformed header counts against the address (the route answers 401)


def _address_key(request: Request, trusted: tuple[Network, ...]) -> str:
    return "a:" + client_address(request.client.host if request.client else None, request.headers, trusted)


def principal_key(principals: PrincipalCache, request: Request, trusted: tuple[Network, ...]) -> str:
    """The bucket owner: the signed-in user ("u:<id>") whatever the header's spelling, else the
    client's address ("a:<address>"). May ask the database: call it in a thread."""
    token = _token(request.headers)
    user_id = principals.user_of(token) if token else None
    return f"u:{user_id}" if user_id is not None else _address_key(request, trusted)


def cached_principal_key(principals: PrincipalCache, request: Request, trusted: tuple[Network, ...]) -> str | None:
    """`principal_key` without the database: None when a token's owner is not in the cache."""
    token = _token(request.headers)
    if not token:
        return _address_key(request, trusted)
    user_id = principals.cached_user_of(token)
    return f"u:{user_id}" if user_id is not None else None


def limit_for(rule: Rule, settings: Settings) -> int:
    return settings.rate_limit_per_minute


def too_many_requests(limit: int, wait: int) -> JSONResponse:
    return JSONResponse(
        status_code=429,
        content={
            "detail": f"Too many requests: at most {limit} a minute. Wait {wait} seconds and try again. "
            f"(Liian monta pyyntöä. Odota {wait} sekuntia.)"
        },
        headers={"Retry-After": str(wait)},
    )


class RateLimit:
    """ASGI middleware: answers 429 with Retry-After when the request's bucket is spent. The common
    case (a lease in hand, the token's owner cached) is decided here in the event loop; the rest
    hops to a thread, since the principal look-up and the lease claim use the database."""

    def __init__(self, app: ASGIApp, limiter: RateLimiter, settings: Settings, principals: PrincipalCache,
                 trusted: tuple[Network, ...]) -> None:
        self.app, self.limiter, self.settings = app, limiter, settings
        self.principals, self.trusted = principals, trusted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # scope["path"] decides as request.url.path did: they differ only by escaping ?, # and \,
        # which no rule's literal segments contain.
        rule = rule_for(scope["method"], scope["path"]) if scope["type"] == "http" else None
        limit = limit_for(rule, self.settings) if rule is not None else 0
        if rule is not None and limit > 0:
            request = Request(scope)
            key = cached_principal_key(self.principals, request, self.trusted)
            if key is None or not self.limiter.try_leased(f"{rule.name}:{key}", limit):
                wait = await run_in_threadpool(self._hit, rule, request, limit)
                if wait is not None:
                    await too_many_requests(limit, wait)(scope, receive, send)
                    return
        await self.app(scope, receive, send)

    def _hit(self, rule: Rule, request: Request, limit: int) -> int | None:
        return self.limiter.hit(f"{rule.name}:{principal_key(self.principals, request, self.trusted)}", limit)


def install_rate_limits(app: FastAPI, limiter: RateLimiter, settings: Settings, users: UserService) -> None:
    """Adds the `RateLimit` middleware (inside whatever is added after it)."""
    app.add_middleware(RateLimit, limiter=limiter, settings=settings, principals=PrincipalCache(users),
                       trusted=parse_networks(settings.trusted_proxies))
