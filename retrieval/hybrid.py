"""Hybrid search: BM25 over lemmas and FAISS over embeddings, fused by reciprocal rank, grouped per unit.

In-process API for other rooms: `HybridSearcher.search(query, k) -> list[UnitHit]`; the unit's full
record comes from `corpora.qualifications.get_unit(code, qualification)`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from finnish.analyser import Analyser
from retrieval.chunks import Chunk
from retrieval.dense import DenseIndex
from retrieval.embedder import Embedder
from retrieval.lexical import LexicalIndex
from retrieval.text import lemma_terms

Mode = Literal["hybrid", "lexical", "dense"]
RRF_K = 60
POOL = 200  # candidates taken from each ranking before fusion
UNIT_WEIGHTS = (1.0, 0.5, 0.25)  # a unit's score: its best chunks, with falling weight
LEXICAL_WEIGHT = 1.0
DENSE_WEIGHT = 1.0


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


class HybridSearcher:
    def __init__(
        self,
        chunks: Sequence[Chunk],
        lexical: LexicalIndex,
        dense: DenseIndex,
        embedder: Embedder,
        analyser: Analyser,
        embed_query: Any = None,
    ) -> None:
        self.chunks = list(chunks)
        self.lexical = lexical
        self.dense = dense
        self.embedder = embedder
        self.analyser = analyser
        self._embed_query = embed_query
        self.rrf_k = RRF_K
        self.weights = (LEXICAL_WEIGHT, DENSE_WEIGHT)
        self.unit_weights = UNIT_WEIGHTS

    def chunk_scores(self, query: str, mode: Mode = "hybrid", pool: int = POOL) -> dict[int, float]:
        rankings: list[list[int]] = []
        weights: list[float] = []
        if mode in ("hybrid", "lexical"):
            rankings.append([i for i, _ in self.lexical.search(lemma_terms(self.analyser, query), pool)])
            weights.append(self.weights[0])
        if mode in ("hybrid", "dense"):
            vec = self._embed_query(query) if self._embed_query else self.embedder.embed_batch([query])[0]
            rankings.append([i for i, _ in self.dense.search(vec, pool)])
            weights.append(self.weights[1])
        return rrf(rankings, self.rrf_k, weights)

    def search(self, query: str, k: int = 10, mode: Mode = "hybrid") -> list[UnitHit]:
        """The k best units for a work-task description, best first."""
        scores = self.chunk_scores(query, mode)
        per_unit: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)
        for cid, s in scores.items():
            c = self.chunks[cid]
            per_unit[(c.qualification, c.unit_code)].append((s, cid))
        hits = []
        for items in per_unit.values():
            items.sort(reverse=True)
            score = sum(w * s for w, (s, _) in zip(self.unit_weights, items, strict=False))
            best = self.chunks[items[0][1]]
            hits.append(
                UnitHit(
                    qualification=best.qualification,
                    qualification_name=best.qualification_name,
                    unit_code=best.unit_code,
                    unit_name=best.unit_name,
                    score=round(score * 1000, 3),  # RRF scale: ~16 per first place in one ranking
                    snippet=best.text,
                    matches=[self.chunks[cid].text for _, cid in items[1:3]],
                )
            )
        hits.sort(key=lambda h: (-h.score, h.unit_code))
        return hits[:k]
