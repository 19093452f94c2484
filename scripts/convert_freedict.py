"""Converts Debian's FreeDict Finnish–English dictionary (`dict-freedict-fin-eng`, WikDict data from
Wiktionary, CC BY-SA 3.0) into the compact file the vocabulary trainer reads:
`corpora/dictionary/fin-eng.tsv`, one line per headword and word class: lemma, UPOS, English gloss.

    apt-get install dict-freedict-fin-eng
    .venv/bin/python scripts/convert_freedict.py [--dict PATH.dict.dz --index PATH.index]

Only what the dictionary says is kept (its English translations, at most four senses); affixes are
dropped. The product reads only the converted file, never /usr/share.
"""

from __future__ import annotations

import argparse
import gzip
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "corpora" / "dictionary" / "fin-eng.tsv"
DICT = Path("/usr/share/dictd/freedict-fin-eng.dict.dz")
INDEX = Path("/usr/share/dictd/freedict-fin-eng.index")
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
POS = {"n": "NOUN", "adj": "ADJ", "v": "VERB", "pn": "PROPN", "adv": "ADV", "numeral": "NUM", "pronoun": "PRON",
       "postposition": "ADP", "preposition": "ADP", "conjunction": "CCONJ", "interjection": "INTJ",
       "particle": "ADV", "abbreviation": "NOUN"}
HEADER = re.compile(r"^(?P<word>.+?)\s+(?:/[^/]*/\s+)?<(?P<pos>[a-z ]+)>\s*$")
SENSE = re.compile(r"^\d+\.\s+(?P<gloss>.+)$")
MAX_SENSES = 4
MAX_GLOSS = 160


def b64_number(text: str) -> int:
    value = 0
    for ch in text:
        value = value * 64 + B64.index(ch)
    return value


def entries(dict_path: Path, index_path: Path) -> list[str]:
    data = gzip.decompress(dict_path.read_bytes())
    out = []
    for line in index_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or parts[0].startswith("00database"):
            continue
        start, length = b64_number(parts[1]), b64_number(parts[2])
        out.append(data[start:start + length].decode("utf-8", errors="replace"))
    return out


def parse_entry(entry: str) -> tuple[str, str, str] | None:
    """(lemma, UPOS, gloss) of one entry; None for affixes and entries without a translation."""
    lines = [ln.strip() for ln in entry.strip().splitlines() if ln.strip()]
    if len(lines) < 2:
        return None
    head = HEADER.match(lines[0])
    if head is None or head["pos"] not in POS:
        return None
    word = head["word"].strip()
    if word.startswith("-") or word.endswith("-") or "\t" in word:
        return None
    senses: list[str] = []
    first = SENSE.match(lines[1])
    senses.append(first["gloss"] if first else lines[1])
    for line in lines[2:]:
        sense = SENSE.match(line)
        if sense:
            senses.append(sense["gloss"])
    glosses = list(dict.fromkeys(s.strip().rstrip(";,") for s in senses if s.strip()))[:MAX_SENSES]
    gloss = "; ".join(glosses)
    if not gloss:
        return None
    if len(gloss) > MAX_GLOSS:
        gloss = gloss[:MAX_GLOSS].rsplit(" ", 1)[0] + " …"
    return word, POS[head["pos"]], gloss


def convert(dict_path: Path, index_path: Path, out: Path) -> int:
    rows: dict[tuple[str, str], list[str]] = {}
    for entry in entries(dict_path, index_path):
        parsed = parse_entry(entry)
        if parsed is None:
            continue
        lemma, upos, gloss = parsed
        rows.setdefault((lemma, upos), [])
        if gloss not in rows[(lemma, upos)]:
            rows[(lemma, upos)].append(gloss)
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# lemma\tupos\tgloss — FreeDict fin-eng (WikDict, from Wiktionary), CC BY-SA 3.0; see LICENSE.md"]
    for (lemma, upos), glosses in sorted(rows.items()):
        lines.append(f"{lemma}\t{upos}\t{'; '.join(glosses)[:MAX_GLOSS * 2]}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dict", type=Path, default=DICT)
    parser.add_argument("--index", type=Path, default=INDEX)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    print(f"{convert(args.dict, args.index, args.out)} headwords → {args.out}")


if __name__ == "__main__":
    main()
