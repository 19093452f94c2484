"""Spelling: Voikko finds unknown words, suggestions are ranked for learners."""

from __future__ import annotations

import pytest

from finnish.feedback import FeedbackEngine
from finnish.spelling import edit_distance, learner_variants, rank_suggestions, skeleton, suggest


@pytest.fixture(scope="module")
def engine(analyser):  # type: ignore[no-untyped-def]
    return FeedbackEngine(analyser)


def test_skeleton_ignores_length_and_front_back_vowels():
    assert skeleton("tyontekija") == skeleton("työntekijä")
    assert skeleton("kaupa") == skeleton("kauppa")


def test_edit_distance_counts_a_swap_as_one():
    assert edit_distance("kuasi", "kausi") == 1
    assert edit_distance("kauppa", "kaupa") == 1


def test_learner_variants_double_undouble_and_swap_vowels():
    variants = learner_variants("kaupa")
    assert "kauppa" in variants and "käupa" in variants


def test_length_confusion_outranks_a_more_distant_word():
    assert rank_suggestions("kaupa", ["katupa", "käypä", "kauppa"])[0] == "kauppa"


@pytest.mark.parametrize(("word", "right"), [
    ("kaupa", "kauppa"), ("tyontekija", "työntekijä"), ("huomena", "huomenna"), ("keitiö", "keittiö"),
    ("asiakkas", "asiakas"), ("roskapusi", "roskapussi"), ("mina", "minä"), ("sairaanhoitajja", "sairaanhoitaja"),
])
def test_right_correction_is_among_the_first_three(analyser, word, right):
    assert right in suggest(word, analyser.voikko)[:3]


def test_unknown_word_is_a_spelling_issue_with_suggestions(engine):
    [issue] = engine.check("Huomena on vapaapäivä.")
    assert (issue.category, issue.start, issue.end) == ("spelling", 0, 7)
    assert issue.suggestions[0] == "Huomenna"


def test_names_the_dictionary_does_not_know_are_not_spelling_errors(engine):
    assert engine.check("Ahmed tulee töihin huomenna.") == []


def test_english_word_in_finnish_text_is_a_vocabulary_issue(engine):
    [issue] = engine.check("Siivoan kitchen tänään.")
    assert issue.category == "vocabulary"


def test_spoken_forms_are_a_hint_in_writing_and_an_info_note_in_speech(engine):
    written = engine.check("Mä oon töissä.", "written")
    assert {(i.category, i.severity) for i in written} == {("style", "hint")}
    assert [i.suggestions for i in written] == [["Minä"], ["olen"]]
    spoken = engine.check("Mä oon töissä.", "spoken")
    assert {i.severity for i in spoken} == {"info"}
