"""Unit tests of the goal tracker (simulations/goals.py): what reaches a goal and, as much, what must
not — a similarity below the threshold, too few of the goal's words, a negated turn, a wrong fact.
Each negative test is there to fail a mutant that makes goals easier to reach (scripts/mutation.py)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from finnish.analyser import FakeAnalyser
from simulations.goals import GoalTracker, TrigramEmbedder
from simulations.scenario import Scenario

_LINE = {"A1": "Hei.", "A2": "Hei.", "B1": "Hei.", "B2": "Hei."}
_IDS = itertools.count()  # the tracker caches per scenario id and version: one id per test scenario
_RUBRIC = [{"id": "task", "name": "Tehtävä", "name_en": "Task", "skill": "interaction", "measure": "goals"}]


def scenario(goals: list[dict[str, Any]], facts: list[dict[str, Any]] | None = None,
             answers: list[dict[str, Any]] | None = None) -> Scenario:
    return Scenario.model_validate({
        "id": f"unit-{next(_IDS)}", "title": "Testi", "title_en": "Test", "task": "kitchen-food-prep", "sector": "kitchen",
        "setting": "Keittiö.", "setting_en": "Kitchen.", "partner": {"role": "kokki", "role_en": "cook"},
        "learner": {"role": "apulainen", "role_en": "assistant"}, "goals": goals, "start": "a",
        "nodes": [{"id": "a", "say": _LINE, "expects": [goals[0]["id"]], "next": "b", "facts": facts or []},
                  {"id": "b", "say": _LINE, "end": True}],
        "answers": answers or [], "rubric": _RUBRIC,
    })


class FixedEmbedder:
    """Vectors chosen by the test: every example is e1; a turn listed in `turns` gets its similarity to e1."""

    def __init__(self, turns: dict[str, float]) -> None:
        self.turns = turns

    def embed_batch(self, texts: list[str]) -> Sequence[Sequence[float]]:
        out = []
        for t in texts:
            s = self.turns.get(t, 1.0)
            out.append([s, float(np.sqrt(max(0.0, 1 - s * s))), 0.0])
        return out


SICK = {"id": "say_ill", "description": "Kerro, että olet sairas.", "description_en": "Say you are ill.",
        "examples": ["Olen sairas, en pääse tänään töihin.", "Minulla on kuumetta."],
        "lemmas": ["sairas", "kipeä", "kuume", "flunssa"]}
AMOUNTS = {"id": "repeat", "description": "Toista määrät.", "description_en": "Repeat the amounts.",
           "examples": ["Kaksitoista kiloa kaalia ja neljä kiloa porkkanaa."], "lemmas": ["kilo", "kaali", "porkkana"],
           "min_lemmas": 2}
FACTS = [{"id": "cabbage", "kind": "number", "goal": "repeat", "value": 12, "unit": "kilo", "about": ["kaali"],
          "say": "kaksitoista kiloa kaalia"},
         {"id": "carrot", "kind": "number", "goal": "repeat", "value": 4, "unit": "kilo", "about": ["porkkana"],
          "say": "neljä kiloa porkkanaa"}]


@pytest.fixture(scope="module")
def tracker(analyser) -> GoalTracker:  # type: ignore[no-untyped-def]
    return GoalTracker(analyser)


# -- the similarity threshold ------------------------------------------------------------------------

def test_similarity_at_or_above_the_threshold_reaches_the_goal_and_below_it_does_not(analyser) -> None:  # type: ignore[no-untyped-def]
    goal = {"id": "g", "description": "Sano jotain.", "description_en": "Say something.", "examples": ["Kiitos paljon avusta."]}
    sc = scenario([goal])
    close, far, near_miss = "Sanon tämän nyt heti.", "Tämä on jotain muuta kokonaan.", "Tämä on melkein sama asia."
    embedder = FixedEmbedder({close: 0.85, far: 0.3, near_miss: 0.75})
    t = GoalTracker(analyser, embedder, threshold=0.8)
    assert t.read(sc, close).new_goals == ["g"]
    assert t.read(sc, far).new_goals == []
    assert t.read(sc, near_miss).new_goals == []  # 0.75 < 0.8: a lower threshold would accept it
    assert t.read(sc, near_miss).scores["g"] == pytest.approx(0.75, abs=0.01)


def test_the_default_threshold_is_strict_enough(analyser) -> None:  # type: ignore[no-untyped-def]
    assert GoalTracker(analyser).threshold >= 0.8
    goal = {"id": "g", "description": "Sano jotain.", "description_en": "Say something.", "examples": ["Kiitos paljon avusta."]}
    turn = "Tämä on melkein sama asia."
    assert GoalTracker(analyser, FixedEmbedder({turn: 0.7})).read(scenario([goal]), turn).new_goals == []


def test_a_one_or_two_word_turn_is_not_matched_by_similarity(analyser) -> None:  # type: ignore[no-untyped-def]
    goal = {"id": "g", "description": "Hyvästele.", "description_en": "Say bye.", "examples": ["Kiitos, hei hei."]}
    t = GoalTracker(analyser, FixedEmbedder({"Hei": 0.99, "Hei hei": 0.99}))
    assert t.read(scenario([goal]), "Hei").new_goals == []


# -- lemmas and intents -----------------------------------------------------------------------------

def test_one_lemma_of_the_goal_reaches_it(tracker) -> None:  # type: ignore[no-untyped-def]
    assert tracker.read(scenario([SICK]), "Minulla on flunssa.").new_goals == ["say_ill"]


def test_a_compound_whose_head_is_the_lemma_counts(tracker) -> None:  # type: ignore[no-untyped-def]
    goal = {"id": "cert", "description": "Todistus.", "description_en": "Certificate.", "examples": ["Haen paperin."],
            "lemmas": ["todistus"]}
    assert tracker.read(scenario([goal]), "Haen lääkärintodistuksen.").new_goals == ["cert"]
    # without compound parts from the analyser, the head of the word still counts ("…todistus")
    plain = GoalTracker(FakeAnalyser(), FixedEmbedder({"Tuon lääkärintodistus huomenna": 0.1}))
    assert plain.read(scenario([goal]), "Tuon lääkärintodistus huomenna").new_goals == ["cert"]


def test_min_lemmas_is_required(analyser) -> None:  # type: ignore[no-untyped-def]
    # similarity cannot help here (the embedder gives 0.1), so only the lemma rule decides
    one, two = "Tarvitaanko kaalia?", "Kaalia ja porkkanaa tarvitaan."
    t = GoalTracker(analyser, FixedEmbedder({one: 0.1, two: 0.1}))
    sc = scenario([AMOUNTS])
    assert t.read(sc, one).new_goals == []  # one of the two lemmas needed
    assert t.read(sc, one).scores["repeat"] < 0.8
    assert t.read(sc, two).new_goals == ["repeat"]


def test_intents_are_required_when_the_goal_names_them(analyser) -> None:  # type: ignore[no-untyped-def]
    goal = {"id": "thank", "description": "Kiitä.", "description_en": "Thank.", "examples": ["Kiitos avusta."],
            "intents": ["thanks"]}
    plain = "Tämä on nyt valmis."
    t = GoalTracker(analyser, FixedEmbedder({plain: 0.1, "Kiitos, tämä on valmis.": 0.1}))
    assert t.read(scenario([goal]), plain).new_goals == []
    assert t.read(scenario([goal]), "Kiitos, tämä on valmis.").new_goals == ["thank"]


def test_a_goal_already_reached_is_not_new_again(tracker) -> None:  # type: ignore[no-untyped-def]
    reading = tracker.read(scenario([SICK]), "Olen sairas.", reached=["say_ill"])
    assert reading.new_goals == [] and reading.scores["say_ill"] == 1.0


# -- polarity ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Minä en ole sairas.", "En ole kipeä.", "Mä en oo kipee.", "Ei minulla ole kuumetta."])
def test_a_negated_turn_does_not_reach_a_positive_goal(tracker, text) -> None:  # type: ignore[no-untyped-def]
    reading = tracker.read(scenario([SICK]), text)
    assert reading.new_goals == [] and "say_ill" in reading.contradicted


@pytest.mark.parametrize("text", ["Olen sairas, en pääse tänään töihin.", "Olen kipeä enkä pääse töihin.", "Minulla on kuumetta."])
def test_a_negation_elsewhere_in_the_turn_does_not_block_the_goal(tracker, text) -> None:  # type: ignore[no-untyped-def]
    assert tracker.read(scenario([SICK]), text).new_goals == ["say_ill"]


def test_a_negative_goal_needs_the_negation(tracker) -> None:  # type: ignore[no-untyped-def]
    goal = {"id": "refuse", "description": "Kerro, ettei se onnistu.", "description_en": "Say it is not possible.",
            "examples": ["Valitettavasti se ei onnistu tänään.", "Se ei onnistu."], "lemmas": ["onnistua"]}
    sc = scenario([goal])
    assert tracker.read(sc, "Valitettavasti tämä ei onnistu.").new_goals == ["refuse"]
    assert tracker.read(sc, "Se onnistuu hyvin tänään.").new_goals == []


def test_ilman_negates_what_it_governs(tracker) -> None:  # type: ignore[no-untyped-def]
    gear = {"id": "gear", "description": "Kerro suojaimista.", "description_en": "Say the gear.",
            "examples": ["Puen käsineet."], "lemmas": ["käsine"]}
    sc = scenario([gear])
    assert tracker.read(sc, "Menen sisään ilman käsineitä.").new_goals == []
    assert tracker.read(sc, "Menen sisään käsineet kädessä.").new_goals == ["gear"]


# -- facts ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Kaksitoista kiloa kaalia ja neljä kiloa porkkanaa.", "12 kiloa kaalia ja 4 kiloa porkkanaa.",
                                  "Eli kakstoista kiloa kaalia ja neljä kiloa porkkanaa?"])
def test_right_facts_in_digits_words_or_spoken_reach_the_goal(tracker, text) -> None:  # type: ignore[no-untyped-def]
    reading = tracker.read(scenario([AMOUNTS], FACTS), text)
    assert reading.new_goals == ["repeat"] and not reading.misunderstood


@pytest.mark.parametrize("text", ["Eli kolme kiloa kaalia ja kuusi kiloa porkkanaa?", "Neljä kiloa kaalia ja kaksitoista kiloa porkkanaa.",
                                  "Kaksitoista kiloa kaalia ja viisi kiloa porkkanaa."])
def test_a_wrong_fact_is_a_misunderstanding_and_the_goal_stays_open(tracker, text) -> None:  # type: ignore[no-untyped-def]
    reading = tracker.read(scenario([AMOUNTS], FACTS), text)
    assert reading.new_goals == [] and reading.kind == "misunderstood"
    assert {m.goal for m in reading.misunderstood} == {"repeat"}
    assert all(m.said and m.expected in {"kaksitoista kiloa kaalia", "neljä kiloa porkkanaa"} for m in reading.misunderstood)


def test_a_goal_with_facts_needs_at_least_one_of_them(tracker) -> None:  # type: ignore[no-untyped-def]
    reading = tracker.read(scenario([AMOUNTS], FACTS), "Selvä, kiloja kaalia ja porkkanaa.")
    assert reading.new_goals == []


def test_facts_of_a_node_not_yet_heard_are_not_checked(tracker) -> None:  # type: ignore[no-untyped-def]
    reading = tracker.read(scenario([AMOUNTS], FACTS), "Kolme kiloa kaalia ja kuusi kiloa porkkanaa.", heard={"b"})
    assert reading.misunderstood == []


# -- kinds of turn and the fact sheet ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind"), [("", "empty"), ("...", "empty"), ("Anteeksi?", "repair"),
                                            ("En ymmärrä.", "repair"), ("I don't understand, sorry", "english")])
def test_kinds_of_turn(tracker, text, kind) -> None:  # type: ignore[no-untyped-def]
    reading = tracker.read(scenario([SICK]), text)
    assert reading.kind == kind and reading.new_goals == []


def test_a_question_is_answered_from_the_fact_sheet_or_not_at_all(tracker) -> None:  # type: ignore[no-untyped-def]
    answers = [{"id": "break", "about": ["tauko"], "examples": ["Milloin on tauko?"], "say": _LINE}]
    sc = scenario([SICK], answers=answers)
    asked = tracker.read(sc, "Mihin aikaan tauko on?")
    assert asked.kind == "question" and asked.answer == "break"
    unknown = tracker.read(sc, "Missä auton avaimet ovat?")
    assert unknown.kind == "question" and unknown.answer == ""


def test_warm_computes_every_scenario_once(tracker) -> None:  # type: ignore[no-untyped-def]
    sc = scenario([SICK])
    assert tracker.warm([sc]) == 1
    assert (sc.id, sc.version) in tracker._cache


def test_the_default_embedder_is_normalised() -> None:
    vectors = TrigramEmbedder().embed_batch(["kaksitoista kiloa", "kaali"])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
