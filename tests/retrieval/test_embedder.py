"""The default embedding model: built from spaCy-fi's floret vectors over lemmas, saved and reloaded in the
sentence-transformers format; no download."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retrieval.embedder import EmbedderError, build_floret_model, load_floret_model


@pytest.mark.slow
def test_the_floret_model_is_saved_and_reloaded_with_sentence_transformers(tmp_path: Path, analyser) -> None:  # type: ignore[no-untyped-def]
    from sentence_transformers import SentenceTransformer

    terms = [["siivota", "potilashuone", "potilas", "huone"], ["siivous", "lattia"], ["auto", "rengas", "vaihtaa"]]
    version = build_floret_model(tmp_path / "m", analyser.nlp.vocab, terms)
    assert (tmp_path / "m" / "modules.json").exists()
    assert SentenceTransformer(str(tmp_path / "m"), device="cpu").encode(["siivota"]).shape == (1, 300)
    model = load_floret_model(tmp_path / "m", analyser)
    assert model.version == version
    v = model.embed_batch(["Siivoan potilashuoneen", "Siivousta potilaan huoneessa", "Vaihdan autoon renkaat"])
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2])


def test_a_missing_model_is_a_clear_error_telling_how_to_rebuild(tmp_path: Path, analyser) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EmbedderError, match="tyokieli index build --force"):
        load_floret_model(tmp_path / "nothing", analyser)
