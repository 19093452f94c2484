"""Security infrastructure: migrations on both databases, shared rate limits, the audit log,
security headers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect

from service.container import Services, build_services
from service.core.auth import CurrentUser
from service.core.db import Database
from service.core.ratelimit import PrincipalCache, RateLimiter, lease_size, rule_for
from tests.conftest import ApiUser, add_user, make_settings
from tests.pg import PostgresCluster
from tyokieli.app import API_CSP, UI_CSP, create_app


class FakeClock:
    def __init__(self, now: float = 1_000_020.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_migrations_create_the_security_tables(services: Services) -> None:
    tables = set(inspect(services.db.engine).get_table_names())
    assert {"users", "api_tokens", "audit_log", "rate_limit_hits"} <= tables


@pytest.mark.postgres
def test_migrations_run_on_an_empty_postgresql_database(postgres_cluster: PostgresCluster) -> None:
    url = postgres_cluster.create_database(migrated=False)
    db = Database(url)
    try:
        assert inspect(db.engine).get_table_names() == []
        db.migrate()
        db.migrate()  # a second run changes nothing
        assert {"users", "audit_log", "rate_limit_hits"} <= set(inspect(db.engine).get_table_names())
    finally:
        db.dispose()
        postgres_cluster.drop_database(url)


def test_rate_limiter_refuses_over_the_limit_and_says_how_long_to_wait(services: Services) -> None:
    clock = FakeClock(1_000_040.0)  # 20 s into a one-minute window (windows start at 1_000_020)
    limiter = RateLimiter(services.db, clock=clock)
    assert [limiter.hit("analysis:t:abc", 3) for _ in range(3)] == [None, None, None]
    assert limiter.hit("analysis:t:abc", 3) == 40
    assert limiter.hit("analysis:t:other", 3) is None  # another token has its own bucket
    clock.now += 60
    assert limiter.hit("analysis:t:abc", 3) is None  # a new window starts afresh
    assert limiter.count("analysis:t:abc") == 1


def test_rate_limit_counters_are_shared_by_every_worker_on_one_database(services: Services) -> None:
    clock = FakeClock()
    worker_a = RateLimiter(services.db, clock=clock)
    other_db = Database(services.db.url)  # a second process has its own engine and pool
    try:
        worker_b = RateLimiter(other_db, clock=clock)
        assert worker_a.hit("search:t:x", 2) is None
        assert worker_b.hit("search:t:x", 2) is None
        assert worker_a.hit("search:t:x", 2) is not None
        assert worker_b.count("search:t:x") == 3
    finally:
        other_db.dispose()


def test_a_limit_of_zero_switches_the_bucket_off(services: Services) -> None:
    limiter = RateLimiter(services.db)
    assert all(limiter.hit("k", 0) is None for _ in range(5))
    assert limiter.count("k") == 0


def test_expensive_endpoints_and_sign_in_have_rate_limit_rules() -> None:
    assert rule_for("POST", "/api/v1/analysis").name == "analysis"  # type: ignore[union-attr]
    assert rule_for("POST", "/api/v1/simulations/abc/turns").name == "simulation_turn"  # type: ignore[union-attr]
    assert rule_for("GET", "/api/v1/search").name == "search"  # type: ignore[union-attr]
    assert rule_for("POST", "/api/v1/simulations/abc/hint").name == "simulation_turn"  # type: ignore[union-attr]
    assert rule_for("POST", "/api/v1/profiles/upload").name == "profile_analyse"  # type: ignore[union-attr]
    assert rule_for("POST", "/api/v1/feedback").name == "feedback"  # type: ignore[union-attr]
    assert rule_for("POST", "/ui/login") is None  # the sign-in back-off of service/core/signin.py
    assert rule_for("GET", "/api/v1/analysis") is None
    assert rule_for("GET", "/health") is None


@pytest.fixture
def limited(tmp_path: Path, database_url: str | None, analyser: object) -> Iterator[tuple[TestClient, Services]]:
    extra = {"database_url": database_url} if database_url else {}
    settings = make_settings(tmp_path, rate_limit_per_minute=2, sign_in_attempts_per_minute=3, **extra)
    services = build_services(settings)
    with TestClient(create_app(settings, services, with_ui=False)) as client:
        yield client, services
    services.close()


@pytest.mark.parametrize("db_backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_third_analysis_in_a_minute_gets_429_with_retry_after(limited: tuple[TestClient, Services]) -> None:
    client, services = limited
    user = add_user(services, "busy", "participant")
    other = add_user(services, "calm", "participant")
    codes = [client.post("/api/v1/analysis", json={"text": "Hei."}, headers=user.headers).status_code for _ in range(3)]
    assert codes[:2] == [200, 200]
    # The third may fall in a new window when the minute turns; a fourth in the same window cannot.
    if codes[2] == 200:
        codes.append(client.post("/api/v1/analysis", json={"text": "Hei."}, headers=user.headers).status_code)
    refused = client.post("/api/v1/analysis", json={"text": "Hei."}, headers=user.headers)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert "Too many requests" in refused.json()["detail"]
    assert refused.headers["X-Content-Type-Options"] == "nosniff"
    assert client.post("/api/v1/analysis", json={"text": "Hei."}, headers=other.headers).status_code == 200


@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)
def test_sign_in_attempts_are_limited_per_address(limited: tuple[TestClient, Services]) -> None:
    client, _ = limited
    codes = [client.post("/ui/login", data={"username": "x", "password": "y"}).status_code for _ in range(8)]
    assert 429 in codes
    assert codes.index(429) <= 4  # three a minute, perhaps one more when the minute turns


def test_api_answers_carry_security_headers_and_a_strict_csp(client: TestClient, users: dict[str, ApiUser]) -> None:
    response = client.get("/health")
    assert response.headers["Content-Security-Policy"] == API_CSP
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    docs = client.get("/docs").headers["Content-Security-Policy"]  # Swagger UI: its CDN and hashed inline script
    assert "'unsafe-inline'" not in docs.split("script-src", 1)[1].split(";", 1)[0] and "'sha256-" in docs
    assert "'unsafe-eval'" not in UI_CSP and "frame-ancestors 'self'" in UI_CSP


def test_cors_is_closed_unless_origins_are_configured(client: TestClient) -> None:
    response = client.options(
        "/api/v1/analysis",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in response.headers


def test_audit_log_records_who_read_which_participant(services: Services) -> None:
    coach = CurrentUser(7, "coach-anna", "coach")
    services.audit.record(coach, "read", "participant", 42)
    services.audit.record(coach, "export", "participant", 43)
    services.audit.record(None, "erase", "participant", 42)
    entries = services.audit.entries("participant", 42)
    assert [(e.action, e.user_name) for e in entries] == [("erase", "(system)"), ("read", "coach-anna")]
    assert entries[1].user_id == 7 and entries[1].at.tzinfo is not None
    assert [e.object_id for e in services.audit.entries(user_id=7)] == ["43", "42"]


def test_audit_log_refuses_unknown_actions(services: Services) -> None:
    with pytest.raises(ValueError):
        services.audit.record(None, "peek", "participant", 1)


def test_audit_api_is_for_admins_only(client: TestClient, services: Services, users: dict[str, ApiUser]) -> None:
    services.audit.record(CurrentUser(users["coach"].id, "test-coach", "coach"), "read", "participant", 5)
    assert client.get("/api/v1/audit").status_code == 401
    for role in ("participant", "teacher", "coach"):
        assert client.get("/api/v1/audit", headers=users[role].headers).status_code == 403
    response = client.get(
        "/api/v1/audit", params={"object_type": "participant", "object_id": "5"}, headers=users["admin"].headers
    )
    assert response.status_code == 200
    (entry,) = response.json()["entries"]
    assert entry["user_name"] == "test-coach" and entry["action"] == "read"
    assert client.get("/api/v1/audit", params={"limit": 0}, headers=users["admin"].headers).status_code == 422


def test_a_process_claims_hits_in_leases_so_a_busy_bucket_is_written_once_per_lease(services: Services) -> None:
    limiter = RateLimiter(services.db, clock=FakeClock())
    assert lease_size(60) == 6 and lease_size(3) == 1 and lease_size(10_000) == 8
    assert limiter.hit("simulation_turn:u:1", 60) is None
    assert limiter.count("simulation_turn:u:1") == 6  # one upsert claimed six hits
    assert all(limiter.hit("simulation_turn:u:1", 60) is None for _ in range(5))
    assert limiter.count("simulation_turn:u:1") == 6  # served from the lease, nothing written
    assert limiter.hit("simulation_turn:u:1", 60) is None
    assert limiter.count("simulation_turn:u:1") == 12


@pytest.mark.parametrize("limit", [1, 2, 7, 25, 60, 200])
def test_workers_sharing_a_counter_never_serve_more_than_the_limit_together(services: Services, limit: int) -> None:
    clock = FakeClock()
    other_db = Database(services.db.url)
    try:
        workers = [RateLimiter(services.db, clock=clock), RateLimiter(other_db, clock=clock)]
        served = sum(workers[i % 2].hit("search:u:9", limit) is None for i in range(limit * 2 + 10))
        assert limit - (lease_size(limit) - 1) <= served <= limit
    finally:
        other_db.dispose()


def test_the_rate_limit_owner_of_a_token_is_looked_up_once_in_a_burst() -> None:
    class CountingUsers:
        calls = 0

        def principal_of(self, token: str) -> int | None:
            self.calls += 1
            return 7 if token == "good" else None

    users = CountingUsers()
    clock = FakeClock(100.0)
    cache = PrincipalCache(users, ttl_s=30, clock=clock)  # type: ignore[arg-type]
    assert [cache.user_of("good") for _ in range(5)] == [7] * 5 and users.calls == 1
    assert [cache.user_of("bad") for _ in range(3)] == [None] * 3 and users.calls == 4  # unknown tokens never cached
    clock.now += 31
    assert cache.user_of("good") == 7 and users.calls == 5  # looked up again after the time to live
