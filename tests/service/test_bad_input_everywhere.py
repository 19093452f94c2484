"""Bad input on every route that takes a JSON body: invalid UTF-8, not JSON, the wrong type, NUL
bytes, a body over the size limit. Each answers 4xx with a readable `detail`, never a 5xx, and
nothing is stored."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import MetaData, func, select

from service.container import Services
from tests.conftest import ApiUser

COUNTERS = {"audit_log", "rate_limit_hits", "alembic_version"}  # bookkeeping, not user data


def _json_routes(client: TestClient) -> list[tuple[str, str]]:
    out = []
    for path, ops in client.get("/openapi.json").json()["paths"].items():
        for method, op in ops.items():
            content = (op.get("requestBody") or {}).get("content", {})
            if "application/json" in content:
                filled = path.replace("{participant_id}", "1").replace("{profile_id}", "1")
                filled = filled.replace("{session_id}", "x").replace("{scenario_id}", "x")
                out.append((method.upper(), filled))
    return out


def _row_counts(services: Services) -> dict[str, int]:
    meta = MetaData()
    meta.reflect(bind=services.db.engine)
    with services.db.engine.connect() as conn:
        return {
            name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
            for name, table in meta.tables.items()
            if name not in COUNTERS
        }


BAD_BODIES: list[tuple[str, bytes]] = [
    ("invalid UTF-8", b'{"text": "Hei \xff\xfe maailma"}'),
    ("not JSON", b"{this is not json"),
    ("a list instead of an object", b"[1, 2, 3]"),
    ("null", b"null"),
    ("NUL bytes", b'{"text": "Hei\\u0000maailma", "title": "\\u0000", "name": "\\u0000", "texts": ["\\u0000"]}'),
]


def test_every_json_route_refuses_bad_bodies_with_a_readable_4xx_and_stores_nothing(
    client: TestClient, services: Services, users: dict[str, ApiUser]
) -> None:
    routes = _json_routes(client)
    assert len(routes) >= 5
    before = _row_counts(services)
    failures: list[str] = []
    for method, path in routes:
        for what, body in BAD_BODIES:
            r = client.request(method, path, content=body,
                               headers={**users["admin"].headers, "Content-Type": "application/json"})
            detail: Any = r.json().get("detail") if r.headers.get("content-type", "").startswith("application/json") else None
            if what == "NUL bytes" and r.status_code < 300:
                continue  # a NUL inside a string may be acceptable text for some routes
            if not (400 <= r.status_code < 500) or not isinstance(detail, str) or not detail:
                failures.append(f"{method} {path} with {what}: {r.status_code} {r.text[:200]}")
    assert not failures, "\n".join(failures)
    after = _row_counts(services)
    changed = {t: (before.get(t), n) for t, n in after.items() if before.get(t) != n and t != "users"}
    assert not changed, f"bad input changed stored data: {changed}"


def test_a_body_over_the_size_limit_is_refused_before_it_is_read(
    client: TestClient, services: Services, users: dict[str, ApiUser]
) -> None:
    limit = max(services.settings.max_upload_bytes, services.settings.max_text_chars * 6) + 64 * 1024
    for method, path in _json_routes(client):
        r = client.request(method, path, content=b"x" * (limit + 1),
                           headers={**users["admin"].headers, "Content-Type": "application/json"})
        assert r.status_code == 413, f"{method} {path}: {r.status_code}"
        assert "too large" in r.json()["detail"]


def test_nul_bytes_in_otherwise_valid_bodies_never_crash_the_database(
    client: TestClient, users: dict[str, ApiUser]
) -> None:
    # PostgreSQL cannot store NUL in text: such input must be refused (or cleaned), never a 5xx.
    h = users["coach"].headers
    cases = [
        ("POST", "/api/v1/participants", {"name": "Am\u0000ina"}, h),
        ("POST", "/api/v1/analysis", {"text": "Hei\u0000 maailma."}, h),
        ("POST", "/api/v1/feedback", {"text": "Minä\u0000 olen."}, h),
        ("POST", "/api/v1/simulations", {"scenario": "x\u0000y"}, users["participant"].headers),
    ]
    for method, path, body, headers in cases:
        r = client.request(method, path, json=body, headers=headers)
        assert r.status_code < 500, f"{method} {path}: {r.status_code} {r.text[:200]}"


def test_ids_beyond_the_databases_integer_range_are_refused_not_crashed(
    client: TestClient, users: dict[str, ApiUser]
) -> None:
    for path in ("/api/v1/participants/3000000000", "/api/v1/profiles/99999999999"):
        r = client.get(path, headers=users["admin"].headers)
        assert r.status_code in (404, 422), f"{path}: {r.status_code} {r.text[:200]}"
