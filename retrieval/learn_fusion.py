"""Learns the fusion parameters (retrieval/fusion_params.json) from queries with known relevant units.

Offline tool, never run by the product: `python -m eval.eval_retrieval --learn` runs it on the shipped index.

Each query's raw evidence is gathered once (`HybridSearcher.candidates`); every parameter set of a grid
then fuses it again, which is cheap. Model selection is a grid search on recall@5 + MRR. The estimate
of how well the learned fusion does on queries it was not fitted on is k-fold cross-validation over
queries: the grid is searched on k-1 folds and the winner measured on the held-out fold. The shipped
parameters are the grid winner on all queries.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NotRequired, TypedDict

import numpy as np

from retrieval.fusion import Candidates, FusionParams, Provenance, chunk_part, fuse, name_parts
from retrieval.hybrid import HybridSearcher

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "tests" / "data" / "retrieval_dev.jsonl"
FOLDS = 5
SEED = 17
K = 5
DEPTH = 20  # MRR counts the first relevant unit within the top 20


class QueryRow(TypedDict):
    query: str
    expected: list[str]  # unit codes that should come first
    style: NotRequired[str]  # task | skill | paraphrase | colloquial
    source: NotRequired[str]  # where the query came from


def grid() -> list[FusionParams]:
    """Every combination the learner tries (the first of equally good ones wins: simpler values first)."""
    methods = [("rrf", 60), ("rrf", 20), ("minmax", 60), ("zscore", 60)]
    out = []
    for (method, k), dense, assessment, name_lex, name_dense in itertools.product(
        methods, (1.0, 0.5, 0.75, 1.5, 2.0), (1.0, 0.5, 0.75, 1.5), (0.0, 0.25, 0.5, 1.0), (0.0, 0.25, 0.5, 1.0)
    ):
        out.append(FusionParams(method=method, rrf_k=k, dense=dense, assessment=assessment,  # type: ignore[arg-type]
                                name_lexical=name_lex, name_dense=name_dense))
    return out


def load_queries(path: Path = QUERIES) -> list[QueryRow]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def top_codes(searcher: HybridSearcher, cands: Candidates, p: FusionParams, depth: int = DEPTH) -> list[str]:
    return ranked_codes(fuse(cands, p, searcher.layout)[0][None, :], unit_codes(searcher), depth)[0]


def unit_codes(searcher: HybridSearcher) -> np.ndarray:
    return np.array([code for _, code in searcher.units])


def ranked_codes(unit_scores: np.ndarray, codes: np.ndarray, depth: int = DEPTH) -> list[list[str]]:
    """Per row of unit scores, the codes of its best units (scores above 0), best first."""
    order = np.argsort(-unit_scores, axis=1, kind="stable")[:, :depth]
    return [[str(codes[u]) for u in row if scores[u] > 0] for row, scores in zip(order, unit_scores, strict=True)]


def query_scores(codes: Sequence[str], expected: Sequence[str], k: int = K) -> tuple[float, float]:
    """(recall@k, reciprocal rank) of one query's ranked unit codes."""
    want = set(expected)
    recall = len(want & set(codes[:k])) / len(want)
    first = next((i for i, c in enumerate(codes) if c in want), None)
    return recall, (1.0 / (first + 1) if first is not None else 0.0)


def score_matrix(searcher: HybridSearcher, cands: Sequence[Candidates], rows: Sequence[QueryRow],
                 params: Sequence[FusionParams]) -> tuple[np.ndarray, np.ndarray]:
    """recall@5 and reciprocal rank, one row per parameter set, one column per query.

    The unit-name weights only add a scaled name score, so parameter sets that differ only there share
    one chunk fusion: each group is fused once per query and its name weights applied as a matrix."""
    recall = np.zeros((len(params), len(rows)))
    rr = np.zeros((len(params), len(rows)))
    groups: dict[FusionParams, list[int]] = {}
    for i, p in enumerate(params):
        groups.setdefault(p.model_copy(update={"name_lexical": 0.0, "name_dense": 0.0}), []).append(i)
    codes = unit_codes(searcher)
    for base, members in groups.items():
        weights = np.array([[params[i].name_lexical, params[i].name_dense] for i in members])
        for j, (c, row) in enumerate(zip(cands, rows, strict=True)):
            units = chunk_part(c, base, searcher.layout)[0]
            name_lex, name_dense = name_parts(c, base)
            scores = units[None, :] + weights[:, :1] * name_lex[None, :] + weights[:, 1:] * name_dense[None, :]
            for i, ranked in zip(members, ranked_codes(scores, codes), strict=True):
                recall[i, j], rr[i, j] = query_scores(ranked, row["expected"])
    return recall, rr


@dataclass(frozen=True)
class CrossValidation:
    recall: float  # mean held-out recall@5 over all queries
    mrr: float
    fold_recall: list[float]
    fold_mrr: list[float]
    chosen: list[int]  # the grid index each fold's training queries chose
    held_recall: np.ndarray  # per query, measured with the parameters chosen without its fold
    held_rr: np.ndarray


def folds_of(n: int, folds: int = FOLDS, seed: int = SEED) -> list[np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    return [np.sort(order[f::folds]) for f in range(folds)]


def best(recall: np.ndarray, rr: np.ndarray, columns: np.ndarray) -> int:
    objective = recall[:, columns].mean(axis=1) + rr[:, columns].mean(axis=1)
    return int(np.argmax(objective))  # first maximum: the earliest (simplest) parameter set


def cross_validate(recall: np.ndarray, rr: np.ndarray, folds: int = FOLDS, seed: int = SEED) -> CrossValidation:
    n = recall.shape[1]
    held_recall = np.zeros(n)
    held_rr = np.zeros(n)
    fold_recall, fold_mrr, chosen = [], [], []
    for test in folds_of(n, folds, seed):
        train = np.setdiff1d(np.arange(n), test)
        i = best(recall, rr, train)
        chosen.append(i)
        held_recall[test], held_rr[test] = recall[i, test], rr[i, test]
        fold_recall.append(float(recall[i, test].mean()))
        fold_mrr.append(float(rr[i, test].mean()))
    return CrossValidation(float(held_recall.mean()), float(held_rr.mean()), fold_recall, fold_mrr, chosen,
                           held_recall, held_rr)


@dataclass(frozen=True)
class Learned:
    params: FusionParams
    cv: CrossValidation
    fitted_recall: float  # of the shipped parameters on all queries (in-sample)
    fitted_mrr: float
    grid_size: int


def learn(searcher: HybridSearcher, rows: Sequence[QueryRow], params: Sequence[FusionParams] | None = None,
          cands: Sequence[Candidates] | None = None) -> Learned:
    params = list(params or grid())
    cands = cands if cands is not None else [searcher.candidates(r["query"]) for r in rows]
    recall, rr = score_matrix(searcher, cands, rows, params)
    cv = cross_validate(recall, rr)
    i = best(recall, rr, np.arange(len(rows)))
    return Learned(params[i], cv, float(recall[i].mean()), float(rr[i].mean()), len(params))


def provenance(learned: Learned, path: Path, rows: Sequence[QueryRow], corpus: str) -> Provenance:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return {
        "date": time.strftime("%Y-%m-%d"),
        "data": f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path} ({len(rows)} queries, sha256 {digest})",
        "corpus": corpus,
        "method": f"grid search over {learned.grid_size} parameter sets, objective recall@5 + MRR; "
                  f"{FOLDS}-fold cross-validation over queries (seed {SEED})",
        "cv_recall@5": round(learned.cv.recall, 3),
        "cv_mrr": round(learned.cv.mrr, 3),
        "fitted_recall@5": round(learned.fitted_recall, 3),
        "fitted_mrr": round(learned.fitted_mrr, 3),
    }


