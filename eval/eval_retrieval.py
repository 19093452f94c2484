"""Retrieval evaluation (`make eval`):

1. the query set tests/data/retrieval_dev.jsonl (work-task descriptions, skills, unit names in other words
   and colloquial Finnish as coaches and teachers type them, with the units that should come first; each
   row says where it came from): recall@5 and MRR for lexical only (BM25 over lemmas), dense only, the
   earlier equal-weight RRF and the learned fusion (retrieval/fusion_params.json), in one run on the
   shipped corpus. The learned fusion is measured by 5-fold cross-validation over the queries (its grid
   search sees only the other folds); it must beat lexical and dense on both figures (exit status 1
   otherwise). `python -m eval.eval_retrieval --learn` refits the shipped parameters on all queries;
2. the embedder on the Turku Paraphrase Corpus (../shared/data/paraphrase): ROC AUC of cosine similarity
   for paraphrase pairs (label 4, with its subtypes 4<, 4>, 4i, 4s) against unrelated pairs (labels 1–2),
   next to a lemma-overlap (Jaccard) baseline.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from retrieval.learn_fusion import QueryRow

REPO = Path(__file__).resolve().parents[1]
DEV = REPO / "tests" / "data" / "retrieval_dev.jsonl"
PARAPHRASE = REPO.parent / "shared" / "data" / "paraphrase" / "opus-pb-dev.json"
PAIRS_PER_CLASS = 600


def load_dev() -> list[QueryRow]:
    from retrieval.learn_fusion import load_queries

    return load_queries(DEV)


def fusion_table(searcher: Any, dev: list[QueryRow]
                 ) -> tuple[dict[str, dict[str, float]], Any, np.ndarray, np.ndarray]:
    """Figures per method (the learned one cross-validated), the fit on all queries, and per-query recall@5
    and reciprocal rank of lexical, dense, RRF and shipped (rows in that order)."""
    from retrieval.fusion import DENSE_ONLY, LEXICAL_ONLY, RRF_DEFAULT
    from retrieval.learn_fusion import learn, score_matrix

    cands = [searcher.candidates(r["query"]) for r in dev]
    fixed = {"lexical": LEXICAL_ONLY, "dense": DENSE_ONLY, "hybrid-RRF": RRF_DEFAULT, "shipped": searcher.params}
    recall, rr = score_matrix(searcher, cands, dev, list(fixed.values()))
    table = {name: {"recall@5": float(recall[i].mean()), "mrr": float(rr[i].mean())} for i, name in enumerate(fixed)}
    learned = learn(searcher, dev, cands=cands)
    table["learned-CV"] = {"recall@5": learned.cv.recall, "mrr": learned.cv.mrr}
    return table, learned, recall, rr


def print_fusion(table: dict[str, dict[str, float]], learned: Any, searcher: Any, dev: list[QueryRow],
                 recall: np.ndarray, rr: np.ndarray) -> int:
    from retrieval.fusion import PARAMS_FILE

    print(f"{'fusion':<34} {'recall@5':>9} {'MRR':>7}")
    labels = {"lexical": "lexical (BM25 over lemmas)", "dense": "dense (floret model, FAISS)",
              "hybrid-RRF": "hybrid, equal-weight RRF (old)", "learned-CV": "hybrid, learned: 5-fold CV",
              "shipped": "hybrid, shipped params (in-sample)"}
    for name in ("lexical", "dense", "hybrid-RRF", "learned-CV", "shipped"):
        m = table[name]
        print(f"{labels[name]:<34} {m['recall@5']:>9.3f} {m['mrr']:>7.3f}")
    cv = learned.cv
    print(f"  CV folds recall@5 {' '.join(f'{x:.3f}' for x in cv.fold_recall)}; MRR {' '.join(f'{x:.3f}' for x in cv.fold_mrr)}")
    print(f"  fit on all {len(dev)} queries ({learned.grid_size} parameter sets): {learned.params.model_dump()}")
    for key in ("source", "style"):
        for value in sorted({str(r.get(key, "?")) for r in dev}):
            cols = np.array([str(r.get(key, "?")) == value for r in dev])
            print(f"  {value:<13} ({cols.sum():>3} queries) lexical {recall[0, cols].mean():.3f}/{rr[0, cols].mean():.3f}"
                  f"  RRF {recall[2, cols].mean():.3f}/{rr[2, cols].mean():.3f}"
                  f"  learned CV {cv.held_recall[cols].mean():.3f}/{cv.held_rr[cols].mean():.3f}  (recall@5/MRR)")
    if learned.params != searcher.params:
        print(f"  NOTE: {PARAMS_FILE.name} differs from this fit; refit with `python -m eval.eval_retrieval --learn`")
    status = 0
    for metric in ("recall@5", "mrr"):
        best_single = max(table["lexical"][metric], table["dense"][metric])
        if table["learned-CV"][metric] <= best_single:
            print(f"FAIL: learned hybrid {metric} {table['learned-CV'][metric]:.3f} (CV) does not beat the best single "
                  f"mode {best_single:.3f}")
            status = 1
    return status


def learn_main() -> int:
    """Refits retrieval/fusion_params.json on all queries of the set."""
    from corpora.qualifications import SHIPPED_DIR, corpus_fingerprint
    from retrieval.fusion import PARAMS_FILE, save_params
    from retrieval.learn_fusion import learn, provenance

    searcher = _searcher()
    dev = load_dev()
    learned = learn(searcher, dev)
    save_params(learned.params, provenance(learned, DEV, dev, corpus_fingerprint((SHIPPED_DIR,))), PARAMS_FILE)
    print(f"{PARAMS_FILE}: {learned.params.model_dump()}\n  CV recall@5 {learned.cv.recall:.3f}, MRR {learned.cv.mrr:.3f}")
    return 0


def _searcher() -> Any:
    from finnish.analyser import build_analyser
    from retrieval.build import IndexConfig, load_searcher
    from service.core.settings import Settings

    settings = Settings()
    settings.ensure_dirs()
    analyser = build_analyser(settings.analyser, settings.spacy_model)
    cfg = IndexConfig(settings.resolved_index_dir, settings.models_dir, embedder_model=settings.embedder_model)
    return load_searcher(cfg, analyser, progress=True)


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
    searcher = _searcher()
    dev = load_dev()
    sources = Counter(str(r.get("source", "?")) for r in dev)
    counts = ", ".join(f"{name}: {n}" for name, n in sorted(sources.items()))
    print(f"Query set: {len(dev)} queries ({counts}), {len(searcher.chunks)} chunks in the index")
    table, learned, recall, rr = fusion_table(searcher, dev)
    status = print_fusion(table, learned, searcher, dev, recall, rr)
    shipped = list(table).index("shipped")
    misses = [r["query"] for i, r in enumerate(dev) if recall[shipped, i] == 0]
    if misses:
        print(f"Shipped hybrid misses in the top 5 ({len(misses)}):", "; ".join(misses))
    analyser = searcher.analyser
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
    sys.exit(learn_main() if "--learn" in sys.argv[1:] else run())
