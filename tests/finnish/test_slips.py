"""Spelling: Voikko's verdict is final unless there is evidence (a name inside a sentence, a
scenario word, a listed spoken form); learner slips are generated and ranked first."""

from __future__ import annotations

import pytest

from finnish.feedback import FeedbackEngine
from finnish.slips import harmonised, partitive_variants, slip_kind, slip_variants


@pytest.fixture(scope="module")
def engine(analyser):  # type: ignore[no-untyped-def]
    return FeedbackEngine(analyser)


@pytest.mark.parametrize("written,intended,kind", [
    ("yhdesta", "yhdestä", "harmony"), ("kaupasä", "kaupassa", "harmony"), ("museoa", "museota", "partitive"),
    ("perunaata", "perunaa", "partitive"), ("latia", "lattia", "length"), ("viellä", "vielä", "length"),
    ("kirjotan", "kirjoitan", "vowel_dropped"), ("pöytät", "pöydät", "gradation"), ("röntgem", "röntgen", None),
])
def test_slip_kinds(written, intended, kind):
    assert slip_kind(written, intended) == kind
    if kind:
        assert intended in slip_variants(written)


def test_harmony_only_for_words_that_mix_front_and_back_vowels():
    assert harmonised("talo") == set() and harmonised("kipeä") == set()
    assert harmonised("tyota") == {"työtä", "tyota".translate(str.maketrans("äöy", "aou"))}
    assert partitive_variants("ab") == set()


@pytest.mark.parametrize("text,word,fix", [
    ("Tulen yhdesta kolmeen.", "yhdesta", "yhdestä"),  # spaCy reads it as a numeral
    ("Kävin museoa katsomassa.", "museoa", "museota"),
    ("Näytteljä tuli.", "Näytteljä", "Näyttelijä"),
    ("Otamme röntgem kuvan.", "röntgem", "röntgen"),
    ("Tidän sen.", "Tidän", "Tiedän"),  # capitalised at a sentence start is no evidence of a name
    ("Pyyhin pöytät ja tuolit.", "pöytät", "pöydät"),
    ("Kaupasä on paljon ihmisiä.", "Kaupasä", "Kaupassa"),
])
def test_learner_slips_are_flagged_with_the_right_word_in_the_first_three(engine, text, word, fix):
    [issue] = [i for i in engine.check(text) if i.category == "spelling" and text[i.start:i.end] == word]
    assert issue.severity == "error" and fix in issue.suggestions[:3]


@pytest.mark.parametrize("text", ["Puhuin Ahmedin kanssa.", "Ahmed tulee huomenna.", "Menen Lidliin töihin."])
def test_unknown_names_are_not_misspellings(engine, text):
    assert [i for i in engine.check(text) if i.category == "spelling"] == []


def test_scenario_words_and_spoken_forms_are_evidence(engine):
    assert any(i.category == "spelling" for i in engine.check("Laitan nitriilihanskat käteen."))
    assert not any(i.category == "spelling" for i in engine.check("Laitan nitriilihanskat käteen.", known_words=["Nitriilihanskat"]))
    [note] = engine.check("Mikä auton rekkari on?", "spoken")
    assert note.severity == "info" and note.suggestions == ["rekisterinumero"]
