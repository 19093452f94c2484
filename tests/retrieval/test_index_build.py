"""Index build: rebuilt only when the corpus or the model changes; a damaged file is rebuilt or reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpora.qualifications import read_qualification, write_qualification
from retrieval.build import SearchIndexError, build_index, fingerprint, load_searcher
from tests.retrieval.factories import small_config


def test_a_second_build_with_nothing_changed_does_nothing(tmp_path: Path, analyser) -> None:  # type: ignore[no-untyped-def]
    cfg = small_config(tmp_path)
    first = build_index(cfg, analyser)
    second = build_index(cfg, analyser)
    assert first["status"] == "built" and first["chunks"] > 20
    assert second["status"] == "up to date" and second["chunks"] == first["chunks"]
    assert build_index(cfg, analyser, force=True)["status"] == "built"


def test_a_changed_corpus_file_triggers_a_rebuild(tmp_path: Path, analyser) -> None:  # type: ignore[no-untyped-def]
    cfg = small_config(tmp_path)
    before = build_index(cfg, analyser)
    path = cfg.corpus_dirs[0] / "1718932.json"
    q = read_qualification(path)
    write_qualification(q.model_copy(update={"units": q.units[:1]}), cfg.corpus_dirs[0])
    after = build_index(cfg, analyser)
    assert after["status"] == "built" and after["chunks"] < before["chunks"]


def test_another_embedding_model_changes_the_fingerprint(tmp_path: Path, analyser) -> None:  # type: ignore[no-untyped-def]
    assert fingerprint(small_config(tmp_path, "fake"), analyser) != fingerprint(small_config(tmp_path, ""), analyser)


@pytest.mark.parametrize("damaged", ["dense.faiss", "chunks.jsonl", "meta.json"])
def test_a_damaged_index_file_is_rebuilt_on_load(tmp_path: Path, analyser, damaged: str) -> None:  # type: ignore[no-untyped-def]
    cfg = small_config(tmp_path)
    build_index(cfg, analyser)
    (cfg.directory / damaged).write_bytes(b"\x00garbage")
    searcher = load_searcher(cfg, analyser)
    assert searcher.search("Autan vanhuksia syömään", 3)


def test_a_damaged_index_without_auto_build_says_how_to_rebuild(tmp_path: Path, analyser) -> None:  # type: ignore[no-untyped-def]
    cfg = small_config(tmp_path)
    build_index(cfg, analyser)
    (cfg.directory / "dense.faiss").write_bytes(b"\x00garbage")
    with pytest.raises(SearchIndexError, match="tyokieli index build --force"):
        load_searcher(cfg, analyser, auto_build=False)


def test_a_missing_index_is_built_on_first_use(tmp_path: Path, analyser) -> None:  # type: ignore[no-untyped-def]
    cfg = small_config(tmp_path)
    assert not cfg.directory.exists()
    assert load_searcher(cfg, analyser).search("kirjanpito", 1)[0].unit_code == "100366"
