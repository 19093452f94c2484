"""Evidence end to end: the participant's own finished simulations count automatically, and a written
text counts through the feedback engine — keeping only measures, never the text."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import ApiUser

GOOD_TURNS = ["Hei, tervetuloa!", "Se tekee yhteensä kaksitoista euroa.", "Maksatko kortilla vai käteisellä?",
              "Haluatko kuitin?", "Kiitos ja näkemiin!"]


def _participant(client: TestClient, users: dict[str, ApiUser]) -> int:
    r = client.post("/api/v1/participants", json={"name": "Amina", "user": users["participant"].name,
                                                  "target_tasks": ["recycling-cashier"]}, headers=users["coach"].headers)
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def _practise(client: TestClient, learner: ApiUser, turns: list[str]) -> dict[str, Any]:
    started = client.post("/api/v1/simulations", json={"scenario": "recycling-cashier-customer", "level": "A2"},
                          headers=learner.headers)
    assert started.status_code in (200, 201), started.text
    sid = started.json()["id"]
    for text in turns:
        r = client.post(f"/api/v1/simulations/{sid}/turns", json={"text": text}, headers=learner.headers)
        assert r.status_code == 200, r.text
        if r.json()["finished"]:
            break
    client.post(f"/api/v1/simulations/{sid}/finish", headers=learner.headers)
    return client.get(f"/api/v1/simulations/{sid}", headers=learner.headers).json()  # type: ignore[no-any-return]


def test_finished_simulations_of_the_participant_become_evidence(client: TestClient, users: dict[str, ApiUser]) -> None:
    pid = _participant(client, users)
    before = client.get(f"/api/v1/participants/{pid}/readiness", headers=users["coach"].headers).json()
    assert before["evidence_count"] == 0
    session = _practise(client, users["participant"], GOOD_TURNS)
    assert session["finished"]
    after = client.get(f"/api/v1/participants/{pid}/readiness", headers=users["coach"].headers).json()
    assert after["evidence_count"] == 1
    task = after["tasks"][0]
    assert task["goals"]["simulations"] == 1 and task["goals"]["reached"] >= 3
    assert task["skills"]["speaking"]["evidence_count"] == 1
    assert task["skills"]["speaking"]["status"] == "not_enough_evidence"  # one conversation is not enough
    assert task["vocabulary"]["covered"] >= 1
    # reading again does not count the same session twice
    again = client.get(f"/api/v1/participants/{pid}/readiness", headers=users["coach"].headers).json()
    assert again["evidence_count"] == 1


def test_a_written_text_counts_for_writing_and_is_not_stored(client: TestClient, services, users: dict[str, ApiUser]) -> None:  # type: ignore[no-untyped-def]
    pid = _participant(client, users)
    text = "Asiakas maksoi kortilla. Kassa on suljettu ja kuitit ovat laatikossa. Minä lähden kotiin kello neljä."
    r = client.post(f"/api/v1/participants/{pid}/evidence", json={"kind": "text", "text": text},
                    headers=users["participant"].headers)
    assert r.status_code == 201, r.text
    item = r.json()
    assert item["kind"] == "text" and item["data"]["skills"]["writing"]["cefr"] in ("A1", "A2", "B1", "B2")
    assert "kortti" in item["data"]["terms_used"]
    from service.coach.models import ParticipantEvidence

    with services.db.session() as s:
        stored = [str(e.data) for e in s.query(ParticipantEvidence).all()]
    assert stored and not any("laatikossa" in d or "Asiakas maksoi" in d for d in stored)
    estimates = client.get(f"/api/v1/participants/{pid}/readiness", headers=users["coach"].headers).json()["estimates"]
    assert estimates["writing"]["evidence_count"] == 1


def test_bad_evidence_is_refused_clearly(client: TestClient, users: dict[str, ApiUser]) -> None:
    pid = _participant(client, users)
    url = f"/api/v1/participants/{pid}/evidence"
    cases = [
        ({"kind": "text"}, users["coach"], 422, "'text' is missing"),
        ({"kind": "text", "text": "   "}, users["coach"], 422, "empty"),
        ({"kind": "simulation", "report": {"goals": []}}, users["coach"], 422, "no skill levels"),
        ({"kind": "simulation", "report": {"skills": {"speaking": "A2"}}}, users["participant"], 403, "automatically"),
        ({"kind": "video"}, users["coach"], 422, "kind"),
    ]
    for body, who, status, fragment in cases:
        r = client.post(url, json=body, headers=who.headers)
        assert r.status_code == status, (body, r.text)
        assert fragment in r.json()["detail"], r.json()
