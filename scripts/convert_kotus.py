"""Converts the Kotus Nykysuomen sanalista 2024 (../shared/data/kotus) into the compact headword file
the product reads: corpora/kotus/headwords.tsv (lower-cased headword, tab, word-class codes).

Usage: .venv/bin/python scripts/convert_kotus.py [SOURCE.tsv]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO.parent / "shared" / "data" / "kotus" / "nykysuomen-sanalista-2024.tsv"
TARGET = REPO / "corpora" / "kotus" / "headwords.tsv"

# Kotus word class (Finnish) → one-letter code; the loader maps codes back to UPOS.
CLASS_CODES = {
    "substantiivi": "n",
    "adjektiivi": "a",
    "verbi": "v",
    "adverbi": "d",
    "pronomini": "p",
    "numeraali": "m",
    "postpositio": "s",
    "prepositio": "s",
    "konjunktio": "c",
    "alistuskonjunktio": "c",
    "interjektio": "i",
    "kieltoverbi": "v",
}

HEADER = (
    "# Kotus Nykysuomen sanalista 2024 (Institute for the Languages of Finland, Kotimaisten kielten "
    "keskus), CC BY 4.0, https://creativecommons.org/licenses/by/4.0/ — converted: headwords lower-cased, "
    "word classes as codes (n noun, a adjective, v verb, d adverb, p pronoun, m numeral, s adposition, "
    "c conjunction, i interjection); inflection classes dropped.\n"
)


def convert(source: Path = SOURCE, target: Path = TARGET) -> int:
    entries: dict[str, set[str]] = {}
    with source.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            word = (row.get("Hakusana") or "").strip().lower()
            if not word:
                continue
            classes = row.get("Sanaluokka") or ""
            codes = {CLASS_CODES[c.strip()] for c in classes.replace("+", ",").split(",") if c.strip() in CLASS_CODES}
            entries.setdefault(word, set()).update(codes)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for word in sorted(entries):
            out.write(f"{word}\t{''.join(sorted(entries[word]))}\n")
    return len(entries)


if __name__ == "__main__":
    n = convert(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE)
    print(f"{n} headwords written to {TARGET}")
