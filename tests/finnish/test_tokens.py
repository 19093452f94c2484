"""Tokens that keep Finnish words whole (as UD Finnish does), and the lemma rules of finnish/lemmas.py."""

from __future__ import annotations

import pytest

from finnish.lemmas import frequent_lemma, strip_case, unknown_word_lemma
from tests.conftest import needs_shared_data


def _texts(analyser, text):  # type: ignore[no-untyped-def]
    return [t.text for t in analyser.analyse(text).tokens]


@pytest.mark.parametrize("text,whole", [
    ("Vie roska-astia ulos ja pese wc-istuin.", ["roska-astia", "wc-istuin"]),
    ("Hän tuli 3. kerran klo 14.30, esim. n. 2 % ja 1000 ppm.", ["3.", "klo", "14.30", "esim.", "n.", "%", "ppm"]),
    ("Soita työ- ja elinkeinotoimistoon.", ["työ-"]),
    ("EMAS -järjestelmän mukaan", ["-järjestelmän"]),
    ("Direktiivi 91/628/ETY koskee ja/tai rajoittaa 50 km/h nopeutta.", ["91/628/ETY", "ja/tai", "km/h"]),
    ("Sana on nk. lainasana, vrt. engl. word.", ["nk.", "vrt.", "engl."]),
    ("(8) Komissio katsoi.", ["8", ")"]),
    ("Katso kohta 1.", ["1", "."]),
])
def test_finnish_words_stay_whole(analyser, text, whole):
    tokens = _texts(analyser, text)
    for w in whole:
        assert w in tokens, (w, tokens)


def test_offsets_still_point_into_the_text(analyser):
    text = "Pese wc-istuin klo 8.00 ja työ- ja taukotilat, vrt. ohje 3. Katso kohta 1."
    for t in analyser.analyse(text).tokens:
        assert text[t.start:t.end] == t.text


def test_a_dialogue_dash_and_a_sentence_end_are_still_split(analyser):
    assert _texts(analyser, "Mitä? -Ei mitään.")[-4:] == ["-", "Ei", "mitään", "."]
    assert _texts(analyser, "Se maksaa 12.10 euroa.")[-1] == "."


@pytest.mark.parametrize("word,case,stem", [
    ("Arduinolla", "Ade", "Arduino"), ("Arduinoon", "Ill", "Arduino"), ("Arduinon", "Gen", "Arduino"),
    ("Arduinoa", "Par", "Arduino"), ("ab", "Gen", None), ("Arduinoon", "Ela", None),
])
def test_strip_case(word, case, stem):
    assert strip_case(word, case) == stem


def test_unknown_word_lemma_only_for_singular_non_nominatives():
    assert unknown_word_lemma("Arduinolla", "PROPN", {"Case": "Ade", "Number": "Sing"}) == "Arduino"
    assert unknown_word_lemma("Arduino", "PROPN", {"Case": "Nom"}) is None
    assert unknown_word_lemma("bloggaajille", "VERB", {"Case": "All"}) is None


def test_frequent_lemma_prefers_the_much_more_common_word(analyser):
    readings = analyser.voikko.analyse("vuotta")
    assert frequent_lemma(readings, "NOUN", {"Case": "Par", "Number": "Sing"}, "vuo") == "vuosi"
    assert frequent_lemma(readings, "NOUN", {"Case": "Par", "Number": "Sing"}, "vuosi") is None


def test_lemmas_at_least_raw_spacy_on_a_slice_of_ftb(analyser):
    from eval.eval_ud import evaluate, plain_spacy

    path = needs_shared_data("ud", "fi_ftb-ud-test.conllu")
    scores = evaluate(path, plain_spacy(), limit=300)
    assert scores["project"].lemma >= scores["spaCy-fi"].lemma
    assert scores["project"].f1 >= scores["spaCy-fi"].f1
