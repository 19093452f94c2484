from __future__ import annotations

import json

from simulations.scenario import LEVELS
from tests.simulations.conftest import play
from tests.simulations.dialogues import DIALOGUES


def test_the_report_of_a_full_dialogue_shows_goals_terms_and_a_band_per_criterion(engine) -> None:  # type: ignore[no-untyped-def]
    state, _ = play(engine, "cleaning-call-in-sick", DIALOGUES["cleaning-call-in-sick"])
    report = engine.report(state)
    # one goal count everywhere: the required goals (the farewell is optional), also in the criterion
    assert report["goals_reached"] == report["goals_total"] == 4
    task_reason = next(c for c in report["criteria"] if c["id"] == "task")["reasons"][0]["fi"]
    assert "4/4" in task_reason
    assert set(report["key_terms"]["used"]) >= {"sairas", "lääkärintodistus"}
    assert "kuume" in report["key_terms"]["not_used"] and "kuume" in report["next_steps"]["words"]
    assert {c["id"] for c in report["criteria"]} == {"task", "vocabulary", "accuracy", "range", "interaction", "listening"}
    for c in report["criteria"]:
        assert c["band"] in LEVELS and c["reasons"][0]["fi"] and c["reasons"][0]["en"]
    assert set(report["skills"]) == {"speaking", "listening", "interaction"}
    task = next(c for c in report["criteria"] if c["id"] == "task")
    assert task["band"] == "A2"  # every goal at A2 without hints
    assert report["next_steps"]["scenarios"][0] == {"id": "cleaning-call-in-sick", "title": report["title"], "level": "B1",
                                                     "why": {"fi": "Kokeile vaikeampaa tasoa.", "en": "Try the next level."}}
    json.dumps(report)  # stored as JSON with the session


def test_the_report_counts_errors_by_category_with_examples(engine) -> None:  # type: ignore[no-untyped-def]
    state, _ = play(engine, "cleaning-office-instructions", ["Hei, minä on Amina.", "Minä on valmis. Mistä minä aloitan?"])
    errors = engine.report(state)["errors"]
    assert errors["total"] == 2
    [agreement] = errors["by_category"]
    assert agreement["category"] == "agreement" and agreement["count"] == 2
    assert agreement["examples"][0]["words"] == "on" and agreement["examples"][0]["suggestions"] == ["olen"]


def test_the_report_counts_questions_and_repair_requests(engine) -> None:  # type: ignore[no-untyped-def]
    turns = ["Hei!", "Anteeksi?", "Se tekee kaksitoista euroa.", "Maksatko kortilla vai käteisellä?", "Haluatko kuitin?"]
    state, _ = play(engine, "recycling-cashier-customer", turns)
    interaction = engine.report(state)["interaction"]
    assert interaction["repair_requests"] == 1
    assert interaction["questions"] == 2
    assert interaction["learner_turns"] == 5


def test_a_stuck_learner_is_told_what_to_practise(engine) -> None:  # type: ignore[no-untyped-def]
    state, _ = play(engine, "kitchen-dishwasher-broken", ["Hei, täällä Amina.", "Joo.", "Hello?", "I don't know"])
    engine.hint(state)
    report = engine.report(engine.finish(state))
    assert report["finished_reason"] == "learner"
    steps = report["next_steps"]
    assert [g["id"] for g in steps["goals"]] == ["report_fault", "describe", "confirm"]
    assert steps["goals"][0]["example"] == "Astianpesukone on rikki."
    assert steps["scenarios"][0]["id"] == "kitchen-dishwasher-broken" and steps["phrases"]
    task = next(c for c in report["criteria"] if c["id"] == "task")
    assert task["band"] == "A1"
    assert report["interaction"]["redirected_turns"] == 2 and report["interaction"]["hints"] == 1


def test_a_session_without_turns_gets_no_bands(engine) -> None:  # type: ignore[no-untyped-def]
    report = engine.report(engine.start("care-morning-resident"))
    assert all(c["band"] is None for c in report["criteria"]) and report["skills"] == {}


def test_the_report_names_the_task_profiles_key_terms_the_learner_used(engine) -> None:  # type: ignore[no-untyped-def]
    from corpora.tasks_profiles import load_task_profile

    strongest = [t.lemma for t in load_task_profile("cleaning-office").key_terms[:40]]
    assert "liina" in strongest and "lattia" in strongest
    state, _ = play(engine, "cleaning-office-instructions", ["Hei!", "Pyyhinkö lattian sinisellä liinalla?"])
    terms = engine.report(state)["key_terms"]
    assert {"liina", "lattia"} <= set(terms["profile_used"]) and terms["profile_size"] > 0


def test_the_range_band_is_monotone_in_the_mean_turn_length(engine) -> None:  # type: ignore[no-untyped-def]
    short = ["Hei, tässä Amina.", "Olen sairas tänään.", "Kaksi päivää.", "Haen todistuksen."]
    longer = ["Hei, tässä on Amina siivoustiimistä.", "Olen tosi sairas, minulla on kova kuume.",
              "Luulen, että olen poissa ehkä kaksi päivää.", "Selvä, haen lääkärintodistuksen huomenna aamulla."]
    bands = []
    for turns in (short, longer):
        state, _ = play(engine, "cleaning-call-in-sick", turns)
        report = engine.report(state)
        band = next(c["band"] for c in report["criteria"] if c["id"] == "range")
        bands.append((report["interaction"]["mean_turn_words"], LEVELS.index(band)))
    (mean_a, band_a), (mean_b, band_b) = sorted(bands)
    assert mean_a < mean_b and band_a <= band_b


def test_the_report_lists_misunderstood_facts_under_understanding(engine) -> None:  # type: ignore[no-untyped-def]
    turns = ["Huomenta! Mitä minä teen ensin?", "Eli kolme kiloa kaalia ja kuusi kiloa porkkanaa?"]
    state, outcomes = play(engine, "kitchen-food-prep-special-diets", turns)
    assert outcomes[1].partner.kind == "correction" and "kaksitoista" in outcomes[1].partner.text.lower()
    assert "repeat_amounts" not in state.goals_reached
    report = engine.report(state)
    section = report["understanding"]
    assert section["title"] == "Ymmärtäminen" and section["title_en"] == "Understanding"
    facts = {m["fact"] for m in section["misunderstood"]}
    assert facts and all(m["goal"] == "repeat_amounts" and m["said"] and m["expected"] for m in section["misunderstood"])
