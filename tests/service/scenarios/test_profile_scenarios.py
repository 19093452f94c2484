"""A teacher's stored profile becomes practice, over the API as a new user would: profile → generated
drafts → edit → publish; a participant whose target is `profile:<id>` sees the scenario in the plan,
plays it to the end and gets the profile's key terms in the report; the coach's readiness shows goals."""

from __future__ import annotations

import copy
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import ApiUser
from tests.simulations.generate.conftest import NEW_TASKS, task_texts


def _profile(client: TestClient, teacher: ApiUser, task: str = "hotel-room") -> dict[str, Any]:
    title, description = NEW_TASKS[task]
    r = client.post("/api/v1/profiles", headers=teacher.headers, json={
        "title": title, "description": description, "texts": [t.text for t in task_texts(task)]})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def _play_to_the_end(client: TestClient, who: ApiUser, scenario: dict[str, Any]) -> dict[str, Any]:
    """Answers each step with the first example of the goal it waits for."""
    r = client.post("/api/v1/simulations", headers=who.headers, json={"scenario": scenario["id"], "level": "A2"})
    assert r.status_code == 201, r.text
    session = r.json()["id"]
    goals = {g["id"]: g for g in scenario["goals"]}
    for node in scenario["nodes"]:
        for goal in node.get("expects", []):
            turn = client.post(f"/api/v1/simulations/{session}/turns", headers=who.headers,
                               json={"text": goals[goal]["examples"][0]})
            assert turn.status_code == 200, turn.text
            if turn.json()["finished"]:
                break
    client.post(f"/api/v1/simulations/{session}/finish", headers=who.headers)
    return client.get(f"/api/v1/simulations/{session}", headers=who.headers).json()  # type: ignore[no-any-return]


def test_a_stored_profile_becomes_practice_readiness_and_a_plan(client: TestClient, users: dict[str, ApiUser]) -> None:
    teacher, coach, learner = users["teacher"], users["coach"], users["participant"]
    profile = _profile(client, teacher)
    pid = profile["id"]

    made = client.post(f"/api/v1/profiles/{pid}/scenarios", headers=teacher.headers)
    assert made.status_code == 201, made.text
    drafts = made.json()["scenarios"]
    assert len(drafts) == min(len(profile["situations"]), 8)
    assert {d["status"] for d in drafts} == {"draft"} and {d["profile"] for d in drafts} == {pid}
    listed = client.get(f"/api/v1/scenarios?profile={pid}", headers=teacher.headers).json()["scenarios"]
    assert {s["id"] for s in listed} == {d["id"] for d in drafts}

    # edit one goal in the form's shape (a new example), save a version, publish
    sid = drafts[0]["id"]
    source = client.get(f"/api/v1/scenarios/{sid}/source", headers=teacher.headers).json()["scenario"]
    edited = copy.deepcopy(source)
    edited["goals"][1]["examples"] = [*edited["goals"][1]["examples"][:2], "Voitko auttaa minua vähän?"]
    saved = client.put(f"/api/v1/scenarios/{sid}", headers=teacher.headers, json={"scenario": edited})
    assert saved.status_code == 200 and saved.json()["version"] == 2, saved.text
    published = client.post(f"/api/v1/scenarios/{sid}/publish", headers=teacher.headers)
    assert published.status_code == 200 and published.json()["status"] == "published", published.text

    # the coach aims a participant at the profile; the participant's plan lists the scenario
    p = client.post("/api/v1/participants", headers=coach.headers, json={
        "name": "Amina", "user": learner.name, "target_tasks": [f"profile:{pid}"]})
    assert p.status_code == 201, p.text
    plan = client.get(f"/api/v1/participants/{p.json()['id']}/plan", headers=learner.headers).json()
    assert sid in [s["id"] for s in plan["scenarios"]]

    session = _play_to_the_end(client, learner, edited)
    report = session["report"]
    assert report["finished"] and report["goals_reached"] >= 3, report
    terms = {t["lemma"] for t in profile["key_terms"]}
    assert set(report["key_terms"]["used"]) <= terms and report["key_terms"]["used"]

    readiness = client.get(f"/api/v1/participants/{p.json()['id']}/readiness", headers=coach.headers).json()
    target = readiness["tasks"][0]
    assert target["task"] == f"profile:{pid}" and target["has_profile"]
    assert target["goals"]["simulations"] == 1 and target["goals"]["reached"] >= 3

    # the participant reads the profile of their target; another participant's plan does not show it
    assert client.get(f"/api/v1/profiles/{pid}", headers=learner.headers).status_code == 200


def test_a_published_scenario_keeps_the_profile_version_it_was_made_from(
        client: TestClient, users: dict[str, ApiUser]) -> None:
    teacher = users["teacher"]
    profile = _profile(client, teacher, "bakery")
    pid = profile["id"]
    sid = client.post(f"/api/v1/profiles/{pid}/scenarios", headers=teacher.headers).json()["scenarios"][0]["id"]
    client.post(f"/api/v1/scenarios/{sid}/publish", headers=teacher.headers)
    before = client.get(f"/api/v1/scenarios/{sid}", headers=users["participant"].headers).json()

    changed = {k: v for k, v in profile.items() if k not in ("id", "created_by", "created_at", "updated_by", "updated_at")}
    changed["key_terms"] = [{**t, "lemma": f"uusisana{i}"} if i < 3 else t for i, t in enumerate(changed["key_terms"])]
    assert client.put(f"/api/v1/profiles/{pid}", headers=teacher.headers, json=changed).status_code == 200

    after = client.get(f"/api/v1/scenarios/{sid}", headers=users["participant"].headers).json()
    assert after["profile_version"] == before["profile_version"] == 1
    assert after["grounding"] == before["grounding"] and "uusisana0" not in after["grounding"]["key_terms"]
    again = client.post(f"/api/v1/profiles/{pid}/scenarios", headers=teacher.headers).json()
    assert again["profile_version"] == 2 and again["scenarios"][0]["version"] == 2  # regenerating is explicit


def test_publishing_flagged_lines_is_refused_listing_them_unless_overridden(
        client: TestClient, users: dict[str, ApiUser]) -> None:
    teacher = users["teacher"]
    pid = _profile(client, teacher, "laundry")["id"]
    sid = client.post(f"/api/v1/profiles/{pid}/scenarios", headers=teacher.headers).json()["scenarios"][0]["id"]
    data = client.get(f"/api/v1/scenarios/{sid}/source", headers=teacher.headers).json()["scenario"]
    data["nodes"][0]["say"]["A2"] = "Minä menen kauppa."
    assert client.put(f"/api/v1/scenarios/{sid}", headers=teacher.headers, json={"scenario": data}).status_code == 200

    refused = client.post(f"/api/v1/scenarios/{sid}/publish", headers=teacher.headers)
    assert refused.status_code == 422, refused.text
    flagged = refused.json()["flagged"]
    assert [f["where"] for f in flagged] == [f"nodes.{data['nodes'][0]['id']}.say.A2"]
    assert flagged[0]["text"] == "Minä menen kauppa."
    forced = client.post(f"/api/v1/scenarios/{sid}/publish", headers=teacher.headers, json={"override_flagged": True})
    assert forced.status_code == 200 and forced.json()["status"] == "published"


def test_bad_input_of_generation_and_editing(client: TestClient, users: dict[str, ApiUser]) -> None:
    teacher = users["teacher"]
    profile = _profile(client, teacher, "school-kitchen")
    pid = profile["id"]
    # a profile without situations → 422 saying what the texts need
    bare = {k: v for k, v in profile.items() if k not in ("id", "created_by", "created_at", "updated_by", "updated_at")}
    bare["situations"] = []
    assert client.put(f"/api/v1/profiles/{pid}", headers=teacher.headers, json=bare).status_code == 200
    r = client.post(f"/api/v1/profiles/{pid}/scenarios", headers=teacher.headers)
    assert r.status_code == 422 and "instructions" in r.json()["detail"] and "ohjeita" in r.json()["detail"]
    # someone else's unshared profile → 404; a participant or coach → 403; unknown → 404
    assert client.post("/api/v1/profiles/999999/scenarios", headers=teacher.headers).status_code == 404
    for role in ("participant", "coach"):
        assert client.post(f"/api/v1/profiles/{pid}/scenarios", headers=users[role].headers).status_code == 403
    # a scenario bound to a profile version that does not exist, or an edit that breaks the schema → 422
    made = client.post(f"/api/v1/profiles/{_profile(client, teacher, 'bakery')['id']}/scenarios",
                       headers=teacher.headers).json()["scenarios"][0]
    data = client.get(f"/api/v1/scenarios/{made['id']}/source", headers=teacher.headers).json()["scenario"]
    broken = {**data, "profile_version": 99}
    r = client.put(f"/api/v1/scenarios/{made['id']}", headers=teacher.headers, json={"scenario": broken})
    assert r.status_code == 422 and "profile_version" in r.json()["detail"]
    no_examples = copy.deepcopy(data)
    no_examples["goals"][0]["examples"] = []
    r = client.put(f"/api/v1/scenarios/{made['id']}", headers=teacher.headers, json={"scenario": no_examples})
    assert r.status_code == 422 and "goals.0.examples" in r.json()["detail"]


def test_a_free_text_target_gets_the_closest_tasks_and_the_offer_of_a_profile(
        client: TestClient, users: dict[str, ApiUser]) -> None:
    r = client.post("/api/v1/participants", headers=users["coach"].headers, json={
        "name": "Omar", "target_tasks": ["Kassatyö kierrätyskeskuksessa"]})
    assert r.status_code == 422, r.text
    body = r.json()
    assert "recycling-cashier" in [s["id"] for s in body["suggestions"]]
    assert body["create_profile"]["title"] == "Kassatyö kierrätyskeskuksessa"
    assert "Lähimmät" in body["detail"] and "create a task-language profile" in body["detail"]
