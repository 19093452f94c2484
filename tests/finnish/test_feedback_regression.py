"""No wrong corrections: every goal example, hint and phrase of every scenario (read from the YAML
files, so the set grows with the scenarios) is correct learner-like Finnish, and the feedback engine
must flag nothing in it as an error, in the written and in the spoken register. Plus the classes of
wrong corrections learners met (a farewell read as a repetition, "ennen kello N" read as a
preposition error, an elliptic answer read as a missing verb, a scenario word read as a typo)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from finnish.feedback import FeedbackEngine
from tests.conftest import REPO

SCENARIOS = REPO / "simulations" / "scenarios"
CUE = re.compile(r"^\s*(?:sano|kysy|kerro|vastaa|pyydä|ehdota|kiitä|tervehdi|toista|selitä|lupaa)\w*\s*:\s*", re.I)


def _hint_parts(hint: str) -> list[str]:
    """"Sano: Hei Eino. / Päivää!" → ["Hei Eino.", "Päivää!"]; "Kysy: X" → ["X"]."""
    return [p.strip() for p in CUE.sub("", hint).split(" / ") if p.strip() and not p.strip().endswith(":")]


WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def scenario_words(data: dict) -> frozenset[str]:  # type: ignore[type-arg]
    """Every word the scenario itself uses (its key terms, the partner's lines): what a practice
    session passes to the engine as `known_words`, the evidence that a word Voikko lacks is right."""
    return frozenset(w.lower() for w in WORD.findall(yaml.safe_dump(data, allow_unicode=True)))


def scenario_turns(folder: Path = SCENARIOS) -> list[tuple[str, str]]:
    """(where, text) for every phrase, goal example and node hint (every level) of every scenario."""
    return [(where, text) for where, text, _ in _turns_with_words(folder)]


def _turns_with_words(folder: Path = SCENARIOS) -> list[tuple[str, str, frozenset[str]]]:
    out: list[tuple[str, str, frozenset[str]]] = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        words = scenario_words(data)
        for phrase in data.get("phrases") or []:
            out.append((f"{path.stem}: phrase", str(phrase["fi"]), words))
        for goal in data.get("goals") or []:
            out += [(f"{path.stem}: goal {goal.get('id')}", str(e), words) for e in goal.get("examples") or []]
        for node in data.get("nodes") or []:
            for level, hint in (node.get("hint") or {}).items():
                if level != "en":
                    out += [(f"{path.stem}: hint {node.get('id')}", p, words) for p in _hint_parts(str(hint))]
    return out


@pytest.fixture(scope="module")
def engine(analyser):  # type: ignore[no-untyped-def]
    return FeedbackEngine(analyser)


def test_the_regression_set_is_read_from_every_scenario():
    turns = scenario_turns()
    assert len({where.split(":")[0] for where, _ in turns}) == len(list(SCENARIOS.glob("*.yaml")))
    assert len(turns) >= 10 * len(list(SCENARIOS.glob("*.yaml")))
    assert _hint_parts("Sano: Hei Eino. / Päivää!") == ["Hei Eino.", "Päivää!"]


@pytest.mark.parametrize("register", ["written", "spoken"])
def test_no_error_on_any_correct_scenario_turn(engine, register):
    wrong = []
    for where, text, words in _turns_with_words():
        errors = [i for i in engine.check(text, register, known_words=words) if i.severity == "error"]
        if errors:
            wrong.append((where, text, [(text[i.start:i.end], i.rule) for i in errors]))
    assert wrong == []


@pytest.mark.parametrize("text", [
    "Kiitos ja hei hei!", "Kiitos, hei hei.", "Moi moi!", "Joo joo, selvä.", "No niin niin, ymmärrän.",
    "Heippa heippa, nähdään huomenna!", "Okei okei, teen sen heti.", "Kiitos kiitos!",
])
def test_a_doubled_greeting_or_particle_is_not_a_repetition(engine, text):
    assert [i.rule for i in engine.check(text) if i.rule == "repetition.word"] == []


def test_a_real_repetition_is_still_an_error_in_writing_and_a_hint_in_speech(engine):
    for text in ("Minä minä menen töihin.", "Siivoan lattian lattian tänään."):
        assert any(i.rule == "repetition.word" and i.severity == "error" for i in engine.check(text))
        assert all(i.severity != "error" for i in engine.check(text, "spoken") if i.rule == "repetition.word")


@pytest.mark.parametrize("text", [
    "Olen töissä ennen kello kahdeksaa.", "Ennen kello kuutta en pääse.", "Tulen ennen kello yhdeksää.",
    "Soitan ennen kello kolmea.", "Lue ohje ennen kohta kolme.", "Tulen ilman kello kahdeksan bussia.",
])
def test_a_noun_that_names_a_number_after_a_preposition_is_not_corrected(engine, text):
    assert [i.rule for i in engine.check(text) if i.category == "postposition"] == []


@pytest.mark.parametrize("text", [
    "Eli huoneessa kolme sosemainen ruoka.", "Eli huone 214 kello kaksi.", "Eli kaksi pilkku kolme baaria.",
    "Päivää, soitan ravintola Kuusesta.", "Menen kauppa Lidliin.",
])
def test_a_noun_that_labels_a_number_or_a_name_is_not_corrected(engine, text):
    assert [i.rule for i in engine.check(text) if i.severity == "error"] == []


@pytest.mark.parametrize("text,fix", [("Kaksi lapsi leikkii.", "lasta"), ("Ostin kolme kahvi.", "kahvia")])
def test_numerals_still_take_the_partitive(engine, text, fix):
    assert any(fix in " ".join(i.suggestions) for i in engine.check(text) if i.rule == "numeral.partitive")


@pytest.mark.parametrize("text,fix", [("Pese kädet ennen työ.", "ennen työtä"), ("Hän tuli ilman avain.", "ilman avainta")])
def test_ennen_and_ilman_with_a_nominative_are_still_corrected(engine, text, fix):
    [issue] = [i for i in engine.check(text) if i.category == "postposition"]
    assert fix in issue.suggestions


@pytest.mark.parametrize("text", [
    "Selvä, ensin roskat ja sitten pöydät.", "Okei, takki ja hanskat ensin.",
    "Kaksitoista kiloa kaalia ja neljä kiloa porkkanaa.", "Kolme laatikkoa maitoa ja kaksi pussia leipää.",
])
def test_an_elliptic_answer_is_not_an_error(engine, text):
    assert [i.rule for i in engine.check(text) if i.severity == "error"] == []


@pytest.mark.parametrize("text", ["Minä huomenna töissä kello kahdeksan aamulla.", "Hyvä työ tänään ja huomenna kotona."])
def test_a_clause_that_needs_a_verb_is_still_missing_one(engine, text):
    assert any(i.category == "missing_verb" and i.severity == "error" for i in engine.check(text))
