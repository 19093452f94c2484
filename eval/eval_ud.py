"""Lemma and UPOS accuracy of the project's analyser (spaCy-fi + Voikko) against UD Finnish gold
(TDT test, FTB test), side by side with raw spaCy-fi on the same tokens.

Tokens are aligned by character offsets; tokens that the analyser splits differently from the
gold standard are counted as misses for both systems. Lemmas are compared case-insensitively with
UD's compound marks (#) removed. UD TDT is spaCy-fi's training data, so TDT flatters it; FTB is
the fairer check. The project's FTB lemma accuracy must be at least raw spaCy-fi's.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

from finnish.analyser import get_analyzer

UD = Path(__file__).resolve().parents[2] / "shared" / "data" / "ud"
TREEBANKS = {"TDT test": "fi_tdt-ud-test.conllu", "FTB test": "fi_ftb-ud-test.conllu"}


@dataclass
class GoldToken:
    start: int
    end: int
    lemma: str
    upos: str


def read_conllu(path: Path) -> list[tuple[str, list[GoldToken]]]:
    sentences: list[tuple[str, list[GoldToken]]] = []
    text = ""
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("# text = "):
            text = line[len("# text = ") :]
        elif line and not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                rows.append(cols)
        elif not line and rows:
            gold, pos = [], 0
            for cols in rows:
                at = text.find(cols[1], pos)
                if at < 0:
                    break
                gold.append(GoldToken(at, at + len(cols[1]), cols[2], cols[3]))
                pos = at + len(cols[1])
            sentences.append((text, gold))
            rows, text = [], ""
    return sentences


def norm(lemma: str) -> str:
    return lemma.replace("#", "").lower()


def evaluate(name: str, path: Path) -> dict[str, float]:
    analyser = get_analyzer("spacy", cache_size=0)
    data = read_conllu(path)
    texts = [t for t, _ in data]
    total = aligned = ours_lemma = spacy_lemma = ours_upos = 0
    started = time.perf_counter()
    for (text, gold), doc in zip(data, analyser.nlp.pipe(texts, batch_size=64), strict=True):  # type: ignore[attr-defined]
        ours = {(t.start, t.end): t for t in analyser._from_doc(text, doc).tokens}  # type: ignore[attr-defined]
        raw = {(t.idx, t.idx + len(t.text)): t for t in doc}
        for g in gold:
            total += 1
            mine = ours.get((g.start, g.end))
            theirs = raw.get((g.start, g.end))
            if mine is None or theirs is None:
                continue
            aligned += 1
            ours_lemma += norm(mine.lemma) == norm(g.lemma)
            spacy_lemma += norm(theirs.lemma_) == norm(g.lemma)
            ours_upos += mine.upos == g.upos
    seconds = time.perf_counter() - started
    return {
        "tokens": total,
        "aligned": aligned / total,
        "lemma_project": ours_lemma / total,
        "lemma_spacy": spacy_lemma / total,
        "upos_project": ours_upos / total,
        "seconds": seconds,
    }


def run() -> int:
    if not UD.exists():
        print(f"UD data not found at {UD}", file=sys.stderr)
        return 1
    print(f"{'treebank':<10} {'tokens':>7} {'aligned':>8} {'lemma (project)':>16} {'lemma (spaCy-fi)':>17} {'UPOS':>7}")
    status = 0
    for name, file in TREEBANKS.items():
        r = evaluate(name, UD / file)
        print(
            f"{name:<10} {r['tokens']:>7} {r['aligned']:>8.3f} {r['lemma_project']:>16.3f} "
            f"{r['lemma_spacy']:>17.3f} {r['upos_project']:>7.3f}"
        )
        if name.startswith("FTB") and r["lemma_project"] < r["lemma_spacy"]:
            print("FAIL: the project's FTB lemma accuracy is below raw spaCy-fi's")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(run())
