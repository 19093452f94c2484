"""Only words become key terms: a non-word lemma is dropped or repaired, a compound of headwords and
a term the texts spell out are kept (finnish.term_words, through finnish.keyness.key_terms)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from corpora.kotus import kotus_words
from finnish.keyness import key_terms
from finnish.model import Analysis, Sentence, Token
from finnish.term_words import WordCheck, repair_lemmas, spelled_forms
from finnish.voikko import VoikkoTools


@pytest.fixture(scope="module")
def voikko() -> VoikkoTools:
    return VoikkoTools()


def analysis(words: Sequence[tuple[str, str, tuple[str, ...]]]) -> Analysis:
    """One sentence of NOUN tokens (text, lemma, compound parts) separated by spaces."""
    tokens, pos = [], 0
    for text, lemma, parts in words:
        tokens.append(Token(text, pos, pos + len(text), lemma, "NOUN", {"Case": "Nom", "Number": "Sing"}, parts))
        pos += len(text) + 1
    return Analysis(" ".join(w[0] for w in words), tuple(tokens), (Sentence(0, pos, 0, len(tokens)),))


def check(voikko: VoikkoTools, *texts: Analysis) -> WordCheck:
    return WordCheck(kotus_words().is_headword, voikko, spelled_forms(texts))


@pytest.mark.parametrize("lemma", ["työmääräime", "lakanoi", "pesuaine-", "-ilmoitus", "xqzv"])
def test_a_non_word_lemma_is_not_kept(voikko: VoikkoTools, lemma: str) -> None:
    assert not check(voikko).keeps(lemma)


@pytest.mark.parametrize(("lemma", "parts"), [
    ("suojaesiliina", ("suoja", "esiliina")),
    ("pistolämpömittari", ("pist", "lämpö", "mittari")),  # Voikko's parts leave out a letter
    ("yleispuhdistusaine", ("puhdistus", "aine")),  # … or a whole first part (yleis- of yleinen)
    ("työnantajakortti", ()),  # no parts given: Voikko splits the lemma (työn- is a form of työ)
    ("roska-astia", ()),
    ("oravat-ryhmä", ()),
])
def test_a_compound_of_headwords_is_kept(voikko: VoikkoTools, lemma: str, parts: tuple[str, ...]) -> None:
    assert lemma not in kotus_words()
    assert check(voikko).keeps(lemma, parts)


def test_a_compound_with_a_non_word_part_is_not_kept(voikko: VoikkoTools) -> None:
    assert not check(voikko).keeps("qxzlämpömittari", ("qxz", "lämpö", "mittari"))


def test_a_term_the_texts_spell_out_is_kept_and_only_then(voikko: VoikkoTools) -> None:
    text = analysis([("Zyklonex", "zyklonex", ()), ("opiskelija-", "opiskelija-", ())])
    assert check(voikko, text).keeps("zyklonex")
    assert not check(voikko).keeps("zyklonex")
    assert not check(voikko, text).keeps("opiskelija-")  # a fragment is not a spelled-out term


def test_a_non_word_lemma_is_repaired_to_the_word_whose_forms_occur(voikko: VoikkoTools) -> None:
    text = analysis([("lakanoita", "lakanoi", ()), ("lakanat", "lakana", ()), ("tyynyt", "tyyny", ())])
    repaired = repair_lemmas([text], check(voikko, text))[0]
    assert [t.lemma for t in repaired.tokens] == ["lakana", "lakana", "tyyny"]


def test_key_terms_drop_non_words_and_keep_compounds_of_headwords(voikko: VoikkoTools) -> None:
    words = [("työmääräimestä", "työmääräime", ()), ("suojaesiliinat", "suojaesiliina", ("suoja", "esiliina")),
             ("lakanoita", "lakanoi", ()), ("Zyklonex", "zyklonex", ())] * 3
    text = analysis(words)
    new = {t.lemma for t in key_terms([text], is_headword=kotus_words().is_headword, voikko=voikko)}
    old = {t.lemma for t in key_terms([text], is_headword=kotus_words().is_headword, check_words=False)}
    assert new == {"suojaesiliina", "lakana", "zyklonex"}
    assert "suojaesiliina" in old and "zyklonex" not in old  # the earlier check knew no spelled-out terms
