"""The intake mapping tailors the progress plan in the expected direction, and says what it changed
and why in Finnish and English; without an intake the plan is what it was."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from service.coach.participants import ParticipantIn
from service.coach.plan import PlanService
from service.coach.plan_tailoring import tailor, weekly_hours
from service.core.auth import CurrentUser
from tests.service.coach_factories import CASHIER_TERMS, profile, write_profile

SCENARIOS = [
    {"id": "recycling-cashier-payment", "title": "Maksu kassalla", "task": "recycling-cashier", "levels": ["A1", "A2", "B1"]},
    {"id": "recycling-cashier-complaint", "title": "Asiakas valittaa", "task": "recycling-cashier", "levels": ["A1", "A2", "B1"]},
    {"id": "recycling-cashier-opening-hours", "title": "Aukioloajat puhelimessa", "task": "recycling-cashier", "levels": ["A2", "B1"]},
]


class Intakes:
    """A fake intake store: participant id → the intake mapping."""

    def __init__(self) -> None:
        self.data: dict[int, dict[str, Any]] = {}

    def __call__(self, participant_id: int) -> dict[str, Any]:
        return self.data.get(participant_id, {})


@pytest.fixture
def coach(services) -> CurrentUser:  # type: ignore[no-untyped-def]
    return services.users.add_user("coach-tailor", "coach")[0]


@pytest.fixture
def intakes() -> Intakes:
    return Intakes()


@pytest.fixture
def plan_of(services, coach, intakes, tmp_path: Path):  # type: ignore[no-untyped-def]
    services.targets.profiles_dir = tmp_path / "profiles"
    write_profile(services.targets.profiles_dir, "recycling-cashier", profile("Kassa", {"interaction": "B1"}))

    def make(intake: dict[str, Any] | None, llm: bool = False) -> dict[str, Any]:
        p = services.participants.create(coach, ParticipantIn(name="Amina", target_tasks=["recycling-cashier"]))
        if intake is not None:
            intakes.data[p.id] = intake
        planner = PlanService(services.readiness, scenarios=lambda task: [s for s in SCENARIOS if s["task"] == task],
                              today=lambda: date(2026, 10, 1), intake=intakes, llm=llm)
        return dict(planner.plan(coach, p.id))

    return make


def _dues(plan: dict[str, Any]) -> list[str]:
    return [s["due"] for s in plan["scenarios"]]


def _kinds(plan: dict[str, Any]) -> set[str]:
    return {r["kind"] for r in plan["tailoring"]["reasons"]}


def test_without_an_intake_the_plan_is_unchanged(plan_of) -> None:  # type: ignore[no-untyped-def]
    plan = plan_of(None)
    assert plan["tailoring"]["applied"] is False and plan["tailoring"]["reasons"] == []
    assert _dues(plan) == ["2026-10-08", "2026-10-15", "2026-10-22"] and plan["review"] == "2026-10-29"
    assert [w["lemma"] for w in plan["words"]] == CASHIER_TERMS[:8]
    assert [s["level"] for s in plan["scenarios"]] == ["A2", "A2", "A2"]
    assert not any(s["repeat"] for s in plan["scenarios"])
    assert plan["steps"][0]["fi"] == "Harjoitus: Maksu kassalla (A2)"


def test_limited_work_capacity_spaces_the_sessions_and_moves_the_review(plan_of) -> None:  # type: ignore[no-untyped-def]
    plan = plan_of({"support_needs": ["Työkyky 4 h/päivä, 2 pv/vko"]})
    assert plan["tailoring"]["sessions_per_week"] < 1 and plan["tailoring"]["interval_days"] == 14
    assert _dues(plan)[:3] == ["2026-10-15", "2026-10-29", "2026-11-12"]
    assert plan["review"] > "2026-10-29"
    assert "pace" in _kinds(plan)
    pace = next(r for r in plan["tailoring"]["reasons"] if r["kind"] == "pace")
    assert "8 tuntia viikossa" in pace["fi"] and "8 hours a week" in pace["en"]


def test_full_time_capacity_means_two_sessions_a_week(plan_of) -> None:  # type: ignore[no-untyped-def]
    plan = plan_of({"support_needs": ["Voi tehdä 37,5 tuntia viikossa"]})
    assert plan["tailoring"]["sessions_per_week"] == 2
    assert _dues(plan) == ["2026-10-05", "2026-10-08", "2026-10-12"]
    assert plan["review"] == "2026-10-29"


def test_reading_difficulties_give_short_repeated_sessions_at_a1_plain_finnish_first(plan_of) -> None:  # type: ignore[no-untyped-def]
    plan = plan_of({"support_needs": ["Lukemisen vaikeus (dysleksia)"]})
    t = plan["tailoring"]
    assert t["session_minutes"] < 20 and t["repeat_scenarios"] and t["explanations"]["plain_finnish_first"]
    assert [s["level"] for s in plan["scenarios"]] == ["A1", "A1", "A1", "A1", "A2", "A2"]
    assert [s["repeat"] for s in plan["scenarios"]] == [False, True] * 3
    assert len(plan["words"]) == 5
    assert {"session", "support"} <= _kinds(plan)
    assert "noin 10 min" in plan["steps"][0]["fi"] and "about 10 min" in plan["steps"][0]["en"]


def test_hearing_support_shows_speech_as_text(plan_of) -> None:  # type: ignore[no-untyped-def]
    plan = plan_of({"support_needs": ["Heikko kuulo vasemmassa korvassa"]})
    support = [r for r in plan["tailoring"]["reasons"] if r["kind"] == "support"]
    assert support and "tekstinä" in support[0]["fi"] and "text" in support[0]["en"]
    assert plan["tailoring"]["session_minutes"] == 20  # hearing alone does not shorten the sessions


def test_english_known_offers_english_explanations(plan_of) -> None:  # type: ignore[no-untyped-def]
    plan = plan_of({"languages": [{"language": "arabia", "level": "äidinkieli"}, {"language": "English", "level": "B2"}]})
    assert plan["tailoring"]["explanations"]["language"] == "English"
    assert plan["tailoring"]["explanations"]["mode"] == "gloss"


def test_no_english_means_plain_finnish_and_with_a_language_model_the_strongest_language(plan_of) -> None:  # type: ignore[no-untyped-def]
    langs = {"languages": [{"language": "tigrinja", "level": "äidinkieli"}, {"language": "englanti", "level": "A1"}]}
    plain = plan_of(langs)
    assert plain["tailoring"]["explanations"]["mode"] == "plain"
    assert plain["tailoring"]["explanations"]["plain_finnish_first"]
    llm = plan_of(langs, llm=True)
    assert llm["tailoring"]["explanations"] == {"language": "tigrinja", "mode": "llm", "plain_finnish_first": False}


def test_the_self_assessment_sets_the_level_until_there_is_spoken_evidence(plan_of) -> None:  # type: ignore[no-untyped-def]
    plan = plan_of({"self_assessment": {"speaking": "B1", "listening": "B1", "reading": "A2"}})
    assert [s["level"] for s in plan["scenarios"]] == ["A2", "A2", "A2"]
    plan = plan_of({"self_assessment": {"speaking": "B1", "listening": "B1"}})
    assert [s["level"] for s in plan["scenarios"]] == ["B1", "B1", "B1"]
    assert "level" in _kinds(plan)


def test_scenarios_of_work_done_before_come_last(plan_of) -> None:  # type: ignore[no-untyped-def]
    plan = plan_of({"work_history": ["Kassatyö ja maksut kaupassa Irakissa 5 vuotta"]})
    ids = [s["id"] for s in plan["scenarios"]]
    assert ids[-1] == "recycling-cashier-payment"
    assert "ennen" in plan["scenarios"][-1]["why"]["fi"] and "before" in plan["scenarios"][-1]["why"]["en"]
    assert "prior" in _kinds(plan)


def test_every_tailoring_reason_is_in_finnish_and_english(plan_of) -> None:  # type: ignore[no-untyped-def]
    plan = plan_of({"support_needs": ["osa-aikainen, väsyy helposti", "lukivaikeus"],
                    "languages": [{"language": "English", "level": "C1"}],
                    "self_assessment": {"speaking": "A2"}, "prior_competence": ["siivous"]})
    assert len(plan["tailoring"]["reasons"]) >= 5
    assert all(r["fi"] and r["en"] and r["fi"] != r["en"] for r in plan["tailoring"]["reasons"])


@pytest.mark.parametrize("text, hours", [
    ("4 h/päivä, 3 pv/vko", 12.0), ("20 tuntia viikossa", 20.0), ("työkyky 50 %", 18.75),
    ("6 h per day", 30.0), ("3 päivää viikossa", 22.5), ("10 h/vko", 10.0), ("väsyy helposti", None),
    ("", None),
])
def test_weekly_hours_are_read_from_how_a_coach_writes_them(text: str, hours: float | None) -> None:
    assert weekly_hours(text) == hours


def test_no_intake_tailors_nothing() -> None:
    t = tailor({})
    assert not t.applied and t.sessions_per_week == 1 and t.words_per_batch == 8 and t.reasons == []


def test_an_intake_put_over_the_api_tailors_the_plan_the_coach_reads(client, users) -> None:  # type: ignore[no-untyped-def]
    coach = users["coach"].headers
    pid = client.post("/api/v1/participants", json={"name": "Amina", "target_tasks": ["recycling-cashier"]},
                      headers=coach).json()["id"]
    before = client.get(f"/api/v1/participants/{pid}/plan", headers=coach).json()
    assert before["tailoring"]["applied"] is False
    r = client.put(f"/api/v1/participants/{pid}/intake", headers=coach,
                   json={"support_needs": ["Työkyky 4 h/päivä, 2 pv/vko", "lukivaikeus"],
                         "languages": [{"language": "English", "level": "B2"}]})
    assert r.status_code == 200, r.text
    assert r.json()["tailoring"]["plan"]["applied"] is True
    after = client.get(f"/api/v1/participants/{pid}/plan", headers=coach).json()
    t = after["tailoring"]
    assert t["applied"] and t["interval_days"] == 14 and t["repeat_scenarios"]
    assert t["explanations"]["language"] == "English"
    assert after["review"] > before["review"]
    assert all(r["fi"] and r["en"] for r in t["reasons"])
