"""Recommendations for a stored profile, end to end on SQLite and PostgreSQL: a teacher builds a
profile of a task the project does not ship (an animal boarding kennel, from our own two texts),
asks `POST /api/v1/recommendations {profile: id}` and gets the units of the matching qualification;
the query is the profile's title, description and key terms; someone else's unshared profile → 404."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ApiUser, add_user
from tests.simulations.generate.conftest import NEW_TASKS, task_texts

TASK = "animal-boarding"


class RecordingSearch:
    """The real hybrid searcher, with the queries it was asked kept for the test to read."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self.queries: list[str] = []

    def search(self, query: str, k: int) -> Any:
        self.queries.append(query)
        return self.searcher.search(query, k)


def _profile(client: TestClient, teacher: ApiUser) -> dict[str, Any]:
    title, description = NEW_TASKS[TASK]
    r = client.post("/api/v1/profiles", headers=teacher.headers, json={
        "title": title, "description": description, "texts": [t.text for t in task_texts(TASK)]})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


@pytest.mark.slow
def test_a_stored_profile_of_a_new_task_gets_the_units_of_its_own_field(
        client: TestClient, services, users: dict[str, ApiUser], real_searcher) -> None:  # type: ignore[no-untyped-def]
    recorder = RecordingSearch(real_searcher)
    services.search.use_searcher(recorder)
    teacher = users["teacher"]
    profile = _profile(client, teacher)

    r = client.post("/api/v1/recommendations", headers=teacher.headers, json={"profile": profile["id"]})

    assert r.status_code == 200, r.text
    found = r.json()["recommendations"]
    assert found, "a profile of a kennel should match some unit"
    top = [(u["qualification_name"], u["unit_name"]) for u in found[:3]]
    assert top[0][0] == "Eläintenhoidon ammattitutkinto", top
    assert any("eläinhoitola" in unit.lower() for q, unit in top if q == "Eläintenhoidon ammattitutkinto"), top
    query = recorder.queries[-1]
    assert profile["title"] in query and profile["description"] in query
    strongest = sorted(profile["key_terms"], key=lambda t: -t["keyness"])[:5]
    assert all(t["lemma"] in query for t in strongest), (query, strongest)


def test_someone_elses_unshared_profile_gets_404_and_a_shared_one_is_answered(
        client: TestClient, services, users: dict[str, ApiUser]) -> None:  # type: ignore[no-untyped-def]
    from tests.service.coach.test_recommendations import FakeSearch

    services.search.use_searcher(FakeSearch())
    owner, other = users["teacher"], add_user(services, "teacher-other", "teacher")
    pid = _profile(client, owner)["id"]

    assert client.post("/api/v1/recommendations", headers=owner.headers, json={"profile": pid}).status_code == 200
    for who in (other, users["coach"], users["participant"]):
        r = client.post("/api/v1/recommendations", headers=who.headers, json={"profile": pid})
        assert r.status_code == 404, (who.role, r.text)
    assert client.post("/api/v1/recommendations", headers=owner.headers, json={"profile": 999_999}).status_code == 404

    shared = client.put(f"/api/v1/profiles/{pid}/sharing", headers=owner.headers,
                        json={"teachers": [{"name": other.name}]})
    assert shared.status_code == 200, shared.text
    assert client.post("/api/v1/recommendations", headers=other.headers, json={"profile": pid}).status_code == 200
