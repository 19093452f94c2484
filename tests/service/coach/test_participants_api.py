"""Participants over the API: creating, reading and changing them, and who may do what."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ApiUser, add_user


def create(client: TestClient, coach: ApiUser, **body: Any) -> dict[str, Any]:
    body.setdefault("name", "Amina")
    r = client.post("/api/v1/participants", json=body, headers=coach.headers)
    assert r.status_code == 201, r.text
    return r.json()


def test_coach_creates_a_participant_and_is_assigned(client: TestClient, users: dict[str, ApiUser]) -> None:
    p = create(client, users["coach"], languages=["somali", "arabia"], target_tasks=["recycling-cashier"],
               work_trial_place="Kierrätyskeskus Kiertonet", work_trial_tasks=["Palvelen asiakkaita kassalla."],
               teacher_assessment={"speaking": "a2"})
    assert p["id"] > 0
    assert p["target_tasks"] == ["recycling-cashier"]
    assert p["teacher_assessment"] == {"speaking": "A2"}
    assert [c["name"] for c in p["coaches"]] == ["test-coach"]
    listed = client.get("/api/v1/participants", headers=users["coach"].headers).json()["participants"]
    assert [x["id"] for x in listed] == [p["id"]]


def test_target_task_can_be_given_by_its_title(client: TestClient, users: dict[str, ApiUser]) -> None:
    p = create(client, users["coach"], target_tasks=["toimiston siivous"])
    assert p["target_tasks"] == ["cleaning-office"]


@pytest.mark.parametrize("body, fragment", [
    ({"name": "A", "self_assessment": {"speaking": "D1"}}, "not a level"),
    ({"name": "A", "teacher_assessment": {"speaking": "B3"}}, "not a level"),
    ({"name": "A", "teacher_assessment": {"singing": "B1"}}, "unknown skill"),
    ({"name": "A", "target_tasks": ["astronaut"]}, "No task or profile"),
    ({"name": "  "}, "name"),
    ({"name": "A", "coach": "nobody-here"}, "no user"),
])
def test_bad_participant_input_is_refused_with_422(client: TestClient, users: dict[str, ApiUser],
                                                   body: dict[str, Any], fragment: str) -> None:
    r = client.post("/api/v1/participants", json=body, headers=users["coach"].headers)
    assert r.status_code == 422
    assert fragment in r.json()["detail"]


def test_unknown_participant_is_404(client: TestClient, users: dict[str, ApiUser]) -> None:
    r = client.get("/api/v1/participants/999", headers=users["admin"].headers)
    assert r.status_code == 404
    assert "participant" in r.json()["detail"]


def test_access_matrix(client: TestClient, services, users: dict[str, ApiUser]) -> None:  # type: ignore[no-untyped-def]
    other_coach = add_user(services, "other-coach", "coach")
    other_participant = add_user(services, "other-participant", "participant")
    p = create(client, users["coach"], user=users["participant"].name, coaches=[users["teacher"].name])
    pid = p["id"]
    url = f"/api/v1/participants/{pid}"

    # reading
    for who in (users["coach"], users["teacher"], users["admin"], users["participant"]):
        assert client.get(url, headers=who.headers).status_code == 200, who.role
    for who in (other_coach, other_participant):
        assert client.get(url, headers=who.headers).status_code == 404, who.name
        assert client.get(url + "/readiness", headers=who.headers).status_code == 404
        listed = client.get("/api/v1/participants", headers=who.headers).json()["participants"]
        assert listed == []
    assert client.get(url).status_code == 401

    # changing
    assert client.put(url, json={"work_trial_place": "Kirpputori"}, headers=other_coach.headers).status_code == 404
    assert client.put(url, json={"work_trial_place": "Kirpputori"}, headers=users["coach"].headers).status_code == 200
    assert client.put(url, json={"work_trial_place": "X"}, headers=users["admin"].headers).status_code == 200
    assert client.put(url, json={"self_assessment": {"speaking": "A2"}}, headers=other_participant.headers).status_code == 404
    own = client.put(url, json={"self_assessment": {"speaking": "b1"}}, headers=users["participant"].headers)
    assert own.status_code == 200 and own.json()["self_assessment"] == {"speaking": "B1"}
    assert client.put(url, json={"name": "Someone"}, headers=users["participant"].headers).status_code == 403
    assert client.put(url, json={"self_assessment": {"speaking": "C1"}}, headers=users["coach"].headers).status_code == 403
    teacher = client.put(url, json={"teacher_assessment": {"writing": "A2"}}, headers=users["teacher"].headers)
    assert teacher.status_code == 200 and teacher.json()["teacher_assessment"] == {"writing": "A2"}
    assert client.put(url, json={"name": "T"}, headers=users["teacher"].headers).status_code == 403

    # creating
    for who in (users["participant"], users["teacher"]):
        r = client.post("/api/v1/participants", json={"name": "B"}, headers=who.headers)
        assert r.status_code == 403


def test_admin_sees_every_participant(client: TestClient, services, users: dict[str, ApiUser]) -> None:  # type: ignore[no-untyped-def]
    second = add_user(services, "second-coach", "coach")
    create(client, users["coach"], name="A")
    create(client, second, name="B")
    names = [p["name"] for p in client.get("/api/v1/participants", headers=users["admin"].headers).json()["participants"]]
    assert names == ["A", "B"]


def test_reading_a_participant_is_audited(client: TestClient, services, users: dict[str, ApiUser]) -> None:  # type: ignore[no-untyped-def]
    p = create(client, users["coach"])
    client.get(f"/api/v1/participants/{p['id']}", headers=users["coach"].headers)
    entries = services.audit.entries(object_type="participant", object_id=p["id"])
    assert any(e.action == "read" and e.user_name == "test-coach" for e in entries)


def test_erasing_the_participant_user_erases_the_participant(client: TestClient, services, users: dict[str, ApiUser]) -> None:  # type: ignore[no-untyped-def]
    from service.coach.models import Participant, ParticipantEvidence
    from service.core.models import User

    p = create(client, users["coach"], user=users["participant"].name)
    services.evidence.add_simulation(p["id"], {"skills": {"speaking": "A2"}})
    with services.db.session() as s:
        s.delete(s.get(User, users["participant"].id))
    with services.db.session() as s:
        assert s.get(Participant, p["id"]) is None
        assert s.query(ParticipantEvidence).count() == 0


@pytest.mark.parametrize("body", [
    {"name": "A\x00B"},
    {"name": "A", "languages": ["so\x00"]},
    {"name": "A", "coach": 10**30},
    {"name": "A", "coach": -3},
    {"name": "A", "user": "9" * 40},
    {"name": "A", "target_tasks": "recycling-cashier"},
])
def test_odd_participant_bodies_get_a_4xx_never_a_5xx(client: TestClient, users: dict[str, ApiUser], body: dict[str, Any]) -> None:
    r = client.post("/api/v1/participants", json=body, headers=users["coach"].headers)
    assert r.status_code == 422, r.text
    assert r.json()["detail"]


@pytest.mark.parametrize("path", ["/api/v1/participants/99999999999999999999", "/api/v1/participants/0/readiness"])
def test_out_of_range_ids_get_422(client: TestClient, users: dict[str, ApiUser], path: str) -> None:
    assert client.get(path, headers=users["admin"].headers).status_code == 422


@pytest.mark.parametrize("report", [
    {"skills": ["A2"]},
    {"skills": {"speaking": "A2"}, "goals": {"reached": "many", "total": 2}},
    {"skills": {"speaking": "A2"}, "goals_reached": 5, "goals_total": 2},
    {"skills": {"speaking": "A2"}, "key_terms": {"used": 7}},
    {"skills": {"speaking": "A2"}, "errors": [{"category": "x", "count": "lots"}]},
    {"skills": {"speaking": {"cefr": "Z9"}}},
])
def test_malformed_simulation_reports_are_refused_with_422(client: TestClient, users: dict[str, ApiUser],
                                                           report: dict[str, Any]) -> None:
    p = create(client, users["coach"])
    r = client.post(f"/api/v1/participants/{p['id']}/evidence", json={"kind": "simulation", "report": report},
                    headers=users["coach"].headers)
    assert r.status_code == 422, r.text
    assert "report" in r.json()["detail"]


def test_a_report_term_with_a_nul_character_is_cleaned(client: TestClient, users: dict[str, ApiUser]) -> None:
    p = create(client, users["coach"])
    report = {"skills": {"speaking": "A2"}, "key_terms": {"used": ["kas\x00sa"]}, "scenario": "s\x00"}
    r = client.post(f"/api/v1/participants/{p['id']}/evidence", json={"kind": "simulation", "report": report},
                    headers=users["coach"].headers)
    assert r.status_code == 201, r.text
    assert r.json()["data"]["terms_used"] == ["kassa"]
