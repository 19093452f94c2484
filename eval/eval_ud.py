"""Token boundary F1, lemma and UPOS accuracy of the project's analyser (spaCy-fi + Voikko, with
its own tokenisation, finnish/tokens.py) against UD Finnish gold (TDT test, FTB test), side by side
with raw spaCy-fi (its own tokenizer) on the same texts.

Tokens are aligned by character offsets; a gold word a system splits differently is a miss for
that system's lemma and UPOS. Lemmas are compared case-insensitively with
UD's compound marks (#) removed. UD TDT is spaCy-fi's training data, so TDT flatters it; FTB is
the fairer check. The project's FTB lemma accuracy must be at least raw spaCy-fi's.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from finnish.analyser import build_analyser

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


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    boundaries: int = 0  # tokens whose start and end both match a gold word
    lemma: int = 0
    upos: int = 0

    def add(self, gold: list[GoldToken], predicted: dict[tuple[int, int], tuple[str, str]]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        for g in gold:
            hit = predicted.get((g.start, g.end))
            if hit is not None:
                self.boundaries += 1
                self.lemma += norm(hit[0]) == norm(g.lemma)
                self.upos += hit[1] == g.upos

    @property
    def f1(self) -> float:
        p, r = self.boundaries / max(self.predicted, 1), self.boundaries / max(self.gold, 1)
        return 2 * p * r / (p + r) if p + r else 0.0


def plain_spacy(model: str = "spacy_fi_experimental_web_md") -> Any:
    """spaCy-fi as it comes (its own tokenizer and lemmas), the baseline."""
    import spacy

    return spacy.load(model, exclude=["ner"])


def evaluate(path: Path, plain: Any, limit: int | None = None) -> dict[str, Score]:
    """Boundary F1, lemma and UPOS accuracy (over gold words; a word split wrongly is a miss) for
    raw spaCy-fi and for the project's analyser (its tokenisation and lemma choice), same texts."""
    analyser = build_analyser("spacy", cache_size=0)
    data = read_conllu(path)[:limit]
    texts = [t for t, _ in data]
    raw, ours = Score(), Score()
    for (_text, gold), doc in zip(data, plain.pipe(texts, batch_size=64), strict=True):
        raw.add(gold, {(t.idx, t.idx + len(t.text)): (t.lemma_, t.pos_) for t in doc if not t.is_space})
    for (text, gold), doc in zip(data, analyser.nlp.pipe(texts, batch_size=64), strict=True):  # type: ignore[attr-defined]
        tokens = analyser._from_doc(text, doc).tokens  # type: ignore[attr-defined]
        ours.add(gold, {(t.start, t.end): (t.lemma, t.upos) for t in tokens})
    return {"spaCy-fi": raw, "project": ours}


def run() -> int:
    if not UD.exists():
        print(f"UD data not found at {UD}", file=sys.stderr)
        return 1
    plain = plain_spacy()
    print(f"{'treebank':<10} {'system':<9} {'words':>6} {'boundary F1':>12} {'lemma':>7} {'UPOS':>7}")
    status = 0
    for name, file in TREEBANKS.items():
        started = time.perf_counter()
        scores = evaluate(UD / file, plain)
        for system, sc in scores.items():
            print(f"{name:<10} {system:<9} {sc.gold:>6} {sc.f1:>12.4f} {sc.lemma / sc.gold:>7.4f} {sc.upos / sc.gold:>7.4f}")
        print(f"{'':<10} ({time.perf_counter() - started:.0f} s)")
        raw, ours = scores["spaCy-fi"], scores["project"]
        if ours.lemma < raw.lemma or ours.f1 < raw.f1:
            print(f"FAIL: on {name} the project's lemma accuracy or boundary F1 is below raw spaCy-fi's")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(run())
