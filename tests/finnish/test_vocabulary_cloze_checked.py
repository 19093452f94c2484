"""108 cloze items generated from six shipped tasks and three profiles built from texts of tasks
Työkieli does not ship, each reviewed by hand: the fixture names every answer a Finnish speaker
accepts in the gap (the other number where nothing fixes it, a total object's other case, a command
to several people, the other tense where nothing anchors it, a time noun's -sin adverb …) and one
wrong form of the same word. The checker accepts each acceptable answer and refuses the wrong form.
An item the review found to have two spellings of one answer the checker cannot tell apart is
listed as dropped, and the generator must not make it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpora.tasks import load_tasks
from finnish.analyser import Analyser
from finnish.generator import build_generator
from finnish.profile import ProfileText
from finnish.profile_builder import build_profile
from finnish.vocabulary.cards import build_cards
from finnish.vocabulary.checker import AnswerChecker
from finnish.vocabulary.exercises import ExerciseItem, cloze_items
from finnish.voikko import VoikkoTools

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "vocabulary_cloze_checked.jsonl"
ROWS = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
CHECKED = [r for r in ROWS if not r.get("dropped")]


@pytest.fixture(scope="module")
def checker() -> AnswerChecker:
    return AnswerChecker(VoikkoTools(), build_generator())


@pytest.fixture(scope="module")
def generated(analyser: Analyser, checker: AnswerChecker) -> dict[str, ExerciseItem]:
    """Every cloze item of the reviewed profiles, by prompt."""
    tasks = {t.id: t for t in load_tasks()}
    out: dict[str, ExerciseItem] = {}
    for name in dict.fromkeys(r["profile"] for r in ROWS):
        if name.startswith("own:"):
            text = (ROOT / "tests" / "data" / "vocabulary_texts" / f"{name[4:]}.txt").read_text(encoding="utf-8")
            profile = build_profile(analyser, name[4:], [ProfileText(text=text)]).model_dump(mode="json")  # type: ignore[arg-type]
            texts: list[str] = []
        else:
            profile = json.loads((ROOT / "corpora" / "tasks" / "profiles" / f"{name}.json").read_text(encoding="utf-8"))
            texts = [t.text for t in tasks[name].texts]
        for card in build_cards(profile, texts, analyser, lambda _l, _p: None, checker.attests):
            for item in cloze_items(card, checker):
                out.setdefault(item.prompt, item)
    return out


def test_the_fixture_holds_100_hand_checked_items_from_several_profiles() -> None:
    assert len(CHECKED) >= 100
    assert len({r["profile"] for r in CHECKED}) >= 6 and any(r["profile"].startswith("own:") for r in CHECKED)
    assert sum(1 for r in CHECKED if r["acceptable"]) >= 30  # many gaps take more than one right answer


@pytest.mark.parametrize("row", CHECKED, ids=lambda r: f"{r['headword']}:{r['expected']}")
def test_every_acceptable_answer_is_right_and_the_wrong_form_is_not(
        row: dict[str, object], generated: dict[str, ExerciseItem], checker: AnswerChecker) -> None:
    item = generated.get(str(row["prompt"]))
    assert item is not None, f"the generator no longer makes: {row['prompt']}"
    assert item.expected == row["expected"] and item.headword == row["headword"]
    for answer in [row["expected"], *row["acceptable"]]:  # type: ignore[misc]
        verdict = checker.check(str(answer), item.words)
        assert verdict.result == "right", (row["prompt"], answer, verdict)
    wrong = checker.check(str(row["wrong_form"]), item.words)
    assert wrong.result == "wrong_form", (row["prompt"], row["wrong_form"], wrong)
    assert wrong.expected == row["expected"]


@pytest.mark.parametrize("row", [r for r in ROWS if r.get("dropped")], ids=lambda r: str(r["headword"]))
def test_an_item_with_two_spellings_of_one_answer_is_not_made(row: dict[str, object],
                                                               generated: dict[str, ExerciseItem]) -> None:
    assert str(row["prompt"]) not in generated
