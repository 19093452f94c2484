"""The converted Kotus headword list."""

from __future__ import annotations

from corpora.kotus import kotus_words


def test_kotus_list_holds_the_whole_word_list() -> None:
    assert len(kotus_words()) > 100_000


def test_headwords_and_compounds_of_headwords_are_accepted() -> None:
    words = kotus_words()
    assert words.is_headword("siivousvaunu")
    assert words.is_headword("mikrokuituliina", ["mikro", "kuitu", "liina"])
    assert not words.is_headword("mikrokuituliina")  # not a headword itself, and no parts given
    assert not words.is_headword("xyzzyq")


def test_word_class_codes_map_to_upos() -> None:
    assert "VERB" in kotus_words().upos("olla")
    assert "NOUN" in kotus_words().upos("kassa")
