"""English glosses of Finnish headwords, read from `corpora/dictionary/fin-eng.tsv` (converted from
FreeDict's fin-eng by scripts/convert_freedict.py; CC BY-SA 3.0, see corpora/dictionary/LICENSE.md).

A gloss is found by lemma and word class only: no gloss rather than a guessed one."""

from __future__ import annotations

import threading
from pathlib import Path

DICTIONARY = Path(__file__).resolve().parent / "dictionary" / "fin-eng.tsv"
# word classes that stand in for each other in the dictionary (it files some adjectives as nouns)
_EQUIVALENT = {"AUX": "VERB", "PROPN": "PROPN", "DET": "PRON", "SCONJ": "CCONJ"}


class Glossary:
    def __init__(self, path: Path = DICTIONARY) -> None:
        self.path = path
        self._entries: dict[tuple[str, str], str] | None = None
        self._lock = threading.Lock()

    def _load(self) -> dict[tuple[str, str], str]:
        with self._lock:
            if self._entries is None:
                entries: dict[tuple[str, str], str] = {}
                if self.path.is_file():
                    for line in self.path.read_text(encoding="utf-8").splitlines():
                        if line.startswith("#") or line.count("\t") != 2:
                            continue
                        lemma, upos, gloss = line.split("\t")
                        entries[(lemma, upos)] = gloss
                self._entries = entries
            return self._entries

    def gloss(self, lemma: str, upos: str) -> str | None:
        """The English gloss of `lemma` as `upos` (NOUN, VERB, ADJ …), or None."""
        entries = self._load()
        pos = _EQUIVALENT.get(upos, upos)
        for key in ((lemma, pos), (lemma.casefold(), pos)):
            if key in entries:
                return entries[key]
        return None

    def __len__(self) -> int:
        return len(self._load())
