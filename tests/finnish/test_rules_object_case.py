"""Object case: negation → partitive, existential negation, total object, partitive-only verbs."""

from __future__ import annotations

import pytest

from finnish.feedback import FeedbackEngine


@pytest.fixture(scope="module")
def engine(analyser):  # type: ignore[no-untyped-def]
    return FeedbackEngine(analyser)


def errors(engine: FeedbackEngine, text: str) -> list:
    return [i for i in engine.check(text) if i.severity == "error"]


def test_object_of_a_negated_verb_is_partitive(engine):
    [issue] = errors(engine, "En löydä avain.")
    assert (issue.rule, issue.suggestions) == ("object_case.negation", ["avainta"])


def test_negated_verb_with_partitive_object_is_right(engine):
    assert errors(engine, "En löydä avainta.") == []


def test_existential_negation_wants_the_partitive(engine):
    [issue] = errors(engine, "Minulla ei ole aika.")
    assert (issue.rule, issue.suggestions) == ("object_case.existential_negation", ["aikaa"])
    assert errors(engine, "Varastossa ei ole tila.")[0].suggestions == ["tilaa"]


def test_negated_copula_with_a_subject_that_is_not_a_thing_missing_is_right(engine):
    assert errors(engine, "Kauppa ei ole auki.") == []
    assert errors(engine, "Minulla ei ole aikaa.") == []


def test_nominative_object_of_first_person_verb_is_corrected_to_genitive_or_partitive(engine):
    [issue] = errors(engine, "Siivoan huone.")
    assert (issue.rule, issue.suggestions) == ("object_case.total_object", ["huoneen", "huonetta"])


def test_imperative_passive_and_necessive_take_a_nominative_object(engine):
    for text in ("Siivoa huone!", "Huone siivotaan aamulla.", "Minun täytyy siivota huone.", "Siivoan huoneet."):
        assert errors(engine, text) == [], text


def test_object_of_an_infinitive_under_a_first_person_modal_is_not_nominative(engine):
    [issue] = errors(engine, "Voinko pitää tauko nyt?")
    assert issue.suggestions[0] == "tauon"
    assert errors(engine, "Saanko pitää tauon nyt?") == []


def test_verbs_that_take_only_a_partitive_object(engine):
    [issue] = errors(engine, "Odotan bussi.")
    assert (issue.rule, issue.suggestions) == ("object_case.partitive_verb", ["bussia"])
    assert errors(engine, "Autan asiakas.")[0].suggestions == ["asiakasta"]
    assert errors(engine, "Odotan bussia.") == []


def test_determiner_is_corrected_with_its_noun(engine):
    [issue] = errors(engine, "Etsimme uusi työntekijä.")
    assert issue.suggestions == ["uutta työntekijää"]
    assert "Etsimme uusi työntekijä."[issue.start:issue.end] == "uusi työntekijä"


def test_negation_reaches_the_object_of_an_infinitive_under_the_negated_verb(engine):
    [issue] = errors(engine, "En osaa tehdä keitto.")
    assert (issue.rule, issue.suggestions) == ("object_case.negation", ["keittoa"])
    assert errors(engine, "En osaa tehdä keittoa.") == []
    assert errors(engine, "En halua syödä tänään.") == []
