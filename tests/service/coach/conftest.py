"""Fixtures of the coach-view tests: the real hybrid index (BM25 + FAISS with the fake embedder),
built once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def real_searcher(tmp_path_factory: pytest.TempPathFactory, analyser) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    from retrieval.build import IndexConfig, load_searcher

    root = tmp_path_factory.mktemp("coach-index")
    cfg = IndexConfig(index_dir=root / "index", models_dir=root / "models", embedder_model="fake")
    yield load_searcher(cfg, analyser)
