"""Workplace mentors: invited with consent for one target task, see only goals, the profile packet and
progress, record observations that move readiness; withdrawing the consent ends the access at once."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ApiUser, add_user
from tests.service.coach_factories import report

TASK = "cleaning-office"
PARTICIPANT_ROUTES = ["", "/readiness", "/history", "/plan", "/export", "/intake", "/mentors", "/report?format=json"]


@pytest.fixture
def mentor(services) -> ApiUser:  # type: ignore[no-untyped-def]
    return add_user(services, "maija-mentor", "mentor")


@pytest.fixture
def pid(client: TestClient, users: dict[str, ApiUser]) -> int:
    r = client.post("/api/v1/participants", headers=users["coach"].headers, json={
        "name": "Amina", "user": "test-participant", "target_tasks": [TASK],
        "work_trial_tasks": ["Siivoan toimiston."]})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def _invite(client: TestClient, who: ApiUser, pid: int, **extra: Any) -> Any:
    body = {"user": "maija-mentor", "target": TASK, "consent": True, **extra}
    return client.post(f"/api/v1/participants/{pid}/mentors", json=body, headers=who.headers)


def _observe(client: TestClient, mentor: ApiUser, pid: int, situation: str, result: str) -> Any:
    return client.post(f"/api/v1/participants/{pid}/observations", headers=mentor.headers,
                       json={"target": TASK, "situation": situation, "result": result, "note": "Kysyi itse."})


def test_a_coach_invites_a_mentor_with_consent_and_the_mentor_sees_only_goals_packet_and_progress(
        client: TestClient, users: dict[str, ApiUser], mentor: ApiUser, pid: int) -> None:
    r = _invite(client, users["coach"], pid)
    assert r.status_code == 201, r.text
    assert set(r.json()) >= {"id", "user", "target"} and r.json()["user"] == "maija-mentor"
    mine = client.get("/api/v1/mentor/participants", headers=mentor.headers).json()["participants"]
    assert [(p["id"], p["target"]) for p in mine] == [(pid, TASK)]
    assert mine[0]["goals"] == ["Siivoan toimiston."]
    assert set(mine[0]["progress"]) >= {"sessions", "skills", "words_known", "status"}
    view = client.get(f"/api/v1/mentor/participants/{pid}", headers=mentor.headers).json()
    assert view["packet"]["situations"] and view["packet"]["key_terms"]
    assert "transcript" not in str(view) and "languages" not in view


def test_consent_is_required_and_only_a_mentor_user_can_be_invited(
        client: TestClient, users: dict[str, ApiUser], mentor: ApiUser, pid: int) -> None:
    assert _invite(client, users["coach"], pid, consent=False).status_code == 422
    assert _invite(client, users["coach"], pid, user="test-teacher").status_code == 422
    assert _invite(client, users["coach"], pid, target="garage-tyre-change").status_code == 422
    assert _invite(client, users["teacher"], pid).status_code in (403, 404)
    assert _invite(client, users["participant"], pid).status_code == 201  # the participant themself


def test_observations_move_readiness_and_are_shown_apart(
        client: TestClient, users: dict[str, ApiUser], mentor: ApiUser, pid: int, services) -> None:  # type: ignore[no-untyped-def]
    assert _invite(client, users["coach"], pid).status_code == 201
    services.evidence.add_simulation(pid, report("A1", bands={"speaking": "A1", "interaction": "A1"}, task=TASK))
    before = client.get(f"/api/v1/participants/{pid}/readiness", headers=users["coach"].headers).json()
    for situation in ("asking_for_help", "Ongelmasta kertominen"):  # by id or by its Finnish label
        r = _observe(client, mentor, pid, situation, "managed")
        assert r.status_code == 201, r.text
    after = client.get(f"/api/v1/participants/{pid}/readiness", headers=users["coach"].headers).json()
    b, a = before["tasks"][0]["skills"]["speaking"], after["tasks"][0]["skills"]["speaking"]
    assert a["score"] > b["score"] and a["evidence_count"] == b["evidence_count"] + 2
    assert after["tasks"][0]["observations"]["count"] == 2 and after["tasks"][0]["observations"]["managed"] == 2
    assert any("havainto työpaikalla" in x["fi"] for x in a["reasons"])


def test_bad_observations_are_refused_with_422(
        client: TestClient, users: dict[str, ApiUser], mentor: ApiUser, pid: int) -> None:
    assert _invite(client, users["coach"], pid).status_code == 201
    assert _observe(client, mentor, pid, "dancing", "managed").status_code == 422
    assert _observe(client, mentor, pid, "asking_for_help", "great").status_code == 422
    long_note = {"target": TASK, "situation": "asking_for_help", "result": "managed", "note": "x" * 501}
    r = client.post(f"/api/v1/participants/{pid}/observations", headers=mentor.headers, json=long_note)
    assert r.status_code == 422
    assert _observe(client, users["coach"], pid, "asking_for_help", "managed").status_code == 403


def test_withdrawal_ends_the_mentors_access_at_once(
        client: TestClient, users: dict[str, ApiUser], mentor: ApiUser, pid: int) -> None:
    consent = _invite(client, users["coach"], pid).json()["id"]
    assert client.get(f"/api/v1/mentor/participants/{pid}", headers=mentor.headers).status_code == 200
    r = client.delete(f"/api/v1/participants/{pid}/mentors/{consent}", headers=users["participant"].headers)
    assert r.status_code == 204
    assert client.get("/api/v1/mentor/participants", headers=mentor.headers).json()["participants"] == []
    assert client.get(f"/api/v1/mentor/participants/{pid}", headers=mentor.headers).status_code == 404
    assert _observe(client, mentor, pid, "asking_for_help", "managed").status_code == 404
    assert client.get(f"/api/v1/participants/{pid}/observations", headers=mentor.headers).status_code == 404
    again = client.delete(f"/api/v1/participants/{pid}/mentors/{consent}", headers=users["coach"].headers)
    assert again.status_code == 404


def test_a_mentor_gets_404_on_every_ordinary_participant_route_even_with_consent(
        client: TestClient, users: dict[str, ApiUser], mentor: ApiUser, pid: int) -> None:
    assert _invite(client, users["coach"], pid).status_code == 201
    for route in PARTICIPANT_ROUTES:
        r = client.get(f"/api/v1/participants/{pid}{route}", headers=mentor.headers)
        assert r.status_code in (403, 404), (route, r.status_code)
    assert client.get("/api/v1/participants", headers=mentor.headers).json()["participants"] == []


def test_every_mentor_read_is_in_the_audit_log(
        client: TestClient, users: dict[str, ApiUser], mentor: ApiUser, pid: int) -> None:
    assert _invite(client, users["coach"], pid).status_code == 201
    client.get("/api/v1/mentor/participants", headers=mentor.headers)
    client.get(f"/api/v1/mentor/participants/{pid}", headers=mentor.headers)
    entries = client.get("/api/v1/audit", headers=users["admin"].headers).json()
    rows = entries.get("entries", entries.get("audit", []))
    reads = [e for e in rows if e.get("action") == "read" and e.get("user_name") == "maija-mentor" and str(e.get("object_id", e.get("target_id")))
             == str(pid)]
    assert len(reads) >= 2, rows[:5]


def test_erase_removes_consents_observations_and_intake(
        client: TestClient, users: dict[str, ApiUser], mentor: ApiUser, pid: int) -> None:
    assert _invite(client, users["coach"], pid).status_code == 201
    assert _observe(client, mentor, pid, "asking_for_help", "with_help").status_code == 201
    r = client.put(f"/api/v1/participants/{pid}/intake", headers=users["coach"].headers,
                   json={"languages": [{"language": "arabia", "level": "native"}], "goals": ["Kysyn apua."]})
    assert r.status_code == 200, r.text
    exported = client.get(f"/api/v1/participants/{pid}/export", headers=users["participant"].headers).json()
    assert {"mentor_consents", "workplace_observations", "participant_intakes"} <= set(exported["tables"])
    erased = client.post(f"/api/v1/participants/{pid}/erase", headers=users["admin"].headers).json()["erased"]
    assert {"mentor_consents", "workplace_observations", "participant_intakes"} <= set(erased)
    assert client.get("/api/v1/mentor/participants", headers=mentor.headers).json()["participants"] == []
