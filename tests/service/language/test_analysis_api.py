"""POST /api/v1/analysis: the contract, sign-in, and a matrix of bad input."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ApiUser


def test_health_is_open(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_docs_and_openapi_are_open(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    assert "/api/v1/analysis" in client.get("/openapi.json").json()["paths"]


def test_analysis_returns_tokens_sentences_and_level(client: TestClient, users: dict[str, ApiUser]) -> None:
    text = "Siivoan potilashuoneen. Vien roskat jätehuoneeseen."
    response = client.post("/api/v1/analysis", json={"text": text}, headers=users["participant"].headers)
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"tokens", "sentences", "level"}
    first = body["tokens"][0]
    assert {"text", "start", "end", "lemma", "upos", "feats"} <= set(first)
    assert first["lemma"] == "siivota" and first["upos"] == "VERB"
    assert len(body["sentences"]) == 2
    assert body["level"]["cefr"] in {"A1", "A2", "B1", "B2", "C1", "C2"}
    for tok in body["tokens"]:
        assert text[tok["start"] : tok["end"]] == tok["text"]


def test_analysis_needs_a_token(client: TestClient) -> None:
    response = client.post("/api/v1/analysis", json={"text": "Hei"})
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


def test_a_wrong_token_is_refused(client: TestClient) -> None:
    response = client.post("/api/v1/analysis", json={"text": "Hei"}, headers={"Authorization": "Bearer tk_nope"})
    assert response.status_code == 401


def test_a_revoked_token_is_refused(client: TestClient, users: dict[str, ApiUser], services) -> None:  # type: ignore[no-untyped-def]
    user = users["teacher"]
    assert services.users.revoke_token(user.token)
    response = client.post("/api/v1/analysis", json={"text": "Hei"}, headers=user.headers)
    assert response.status_code == 401 and "revoked" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"text": ""}, 422),
        ({"text": "   \n\t "}, 422),
        ({}, 422),
        ({"text": 5}, 422),
        ({"text": None}, 422),
        ({"text": ["a"]}, 422),
    ],
)
def test_bad_input_gets_a_clear_4xx(client: TestClient, users: dict[str, ApiUser], body: object, status: int) -> None:
    response = client.post("/api/v1/analysis", json=body, headers=users["participant"].headers)
    assert response.status_code == status
    assert isinstance(response.json()["detail"], str) and response.json()["detail"]


def test_text_over_the_limit_is_413_with_the_limit(client: TestClient, users: dict[str, ApiUser], settings) -> None:  # type: ignore[no-untyped-def]
    text = "sana " * (settings.max_text_chars // 5 + 1)
    response = client.post("/api/v1/analysis", json={"text": text}, headers=users["participant"].headers)
    assert response.status_code == 413
    assert f"{settings.max_text_chars:,}" in response.json()["detail"]


def test_invalid_json_is_422(client: TestClient, users: dict[str, ApiUser]) -> None:
    headers = {**users["participant"].headers, "Content-Type": "application/json"}
    response = client.post("/api/v1/analysis", content=b'{"text": "kesken', headers=headers)
    assert response.status_code == 422
    assert "JSON" in response.json()["detail"]


def test_invalid_utf8_body_is_4xx(client: TestClient, users: dict[str, ApiUser]) -> None:
    headers = {**users["participant"].headers, "Content-Type": "application/json"}
    response = client.post("/api/v1/analysis", content=b'{"text": "\xff\xfe"}', headers=headers)
    assert 400 <= response.status_code < 500


def test_control_characters_and_nul_bytes_never_crash(client: TestClient, users: dict[str, ApiUser]) -> None:
    text = "Pese\u0000 kädet\u0007.\u001b Siivoa\u200b huone."
    response = client.post("/api/v1/analysis", json={"text": text}, headers=users["participant"].headers)
    assert response.status_code == 200
    for tok in response.json()["tokens"]:
        assert text[tok["start"] : tok["end"]] == tok["text"]


def test_huge_bodies_are_refused_before_parsing(client: TestClient, users: dict[str, ApiUser]) -> None:
    headers = {**users["participant"].headers, "Content-Type": "application/json"}
    response = client.post("/api/v1/analysis", content=b"x" * (10 * 1024 * 1024), headers=headers)
    assert response.status_code == 413


def test_responses_carry_security_headers(client: TestClient) -> None:
    response = client.get("/health")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
