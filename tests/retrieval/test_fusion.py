"""Learned fusion: the weights move the ranking the way their names say, parameters load from a file with
their provenance, a bad file is a clear error, and the learner measures only on queries it did not fit."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from retrieval.build import SearchIndexError, build_index, fingerprint, load_searcher
from retrieval.fusion import (
    LEXICAL_ONLY,
    PARAMS_FILE,
    RRF_DEFAULT,
    Candidates,
    FusionParams,
    FusionParamsError,
    Layout,
    fuse,
    load_params,
    save_params,
)
from retrieval.hybrid import HybridSearcher
from retrieval.learn_fusion import QueryRow, cross_validate, folds_of, learn, score_matrix, top_codes
from tests.retrieval.factories import small_config

METHODS = ["rrf", "minmax", "zscore"]

# four units of two chunks each: chunk 2u is a requirement, 2u + 1 an assessment target
LAYOUT = Layout(unit_of=np.repeat(np.arange(4), 2), is_assessment=np.tile([False, True], 4), n_units=4)


def candidates(lexical: list[int], dense: list[int], name_lexical: list[float] | None = None,
               name_dense: list[float] | None = None) -> Candidates:
    """Rankings best first, with falling scores."""
    return Candidates(
        np.array(lexical, dtype=np.int64), np.linspace(10, 5, len(lexical)),
        np.array(dense, dtype=np.int64), np.linspace(0.9, 0.5, len(dense)),
        np.array(name_lexical or [0.0] * 4), np.array(name_dense) if name_dense else None,
    )


def first_unit(c: Candidates, p: FusionParams) -> int:
    return int(np.argmax(fuse(c, p, LAYOUT)[0]))


@pytest.mark.parametrize("method", METHODS)
def test_the_heavier_ranking_decides_which_unit_comes_first(method: str) -> None:
    c = candidates(lexical=[0, 2, 4, 6], dense=[2, 0, 6, 4])  # lexical: unit 0 first; dense: unit 1 first
    assert first_unit(c, FusionParams(method=method, lexical=1.0, dense=0.2)) == 0  # type: ignore[arg-type]
    assert first_unit(c, FusionParams(method=method, lexical=0.2, dense=1.0)) == 1  # type: ignore[arg-type]


@pytest.mark.parametrize("method", METHODS)
def test_a_field_boost_favours_units_matched_in_that_field(method: str) -> None:
    # unit 0 matches through its assessment chunk, unit 1 through its requirement chunk, equally well
    c = candidates(lexical=[1, 2, 4], dense=[2, 1, 4])
    boosted = FusionParams(method=method, assessment=1.5)  # type: ignore[arg-type]
    damped = FusionParams(method=method, assessment=0.5)  # type: ignore[arg-type]
    assert first_unit(c, boosted) == 0
    assert first_unit(c, damped) == 1


@pytest.mark.parametrize("method", METHODS)
def test_the_unit_name_field_lifts_the_unit_whose_name_matches(method: str) -> None:
    c = candidates(lexical=[0, 2, 4], dense=[0, 2, 4], name_lexical=[0.0, 0.0, 3.0, 0.0], name_dense=[0.0, 0.2, 0.9, 0.1])
    assert first_unit(c, FusionParams(method=method)) == 0  # type: ignore[arg-type]
    assert first_unit(c, FusionParams(method=method, name_lexical=10.0)) == 2  # type: ignore[arg-type]
    assert first_unit(c, FusionParams(method=method, name_dense=10.0)) == 2  # type: ignore[arg-type]


def test_a_zero_weight_switches_a_ranking_off() -> None:
    c = candidates(lexical=[0], dense=[6])
    units = fuse(c, LEXICAL_ONLY, LAYOUT)[0]
    assert units[0] > 0 and units[3] == 0
    assert not LEXICAL_ONLY.uses_dense and RRF_DEFAULT.uses_dense


def test_a_units_second_and_third_chunks_count_with_the_unit_weights() -> None:
    c = candidates(lexical=[0, 2, 3], dense=[])  # unit 0: the best chunk; unit 1: two chunks
    assert first_unit(c, FusionParams(dense=0.0, unit_weights=(1.0,))) == 0
    assert first_unit(c, FusionParams(dense=0.0, unit_weights=(1.0, 1.0))) == 1


def test_the_shipped_parameters_load_and_say_what_they_were_learned_on() -> None:
    params = load_params()
    learned = json.loads(PARAMS_FILE.read_text(encoding="utf-8"))["learned"]
    assert params.lexical + params.dense > 0
    assert learned["date"] and "queries" in learned["data"] and "cv_mrr" in learned


def test_saved_parameters_load_back_equal(tmp_path: Path) -> None:
    p = FusionParams(method="minmax", dense=1.5, assessment=0.75, name_lexical=0.25, unit_weights=(1.0, 0.3))
    save_params(p, {"date": "2026-12-01", "data": "a test"}, tmp_path / "f.json")
    assert load_params(tmp_path / "f.json") == p


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "does not exist"),
        ("{not json", "not readable JSON"),
        ('{"weights": {}}', "no 'params' object"),
        ('{"params": {"lexcal": 1.0}}', "lexcal"),
        ('{"params": {"dense": -1}}', "dense"),
        ('{"params": {"method": "borda"}}', "method"),
        ('{"params": {"rrf_k": "sixty"}}', "rrf_k"),
        ('{"params": {"lexical": 0, "dense": 0}}', "weight 0"),
    ],
)
def test_a_bad_parameter_file_is_a_clear_error_naming_the_file_and_the_fix(tmp_path: Path, content: str | None,
                                                                           says: str) -> None:
    path = tmp_path / "fusion.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(FusionParamsError, match=says) as err:
        load_params(path)
    assert str(path) in str(err.value) and "--learn" in str(err.value)


def test_a_bad_parameter_file_stops_the_searcher_before_any_build(tmp_path: Path, analyser) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "fusion.json"
    bad.write_text('{"params": {"dense": "lots"}}', encoding="utf-8")
    cfg = dataclasses.replace(small_config(tmp_path), fusion_params=bad)
    with pytest.raises(SearchIndexError, match="fusion parameters"):
        load_searcher(cfg, analyser)
    assert not cfg.directory.exists()


def test_new_fusion_parameters_change_the_ranking_but_never_rebuild_the_index(tmp_path: Path, analyser) -> None:  # type: ignore[no-untyped-def]
    cfg = small_config(tmp_path)
    build_index(cfg, analyser)
    lexical_file = tmp_path / "lexical.json"
    save_params(LEXICAL_ONLY, {"date": None, "data": "a test"}, lexical_file)
    other = dataclasses.replace(cfg, fusion_params=lexical_file)
    assert fingerprint(other, analyser) == fingerprint(cfg, analyser)
    assert build_index(other, analyser)["status"] == "up to date"
    searcher = load_searcher(other, analyser, auto_build=False)
    assert searcher.params == LEXICAL_ONLY
    query = "Autan vanhuksia syömään"
    assert [h.unit_code for h in searcher.search(query, 5)] == [h.unit_code for h in searcher.search(query, 5, mode="lexical")]


def test_cross_validation_never_measures_a_fold_with_parameters_chosen_on_it() -> None:
    n = 20
    recall = np.full((2, n), 0.5)
    rr = np.full((2, n), 0.5)
    perfect_on = folds_of(n)[0]  # parameter set 1 is perfect on one fold only, useless elsewhere
    recall[1], rr[1] = 0.0, 0.0
    recall[1, perfect_on], rr[1, perfect_on] = 1.0, 1.0
    cv = cross_validate(recall, rr)
    assert cv.chosen[0] == 0  # for its own fold, set 1 had to win on the other folds: it did not
    assert cv.recall == pytest.approx(0.5) and cv.mrr == pytest.approx(0.5)
    assert sorted(np.concatenate(folds_of(n)).tolist()) == list(range(n))  # every query held out exactly once


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory, analyser) -> Iterator[HybridSearcher]:  # type: ignore[no-untyped-def]
    yield load_searcher(small_config(tmp_path_factory.mktemp("fusion")), analyser)


ROWS: list[QueryRow] = [
    {"query": "Autan vanhuksia kotona", "expected": ["101067"]},
    {"query": "Kirjaan tulot ja menot kirjanpitoon", "expected": ["100366"]},
    {"query": "vaihdan renkaita", "expected": ["105728"]},
    {"query": "Palvelen asiakkaita kaupan kassalla", "expected": ["100360", "100359"]},
    {"query": "Hoidan vanhusta palvelutalossa", "expected": ["100846", "100833"]},
]
SMALL_GRID = [RRF_DEFAULT, LEXICAL_ONLY, FusionParams(method="zscore", dense=1.5),
              FusionParams(method="minmax", name_lexical=0.5, name_dense=0.5), FusionParams(name_lexical=1.0)]


def test_the_grouped_score_matrix_ranks_as_each_parameter_set_does_alone(searcher: HybridSearcher) -> None:
    cands = [searcher.candidates(r["query"]) for r in ROWS]
    recall, rr = score_matrix(searcher, cands, ROWS, SMALL_GRID)
    for i, p in enumerate(SMALL_GRID):
        for j, (c, row) in enumerate(zip(cands, ROWS, strict=True)):
            codes = top_codes(searcher, c, p)
            assert codes[:5] == [h.unit_code for h in searcher.search(row["query"], 5, params=p)]
            want = set(row["expected"])
            assert recall[i, j] == len(want & set(codes[:5])) / len(want)


def test_learning_returns_a_grid_member_with_figures_between_zero_and_one(searcher: HybridSearcher) -> None:
    learned = learn(searcher, ROWS, SMALL_GRID)
    assert learned.params in SMALL_GRID and learned.grid_size == len(SMALL_GRID)
    assert 0.0 <= learned.cv.recall <= 1.0 and 0.0 <= learned.cv.mrr <= 1.0


def test_the_unit_name_field_is_built_only_when_the_parameters_use_it(tmp_path: Path, analyser) -> None:  # type: ignore[no-untyped-def]
    searcher = load_searcher(small_config(tmp_path), analyser)
    searcher.search("vaihdan renkaita", 3, params=RRF_DEFAULT)
    assert "names" not in searcher.__dict__
    hits = searcher.search("vaihdan renkaita", 3, params=FusionParams(name_lexical=1.0))
    assert "names" in searcher.__dict__ and hits[0].unit_code == "105728"
