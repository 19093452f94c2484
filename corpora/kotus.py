"""The Kotus headword list (Nykysuomen sanalista 2024, CC BY 4.0), converted into corpora/kotus/.

Used to check that a lemma is a Finnish dictionary headword, or a compound whose parts are.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

HEADWORDS = Path(__file__).parent / "kotus" / "headwords.tsv"
ATTRIBUTION = "Kotus Nykysuomen sanalista 2024, Kotimaisten kielten keskus, CC BY 4.0"

CODE_TO_UPOS = {
    "n": ("NOUN", "PROPN"),
    "a": ("ADJ",),
    "v": ("VERB", "AUX"),
    "d": ("ADV",),
    "p": ("PRON", "DET"),
    "m": ("NUM",),
    "s": ("ADP",),
    "c": ("CCONJ", "SCONJ"),
    "i": ("INTJ",),
}


class KotusWordList:
    def __init__(self, entries: dict[str, str]) -> None:
        self._entries = entries

    @classmethod
    def load(cls, path: Path = HEADWORDS) -> KotusWordList:
        entries: dict[str, str] = {}
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                word, _, codes = line.rstrip("\n").partition("\t")
                if word:
                    entries[word] = codes
        return cls(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.lower() in self._entries

    def upos(self, word: str) -> tuple[str, ...]:
        codes = self._entries.get(word.lower(), "")
        return tuple(u for c in codes for u in CODE_TO_UPOS.get(c, ()))

    def is_headword(self, lemma: str, parts: Iterable[str] = ()) -> bool:
        """A headword itself, or a compound whose last part is one (siivous+vaunu → vaunu)."""
        lemma = lemma.lower()
        if lemma in self._entries:
            return True
        parts = [p.lower() for p in parts]
        if len(parts) >= 2 and parts[-1] in self._entries:
            return all(len(p) >= 2 for p in parts)
        if "-" in lemma:
            return lemma.rsplit("-", 1)[-1] in self._entries
        return False


@lru_cache(maxsize=1)
def kotus_words() -> KotusWordList:
    """The shared list (loads once, ~0.2 s)."""
    return KotusWordList.load()
