"""Teachers author scenarios through POST/PUT /api/v1/scenarios: validated, versioned, drafts
visible only to their author until published, then found by id in the scenario library."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from simulations.errors import UnknownScenario
from simulations.library import SCENARIO_DIR, build_library
from tests.conftest import add_user

BASE = "cleaning-call-in-sick"


def authored(new_id: str = "cleaning-ask-for-supplies", **changes: Any) -> dict[str, Any]:
    """A valid scenario: a shipped one under a new id and title."""
    data = yaml.safe_load((Path(SCENARIO_DIR) / f"{BASE}.yaml").read_text(encoding="utf-8"))
    data.update({"id": new_id, "title": "Pyydä lisää siivousaineita", "title_en": "Ask for more cleaning supplies"})
    data.update(changes)
    return data


def test_a_teacher_creates_a_draft_scenario(client, users) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/api/v1/scenarios", json={"scenario": authored()}, headers=users["teacher"].headers)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"] == "cleaning-ask-for-supplies" and body["version"] == 1 and body["status"] == "draft"
    assert body["scenario"]["title"] == "Pyydä lisää siivousaineita" and body["author_id"] == users["teacher"].id


def test_a_participant_or_coach_cannot_author(client, users) -> None:  # type: ignore[no-untyped-def]
    for role in ("participant", "coach"):
        response = client.post("/api/v1/scenarios", json={"scenario": authored()}, headers=users[role].headers)
        assert response.status_code == 403
        assert "teacher" in response.json()["detail"]


def test_signing_in_is_required(client) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/api/v1/scenarios", json={"scenario": authored()}).status_code == 401


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"start": "no-such-node"}, "start node"),
        ({"goals": []}, "goals"),
        ({"task": "no-such-task"}, "no workplace task"),
        ({"id": "Bad Id!"}, "id"),
        ({"unexpected": 1}, "unexpected"),
    ],
)
def test_a_scenario_that_breaks_the_schema_is_refused_with_a_reason(client, users, change, words) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/api/v1/scenarios", json={"scenario": authored(**change)}, headers=users["teacher"].headers)

    assert response.status_code == 422
    assert words in response.json()["detail"]


def test_a_taken_or_shipped_id_is_a_conflict(client, users) -> None:  # type: ignore[no-untyped-def]
    h = users["teacher"].headers
    assert client.post("/api/v1/scenarios", json={"scenario": authored()}, headers=h).status_code == 201

    again = client.post("/api/v1/scenarios", json={"scenario": authored()}, headers=h)
    shipped = client.post("/api/v1/scenarios", json={"scenario": authored(new_id=BASE)}, headers=h)
    edit_shipped = client.put(f"/api/v1/scenarios/{BASE}", json={"scenario": authored(new_id=BASE)}, headers=h)

    assert again.status_code == 409 and "already exists" in again.json()["detail"]
    assert shipped.status_code == 409 and edit_shipped.status_code == 409


def test_editing_saves_a_new_version_and_keeps_the_old_one(client, users) -> None:  # type: ignore[no-untyped-def]
    h = users["teacher"].headers
    client.post("/api/v1/scenarios", json={"scenario": authored()}, headers=h)

    response = client.put("/api/v1/scenarios/cleaning-ask-for-supplies",
                          json={"scenario": authored(title="Siivousaineet loppuivat")}, headers=h)
    versions = client.get("/api/v1/scenarios/cleaning-ask-for-supplies/versions", headers=h).json()

    assert response.status_code == 200 and response.json()["version"] == 2
    assert response.json()["scenario"]["version"] == 2
    assert [(v["version"], v["title"]) for v in versions] == [(1, "Pyydä lisää siivousaineita"), (2, "Siivousaineet loppuivat")]


def test_the_body_id_must_match_the_address(client, users) -> None:  # type: ignore[no-untyped-def]
    h = users["teacher"].headers
    client.post("/api/v1/scenarios", json={"scenario": authored()}, headers=h)

    response = client.put("/api/v1/scenarios/cleaning-ask-for-supplies",
                          json={"scenario": authored(new_id="something-else")}, headers=h)

    assert response.status_code == 422 and "does not match" in response.json()["detail"]


def test_another_teacher_cannot_edit_but_an_admin_can(client, users, services) -> None:  # type: ignore[no-untyped-def]
    client.post("/api/v1/scenarios", json={"scenario": authored()}, headers=users["teacher"].headers)
    other = add_user(services, "other-teacher", "teacher")

    denied = client.put("/api/v1/scenarios/cleaning-ask-for-supplies", json={"scenario": authored()}, headers=other.headers)
    allowed = client.put("/api/v1/scenarios/cleaning-ask-for-supplies", json={"scenario": authored()},
                         headers=users["admin"].headers)

    assert denied.status_code == 404 and allowed.status_code == 200  # another teacher's draft: as if unknown


def test_editing_an_unknown_scenario_is_not_found(client, users) -> None:  # type: ignore[no-untyped-def]
    response = client.put("/api/v1/scenarios/nobody-wrote-this", json={"scenario": authored(new_id="nobody-wrote-this")},
                          headers=users["teacher"].headers)

    assert response.status_code == 404


def test_a_draft_is_playable_only_by_its_author_until_published(client, users, services) -> None:  # type: ignore[no-untyped-def]
    h = users["teacher"].headers
    client.post("/api/v1/scenarios", json={"scenario": authored()}, headers=h)
    teacher = services.users.get(users["teacher"].id)
    participant = services.users.get(users["participant"].id)

    assert services.scenarios.playable(teacher, "cleaning-ask-for-supplies").title == "Pyydä lisää siivousaineita"
    with pytest.raises(Exception, match="no scenario"):
        services.scenarios.playable(participant, "cleaning-ask-for-supplies")
    with pytest.raises(UnknownScenario):
        services.simulations.engine.library.get("cleaning-ask-for-supplies")

    published = client.post("/api/v1/scenarios/cleaning-ask-for-supplies/publish", headers=h)

    assert published.status_code == 200 and published.json()["status"] == "published"
    assert services.scenarios.playable(participant, "cleaning-ask-for-supplies").title == "Pyydä lisää siivousaineita"
    assert services.simulations.engine.library.get("cleaning-ask-for-supplies").version == 1
    assert "cleaning-ask-for-supplies" in {s.id for s in services.simulations.engine.library.all()}
    assert "cleaning-ask-for-supplies" not in {s.id for s in build_library().all()}  # no process-wide leak


def test_participants_keep_the_published_version_while_a_new_draft_is_tested(client, users, services) -> None:  # type: ignore[no-untyped-def]
    h = users["teacher"].headers
    client.post("/api/v1/scenarios", json={"scenario": authored(), "publish": True}, headers=h)
    client.put("/api/v1/scenarios/cleaning-ask-for-supplies", json={"scenario": authored(title="Uusi luonnos")}, headers=h)
    teacher = services.users.get(users["teacher"].id)
    participant = services.users.get(users["participant"].id)

    assert services.scenarios.playable(teacher, "cleaning-ask-for-supplies").title == "Uusi luonnos"
    assert services.scenarios.playable(participant, "cleaning-ask-for-supplies").title == "Pyydä lisää siivousaineita"
    assert services.simulations.engine.library.get("cleaning-ask-for-supplies").version == 1


def test_the_source_for_editing_is_the_newest_version(client, users) -> None:  # type: ignore[no-untyped-def]
    h = users["teacher"].headers
    client.post("/api/v1/scenarios", json={"scenario": authored()}, headers=h)
    client.put("/api/v1/scenarios/cleaning-ask-for-supplies", json={"scenario": authored(max_turns=10)}, headers=h)

    source = client.get("/api/v1/scenarios/cleaning-ask-for-supplies/source", headers=h)

    assert source.status_code == 200 and source.json()["scenario"]["max_turns"] == 10


def test_a_teacher_lists_only_their_own_scenarios(client, users, services) -> None:  # type: ignore[no-untyped-def]
    client.post("/api/v1/scenarios", json={"scenario": authored()}, headers=users["teacher"].headers)
    other = add_user(services, "other-teacher", "teacher")
    client.post("/api/v1/scenarios", json={"scenario": authored(new_id="cleaning-other")}, headers=other.headers)

    mine = services.scenarios.mine(services.users.get(users["teacher"].id))
    everything = services.scenarios.mine(services.users.get(users["admin"].id))

    assert [m["id"] for m in mine] == ["cleaning-ask-for-supplies"]
    assert {m["id"] for m in everything} == {"cleaning-ask-for-supplies", "cleaning-other"}


def test_a_missing_body_is_a_readable_422(client, users) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/api/v1/scenarios", json={}, headers=users["teacher"].headers)

    assert response.status_code == 422 and "scenario" in response.json()["detail"]


def test_a_teacher_test_plays_a_draft_through_the_simulation_api(client, users) -> None:  # type: ignore[no-untyped-def]
    h = users["teacher"].headers
    client.post("/api/v1/scenarios", json={"scenario": authored()}, headers=h)

    started = client.post("/api/v1/scenarios/cleaning-ask-for-supplies/test-play", json={"level": "A2"}, headers=h)
    assert started.status_code == 201, started.text
    session = started.json()["id"]
    turn = client.post(f"/api/v1/simulations/{session}/turns", json={"text": "Hei, tässä on Amina."}, headers=h)
    listing = client.get("/api/v1/scenarios", headers=users["participant"].headers).json()["scenarios"]

    assert started.json()["partner_turn"]["text"] == "Mervi puhelimessa, hei."
    assert turn.status_code == 200 and turn.json()["partner_turn"]["text"]
    assert client.get(f"/api/v1/simulations/{session}", headers=h).json()["title"].endswith("(luonnos / draft)")
    assert all("draft" not in s["id"] and s["id"] != "cleaning-ask-for-supplies" for s in listing)


def test_a_draft_play_id_cannot_be_forged(client, users) -> None:  # type: ignore[no-untyped-def]
    client.post("/api/v1/scenarios", json={"scenario": authored()}, headers=users["teacher"].headers)

    forged = client.post("/api/v1/simulations", json={"scenario": "cleaning-ask-for-supplies--draft-v1-0123456789abcdef"},
                         headers=users["participant"].headers)
    other = client.post("/api/v1/scenarios/cleaning-ask-for-supplies/test-play", headers=users["participant"].headers)

    assert forged.status_code == 404 and other.status_code == 403


def test_forged_and_guessed_draft_ids_are_404_and_grants_are_per_test_play(client, users, services) -> None:  # type: ignore[no-untyped-def]
    client.post("/api/v1/scenarios", json={"scenario": authored()}, headers=users["teacher"].headers)
    first = client.post("/api/v1/scenarios/cleaning-ask-for-supplies/test-play", headers=users["teacher"].headers)
    assert first.status_code == 201, first.text
    play_id = first.json()["scenario"]
    assert "--draft-" in play_id and len(play_id.rsplit("-", 1)[1]) == 32
    # every shape of a forged id names nothing, like an id that never existed
    grant = play_id.rsplit("-", 1)[1]
    forged = [f"cleaning-ask-for-supplies--draft-{'0' * 32}", f"cleaning-ask-for-supplies--draft-v1-{'0' * 16}",
              f"other-scenario--draft-{grant}", play_id[:-1] + ("0" if play_id[-1] != "0" else "1"),
              "no-such-scenario", "cleaning-ask-for-supplies"]
    for scenario in forged:
        r = client.post("/api/v1/simulations", json={"scenario": scenario}, headers=users["participant"].headers)
        assert r.status_code == 404, (scenario, r.status_code)
    # no secret exists to compute ids from: an empty or default session secret changes nothing
    assert not hasattr(services.scenarios, "_secret")
    second = client.post("/api/v1/scenarios/cleaning-ask-for-supplies/test-play", headers=users["teacher"].headers)
    assert second.json()["scenario"] != play_id


def test_a_draft_play_id_is_playable_only_by_the_teacher_it_was_issued_to(client, users, services) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import add_user

    client.post("/api/v1/scenarios", json={"scenario": authored()}, headers=users["teacher"].headers)
    play_id = client.post("/api/v1/scenarios/cleaning-ask-for-supplies/test-play",
                          headers=users["teacher"].headers).json()["scenario"]
    colleague = add_user(services, "toinen-opettaja", "teacher")
    for who in (users["participant"].headers, colleague.headers, users["coach"].headers):
        r = client.post("/api/v1/simulations", json={"scenario": play_id}, headers=who)
        assert r.status_code == 404, r.text  # a leaked id is as good as none
    mine = client.post("/api/v1/simulations", json={"scenario": play_id}, headers=users["teacher"].headers)
    assert mine.status_code == 201, mine.text
