"""The task choices a dropdown shows (TaskTargets.choices_for, the UI's data source): the shipped
tasks, and only the stored profiles the user may read — own, shared, their own targets, their
participants' — never every profile's title to every signed-in user."""

from __future__ import annotations

from fastapi.testclient import TestClient

from corpora.tasks import load_tasks
from tests.conftest import ApiUser, add_user


def _profile(client: TestClient, teacher: ApiUser, title: str) -> str:
    r = client.post("/api/v1/profiles", headers=teacher.headers, json={
        "title": title, "texts": ["Pese kädet ennen työtä. Tarkista koneet aamulla. Kerro viasta esihenkilölle."]})
    assert r.status_code == 201, r.text
    return f"profile:{r.json()['id']}"


def test_each_user_is_offered_only_the_profiles_they_may_read(
        client: TestClient, services, users: dict[str, ApiUser]) -> None:  # type: ignore[no-untyped-def]
    teacher, coach, learner, admin = users["teacher"], users["coach"], users["participant"], users["admin"]
    other = add_user(services, "teacher-two", "teacher")
    bystander = add_user(services, "coach-two", "coach")
    mine = _profile(client, teacher, "Pesulan aamuvuoro")
    secret = _profile(client, other, "Toisen opettajan profiili")
    target = _profile(client, other, "Leipomon yövuoro")
    r = client.post("/api/v1/participants", headers=coach.headers, json={
        "name": "Amina", "user": learner.name, "target_tasks": [target]})
    assert r.status_code == 201, r.text

    def offered(who: ApiUser) -> set[str]:
        user = services.users.authenticate(who.token)
        return {cid for cid, _ in services.targets.choices_for(user) if cid.startswith("profile:")}

    assert offered(teacher) == {mine}
    assert offered(other) == {secret, target}
    assert offered(learner) == {target}  # their own target only
    assert offered(coach) == {target}  # their participant's target
    assert offered(bystander) == set()
    assert offered(admin) == {mine, secret, target}
    shipped = {t.id for t in load_tasks()}
    assert {cid for cid, _ in services.targets.choices_for(None)} == shipped  # nobody signed in: shipped only
    assert shipped <= {cid for cid, _ in services.targets.choices_for(services.users.authenticate(learner.token))}

    shared = client.put(f"/api/v1/profiles/{secret.removeprefix('profile:')}/sharing", headers=other.headers,
                        json={"teachers": [{"name": teacher.name}]})
    assert shared.status_code == 200, shared.text
    assert offered(teacher) == {mine, secret}
