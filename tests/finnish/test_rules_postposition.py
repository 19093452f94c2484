"""postposition.genitive: kanssa, jälkeen, takia … need the genitive."""

from __future__ import annotations

import pytest

from finnish.feedback import FeedbackEngine


@pytest.fixture(scope="module")
def engine(analyser):  # type: ignore[no-untyped-def]
    return FeedbackEngine(analyser)


def errors(engine: FeedbackEngine, text: str) -> list:
    return [i for i in engine.check(text) if i.severity == "error"]


def test_nominative_before_kanssa_is_corrected_to_the_genitive(engine):
    text = "Puhun esimies kanssa."
    [issue] = errors(engine, text)
    assert (issue.category, issue.suggestions) == ("postposition", ["esimiehen kanssa"])
    assert text[issue.start:issue.end] == "esimies kanssa"


def test_postposition_found_by_word_order_when_the_parse_misses_it(engine):
    assert errors(engine, "Syön lounaan tauko aikana.")[0].suggestions == ["tauon aikana"]


def test_genitive_before_a_postposition_is_right(engine):
    for text in ("Puhun esimiehen kanssa.", "Tauon jälkeen jatkan siivousta.", "Hän asuu työpaikan lähellä."):
        assert errors(engine, text) == [], text


def test_adverb_use_of_a_place_word_is_not_flagged(engine):
    assert errors(engine, "Tule sisään.") == []


def test_prepositions_ennen_and_ilman_need_the_partitive(engine):
    [issue] = errors(engine, "Pese kädet ennen työ.")
    assert (issue.rule, issue.suggestions) == ("postposition.preposition_partitive", ["ennen työtä"])
    assert errors(engine, "Pese kädet ennen työtä.") == []


def test_ennen_as_an_adverb_before_a_subject_is_not_flagged(engine):
    assert errors(engine, "Ennen kauppa oli pieni.") == []
