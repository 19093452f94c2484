"""Readiness from evidence: it moves as realistic evidence accumulates and says when it knows too little."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from service.coach.evidence import estimate_skills, normalise_report
from service.coach.participants import ParticipantIn
from service.coach.readiness import skill_status
from service.coach.schemas import ParticipantOut
from service.core.auth import CurrentUser
from tests.service.coach_factories import CASHIER_TERMS, profile, report, write_profile

SPOKEN = ("speaking", "listening", "interaction")


@pytest.fixture
def coach(services) -> CurrentUser:  # type: ignore[no-untyped-def]
    user, _ = services.users.add_user("coach-rita", "coach")
    return user


@pytest.fixture
def cashier(services, coach: CurrentUser, tmp_path: Path) -> ParticipantOut:  # type: ignore[no-untyped-def]
    services.targets.profiles_dir = tmp_path / "profiles"
    targets = {"speaking": "A2", "listening": "A2", "interaction": "B1", "reading": "A2", "writing": "A2"}
    write_profile(services.targets.profiles_dir, "recycling-cashier", profile("Kassa", targets))
    return services.participants.create(coach, ParticipantIn(name="Amina", target_tasks=["recycling-cashier"]))


def _week(n: int) -> datetime:
    return datetime(2026, 9, 1, tzinfo=UTC) + timedelta(days=7 * n)


def test_no_evidence_says_not_enough_evidence_and_no_error(services, coach, cashier) -> None:  # type: ignore[no-untyped-def]
    result = services.readiness.readiness(coach, cashier.id)
    task = result["tasks"][0]
    assert task["task"] == "recycling-cashier" and task["has_profile"]
    assert {s["status"] for s in task["skills"].values()} == {"not_enough_evidence"}
    assert task["skills"]["speaking"]["target"] == "A2"
    assert task["skills"]["speaking"]["evidence_count"] == 0
    assert result["confidence"] == "low"
    assert "Näyttöä ei ole vielä" in result["summary"]["fi"]


def test_readiness_moves_from_not_yet_to_ready_as_evidence_accumulates(services, coach, cashier) -> None:  # type: ignore[no-untyped-def]
    pid = cashier.id
    # Weeks 0–1: A1 conversations, half the goals, few work words.
    for week in (0, 1):
        services.evidence.add_simulation(pid, report("A1", bands={s: "A1" for s in SPOKEN}, reached=1,
                                         used=CASHIER_TERMS[:2], errors={"object_case": 3, "agreement": 2}),
                                         source=f"s{week}", when=_week(week))
    early = services.readiness.readiness(coach, pid)["tasks"][0]
    assert early["skills"]["interaction"]["status"] == "not_yet"
    assert early["skills"]["speaking"]["status"] == "not_yet"
    assert early["skills"]["speaking"]["confidence"] == "low"
    reasons = " ".join(r["fi"] for r in early["skills"]["interaction"]["reasons"])
    assert "objektin sija" in reasons and "B1" in reasons
    assert early["vocabulary"]["covered"] == 2

    # Weeks 2–9: the learner improves to A2 and then B1, with all goals and most work words.
    for week in range(2, 10):
        band = "A2" if week < 5 else "B1"
        services.evidence.add_simulation(pid, report(band, bands={s: band for s in SPOKEN}, reached=3,
                                         used=CASHIER_TERMS[: 4 + 2 * week], errors={"object_case": 1}),
                                         source=f"s{week}", when=_week(week))
    services.participants.update(coach, pid, ParticipantIn(teacher_assessment={"reading": "A2", "writing": "A2"}))
    late = services.readiness.readiness(coach, pid)["tasks"][0]
    for skill in SPOKEN:
        assert late["skills"][skill]["status"] == "ready", (skill, late["skills"][skill])
        assert late["skills"][skill]["confidence"] == "high"
    assert late["skills"]["reading"]["status"] == "not_enough_evidence"  # one teacher assessment is not enough
    assert late["status"] == "not_enough_evidence"
    assert late["vocabulary"]["share"] > early["vocabulary"]["share"]
    assert late["goals"]["share"] > 0.8


def test_little_evidence_gives_low_confidence(services, coach, cashier) -> None:  # type: ignore[no-untyped-def]
    pid = cashier.id
    for week in (0, 1):
        services.evidence.add_simulation(pid, report("B1", bands={s: "B1" for s in SPOKEN}), when=_week(week))
    task = services.readiness.readiness(coach, pid)["tasks"][0]
    assert task["skills"]["speaking"]["status"] == "ready"
    assert task["skills"]["speaking"]["confidence"] == "low"
    assert task["confidence"] == "low"
    services.evidence.add_simulation(pid, report("B1", bands={"speaking": "B1"}), when=_week(2))
    one = services.readiness.readiness(coach, pid)["tasks"][0]["skills"]
    assert one["writing"]["status"] == "not_enough_evidence"
    assert "Taidosta kirjoittaminen ei ole vielä näyttöä." in [r["fi"] for r in one["writing"]["reasons"]]


def test_history_follows_the_evidence(services, coach, cashier) -> None:  # type: ignore[no-untyped-def]
    pid = cashier.id
    for week, band in enumerate(["A1", "A2", "B1"]):
        services.evidence.add_simulation(pid, report(band, bands={"speaking": band}, reached=week + 1), when=_week(week))
    points = services.readiness.history(coach, pid)
    assert [p["speaking"] for p in points] == sorted(p["speaking"] for p in points)
    assert points[0]["speaking"] == 1.0 and points[-1]["speaking"] > 2.0
    assert [p["goal_share"] for p in points] == [pytest.approx(1 / 3, abs=0.01), pytest.approx(0.67, abs=0.01), 1.0]


def test_a_report_keeps_no_learner_text() -> None:
    data = normalise_report(report("A2", bands={"speaking": "A2"}, errors={"spelling": 2}))
    assert "learner text here" not in str(data)
    assert data["errors"] == {"spelling": 2}
    assert data["goals"] == {"reached": 3, "total": 3}


def test_newer_evidence_weighs_more_than_older() -> None:
    from service.coach.evidence import EvidenceItem

    items = [EvidenceItem(i, "simulation", "", "", _week(i), {"skills": {"speaking": {"cefr": b}}})
             for i, b in enumerate(["A1", "A1", "B1", "B1"])]
    est = estimate_skills(items)["speaking"]
    assert est.evidence_count == 4 and est.score is not None and est.score > 2.0
    assert est.estimate == "A2" or est.estimate == "B1"


@pytest.mark.parametrize("score, count, target, status", [
    (3.0, 4, "B1", "ready"), (2.5, 4, "B1", "almost"), (2.0, 4, "B1", "not_yet"),
    (3.0, 1, "B1", "not_enough_evidence"), (None, 0, "B1", "not_enough_evidence"), (3.0, 4, None, "not_enough_evidence"),
])
def test_skill_status_thresholds(score: float | None, count: int, target: str | None, status: str) -> None:
    assert skill_status(score, count, target) == status


POOR_TURNS = ["hei", "kaksitoista", "kortti", "kuitti", "moi"]
GOOD_TURNS = ["Hei, päivää! Tervetuloa kassalle, miten voin auttaa tänään?",
              "Lamppu maksaa kahdeksan euroa ja kirjat kaksi euroa kappale, joten se tekee yhteensä kaksitoista euroa.",
              "Maksatko kortilla vai käteisellä, kumpi sopii sinulle paremmin?",
              "Selvä, laita kortti lukijaan. Haluatko kuitin, ja tarvitsetko myös kassin?",
              "Kiitos paljon ja hyvää päivänjatkoa, tervetuloa uudelleen!"]


@pytest.mark.slow
def test_real_simulations_move_interaction_from_not_yet_to_ready(services, coach) -> None:  # type: ignore[no-untyped-def]
    """The participant really plays the recycling-till scenario (scripted partner, real reports): two
    weak conversations at A1, then five fluent ones at B1, against the shipped profile's B1 target."""
    learner, _ = services.users.add_user("learner-real", "participant")
    p = services.participants.create(coach, ParticipantIn(name="Amina", target_tasks=["recycling-cashier"],
                                                          user=learner.name))

    def play(turns: list[str], level: str) -> None:
        session = services.simulations.start(learner.id, "recycling-cashier-customer", level)
        for text in turns:
            if services.simulations.turn(learner.id, session["id"], text)["finished"]:
                break
        services.simulations.finish(learner.id, session["id"])

    for _ in range(2):
        play(POOR_TURNS, "A1")
    early = services.readiness.readiness(coach, p.id)["tasks"][0]
    assert early["skills"]["interaction"]["target"] == "B1"
    assert early["skills"]["interaction"]["status"] == "not_yet"
    assert early["skills"]["interaction"]["confidence"] == "low"
    for _ in range(5):
        play(GOOD_TURNS, "B1")
    late = services.readiness.readiness(coach, p.id)["tasks"][0]
    assert late["skills"]["interaction"]["status"] == "ready", late["skills"]["interaction"]
    assert late["skills"]["listening"]["status"] == "ready"
    assert late["skills"]["interaction"]["confidence"] == "high"
    assert late["vocabulary"]["covered"] > early["vocabulary"]["covered"]
