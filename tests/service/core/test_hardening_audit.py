"""Findings 8 and 10: every write on participant data is in the audit log with the actor's id;
erased text leaves the SQLite files at once; ids of erased people are never given out again."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from service.container import Services
from tests.conftest import ApiUser, add_user

MARKER = "Qvxz-erased-name-5519"


def _trail(services: Services, pid: int) -> list[tuple[str, int | None]]:
    return [(e.action, e.user_id) for e in reversed(services.audit.entries("participant", pid))]


def test_every_write_on_a_participant_is_audited_with_the_actor(
    client: TestClient, services: Services, users: dict[str, ApiUser]
) -> None:
    coach, teacher, participant = users["coach"], users["teacher"], users["participant"]
    created = client.post("/api/v1/participants", headers=coach.headers,
                          json={"name": "Amina", "user": participant.name, "coaches": [teacher.name]})
    assert created.status_code == 201, created.text
    pid = created.json()["id"]
    url = f"/api/v1/participants/{pid}"
    assert client.put(url, json={"work_trial_place": "Kirpputori"}, headers=coach.headers).status_code == 200
    assert client.put(url, json={"teacher_assessment": {"writing": "A2"}}, headers=teacher.headers).status_code == 200
    assert client.put(url, json={"self_assessment": {"speaking": "A2"}}, headers=participant.headers).status_code == 200
    evidence = client.post(f"{url}/evidence", json={"kind": "text", "text": "Minä siivoan toimiston."},
                           headers=participant.headers)
    assert evidence.status_code == 201, evidence.text
    assert client.get(f"{url}/export", headers=participant.headers).status_code == 200
    assert client.delete(url, headers=coach.headers).status_code == 204
    assert _trail(services, pid) == [
        ("create", coach.id), ("update", coach.id), ("update", teacher.id), ("update", participant.id),
        ("evidence", participant.id), ("export", participant.id), ("delete", coach.id),
    ]


def test_refused_writes_are_not_audited_as_done(client: TestClient, services: Services, users: dict[str, ApiUser]) -> None:
    pid = client.post("/api/v1/participants", json={"name": "B"}, headers=users["coach"].headers).json()["id"]
    stranger = add_user(services, "vieras-valmentaja", "coach")
    assert client.put(f"/api/v1/participants/{pid}", json={"name": "X"}, headers=stranger.headers).status_code == 404
    assert client.delete(f"/api/v1/participants/{pid}", headers=stranger.headers).status_code == 404
    assert _trail(services, pid) == [("create", users["coach"].id)]


def test_erase_removes_the_text_from_the_sqlite_files_and_ids_are_never_reused(
    client: TestClient, services: Services, users: dict[str, ApiUser], settings
) -> None:  # type: ignore[no-untyped-def]
    if services.db.engine.dialect.name != "sqlite":
        return  # PostgreSQL: sequences never go back; the file check is SQLite's
    learner = add_user(services, "poistuva", "participant")
    pid = client.post("/api/v1/participants", json={"name": MARKER, "user": "poistuva"},
                      headers=users["coach"].headers).json()["id"]
    services.privacy.erase(None, pid)
    files = [p for p in Path(settings.data_dir).glob("tyokieli.db*") if p.is_file()]
    assert files and all(MARKER.encode() not in p.read_bytes() for p in files)
    again = client.post("/api/v1/participants", json={"name": "Uusi"}, headers=users["coach"].headers).json()["id"]
    assert again > pid
    assert add_user(services, "poistuva", "participant").id > learner.id


def test_a_coach_cannot_link_an_account_with_earlier_results_but_an_admin_can(
    client: TestClient, services: Services, users: dict[str, ApiUser]
) -> None:
    learner = add_user(services, "harjoitellut", "participant")
    scenario = client.get("/api/v1/scenarios", headers=learner.headers).json()["scenarios"][0]["id"]
    assert client.post("/api/v1/simulations", json={"scenario": scenario}, headers=learner.headers).status_code == 201
    refused = client.post("/api/v1/participants", json={"name": "H", "user": "harjoitellut"},
                          headers=users["coach"].headers)
    assert refused.status_code == 403 and "admin" in refused.json()["detail"]
    pid = client.post("/api/v1/participants", json={"name": "H"}, headers=users["coach"].headers).json()["id"]
    later = client.put(f"/api/v1/participants/{pid}", json={"user": "harjoitellut"}, headers=users["coach"].headers)
    assert later.status_code == 403
    fresh = add_user(services, "uusi-oppija", "participant")  # no history: the coach links it
    assert client.put(f"/api/v1/participants/{pid}", json={"user": fresh.name},
                      headers=users["coach"].headers).status_code == 200
    other = client.post("/api/v1/participants", json={"name": "H2", "user": "harjoitellut"},
                        headers=users["admin"].headers)
    assert other.status_code == 201
