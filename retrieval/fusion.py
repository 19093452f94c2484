"""Fusion of the lexical and dense rankings into unit scores, with weights learned from data.

A query's candidates are the top chunks of each ranking (BM25 over lemmas, FAISS over embeddings) and the
scores of every unit's name (BM25 and cosine over the unit names alone). `fuse` turns them into one score
per unit under `FusionParams`:

- `method`: "rrf" (weighted reciprocal rank), "minmax" (scores scaled to 0–1 over the candidates) or
  "zscore" (scores minus the candidates' minimum, over their standard deviation), then a weighted sum;
- `lexical`, `dense`: the weights of the two chunk rankings;
- `requirement`, `assessment`: field boosts for chunks of requirement text and of assessment criteria;
- `name_lexical`, `name_dense`: weights of the unit-name field (scaled like the chunk scores);
- `unit_weights`: a unit's chunk part is its best chunks with these falling weights.

The learned values live in retrieval/fusion_params.json (`python -m eval.eval_retrieval --learn` writes it)
with the date and the data they were learned on. They act at query time only: they are not part of the
index fingerprint, so new parameters never rebuild the index.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypedDict

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

PARAMS_FILE = Path(__file__).with_name("fusion_params.json")
RELEARN_HINT = "fix the file or relearn it with `python -m eval.eval_retrieval --learn`"


# where the parameters came from: date, query file, corpus fingerprint, method and the figures measured
Provenance = TypedDict(
    "Provenance",
    {"date": "str | None", "data": str, "corpus": str, "method": str, "cv_recall@5": float, "cv_mrr": float,
     "fitted_recall@5": float, "fitted_mrr": float},
    total=False,
)


class FusionParamsError(ValueError):
    """A fusion parameter file that is missing, not JSON or holds values the fusion cannot use."""


class FusionParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    method: Literal["rrf", "minmax", "zscore"] = "rrf"
    lexical: float = Field(default=1.0, ge=0)
    dense: float = Field(default=1.0, ge=0)
    rrf_k: int = Field(default=60, ge=1)
    requirement: float = Field(default=1.0, ge=0)
    assessment: float = Field(default=1.0, ge=0)
    name_lexical: float = Field(default=0.0, ge=0)
    name_dense: float = Field(default=0.0, ge=0)
    unit_weights: tuple[float, ...] = Field(default=(1.0, 0.5, 0.25), min_length=1)
    pool: int = Field(default=200, ge=1, le=5000)

    @property
    def uses_dense(self) -> bool:
        return self.dense > 0 or self.name_dense > 0

    @property
    def uses_names(self) -> bool:
        return self.name_lexical > 0 or self.name_dense > 0


RRF_DEFAULT = FusionParams()  # the earlier hybrid: equal-weight RRF, k = 60, no field boosts
LEXICAL_ONLY = FusionParams(dense=0.0)
DENSE_ONLY = FusionParams(lexical=0.0)


def load_params(path: Path = PARAMS_FILE) -> FusionParams:
    """The `params` object of a parameter file; a clear FusionParamsError when it cannot be used."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FusionParamsError(f"the fusion parameter file {path} does not exist; {RELEARN_HINT}") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise FusionParamsError(f"the fusion parameter file {path} is not readable JSON ({exc}); {RELEARN_HINT}") from None
    if not isinstance(data, dict) or not isinstance(data.get("params"), dict):
        raise FusionParamsError(f"the fusion parameter file {path} has no 'params' object; {RELEARN_HINT}")
    try:
        params = FusionParams.model_validate(data["params"])
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise FusionParamsError(f"the fusion parameters in {path} are invalid ({problems}); {RELEARN_HINT}") from None
    if params.lexical + params.dense + params.name_lexical + params.name_dense <= 0:
        raise FusionParamsError(f"the fusion parameters in {path} give every ranking weight 0; {RELEARN_HINT}")
    return params


def save_params(params: FusionParams, learned: Provenance, path: Path = PARAMS_FILE) -> None:
    data = {"params": params.model_dump(mode="json"), "learned": learned}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Layout:
    """Where each chunk belongs: its unit's row and whether it is an assessment chunk."""

    unit_of: np.ndarray  # chunk id → unit row
    is_assessment: np.ndarray  # chunk id → bool
    n_units: int


@dataclass(frozen=True)
class Candidates:
    """One query's raw evidence, best first within each ranking."""

    lexical_ids: np.ndarray
    lexical_scores: np.ndarray
    dense_ids: np.ndarray
    dense_scores: np.ndarray
    name_lexical: np.ndarray  # BM25 of the query over each unit's name (zeros: no shared term)
    name_dense: np.ndarray | None  # cosine of the query with each unit's name (None: not embedded)


def _normalised(scores: np.ndarray, rank_of: np.ndarray, p: FusionParams) -> np.ndarray:
    if p.method == "rrf":
        return 1.0 / (p.rrf_k + rank_of + 1.0)
    low = float(scores.min())
    spread = float(scores.max()) - low if p.method == "minmax" else float(scores.std())
    if spread <= 1e-9:
        return np.ones_like(scores)
    return (scores - low) / spread


def _name_part(scores: np.ndarray, p: FusionParams, positive_only: bool) -> np.ndarray:
    valid = scores > 0 if positive_only else np.ones(len(scores), dtype=bool)
    out = np.zeros(len(scores), dtype=np.float64)
    if not valid.any():
        return out
    idx = np.flatnonzero(valid)
    s = scores[idx].astype(np.float64)
    order = np.argsort(-s, kind="stable")
    if p.method == "rrf":
        cut = order[: p.pool]
        out[idx[cut]] = 1.0 / (p.rrf_k + np.arange(len(cut)) + 1.0)
        return out
    ranks = np.empty(len(s))
    ranks[order] = np.arange(len(s))
    out[idx] = _normalised(s, ranks, p)
    return out


def chunk_scores(c: Candidates, p: FusionParams, layout: Layout) -> tuple[np.ndarray, np.ndarray]:
    """(chunk ids, fused chunk scores) of the candidates, field boosts applied."""
    parts = []
    for ids, scores, weight in ((c.lexical_ids, c.lexical_scores, p.lexical), (c.dense_ids, c.dense_scores, p.dense)):
        if weight > 0 and len(ids):
            ids, scores = ids[: p.pool], scores[: p.pool].astype(np.float64)
            parts.append((ids, weight * _normalised(scores, np.arange(len(ids), dtype=np.float64), p)))
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    all_ids = np.concatenate([i for i, _ in parts])
    all_scores = np.concatenate([s for _, s in parts])
    uniq, inverse = np.unique(all_ids, return_inverse=True)
    fused = np.bincount(inverse, weights=all_scores, minlength=len(uniq))
    boost = np.where(layout.is_assessment[uniq], p.assessment, p.requirement)
    return uniq, fused * boost


def name_parts(c: Candidates, p: FusionParams) -> tuple[np.ndarray, np.ndarray]:
    """The unit-name field, scaled like the chunk scores, before its weights: (lexical, dense) per unit."""
    lexical = _name_part(c.name_lexical, p, positive_only=True)
    dense = _name_part(c.name_dense, p, positive_only=False) if c.name_dense is not None else np.zeros_like(lexical)
    return lexical, dense


def chunk_part(c: Candidates, p: FusionParams, layout: Layout) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(unit scores from the chunks alone, candidate chunk ids, their fused scores)."""
    ids, scores = chunk_scores(c, p, layout)
    units = np.zeros(layout.n_units, dtype=np.float64)
    if len(ids):
        u = layout.unit_of[ids]
        order = np.lexsort((-scores, u))
        u_sorted, s_sorted = u[order], scores[order]
        starts = np.flatnonzero(np.r_[True, u_sorted[1:] != u_sorted[:-1]])
        rank = np.arange(len(u_sorted)) - np.repeat(starts, np.diff(np.r_[starts, len(u_sorted)]))
        weights = np.asarray(p.unit_weights + (0.0,), dtype=np.float64)
        units += np.bincount(u_sorted, weights=s_sorted * weights[np.minimum(rank, len(p.unit_weights))],
                             minlength=layout.n_units)
    return units, ids, scores


def fuse(c: Candidates, p: FusionParams, layout: Layout) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(unit scores over all units, candidate chunk ids, their fused scores)."""
    units, ids, scores = chunk_part(c, p, layout)
    if p.name_lexical > 0:
        units += p.name_lexical * _name_part(c.name_lexical, p, positive_only=True)
    if p.name_dense > 0 and c.name_dense is not None:
        units += p.name_dense * _name_part(c.name_dense, p, positive_only=False)
    return units, ids, scores
