"""Dense index: chunk embeddings in a FAISS inner-product index (rows are L2-normalised: cosine)."""

from __future__ import annotations

from pathlib import Path

import numpy as np


class DenseIndex:
    def __init__(self, index: object) -> None:
        self._index = index

    @classmethod
    def build(cls, vectors: np.ndarray) -> DenseIndex:
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(vectors)
        return cls(index)

    @property
    def dim(self) -> int:
        return int(self._index.d)  # type: ignore[attr-defined]

    @property
    def size(self) -> int:
        return int(self._index.ntotal)  # type: ignore[attr-defined]

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(path))  # type: ignore[call-overload]

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        import faiss

        return cls(faiss.read_index(str(path)))

    def search(self, query_vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        q = np.ascontiguousarray(query_vector.reshape(1, -1), dtype=np.float32)
        if not np.any(q):
            return []
        scores, ids = self._index.search(q, min(k, self.size))  # type: ignore[attr-defined]
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
