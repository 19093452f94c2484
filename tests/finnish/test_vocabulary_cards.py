"""Cards from any profile of a few hundred words: key terms, multiword terms, phrases and the texts'
other content words, each word card with a real inflected form taken from the texts (never a
generated one). Tested on every shipped task with 400+ words of text and on profiles built from
texts of tasks Työkieli does not ship (hotel room cleaning, a laundry, a bakery)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpora.glossary import Glossary
from corpora.tasks import load_tasks
from finnish.analyser import Analyser
from finnish.generator import build_generator
from finnish.profile import ProfileText
from finnish.profile_builder import build_profile
from finnish.vocabulary.cards import build_cards
from finnish.vocabulary.checker import AnswerChecker
from finnish.vocabulary.model import VocabCard
from finnish.voikko import VoikkoTools

ROOT = Path(__file__).resolve().parents[2]
PROFILES = ROOT / "corpora" / "tasks" / "profiles"
OWN_TEXTS = sorted((ROOT / "tests" / "data" / "vocabulary_texts").glob("*.txt"))
SHIPPED = [t for t in load_tasks() if sum(len(x.text.split()) for x in t.texts) >= 400]


@pytest.fixture(scope="module")
def checker() -> AnswerChecker:
    return AnswerChecker(VoikkoTools(), build_generator())


def _assert_forty_inflected_from_the_texts(cards: list[VocabCard], texts: list[str], checker: AnswerChecker) -> None:
    """At least 40 word or term cards, each with a form that differs from its headword, appears in its
    sentence, and the sentence is one of the texts' (or the profile's) own sentences."""
    corpus = " ".join(" ".join(t.split()) for t in texts).casefold()
    good = []
    for card in cards:
        if card.kind == "phrase":
            continue
        real = [f for f in card.forms if f.form.casefold() != card.lemma.casefold()
                and f.form.casefold() in f.sentence.casefold() and f.form.casefold() in corpus]
        if real:
            good.append(card)
    assert len(good) >= 40, [c.lemma for c in cards]
    # the texts' own words are real forms of their headword for Voikko (an unambiguous reading)
    for card in (c for c in good if c.band == "text"):
        assert any(checker.attests(f.form, card.lemma, card.pos) for f in card.forms), card
    kinds = {c.kind for c in cards}
    assert {"word", "phrase"} <= kinds


@pytest.mark.parametrize("task", SHIPPED, ids=lambda t: t.id)
def test_every_shipped_task_of_400_words_gives_40_cards_with_a_real_inflected_form(
        task: object, analyser: Analyser, checker: AnswerChecker) -> None:
    profile = json.loads((PROFILES / f"{task.id}.json").read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    texts = [t.text for t in task.texts]  # type: ignore[attr-defined]
    cards = build_cards(profile, texts, analyser, Glossary().gloss, checker.attests)
    _assert_forty_inflected_from_the_texts(cards, texts, checker)
    lemmas = [c.lemma for c in cards]
    assert len(lemmas) == len({lemma.casefold() for lemma in lemmas})  # one card a headword
    assert all(t["lemma"] in lemmas for t in profile["key_terms"])  # every key term is still a card
    assert sum(1 for c in cards if c.kind == "phrase") == len({" ".join(p["text"].split()) for p in profile["phrases"]})


def test_the_shipped_tasks_are_many_enough_to_mean_something() -> None:
    assert len(SHIPPED) >= 10


@pytest.mark.parametrize("path", OWN_TEXTS, ids=lambda p: p.stem)
def test_a_stored_profile_from_a_teachers_own_texts_gives_40_cards_with_a_real_inflected_form(
        path: Path, analyser: Analyser, checker: AnswerChecker) -> None:
    """A stored profile keeps no source texts, only its examples: the cards come from those sentences."""
    text = path.read_text(encoding="utf-8")
    assert len(text.split()) >= 400
    profile = build_profile(analyser, path.stem, [ProfileText(text=text)]).model_dump(mode="json")  # type: ignore[arg-type]
    stored = json.loads(json.dumps(profile))  # as the database gives it back
    cards = build_cards(stored, [], analyser, Glossary().gloss, checker.attests)
    _assert_forty_inflected_from_the_texts(cards, [text], checker)


def test_own_texts_cover_three_tasks_not_shipped() -> None:
    shipped = {t.id.split("-")[0] for t in load_tasks()}
    assert len(OWN_TEXTS) >= 3 and not {p.stem for p in OWN_TEXTS} & shipped


def test_an_ambiguous_form_attests_no_headword(checker: AnswerChecker) -> None:
    assert not checker.attests("ravista", "ravi", "NOUN")  # also the verb ravistaa
    assert checker.attests("sängyn", "sänky", "NOUN")
    assert not checker.attests("sängyn", "sänky", "VERB")
