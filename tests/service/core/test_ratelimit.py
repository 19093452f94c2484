"""The rate-limit middleware: 429 with Retry-After from inside the app, and the common case (a
lease in hand, the token's owner cached) decided without the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route, WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocket

from service.core.db import Database
from service.core.ratelimit import PrincipalCache, RateLimit, RateLimiter
from service.core.settings import Settings


class FakeClock:
    def __init__(self, now: float = 1_000_020.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class FakeUsers:
    """Token "good" belongs to user 7; counts the look-ups."""

    def __init__(self) -> None:
        self.calls = 0

    def principal_of(self, token: str) -> int | None:
        self.calls += 1
        return 7 if token == "good" else None


class RecordingLimiter(RateLimiter):
    """A real limiter that records the hits that went the slow way (thread and database)."""

    def __init__(self, db: Database, clock: FakeClock) -> None:
        super().__init__(db, clock=clock)
        self.slow_hits: list[str] = []

    def hit(self, key: str, limit: int) -> int | None:
        self.slow_hits.append(key)
        return super().hit(key, limit)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'limits.db'}")
    database.migrate()
    yield database
    database.dispose()


def limited_app(limiter: RateLimiter, users: FakeUsers, per_minute: int) -> TestClient:
    async def analysis(_: Request) -> PlainTextResponse:
        return PlainTextResponse("ok")

    async def echo(ws: WebSocket) -> None:
        await ws.accept()
        await ws.send_text("hello")
        await ws.close()

    app = Starlette(routes=[Route("/api/v1/analysis", analysis, methods=["POST"]), WebSocketRoute("/ws", echo)])
    settings = Settings(rate_limit_per_minute=per_minute, environment="test")
    app.add_middleware(RateLimit, limiter=limiter, settings=settings, principals=PrincipalCache(users),  # type: ignore[arg-type]
                       trusted=())
    return TestClient(app)


def test_the_principal_cache_answers_from_memory_only_for_a_token_it_has_seen(db: Database) -> None:
    users = FakeUsers()
    cache = PrincipalCache(users, ttl_s=30, clock=FakeClock(100.0))  # type: ignore[arg-type]
    assert cache.cached_user_of("good") is None and users.calls == 0  # never the database
    assert cache.user_of("good") == 7
    assert cache.cached_user_of("good") == 7 and users.calls == 1


def test_try_leased_serves_only_what_a_claimed_lease_still_holds(db: Database) -> None:
    limiter = RateLimiter(db, clock=FakeClock())
    assert not limiter.try_leased("search:u:1", 60)  # no lease yet: the caller must `hit`
    assert limiter.hit("search:u:1", 60) is None  # claims six, serves one
    assert [limiter.try_leased("search:u:1", 60) for _ in range(6)] == [True] * 5 + [False]
    assert limiter.count("search:u:1") == 6  # nothing served beyond what was counted
    assert limiter.try_leased("search:u:1", 0)  # a limit of 0 switches the bucket off


def test_a_signed_in_learner_with_a_lease_in_hand_is_not_sent_to_the_database(db: Database) -> None:
    limiter, users = RecordingLimiter(db, FakeClock()), FakeUsers()
    client = limited_app(limiter, users, per_minute=60)  # leases of six
    codes = [client.post("/api/v1/analysis", headers={"Authorization": "Bearer good"}).status_code
             for _ in range(7)]
    assert codes == [200] * 7
    assert limiter.slow_hits == ["analysis:u:7", "analysis:u:7"]  # the first and the seventh claim a lease
    assert users.calls == 1


def test_a_spent_bucket_gets_429_with_retry_after(db: Database) -> None:
    limiter, users = RecordingLimiter(db, FakeClock(1_000_040.0)), FakeUsers()
    client = limited_app(limiter, users, per_minute=2)
    codes = [client.post("/api/v1/analysis").status_code for _ in range(3)]  # no token: the address's bucket
    refused = client.post("/api/v1/analysis")
    assert codes == [200, 200, 429] and refused.status_code == 429
    assert refused.headers["Retry-After"] == "40"
    assert "at most 2 a minute" in refused.json()["detail"]


def test_websockets_and_unlimited_routes_pass_through(db: Database) -> None:
    limiter, users = RecordingLimiter(db, FakeClock()), FakeUsers()
    client = limited_app(limiter, users, per_minute=1)
    with client.websocket_connect("/ws") as ws:
        assert ws.receive_text() == "hello"
    assert client.get("/api/v1/analysis").status_code == 405  # GET has no rule
    assert limiter.slow_hits == []


@pytest.mark.postgres
def test_the_postgresql_upsert_counts_the_same(database_url: str) -> None:
    database = Database(database_url)
    try:
        test_the_shared_counter_adds_up_and_a_new_window_forgets_the_old_one(database, upsert=True)
    finally:
        database.dispose()


@pytest.mark.parametrize("upsert", [True, False])
def test_the_shared_counter_adds_up_and_a_new_window_forgets_the_old_one(db: Database, upsert: bool) -> None:
    clock = FakeClock(now=600.0)
    limiter = RateLimiter(db, clock=clock)
    limiter.upsert = upsert  # False: the read-modify-write other databases get
    assert [limiter._increment("k", 600, 3), limiter._increment("k", 600, 2), limiter._increment("j", 600)] == [3, 5, 1]
    clock.now = 660.0
    assert limiter.count("k") == 0 and limiter._increment("k", 660, 4) == 4
    with db.engine.connect() as conn:
        windows = sorted(conn.exec_driver_sql("SELECT key, window_start, count FROM rate_limit_hits").all())
    assert windows == [("j", 600, 1), ("k", 660, 4)]  # k's old window is gone, j's is not k's to forget
