"""Lexical index: BM25 (bm25s) over lemmas, compound parts and prefix stems of the chunks."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from retrieval.text import lexical_terms


class LexicalIndex:
    def __init__(self, model: object) -> None:
        self._model = model

    @classmethod
    def build(cls, chunk_terms: Sequence[Sequence[str]]) -> LexicalIndex:
        import bm25s

        model = bm25s.BM25(k1=1.2, b=0.75)
        docs = [lexical_terms(t) or ["∅"] for t in chunk_terms]
        model.index(docs, show_progress=False)
        return cls(model)

    def save(self, directory: Path) -> None:
        self._model.save(str(directory), show_progress=False)  # type: ignore[attr-defined]

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        import bm25s

        return cls(bm25s.BM25.load(str(directory), show_progress=False))

    def scores(self, query_terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every chunk (zeros when no query term is in the index)."""
        vocab: dict[str, int] = self._model.vocab_dict  # type: ignore[attr-defined]
        ids = [vocab[t] for t in lexical_terms(query_terms) if t in vocab]
        n = int(self._model.scores["num_docs"])  # type: ignore[attr-defined]
        if not ids:
            return np.zeros(n, dtype=np.float32)
        return np.asarray(self._model.get_scores(ids), dtype=np.float32)  # type: ignore[attr-defined]

    def search(self, query_terms: Sequence[str], k: int) -> list[tuple[int, float]]:
        s = self.scores(query_terms)
        if not s.any():
            return []
        top = np.argsort(-s, kind="stable")[: min(k, len(s))]  # stable: ties keep corpus order
        return [(int(i), float(s[i])) for i in top if s[i] > 0]
