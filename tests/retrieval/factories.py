"""Test data for retrieval: a small corpus cut from the shipped one, and index configurations."""

from __future__ import annotations

from pathlib import Path

from corpora.qualifications import load_qualifications, write_qualification
from retrieval.build import IndexConfig

# qualification id → unit codes kept (elderly care, customer service and bookkeeping, tyres)
SMALL = {
    "1724172": ("100846", "101067", "100833"),
    "1718932": ("100359", "100360", "100366"),
    "3397336": ("105728",),
}


def small_corpus(directory: Path, keep: dict[str, tuple[str, ...]] | None = None) -> Path:
    keep = keep or SMALL
    for q in load_qualifications():
        if str(q.id) in keep:
            units = [u for u in q.units if u.code in keep[str(q.id)]]
            write_qualification(q.model_copy(update={"units": units}), directory)
    return directory


def small_config(root: Path, embedder_model: str = "fake") -> IndexConfig:
    corpus = small_corpus(root / "corpus")
    return IndexConfig(index_dir=root / "index", models_dir=root / "models", corpus_dirs=(corpus,),
                       embedder_model=embedder_model)
