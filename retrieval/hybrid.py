"""Hybrid search: BM25 over lemmas and FAISS over embeddings, plus the unit names as a field of their own,
fused under learned weights (retrieval/fusion.py), grouped per unit.

In-process API for other rooms: `HybridSearcher.search(query, k) -> list[UnitHit]`; the unit's full
record comes from `corpora.qualifications.get_unit(code, qualification)`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any, Literal

import numpy as np

from finnish.analyser import Analyser
from retrieval.chunks import Chunk
from retrieval.dense import DenseIndex
from retrieval.embedder import Embedder
from retrieval.fusion import DENSE_ONLY, LEXICAL_ONLY, RRF_DEFAULT, Candidates, FusionParams, Layout, fuse
from retrieval.lexical import LexicalIndex
from retrieval.text import analyse_all, lemma_terms

# hybrid: the learned fusion; rrf: the earlier equal-weight RRF; lexical / dense: one ranking alone
Mode = Literal["hybrid", "rrf", "lexical", "dense"]
RRF_K = RRF_DEFAULT.rrf_k
POOL = 200  # candidates taken from each ranking before fusion
FIXED: dict[str, FusionParams] = {"rrf": RRF_DEFAULT, "lexical": LEXICAL_ONLY, "dense": DENSE_ONLY}


@dataclass
class UnitHit:
    qualification: str
    qualification_name: str
    unit_code: str
    unit_name: str
    score: float
    snippet: str
    matches: list[str] = field(default_factory=list)  # further matching requirements / targets

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def rrf(rankings: Sequence[Sequence[int]], k: int = RRF_K, weights: Sequence[float] | None = None) -> dict[int, float]:
    fused: dict[int, float] = defaultdict(float)
    for r, ranking in enumerate(rankings):
        w = weights[r] if weights else 1.0
        for rank, item in enumerate(ranking):
            fused[item] += w / (k + rank + 1)
    return dict(fused)


def _layout(chunks: Sequence[Chunk]) -> tuple[Layout, list[tuple[str, str]], list[int]]:
    """The unit rows (in corpus order), each chunk's row and kind, and each unit's first chunk."""
    rows: dict[tuple[str, str], int] = {}
    first: list[int] = []
    unit_of = np.empty(len(chunks), dtype=np.int64)
    for c in chunks:
        key = (c.qualification, c.unit_code)
        if key not in rows:
            rows[key] = len(rows)
            first.append(c.id)
        unit_of[c.id] = rows[key]
    is_assessment = np.array([c.kind == "assessment" for c in chunks], dtype=bool)
    return Layout(unit_of, is_assessment, len(rows)), list(rows), first


class HybridSearcher:
    def __init__(
        self,
        chunks: Sequence[Chunk],
        lexical: LexicalIndex,
        dense: DenseIndex,
        embedder: Embedder,
        analyser: Analyser,
        embed_query: Any = None,
        params: FusionParams | None = None,
    ) -> None:
        self.chunks = list(chunks)
        self.lexical = lexical
        self.dense = dense
        self.embedder = embedder
        self.analyser = analyser
        self._embed_query = embed_query
        self.params = params or RRF_DEFAULT
        self.layout, self.units, self._first_chunk = _layout(self.chunks)

    @cached_property
    def names(self) -> tuple[LexicalIndex, np.ndarray]:
        """The unit-name field: BM25 over the names and their vectors (built on first use, ~2 s)."""
        names = [self.chunks[cid].unit_name for cid in self._first_chunk]
        name_terms = analyse_all(self.analyser, names)
        return LexicalIndex.build(name_terms), self._embed_names(names, name_terms)

    def _embed_names(self, names: list[str], terms: list[list[str]]) -> np.ndarray:
        if self._embed_query is not None:
            return np.vstack([self._embed_query(n) for n in names]).astype(np.float32)
        embed_terms = getattr(self.embedder, "embed_terms", None)
        vectors = embed_terms(terms) if embed_terms is not None else self.embedder.embed_batch(names)
        return np.asarray(vectors, dtype=np.float32)

    def _vector(self, query: str) -> np.ndarray:
        return np.asarray(self._embed_query(query) if self._embed_query else self.embedder.embed_batch([query])[0])

    def candidates(self, query: str, pool: int = POOL, dense: bool = True, names: bool = True) -> Candidates:
        """The query's raw evidence from every ranking (the learner fuses these many times over); without
        `names` the unit-name field is left empty."""
        terms = lemma_terms(self.analyser, query)
        lex = self.lexical.search(terms, pool)
        name_index, name_vectors = self.names if names else (None, None)
        name_scores = name_index.scores(terms).astype(np.float64) if name_index else np.zeros(self.layout.n_units)
        hits: list[tuple[int, float]] = []
        name_dense = None
        if dense:
            vec = self._vector(query)
            hits = self.dense.search(vec, pool)
            if name_vectors is not None and np.any(vec):
                name_dense = (name_vectors @ vec.astype(np.float32)).astype(np.float64)
        return Candidates(
            np.array([i for i, _ in lex], dtype=np.int64), np.array([s for _, s in lex]),
            np.array([i for i, _ in hits], dtype=np.int64), np.array([s for _, s in hits]),
            name_scores, name_dense,
        )

    def params_for(self, mode: Mode) -> FusionParams:
        return self.params if mode == "hybrid" else FIXED[mode]

    def search(self, query: str, k: int = 10, mode: Mode = "hybrid", params: FusionParams | None = None
               ) -> list[UnitHit]:
        """The k best units for a work-task description, best first."""
        p = params or self.params_for(mode)
        cands = self.candidates(query, max(p.pool, POOL), dense=p.uses_dense, names=p.uses_names)
        return self.rank(cands, k, p)

    def rank(self, cands: Candidates, k: int, p: FusionParams) -> list[UnitHit]:
        units, ids, scores = fuse(cands, p, self.layout)
        top = [int(u) for u in np.argsort(-units, kind="stable")[:k] if units[u] > 0]
        per_unit: dict[int, list[int]] = defaultdict(list)
        for j in np.argsort(-scores, kind="stable"):
            per_unit[int(self.layout.unit_of[ids[j]])].append(int(ids[j]))
        hits = []
        for u in top:
            cids = per_unit.get(u) or [self._first_chunk[u]]
            best = self.chunks[cids[0]]
            hits.append(
                UnitHit(
                    qualification=best.qualification,
                    qualification_name=best.qualification_name,
                    unit_code=best.unit_code,
                    unit_name=best.unit_name,
                    score=round(float(units[u]) * 1000, 3),  # RRF scale: ~16 per first place in one ranking
                    snippet=best.text,
                    matches=[self.chunks[cid].text for cid in cids[1:3]],
                )
            )
        return hits
