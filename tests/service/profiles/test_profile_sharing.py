"""Profiles have owners: the author reads and edits; sharing with named teachers or all teachers
(read, or read and edit); participants read their targets' profiles, coaches their participants';
someone else's unshared profile is 404 everywhere, and a reader who may not edit gets 403."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import ApiUser, add_user


def _body(profile: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in profile.items() if k not in ("id", "created_by", "created_at", "updated_by", "updated_at")}


def _stored(client: TestClient, teacher: ApiUser) -> dict[str, Any]:
    base = client.get("/api/v1/profiles/tasks/cleaning-office", headers=teacher.headers).json()
    r = client.post("/api/v1/profiles", headers=teacher.headers, json={**base, "title": "Hotellin kerrossiivous"})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def test_sharing_decides_who_reads_and_edits(client: TestClient, services: Any, users: dict[str, ApiUser]) -> None:
    owner = users["teacher"]
    other, third = add_user(services, "opettaja-b", "teacher"), add_user(services, "opettaja-c", "teacher")
    profile = _stored(client, owner)
    pid = profile["id"]
    url = f"/api/v1/profiles/{pid}"

    for path in (url, f"{url}/versions", f"{url}/versions/1", f"{url}/export?format=json"):
        assert client.get(path, headers=other.headers).status_code == 404, path
    assert pid not in [p["id"] for p in client.get("/api/v1/profiles", headers=other.headers).json()["profiles"]]
    assert client.post(f"{url}/scenarios", headers=other.headers).status_code == 404
    assert client.put(url, headers=other.headers, json={**_body(profile), "version": 1}).status_code == 404

    shared = client.put(f"{url}/sharing", headers=owner.headers, json={"teachers": [{"name": other.name}]})
    assert shared.status_code == 200 and shared.json()["teachers"] == [{"name": other.name, "edit": False}]
    assert client.get(url, headers=other.headers).status_code == 200
    assert client.put(url, headers=other.headers, json={**_body(profile), "version": 1}).status_code == 403
    assert client.get(url, headers=third.headers).status_code == 404
    assert client.put(f"{url}/sharing", headers=other.headers, json={"all_teachers": "edit"}).status_code == 403

    everyone = client.put(f"{url}/sharing", headers=owner.headers, json={"all_teachers": "edit"})
    assert everyone.json()["all_teachers"] == "edit" and everyone.json()["teachers"] == []
    saved = client.put(url, headers=third.headers, json={**_body(profile), "version": 1})
    assert saved.status_code == 200 and saved.json()["version"] == 2
    assert client.get(url, headers=users["admin"].headers).status_code == 200

    unknown = client.put(f"{url}/sharing", headers=owner.headers, json={"teachers": [{"name": "ei-ketaan"}]})
    assert unknown.status_code == 422 and "ei-ketaan" in unknown.json()["detail"]


def test_participants_and_coaches_read_only_the_profiles_of_their_targets(
        client: TestClient, services: Any, users: dict[str, ApiUser]) -> None:
    pid = _stored(client, users["teacher"])["id"]
    learner, coach = users["participant"], users["coach"]
    other_coach = add_user(services, "valmentaja-b", "coach")
    assert client.get(f"/api/v1/profiles/{pid}", headers=learner.headers).status_code == 404
    assert client.get(f"/api/v1/profiles/{pid}", headers=coach.headers).status_code == 404

    r = client.post("/api/v1/participants", headers=coach.headers,
                    json={"name": "Amina", "user": learner.name, "target_tasks": [f"profile:{pid}"]})
    assert r.status_code == 201, r.text
    assert client.get(f"/api/v1/profiles/{pid}", headers=learner.headers).status_code == 200
    assert client.get(f"/api/v1/profiles/{pid}", headers=coach.headers).status_code == 200
    assert client.get(f"/api/v1/profiles/{pid}", headers=other_coach.headers).status_code == 404
    listed = client.get("/api/v1/profiles", headers=learner.headers).json()["profiles"]
    assert [p["id"] for p in listed] == [pid]
    assert client.get(f"/api/v1/scenarios?profile={pid}", headers=other_coach.headers).status_code == 404
