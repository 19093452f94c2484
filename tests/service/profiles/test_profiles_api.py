"""The profile API: contract, access by role and bad input."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.service.profile_helpers import cashier_text, cleaning_text


def analyse(client: TestClient, headers: dict[str, str], **body: object):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/profiles/analyse", json={"title": "Toimiston siivous", **body}, headers=headers)


def test_analyse_returns_the_profile_contract(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    r = analyse(client, users["teacher"].headers, texts=[cleaning_text()], situations=["calling_in_sick"])
    assert r.status_code == 200, r.text
    profile = r.json()
    assert {"title", "key_terms", "phrases", "grammar", "situations", "skills", "texts"} <= set(profile)
    term = profile["key_terms"][0]
    assert {"lemma", "count", "keyness", "band", "examples"} <= set(term)
    assert set(profile["skills"]) == {"speaking", "listening", "reading", "writing", "interaction"}
    assert all({"cefr", "why"} <= set(v) for v in profile["skills"].values())
    assert profile["texts"][0]["level"] in {"A1", "A2", "B1", "B2", "C1", "C2"}
    assert profile["situations"][0]["id"] == "calling_in_sick"


def test_analyse_stores_nothing(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    analyse(client, users["teacher"].headers, texts=[cleaning_text()])
    assert client.get("/api/v1/profiles", headers=users["teacher"].headers).json()["profiles"] == []


def test_only_teachers_and_admins_create_profiles(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    body = {"title": "Kassa", "texts": [cashier_text()]}
    for role in ("participant", "coach"):
        r = client.post("/api/v1/profiles", json=body, headers=users[role].headers)
        assert r.status_code == 403, role
        assert "teacher" in r.json()["detail"]
    for role in ("teacher", "admin"):
        r = client.post("/api/v1/profiles", json=body, headers=users[role].headers)
        assert r.status_code == 201, r.text
        assert r.json()["version"] == 1 and r.json()["created_by"] == f"test-{role}"


def test_the_owner_and_the_participant_of_its_target_and_their_coach_read_a_profile(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    created = client.post("/api/v1/profiles", json={"title": "Kassa", "texts": [cashier_text()]},
                          headers=users["teacher"].headers).json()
    assert client.get(f"/api/v1/profiles/{created['id']}", headers=users["participant"].headers).status_code == 404
    client.post("/api/v1/participants", headers=users["coach"].headers, json={
        "name": "Amina", "user": users["participant"].name, "target_tasks": [f"profile:{created['id']}"]})
    for role in ("participant", "coach", "teacher", "admin"):
        assert client.get(f"/api/v1/profiles/{created['id']}", headers=users[role].headers).status_code == 200
        listed = client.get("/api/v1/profiles", headers=users[role].headers).json()["profiles"]
        assert [p["id"] for p in listed] == [created["id"]]
    assert client.get(f"/api/v1/profiles/{created['id']}").status_code == 401


def test_participant_cannot_change_a_profile(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    created = client.post("/api/v1/profiles", json={"title": "Kassa", "texts": [cashier_text()]},
                          headers=users["teacher"].headers).json()
    r = client.put(f"/api/v1/profiles/{created['id']}", json={**created, "title": "Muutettu"},
                   headers=users["participant"].headers)
    assert r.status_code == 403
    assert client.get(f"/api/v1/profiles/{created['id']}", headers=users["teacher"].headers).json()["title"] == "Kassa"


def test_english_text_is_refused_as_not_finnish(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    r = analyse(client, users["teacher"].headers,
                texts=["Clean the office every evening. Empty the bins and wipe the desks with a damp cloth."])
    assert r.status_code == 422
    assert "Finnish" in r.json()["detail"]


def test_empty_texts_and_missing_title_are_refused(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    h = users["teacher"].headers
    assert analyse(client, h, texts=[]).status_code == 422
    assert analyse(client, h, texts=["   "]).status_code == 422
    r = client.post("/api/v1/profiles/analyse", json={"title": " ", "texts": [cleaning_text()]}, headers=h)
    assert r.status_code == 422 and "title" in r.json()["detail"]
    r = client.post("/api/v1/profiles/analyse", json={"texts": [cleaning_text()]}, headers=h)
    assert r.status_code == 422 and "title" in r.json()["detail"]


def test_text_over_the_limit_is_413(client: TestClient, users, services) -> None:  # type: ignore[no-untyped-def]
    services.profiles.ingest.max_text_chars = 500
    r = analyse(client, users["teacher"].headers, texts=[cleaning_text()])
    assert r.status_code == 413
    assert "limit" in r.json()["detail"]


def test_unknown_profile_is_404(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/api/v1/profiles/999", headers=users["participant"].headers)
    assert r.status_code == 404 and r.json()["detail"]


def test_importing_a_broken_profile_is_422(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/v1/profiles", json={"title": "X", "skills": {"reading": {"cefr": "Z9"}}},
                    headers=users["teacher"].headers)
    assert r.status_code == 422
    assert "not a valid profile" in r.json()["detail"]


def test_json_export_imports_back_as_a_new_profile(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    h = users["teacher"].headers
    created = client.post("/api/v1/profiles", json={"title": "Kassa", "texts": [cashier_text()]}, headers=h).json()
    exported = client.get(f"/api/v1/profiles/{created['id']}/export?format=json", headers=h)
    assert exported.status_code == 200
    imported = client.post("/api/v1/profiles", content=exported.content,
                           headers={**h, "Content-Type": "application/json"})
    assert imported.status_code == 201
    assert imported.json()["id"] != created["id"]
    assert imported.json()["key_terms"] == created["key_terms"]


def test_shipped_task_profile_is_served(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    tasks = client.get("/api/v1/profiles/tasks", headers=users["participant"].headers).json()["tasks"]
    assert any(t["id"] == "cleaning-office" for t in tasks)
    r = client.get("/api/v1/profiles/tasks/cleaning-office", headers=users["participant"].headers)
    assert r.status_code == 200
    assert r.json()["task_id"] == "cleaning-office"
    assert client.get("/api/v1/profiles/tasks/no-such-task", headers=users["teacher"].headers).status_code == 404


def test_create_without_a_title_is_422_not_500(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/v1/profiles", json={"texts": [cashier_text()]}, headers=users["teacher"].headers)
    assert r.status_code == 422
    assert "title" in r.json()["detail"]
    r = client.post("/api/v1/profiles", json={"title": "X", "texts": ["Pese kädet."], "extra": 1},
                    headers=users["teacher"].headers)
    assert r.status_code == 422
