"""The personal progress plan follows the evidence."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.coach.participants import ParticipantIn
from service.coach.plan import PlanService
from service.coach.schemas import ParticipantOut
from service.core.auth import CurrentUser
from tests.conftest import ApiUser
from tests.service.coach_factories import CASHIER_TERMS, profile, report, write_profile

SCENARIOS = [
    {"id": "recycling-cashier-payment", "title": "Maksu kassalla", "task": "recycling-cashier", "levels": ["A1", "A2", "B1"]},
    {"id": "recycling-cashier-complaint", "title": "Asiakas valittaa", "task": "recycling-cashier", "levels": ["A2", "B1"]},
    {"id": "recycling-cashier-opening-hours", "title": "Aukioloajat puhelimessa", "task": "recycling-cashier", "levels": ["A2"]},
]


@pytest.fixture
def coach(services) -> CurrentUser:  # type: ignore[no-untyped-def]
    return services.users.add_user("coach-plan", "coach")[0]


@pytest.fixture
def planner(services, tmp_path: Path) -> PlanService:  # type: ignore[no-untyped-def]
    services.targets.profiles_dir = tmp_path / "profiles"
    write_profile(services.targets.profiles_dir, "recycling-cashier", profile("Kassa", {"interaction": "B1"}))
    return PlanService(services.readiness, scenarios=lambda task: [s for s in SCENARIOS if s["task"] == task],
                       today=lambda: date(2026, 10, 1))


def _participant(services, coach) -> ParticipantOut:  # type: ignore[no-untyped-def]
    return services.participants.create(coach, ParticipantIn(name="Amina", target_tasks=["recycling-cashier"]))


def test_plan_without_evidence_starts_today_with_words_and_scenarios(services, coach, planner) -> None:  # type: ignore[no-untyped-def]
    p = _participant(services, coach)
    plan = planner.plan(coach, p.id)
    assert plan["start"] == "2026-10-01" and plan["review"] == "2026-10-29"
    assert [s["id"] for s in plan["scenarios"]] == [s["id"] for s in SCENARIOS]
    assert [s["due"] for s in plan["scenarios"]] == ["2026-10-08", "2026-10-15", "2026-10-22"]
    assert [w["lemma"] for w in plan["words"]] == CASHIER_TERMS[:8]
    assert {f["status"] for f in plan["focus"]} == {"not_enough_evidence"}
    assert plan["steps"][-1]["kind"] == "review"
    assert [s["due"] for s in plan["steps"]] == sorted(s["due"] for s in plan["steps"])


def test_plan_is_updated_as_evidence_arrives(services, coach, planner) -> None:  # type: ignore[no-untyped-def]
    p = _participant(services, coach)
    when = datetime(2026, 9, 28, tzinfo=UTC)
    bands = {"speaking": "B1", "listening": "B1", "interaction": "B1"}
    for _ in range(2):
        services.evidence.add_simulation(p.id, report("B1", bands=bands, used=CASHIER_TERMS[:5],
                                         scenario="recycling-cashier-payment"), when=when)
    services.evidence.add_simulation(p.id, report("A2", bands=bands, reached=1, used=CASHIER_TERMS[5:7],
                                     scenario="recycling-cashier-complaint"), when=when)
    plan = planner.plan(coach, p.id)
    assert plan["start"] == "2026-09-28" and plan["based_on_evidence"] == 3
    # the payment scenario went well: it leaves the plan; the complaint is practised again after the new one
    assert [s["id"] for s in plan["scenarios"]] == ["recycling-cashier-opening-hours", "recycling-cashier-complaint"]
    assert "recycling-cashier-payment" not in [s["id"] for s in plan["scenarios"]]
    assert [w["lemma"] for w in plan["words"]] == CASHIER_TERMS[7:15]
    assert {f["skill"] for f in plan["focus"]} == {"reading", "writing"}
    assert any(s["kind"] == "evidence" for s in plan["steps"])


def test_participant_sees_their_own_plan_over_the_api(client: TestClient, users: dict[str, ApiUser]) -> None:
    r = client.post("/api/v1/participants", json={"name": "Amina", "user": users["participant"].name,
                                                  "target_tasks": ["recycling-cashier"]}, headers=users["coach"].headers)
    pid = r.json()["id"]
    own = client.get(f"/api/v1/participants/{pid}/plan", headers=users["participant"].headers)
    assert own.status_code == 200
    assert own.json()["participant"] == pid and own.json()["steps"]
    assert client.get(f"/api/v1/participants/{pid}/plan", headers=users["teacher"].headers).status_code == 404
