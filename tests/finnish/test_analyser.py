"""The analyser: lemmas of workplace vocabulary, compound parts, offsets, sentences, caching."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finnish.analyser import FakeAnalyser, SpacyVoikkoAnalyser


def lemmas(analyser: SpacyVoikkoAnalyser, text: str) -> dict[str, str]:
    return {t.text: t.lemma for t in analyser.analyse(text).tokens}


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("siivoojalle", "siivooja"),
        ("potilashuoneessa", "potilashuone"),
        ("desinfiointiaineella", "desinfiointiaine"),
        ("jätehuoneeseen", "jätehuone"),
        ("kierrätyskeskuksen", "kierrätyskeskus"),
        ("työkokeilussa", "työkokeilu"),
        ("lumitöitä", "lumityö"),
        ("käsineet", "käsine"),
    ],
)
def test_workplace_words_get_their_dictionary_form(analyser: SpacyVoikkoAnalyser, form: str, lemma: str) -> None:
    text = f"Tänään puhuimme sanasta {form} töissä."
    assert lemmas(analyser, text)[form] == lemma


def test_compounds_list_their_parts(analyser: SpacyVoikkoAnalyser) -> None:
    tokens = {t.text: t for t in analyser.analyse("Vien roskat jätehuoneeseen ja pesen desinfiointiaineella.").tokens}
    assert tokens["jätehuoneeseen"].compound_parts == ("jäte", "huone")
    assert tokens["desinfiointiaineella"].compound_parts == ("desinfiointi", "aine")
    assert tokens["Vien"].compound_parts == ()


def test_morphology_is_reported_per_token(analyser: SpacyVoikkoAnalyser) -> None:
    tokens = {t.text: t for t in analyser.analyse("Siivoan potilashuoneen.").tokens}
    assert tokens["Siivoan"].upos == "VERB"
    assert tokens["Siivoan"].feats["Person"] == "1"
    assert tokens["potilashuoneen"].feats["Case"] == "Gen"


def test_sentences_have_offsets_into_the_original_text(analyser: SpacyVoikkoAnalyser) -> None:
    text = "Pese kädet.  Laita käsineet!\r\nKysy, jos et tiedä."
    analysis = analyser.analyse(text)
    assert [text[s.start : s.end] for s in analysis.sentences] == ["Pese kädet.", "Laita käsineet!", "Kysy, jos et tiedä."]


def test_an_unchanged_text_is_parsed_once(analyser: SpacyVoikkoAnalyser) -> None:
    text = "Tämä lause analysoidaan vain kerran välimuistin ansiosta."
    assert analyser.analyse(text) is analyser.analyse(text)


def test_voikko_picks_the_reading_that_agrees_with_spacy(analyser: SpacyVoikkoAnalyser) -> None:
    reading = analyser.voikko.best_reading("leviä", "VERB", {"Mood": "Imp"})
    assert reading is not None and reading.baseform == "levitä"
    reading = analyser.voikko.best_reading("leviä", "NOUN", {"Case": "Par", "Number": "Plur"})
    assert reading is not None and reading.baseform == "levä"


AWKWARD = st.lists(
    st.sampled_from(list("aäöbk tT\t\r\n  .,!?-\u0000\u0007\u200b\u0301😀Å") + ["siivous", "ja ", "käsi", "e\u0301", "\r\n"]),
    max_size=40,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=AWKWARD)
def test_token_offsets_point_at_the_token_text_for_any_input(analyser: SpacyVoikkoAnalyser, text: str) -> None:
    analysis = analyser.analyse(text)
    for token in analysis.tokens:
        assert text[token.start : token.end] == token.text
        assert not token.text.isspace()
    for sentence in analysis.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(text)


@given(text=AWKWARD)
def test_fake_analyser_offsets_hold_too(text: str) -> None:
    for token in FakeAnalyser().analyse(text).tokens:
        assert text[token.start : token.end] == token.text


def test_lemmatize_gives_the_same_lemmas_as_the_full_analysis(analyser: SpacyVoikkoAnalyser) -> None:
    text = "Vien roskat jätehuoneeseen. Siivooja pesee potilashuoneen lattian desinfiointiaineella."
    full = analyser.analyse(text)
    light = analyser.lemmatize(text)
    assert [(t.text, t.lemma, t.upos, t.compound_parts) for t in light.tokens] == [
        (t.text, t.lemma, t.upos, t.compound_parts) for t in full.tokens
    ]
    assert all(t.dep == "" for t in light.tokens)
