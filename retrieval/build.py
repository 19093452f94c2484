"""Builds the qualification search index (chunks, BM25, embedding model, FAISS) and loads it.

Rebuilds only what changed: the index directory holds a fingerprint of the corpus files, the chunking
schema, the analyser and the embedding model; a matching fingerprint means nothing to do. A damaged
index file is rebuilt (or, with auto_build off, reported with the command that rebuilds it).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from corpora.qualifications import SHIPPED_DIR, corpus_fingerprint, load_qualifications
from finnish.analyser import Analyser
from retrieval.chunks import Chunk, build_chunks
from retrieval.dense import DenseIndex
from retrieval.embedder import (
    FLORET_MODEL_VERSION,
    EmbedderError,
    FakeEmbedder,
    HubEmbedder,
    build_floret_model,
    load_floret_model,
)
from retrieval.fusion import PARAMS_FILE, FusionParams, FusionParamsError, load_params
from retrieval.hybrid import HybridSearcher
from retrieval.lexical import LexicalIndex
from retrieval.text import analyse_all

log = logging.getLogger("tyokieli.retrieval")

SCHEMA = "qualification-chunks-v1"
NAME = "qualifications"
REBUILD_HINT = "rebuild it with `tyokieli index build --force`"


class SearchIndexError(Exception):
    """The search index is missing or damaged and could not be rebuilt here."""


@dataclass(frozen=True)
class IndexConfig:
    index_dir: Path
    models_dir: Path
    corpus_dirs: tuple[Path, ...] = field(default=(SHIPPED_DIR,))
    embedder_model: str = ""  # "" = the local floret model; "fake" = FakeEmbedder (tests); else a hub name
    fusion_params: Path = PARAMS_FILE  # query-time fusion weights: not in the fingerprint, never a rebuild

    @property
    def directory(self) -> Path:
        return self.index_dir / NAME

    @property
    def floret_dir(self) -> Path:
        return self.models_dir / "floret-lemmas"


def fingerprint(cfg: IndexConfig, analyser: Analyser) -> str:
    embedder = cfg.embedder_model or FLORET_MODEL_VERSION
    parts = [SCHEMA, corpus_fingerprint(cfg.corpus_dirs), embedder, type(analyser).__name__]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _read_meta(directory: Path) -> dict[str, Any]:
    try:
        return json.loads((directory / "meta.json").read_text())  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return {}


def is_current(cfg: IndexConfig, analyser: Analyser) -> bool:
    meta = _read_meta(cfg.directory)
    return meta.get("fingerprint") == fingerprint(cfg, analyser)


def _bar(total: int, desc: str, progress: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="chunk", file=sys.stderr, disable=not progress, leave=False)


def _embed_chunks(cfg: IndexConfig, analyser: Analyser, terms: list[list[str]], chunks: list[Chunk], progress: bool
                  ) -> tuple[np.ndarray, str]:
    if cfg.embedder_model == "fake":
        emb = FakeEmbedder()
        return emb.embed_batch([" ".join(t) for t in terms]), emb.version
    if cfg.embedder_model:
        hub = HubEmbedder(cfg.embedder_model)
        return hub.embed_batch([c.index_text for c in chunks]), hub.version
    nlp = getattr(analyser, "nlp", None)
    if nlp is None:
        raise EmbedderError("the built-in embedding model needs the spaCy analyser (TYOKIELI_ANALYSER=spacy)")
    voikko = getattr(analyser, "voikko", None)
    baseforms = (lambda w: {r.baseform for r in voikko.analyse(w)} or {w}) if voikko is not None else None
    version = build_floret_model(cfg.floret_dir, nlp.vocab, terms, baseforms)
    model = load_floret_model(cfg.floret_dir, analyser)
    bar = _bar(len(terms), "embedding", progress)
    parts = []
    for start in range(0, len(terms), 512):
        parts.append(model.embed_terms(terms[start : start + 512]))
        bar.update(min(512, len(terms) - start))
    bar.close()
    return np.vstack(parts), version


def build_index(cfg: IndexConfig, analyser: Analyser, *, progress: bool = False, force: bool = False) -> dict[str, Any]:
    """Builds the index unless it is current; returns a summary."""
    if not force and is_current(cfg, analyser) and _files_present(cfg.directory):
        meta = _read_meta(cfg.directory)
        return {"status": "up to date", "chunks": meta.get("chunks"), "fingerprint": meta.get("fingerprint")}
    started = time.perf_counter()
    chunks = build_chunks(load_qualifications(cfg.corpus_dirs))
    bar = _bar(len(chunks), "analysing", progress)
    terms = analyse_all(analyser, [c.index_text for c in chunks], progress=bar)
    bar.close()
    tmp = cfg.index_dir / f".{NAME}.building"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    LexicalIndex.build(terms).save(tmp / "bm25")
    vectors, embedder_version = _embed_chunks(cfg, analyser, terms, chunks, progress)
    DenseIndex.build(vectors).save(tmp / "dense.faiss")
    with (tmp / "chunks.jsonl").open("w", encoding="utf-8") as f:
        for c in chunks:
            f.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
    meta = {
        "fingerprint": fingerprint(cfg, analyser),
        "chunks": len(chunks),
        "embedder": embedder_version,
        "dim": int(vectors.shape[1]),
        "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    (tmp / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    shutil.rmtree(cfg.directory, ignore_errors=True)
    tmp.rename(cfg.directory)
    seconds = round(time.perf_counter() - started, 1)
    log.info("search index built: %d chunks in %.1f s", len(chunks), seconds)
    return {"status": "built", "chunks": len(chunks), "seconds": seconds, "embedder": embedder_version}


def _files_present(directory: Path) -> bool:
    return all((directory / n).exists() for n in ("meta.json", "chunks.jsonl", "dense.faiss", "bm25"))


def _load(cfg: IndexConfig, analyser: Analyser, params: FusionParams) -> HybridSearcher:
    directory = cfg.directory
    meta = _read_meta(directory)
    chunks = [Chunk.from_dict(json.loads(line)) for line in (directory / "chunks.jsonl").read_text("utf-8").splitlines()]
    lexical = LexicalIndex.load(directory / "bm25")
    dense = DenseIndex.load(directory / "dense.faiss")
    if dense.size != len(chunks) or meta.get("chunks") != len(chunks):
        raise ValueError("index files disagree on the number of chunks")
    if cfg.embedder_model == "fake":
        embedder: Any = FakeEmbedder()
    elif cfg.embedder_model:
        embedder = HubEmbedder(cfg.embedder_model)
    else:
        embedder = load_floret_model(cfg.floret_dir, analyser)
        if embedder.version != meta.get("embedder"):
            raise ValueError("the embedding model does not match the index")
    if dense.dim != int(meta.get("dim", -1)):
        raise ValueError("the FAISS index has the wrong dimension")
    return HybridSearcher(chunks, lexical, dense, embedder, analyser, embed_query=_query_embedder(embedder, analyser, cfg),
                          params=params)


def _query_embedder(embedder: Any, analyser: Analyser, cfg: IndexConfig) -> Any:
    if cfg.embedder_model == "fake":
        from retrieval.text import lemma_terms

        return lambda q: embedder.embed_batch([" ".join(lemma_terms(analyser, q))])[0]
    return None


def load_searcher(cfg: IndexConfig, analyser: Analyser, *, auto_build: bool = True, progress: bool = False
                  ) -> HybridSearcher:
    """The searcher over the current index; builds it first when missing or out of date (auto_build),
    and rebuilds once when a file is damaged. Unusable fusion parameters are reported before any build."""
    try:
        params = load_params(cfg.fusion_params)
    except FusionParamsError as exc:
        raise SearchIndexError(str(exc)) from None
    if not (is_current(cfg, analyser) and _files_present(cfg.directory)):
        if not auto_build:
            raise SearchIndexError(f"the search index in {cfg.directory} is missing or out of date; {REBUILD_HINT}")
        build_index(cfg, analyser, progress=progress)
    try:
        return _load(cfg, analyser, params)
    except (EmbedderError, SearchIndexError):
        raise
    except Exception as exc:
        log.warning("search index damaged (%s); %s", type(exc).__name__, "rebuilding" if auto_build else "not rebuilding")
        if not auto_build:
            raise SearchIndexError(f"the search index in {cfg.directory} is damaged; {REBUILD_HINT}") from None
    build_index(cfg, analyser, progress=progress, force=True)
    try:
        return _load(cfg, analyser, params)
    except Exception:
        raise SearchIndexError(f"the search index in {cfg.directory} could not be rebuilt; {REBUILD_HINT}") from None

