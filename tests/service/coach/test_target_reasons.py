"""A task's skill targets are explained by the situations of the task that need that level, and the
plan shows the explanation beside each skill to work on."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from corpora.tasks_profiles import PROFILES_DIR
from service.coach.participants import ParticipantIn
from service.coach.plan import PlanService
from service.coach.targets import target_reasons
from service.core.auth import CurrentUser
from tests.service.coach_factories import profile, write_profile


def _profile(targets: dict[str, str], situations: list[str]) -> dict[str, Any]:
    data = profile("Kassa", targets)
    data["situations"] = [{"id": s, "label": s.replace("_", " ").capitalize(), "label_en": s.replace("_", " "),
                           "skills": []} for s in situations]
    return data


def test_the_situations_that_need_the_target_level_explain_it() -> None:
    reasons = target_reasons(_profile({"speaking": "B1", "writing": "A2"},
                                      ["serving_customer", "handling_complaint", "reporting_fault"]))
    speaking = reasons["speaking"]
    assert [s["id"] for s in speaking["situations"]] == ["handling_complaint"]
    assert {s["id"] for s in speaking["lower"]} == {"serving_customer", "reporting_fault"}
    assert speaking["why"]["fi"] == "puhuminen B1: handling complaint"
    assert speaking["why"]["en"].startswith("speaking B1: ")
    assert [s["id"] for s in reasons["writing"]["situations"]] == ["reporting_fault"]


def test_a_target_no_situation_reaches_says_where_it_comes_from() -> None:
    reasons = target_reasons(_profile({"reading": "B2"}, ["serving_customer"]))
    assert reasons["reading"]["situations"] == []
    assert "tekstien tasosta" in reasons["reading"]["why"]["fi"] and "texts" in reasons["reading"]["why"]["en"]


@pytest.mark.parametrize("path", sorted(PROFILES_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_every_shipped_profile_explains_each_situation_based_target(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    reasons = target_reasons(data)
    assert set(reasons) == set(data["skills"])
    for skill, r in reasons.items():
        assert r["target"] == data["skills"][skill]["cefr"]
        assert all(s["level"] == r["target"] for s in r["situations"])
        assert all(s["level"] != r["target"] for s in r["lower"])
        if skill != "reading" and (r["situations"] or r["lower"]):  # reading may follow the texts instead
            assert r["situations"], f"{path.stem} {skill}: the target is above every situation"


def test_no_profile_or_no_skills_gives_no_reasons() -> None:
    assert target_reasons(None) == {} and target_reasons({"title": "x"}) == {}


def test_the_plan_shows_why_each_focus_skill_has_its_target(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    coach: CurrentUser = services.users.add_user("coach-targets", "coach")[0]
    services.targets.profiles_dir = tmp_path / "profiles"
    write_profile(services.targets.profiles_dir, "recycling-cashier",
                  _profile({"interaction": "B1", "speaking": "A2"}, ["serving_customer", "phone_call"]))
    p = services.participants.create(coach, ParticipantIn(name="Amina", target_tasks=["recycling-cashier"]))
    plan = PlanService(services.readiness, today=lambda: date(2026, 10, 1)).plan(coach, p.id)
    by_skill = {f["skill"]: f for f in plan["focus"]}
    assert [s["id"] for s in by_skill["interaction"]["target_reason"]["situations"]] == ["phone_call"]
    assert [s["id"] for s in by_skill["speaking"]["target_reason"]["situations"]] == ["serving_customer"]
    assert by_skill["speaking"]["target_reason"]["why"]["fi"] == "puhuminen A2: serving customer"
