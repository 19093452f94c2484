"""FreeDict glosses: the conversion keeps translations by word class and drops affixes; the shipped
file gives a gloss only for the right lemma and class."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpora.glossary import Glossary
from scripts.convert_freedict import DICT, INDEX, convert, parse_entry


def test_entries_parse_into_lemma_class_and_translations() -> None:
    assert parse_entry("huone /hˈuone/ <n>\nroom\nrakennuksen muista osista erotettu tila\n") == ("huone", "NOUN", "room")
    two = parse_entry("siivous /sˈiːvous/ <n>\n1. cleaning\npaikkojen puhdistaminen\n2. decency\nse, että on siivo\n")
    assert two == ("siivous", "NOUN", "cleaning; decency")
    assert parse_entry("kin /kˈin/ <suffix>\nlso, oo\n(liitepartikkeli) myös\n") is None
    assert parse_entry("-metri /mˈetrɪ/ <n>\n-meter\nlaite\n") is None
    assert parse_entry("huone /hˈuone/ <n>\n") is None


def test_the_shipped_glossary_matches_by_lemma_and_word_class() -> None:
    g = Glossary()
    assert len(g) > 30_000
    assert g.gloss("huone", "NOUN") == "room" and g.gloss("siivota", "VERB") == "clean"
    assert g.gloss("siivota", "NOUN") is None  # another word class: no gloss rather than a guess
    assert g.gloss("desinfiointiaineella", "NOUN") is None  # inflected forms are not headwords
    assert g.gloss("xyzzyinen", "ADJ") is None


def test_converting_the_debian_package_gives_the_shipped_file(tmp_path: Path) -> None:
    if not DICT.is_file() or not INDEX.is_file():
        pytest.skip("dict-freedict-fin-eng is not installed (scripts/setup.sh test installs it)")
    out = tmp_path / "fin-eng.tsv"
    assert convert(DICT, INDEX, out) > 30_000
    shipped = Path(__file__).resolve().parents[2] / "corpora" / "dictionary" / "fin-eng.tsv"
    assert out.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")
