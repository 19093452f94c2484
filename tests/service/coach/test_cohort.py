"""The cohort dashboard: a coach's own participants (an admin: all), who has stalled, activity per
week, the skill distribution per task, and the CSV export."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from tests.conftest import ApiUser, add_user
from tests.service.coach_factories import report

TASK = "cleaning-office"


def _participant(client: TestClient, who: ApiUser, name: str) -> int:
    r = client.post("/api/v1/participants", headers=who.headers, json={"name": name, "target_tasks": [TASK]})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def test_coach_sees_own_cohort_with_stalled_activity_and_distribution(
        client: TestClient, users: dict[str, ApiUser], services) -> None:  # type: ignore[no-untyped-def]
    other = add_user(services, "other-coach", "coach")
    active = _participant(client, users["coach"], "Aktiivinen")
    stalled = _participant(client, users["coach"], "Pysähtynyt")
    _participant(client, other, "Toisen valmentajan")
    now = datetime.now(UTC)
    services.evidence.add_simulation(active, report("A2", bands={"speaking": "A2"}, task=TASK), when=now)
    services.evidence.add_simulation(stalled, report("A1", bands={"speaking": "A1"}, task=TASK),
                                     when=now - timedelta(days=20))
    data = client.get("/api/v1/cohort", headers=users["coach"].headers).json()
    rows = {r["name"]: r for r in data["participants"]}
    assert set(rows) == {"Aktiivinen", "Pysähtynyt"}
    assert rows["Pysähtynyt"]["stalled"] and not rows["Aktiivinen"]["stalled"]
    assert data["summary"]["stalled"] == 1 and data["summary"]["participants"] == 2
    assert sum(w["sessions"] for w in rows["Aktiivinen"]["activity"]) == 1
    assert data["summary"]["activity"][-1]["sessions"] >= 1
    speaking = data["summary"]["skills_by_task"][0]["skills"]["speaking"]
    assert sum(speaking.values()) == 2
    everyone = client.get("/api/v1/cohort", headers=users["admin"].headers).json()
    assert len(everyone["participants"]) == 3


def test_cohort_csv_has_one_row_per_participant_and_task(client: TestClient, users: dict[str, ApiUser]) -> None:
    _participant(client, users["coach"], "=HYPERLINK(1)")
    r = client.get("/api/v1/cohort?format=csv", headers=users["coach"].headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0][:4] == ["id", "name", "task", "status"] and len(rows) == 2
    assert rows[1][1].startswith("'=")  # a spreadsheet does not run it


def test_participants_and_mentors_have_no_cohort(client: TestClient, users: dict[str, ApiUser], services) -> None:  # type: ignore[no-untyped-def]
    mentor = add_user(services, "cohort-mentor", "mentor")
    for who in (users["participant"], users["teacher"], mentor):
        assert client.get("/api/v1/cohort", headers=who.headers).status_code == 403
    assert client.get("/api/v1/cohort?format=xls", headers=users["coach"].headers).status_code == 422

