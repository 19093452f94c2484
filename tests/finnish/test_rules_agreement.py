"""Agreement rules: pronoun subject ↔ verb, the negation verb, noun subjects, a lone short form."""

from __future__ import annotations

import pytest

from finnish.feedback import FeedbackEngine


@pytest.fixture(scope="module")
def engine(analyser):  # type: ignore[no-untyped-def]
    return FeedbackEngine(analyser)


def errors(engine: FeedbackEngine, text: str, register: str = "written") -> list:
    return [i for i in engine.check(text, register) if i.severity == "error"]  # type: ignore[arg-type]


def test_first_person_pronoun_with_third_person_verb_is_corrected_to_menen(engine):
    [issue] = errors(engine, "Minä menee töihin.")
    assert (issue.category, issue.rule, issue.suggestions) == ("agreement", "agreement.pronoun_verb", ["menen"])
    assert "Minä menee töihin."[issue.start:issue.end] == "menee"


def test_plural_verb_after_han_is_corrected_to_on(engine):
    [issue] = errors(engine, "Hän ovat sairas.")
    assert issue.suggestions == ["on"]


def test_me_with_singular_verb_gets_the_first_person_plural(engine):
    assert "siivoamme" in errors(engine, "Me siivoaa keittiön.")[0].suggestions


def test_imperative_looking_form_after_a_pronoun_is_an_agreement_error(engine):
    [issue] = errors(engine, "Me pese ikkunat.")
    assert issue.suggestions == ["pesemme"]


def test_negation_verb_must_agree_with_the_pronoun(engine):
    assert errors(engine, "Minä ei tiedä.")[0].suggestions == ["en"]
    [issue] = errors(engine, "He ei tule tänään.")
    assert (issue.rule, issue.suggestions) == ("agreement.negation", ["eivät"])


def test_agreeing_pronoun_and_verb_are_left_alone(engine):
    for text in ("Minä menen töihin.", "Hän on sairas.", "Me siivoamme keittiön.", "He eivät tule tänään.",
                 "Minä en tiedä.", "Sinä et saa syödä kassalla."):
        assert errors(engine, text) == [], text


def test_singular_noun_with_plural_verb_is_an_error(engine):
    [issue] = errors(engine, "Kokki ovat keittiössä.")
    assert (issue.rule, issue.suggestions) == ("agreement.noun_verb", ["on"])


def test_existential_sentence_with_plural_subject_after_the_verb_is_not_flagged(engine):
    assert errors(engine, "Hyllyllä on hanskat.") == []


def test_plural_noun_with_singular_verb_is_fine_in_speech_but_not_in_writing(engine):
    assert errors(engine, "Kuorma-autot tulee aamulla.")[0].suggestions == ["tulevat"]
    assert errors(engine, "Kuorma-autot tulee aamulla.", "spoken") == []


def test_short_verb_form_without_negation_gets_its_personal_ending(engine):
    [issue] = errors(engine, "Asukas tarvitse apua.")
    assert issue.suggestions == ["tarvitsee"]


def test_negated_short_form_is_right(engine):
    assert errors(engine, "Asukas ei tarvitse apua.") == []


def test_spoken_we_with_passive_is_fine_when_spoken_and_a_hint_when_written(engine):
    assert engine.check("Me mennään kotiin.", "spoken") == []
    [hint] = engine.check("Me mennään kotiin.", "written")
    assert (hint.category, hint.severity, hint.suggestions) == ("style", "hint", ["menemme"])


def test_spoken_they_with_singular_verb_is_not_an_error_in_speech(engine):
    assert errors(engine, "Ne tulee kohta.", "spoken") == []
    assert errors(engine, "Ne ei tiedä vielä.", "spoken") == []


def test_spoken_pronoun_with_wrong_person_is_still_an_error(engine):
    [issue] = errors(engine, "Mä menee kotiin.", "spoken")
    assert issue.category == "agreement"
