"""Stored profiles keep every version: who changed what and when; a stale save is refused."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.core.auth import CurrentUser
from service.core.errors import Conflict, Forbidden
from tests.service.profile_helpers import cashier_text


@pytest.fixture
def stored(client: TestClient, users) -> dict:  # type: ignore[no-untyped-def]
    r = client.post("/api/v1/profiles", json={"title": "Kassa", "texts": [cashier_text()]}, headers=users["teacher"].headers)
    assert r.status_code == 201
    # the participant (and their coach) read the profiles of the participant's targets
    p = client.post("/api/v1/participants", headers=users["coach"].headers, json={
        "name": "Amina", "user": users["participant"].name, "target_tasks": [f"profile:{r.json()['id']}"]})
    assert p.status_code == 201, p.text
    return r.json()


def test_a_save_makes_a_new_version_with_who_and_what(client: TestClient, users, stored) -> None:  # type: ignore[no-untyped-def]
    edited = {**stored, "title": "Kierrätyskeskuksen kassa", "notes": "Harjoitellaan kuittia."}
    edited["skills"]["speaking"] = {"cefr": "B1", "why": "Asiakkaat kysyvät paljon."}
    r = client.put(f"/api/v1/profiles/{stored['id']}", json=edited, headers=users["admin"].headers)
    assert r.status_code == 200, r.text
    assert r.json()["version"] == 2
    assert r.json()["updated_by"] == "test-admin" and r.json()["created_by"] == "test-teacher"
    again = client.get(f"/api/v1/profiles/{stored['id']}", headers=users["participant"].headers).json()
    assert again["skills"]["speaking"]["cefr"] == "B1" and again["notes"] == "Harjoitellaan kuittia."
    history = client.get(f"/api/v1/profiles/{stored['id']}/versions", headers=users["coach"].headers).json()["versions"]
    assert [v["version"] for v in history] == [1, 2]
    assert history[1]["changed_by"] == "test-admin"
    assert set(history[1]["changed_fields"]) == {"title", "notes", "skills"}
    assert history[1]["changed_at"]


def test_a_stale_version_is_refused_with_409_and_changes_nothing(client: TestClient, users, stored) -> None:  # type: ignore[no-untyped-def]
    h = users["teacher"].headers
    first = client.put(f"/api/v1/profiles/{stored['id']}", json={**stored, "notes": "ensimmäinen"}, headers=h)
    assert first.status_code == 200
    stale = client.put(f"/api/v1/profiles/{stored['id']}", json={**stored, "notes": "toinen"}, headers=h)
    assert stale.status_code == 409
    assert "Reload" in stale.json()["detail"] and stale.json()["current_version"] == 2
    current = client.get(f"/api/v1/profiles/{stored['id']}", headers=h).json()
    assert current["notes"] == "ensimmäinen" and current["version"] == 2


def test_put_without_a_version_is_422(client: TestClient, users, stored) -> None:  # type: ignore[no-untyped-def]
    body = {k: v for k, v in stored.items() if k != "version"}
    r = client.put(f"/api/v1/profiles/{stored['id']}", json=body, headers=users["teacher"].headers)
    assert r.status_code == 422 and "version" in r.json()["detail"]


def test_put_with_a_broken_level_is_422_and_keeps_the_profile(client: TestClient, users, stored) -> None:  # type: ignore[no-untyped-def]
    body = {**stored, "skills": {**stored["skills"], "reading": {"cefr": "A7", "why": ""}}}
    r = client.put(f"/api/v1/profiles/{stored['id']}", json=body, headers=users["teacher"].headers)
    assert r.status_code == 422
    assert client.get(f"/api/v1/profiles/{stored['id']}", headers=users["teacher"].headers).json()["version"] == 1


def test_service_refuses_a_coach_and_a_stale_save(services, stored) -> None:  # type: ignore[no-untyped-def]
    coach = CurrentUser(id=1, name="c", role="coach")
    with pytest.raises(Forbidden):
        services.profiles.update(coach, stored["id"], stored, 1)
    teacher = services.users.by_name("test-teacher")
    services.profiles.update(teacher, stored["id"], {**stored, "notes": "a"}, 1)
    with pytest.raises(Conflict):
        services.profiles.update(teacher, stored["id"], {**stored, "notes": "b"}, 1)


def test_a_profile_shared_with_all_teachers_for_editing_is_saved_by_another(client: TestClient, services, users, stored) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import add_user

    other = add_user(services, "toinen-opettaja", "teacher")
    shared = client.put(f"/api/v1/profiles/{stored['id']}/sharing", json={"all_teachers": "edit"},
                        headers=users["teacher"].headers)
    assert shared.status_code == 200
    r = client.put(f"/api/v1/profiles/{stored['id']}", json={**stored, "notes": "lisäys"}, headers=other.headers)
    assert r.status_code == 200 and r.json()["updated_by"] == "toinen-opettaja"


def test_an_old_version_can_be_read_back(client: TestClient, users, stored) -> None:  # type: ignore[no-untyped-def]
    h = users["teacher"].headers
    client.put(f"/api/v1/profiles/{stored['id']}", json={**stored, "title": "Uusi nimi"}, headers=h)
    old = client.get(f"/api/v1/profiles/{stored['id']}/versions/1", headers=users["participant"].headers)
    assert old.status_code == 200
    assert old.json()["profile"]["title"] == "Kassa" and old.json()["changed_by"] == "test-teacher"
    assert client.get(f"/api/v1/profiles/{stored['id']}/versions/9", headers=h).status_code == 404


def test_two_simultaneous_saves_of_one_version_let_exactly_one_win(services, stored) -> None:  # type: ignore[no-untyped-def]
    import threading

    teacher = services.users.by_name("test-teacher")
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def save(note: str) -> None:
        start.wait()
        try:
            services.profiles.update(teacher, stored["id"], {**stored, "notes": note}, 1)
            outcomes.append("saved")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    assert services.profiles.get(stored["id"])["version"] == 2
    assert [v["version"] for v in services.profiles.history(stored["id"])] == [1, 2]
