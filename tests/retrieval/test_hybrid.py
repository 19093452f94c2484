"""Hybrid search over the small corpus: Finnish word forms meet, results are units, fusion rewards agreement."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from retrieval.build import load_searcher
from retrieval.embedder import FakeEmbedder
from retrieval.hybrid import HybridSearcher, rrf
from retrieval.text import lemma_terms, lexical_terms
from tests.retrieval.factories import small_config


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory, analyser) -> Iterator[HybridSearcher]:  # type: ignore[no-untyped-def]
    yield load_searcher(small_config(tmp_path_factory.mktemp("hybrid")), analyser)


def test_rrf_puts_an_item_both_rankings_agree_on_first() -> None:
    fused = rrf([[1, 2, 3], [3, 4, 1]])
    assert max(fused, key=fused.__getitem__) in (1, 3)
    assert fused[1] > fused[2] and fused[3] > fused[4]
    weighted = rrf([[1], [2]], weights=[1.0, 0.5])
    assert weighted[1] > weighted[2]


def test_index_terms_are_lemmas_compound_parts_and_stems(analyser) -> None:  # type: ignore[no-untyped-def]
    terms = lemma_terms(analyser, "Siivoan potilashuoneen.")
    assert terms[:4] == ["siivota", "potilashuone", "potilas", "huone"]
    assert "~siivo" in lexical_terms(lemma_terms(analyser, "siivoojana"))


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Autan vanhuksia kotona", "101067"),
        ("Kirjaan tulot ja menot kirjanpitoon", "100366"),
        ("vaihdan renkaita", "105728"),
        ("Palvelen asiakkaita kaupan kassalla", "100360"),
    ],
)
def test_inflected_everyday_finnish_finds_the_right_unit_lexically(searcher: HybridSearcher, query: str, code: str) -> None:
    codes = [h.unit_code for h in searcher.search(query, 2, mode="lexical")]
    assert code in codes, codes


def test_results_are_whole_units_each_once_with_the_matching_text_as_snippet(searcher: HybridSearcher) -> None:
    hits = searcher.search("asiakaspalvelu ja myynti", 10)
    keys = [(h.qualification, h.unit_code) for h in hits]
    assert len(keys) == len(set(keys))
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    top = hits[0]
    assert top.qualification_name == "Liiketalouden perustutkinto" and top.snippet
    chunk_texts = {c.text for c in searcher.chunks if c.unit_code == top.unit_code}
    assert top.snippet in chunk_texts


def test_k_limits_the_number_of_units(searcher: HybridSearcher) -> None:
    assert len(searcher.search("asiakas", 2)) == 2
    assert len(searcher.search("asiakas", 50)) <= 7  # the small corpus has seven units


def test_a_query_without_any_known_word_returns_nothing_lexically(searcher: HybridSearcher) -> None:
    assert searcher.search("xyzzy qwerty", 5, mode="lexical") == []


def test_the_fake_embedder_is_predictable() -> None:
    e = FakeEmbedder(dim=32)
    v = e.embed_batch(["kassa asiakas", "asiakas kassa", "rengas"])
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0)
    assert v[0] @ v[1] == pytest.approx(1.0)
    assert v[0] @ v[2] < 0.99
    assert e.calls == [["kassa asiakas", "asiakas kassa", "rengas"]]
