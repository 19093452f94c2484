"""Retrieval evaluation (`make eval`):

1. the dev set tests/data/retrieval_dev.jsonl (work-task descriptions as a coach types them, with the unit
   codes that should come first): recall@5, hit@5 and MRR for lexical only, dense only and hybrid, in one
   run on the shipped corpus; hybrid must beat both (exit status 1 otherwise);
2. the embedder on the Turku Paraphrase Corpus (../shared/data/paraphrase): ROC AUC of cosine similarity
   for paraphrase pairs (label 4, with its subtypes 4<, 4>, 4i, 4s) against unrelated pairs (labels 1–2),
   next to a lemma-overlap (Jaccard) baseline.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DEV = REPO / "tests" / "data" / "retrieval_dev.jsonl"
PARAPHRASE = REPO.parent / "shared" / "data" / "paraphrase" / "opus-pb-dev.json"
PAIRS_PER_CLASS = 600


def load_dev() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def rank_metrics(searcher: Any, dev: list[dict[str, Any]], mode: str, k: int = 5) -> dict[str, float]:
    recall, hit, rr = [], [], []
    for row in dev:
        expected = set(row["expected"])
        codes = [h.unit_code for h in searcher.search(row["query"], k=20, mode=mode)]
        top = codes[:k]
        recall.append(len(expected & set(top)) / len(expected))
        hit.append(1.0 if expected & set(top) else 0.0)
        first = next((i for i, c in enumerate(codes) if c in expected), None)
        rr.append(1.0 / (first + 1) if first is not None else 0.0)
    return {"recall@5": float(np.mean(recall)), "hit@5": float(np.mean(hit)), "mrr": float(np.mean(rr))}


def roc_auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    scores = np.concatenate([pos, neg])
    order = scores.argsort(kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):  # average ranks over ties
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def paraphrase_pairs() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    data = json.loads(PARAPHRASE.read_text(encoding="utf-8"))
    pos = [(d["txt1"], d["txt2"]) for d in data if d["label"].startswith("4")]
    neg = [(d["txt1"], d["txt2"]) for d in data if d["label"] in ("1", "2")]
    rng = random.Random(7)
    return rng.sample(pos, min(PAIRS_PER_CLASS, len(pos))), rng.sample(neg, min(PAIRS_PER_CLASS, len(neg)))


def paraphrase_auc(embedder: Any, analyser: Any) -> dict[str, float]:
    from retrieval.text import analyse_all

    pos, neg = paraphrase_pairs()
    pairs = pos + neg
    left = embedder.embed_batch([a for a, _ in pairs])
    right = embedder.embed_batch([b for _, b in pairs])
    cos = (left * right).sum(axis=1)
    terms_l = analyse_all(analyser, [a for a, _ in pairs])
    terms_r = analyse_all(analyser, [b for _, b in pairs])
    overlap = np.array([len(set(a) & set(b)) / max(len(set(a) | set(b)), 1) for a, b in zip(terms_l, terms_r, strict=True)])
    n = len(pos)
    return {
        "pairs_pos": n,
        "pairs_neg": len(neg),
        "auc_embedder": roc_auc(cos[:n], cos[n:]),
        "auc_lemma_overlap": roc_auc(overlap[:n], overlap[n:]),
    }


def run() -> int:
    from finnish.analyser import build_analyser
    from retrieval.build import IndexConfig, load_searcher
    from service.core.settings import Settings

    settings = Settings()
    settings.ensure_dirs()
    analyser = build_analyser(settings.analyser, settings.spacy_model)
    cfg = IndexConfig(settings.resolved_index_dir, settings.models_dir, embedder_model=settings.embedder_model)
    searcher = load_searcher(cfg, analyser, progress=True)
    dev = load_dev()
    print(f"Dev set: {len(dev)} work-task descriptions, {len(searcher.chunks)} chunks in the index")
    print(f"{'mode':<10} {'recall@5':>9} {'hit@5':>7} {'MRR':>7}")
    results = {}
    for mode in ("lexical", "dense", "hybrid"):
        m = rank_metrics(searcher, dev, mode)
        results[mode] = m
        print(f"{mode:<10} {m['recall@5']:>9.3f} {m['hit@5']:>7.3f} {m['mrr']:>7.3f}")
    status = 0
    for metric in ("recall@5", "mrr"):
        best_single = max(results["lexical"][metric], results["dense"][metric])
        if results["hybrid"][metric] <= best_single:
            print(f"FAIL: hybrid {metric} {results['hybrid'][metric]:.3f} does not beat the best single mode {best_single:.3f}")
            status = 1
    misses = [r["query"] for r in dev if not set(r["expected"]) & {h.unit_code for h in searcher.search(r["query"], 5)}]
    if misses:
        print("Hybrid misses in the top 5:", "; ".join(misses))
    if PARAPHRASE.exists():
        p = paraphrase_auc(searcher.embedder, analyser)
        print(
            f"\nParaphrase separation (Turku Paraphrase Corpus, {p['pairs_pos']} label-4 vs {p['pairs_neg']} label 1–2 pairs):\n"
            f"  embedder ({getattr(searcher.embedder, 'version', '?')}): ROC AUC {p['auc_embedder']:.3f}\n"
            f"  lemma-overlap baseline:          ROC AUC {p['auc_lemma_overlap']:.3f}"
        )
    else:
        print(f"(paraphrase data not found at {PARAPHRASE}; skipped)", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(run())
