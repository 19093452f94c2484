"""List routes show a user only what is theirs: their own practice history, the participants they
coach (or their own record), never another user's objects. Checked on SQLite and PostgreSQL."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.container import Services
from tests.conftest import ApiUser, add_user

SCENARIO = "cleaning-call-in-sick"


def _scenario(client: TestClient, user: ApiUser) -> str:
    r = client.get("/api/v1/scenarios", headers=user.headers)
    assert r.status_code == 200
    ids = [s["id"] for s in r.json()["scenarios"]]
    return SCENARIO if SCENARIO in ids else ids[0]


def _start(client: TestClient, user: ApiUser, scenario: str) -> str:
    r = client.post("/api/v1/simulations", json={"scenario": scenario}, headers=user.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def test_practice_history_lists_only_the_callers_own_sessions(client: TestClient, services: Services) -> None:
    amina, bashir = add_user(services, "amina", "participant"), add_user(services, "bashir", "participant")
    scenario = _scenario(client, amina)
    mine = {_start(client, amina, scenario), _start(client, amina, scenario)}
    theirs = _start(client, bashir, scenario)
    listed = client.get("/api/v1/simulations", headers=amina.headers).json()
    ids = {s["id"] for s in listed["sessions"]}
    assert ids == mine and theirs not in ids
    assert {s["id"] for s in client.get("/api/v1/simulations", headers=bashir.headers).json()["sessions"]} == {theirs}


def test_participant_list_shows_a_coach_only_their_own_participants(client: TestClient, services: Services) -> None:
    coach_a, coach_b = add_user(services, "coach-a", "coach"), add_user(services, "coach-b", "coach")
    add_user(services, "pia", "participant")
    a1 = client.post("/api/v1/participants", json={"name": "Aaro"}, headers=coach_a.headers).json()["id"]
    b1 = client.post("/api/v1/participants", json={"name": "Bea", "user": "pia"}, headers=coach_b.headers).json()["id"]
    seen_a = {p["id"] for p in client.get("/api/v1/participants", headers=coach_a.headers).json()["participants"]}
    seen_b = {p["id"] for p in client.get("/api/v1/participants", headers=coach_b.headers).json()["participants"]}
    assert seen_a == {a1} and seen_b == {b1}


def test_a_participant_sees_only_their_own_record_and_a_teacher_none_unassigned(client: TestClient,
                                                                              services: Services) -> None:
    coach = add_user(services, "coach-c", "coach")
    pia, other = add_user(services, "pia2", "participant"), add_user(services, "olli", "participant")
    teacher = add_user(services, "teacher-t", "teacher")
    own = client.post("/api/v1/participants", json={"name": "Pia", "user": "pia2"}, headers=coach.headers).json()["id"]
    client.post("/api/v1/participants", json={"name": "Olli", "user": "olli"}, headers=coach.headers)
    listed = client.get("/api/v1/participants", headers=pia.headers).json()["participants"]
    assert [p["id"] for p in listed] == [own]
    assert client.get("/api/v1/participants", headers=teacher.headers).json()["participants"] == []
    assert all(p["id"] != own for p in client.get("/api/v1/participants", headers=other.headers).json()["participants"])
