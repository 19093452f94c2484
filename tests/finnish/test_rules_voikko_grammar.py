"""Voikko's grammar checker mapped into our categories."""

from __future__ import annotations

import pytest

from finnish.feedback import FeedbackEngine


@pytest.fixture(scope="module")
def engine(analyser):  # type: ignore[no-untyped-def]
    return FeedbackEngine(analyser)


def test_repeated_word_is_repetition(engine):
    [issue] = engine.check("Varasto on iso ja kylmä kylmä.")
    assert (issue.category, issue.severity) == ("repetition", "error")


def test_long_sentence_without_a_verb_is_missing_verb_and_a_greeting_is_not(engine):
    assert any(i.category == "missing_verb" and i.severity == "error"
               for i in engine.check("Hyvä työ tänään ja huomenna kotona."))
    assert [i for i in engine.check("Hyvää huomenta!") if i.severity == "error"] == []


def test_capital_letter_at_sentence_start_is_a_punctuation_hint(engine):
    issues = engine.check("menen töihin.")
    assert [(i.category, i.severity) for i in issues] == [("punctuation", "hint")]
