"""GET /api/v1/search and the unit routes: the contract, bad input as clear 4xx, the not-included note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from service.search.service import SearchService
from tests.conftest import ApiUser
from tests.retrieval.factories import small_config

RESULT_KEYS = {"qualification", "qualification_name", "unit_code", "unit_name", "score", "snippet"}


@pytest.fixture
def small_search(services, settings, analyser, tmp_path: Path) -> SearchService:  # type: ignore[no-untyped-def]
    """The real search service over a small corpus cut from the shipped one (fake embedder)."""
    services.search.use_index(small_config(tmp_path / "search"), analyser)
    return services.search


def get(client: TestClient, user: ApiUser, **params: object) -> tuple[int, dict]:  # type: ignore[type-arg]
    r = client.get("/api/v1/search", params=params, headers=user.headers)
    return r.status_code, r.json()


def test_search_returns_units_with_the_matching_requirement_as_snippet(client, users, small_search) -> None:  # type: ignore[no-untyped-def]
    status, body = get(client, users["coach"], q="Kirjaan yrityksen tulot ja menot kirjanpitoon", k=3)
    assert status == 200
    assert len(body["results"]) == 3 and body["notes"] == []
    assert all(RESULT_KEYS <= set(r) for r in body["results"])
    top = body["results"][0]
    assert (top["unit_code"], top["unit_name"], top["qualification_name"]) == ("100366", "Kirjanpito", "Liiketalouden perustutkinto")
    assert top["qualification"] == "1718932"
    assert "tulot" in top["snippet"]


def test_elderly_care_tasks_find_the_social_and_health_care_units(client, users, small_search) -> None:  # type: ignore[no-untyped-def]
    _, body = get(client, users["coach"], q="Autan vanhuksia kotona aamutoimissa", k=2)
    assert {r["qualification_name"] for r in body["results"]} == {"Sosiaali- ja terveysalan perustutkinto"}


@pytest.mark.parametrize("q", ["", "   ", "\n\t"])
def test_an_empty_query_is_422(client, users, small_search, q: str) -> None:  # type: ignore[no-untyped-def]
    status, body = get(client, users["coach"], q=q)
    assert status == 422 and "empty" in body["detail"]


def test_a_missing_query_is_422(client, users, small_search) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/api/v1/search", headers=users["coach"].headers)
    assert r.status_code == 422 and isinstance(r.json()["detail"], str)


@pytest.mark.parametrize("k", [0, -1, 51, 1000, "kaksi", 2.5])
def test_k_outside_1_to_50_is_422(client, users, small_search, k: object) -> None:  # type: ignore[no-untyped-def]
    status, body = get(client, users["coach"], q="asiakaspalvelu", k=k)
    assert status == 422 and isinstance(body["detail"], str)


def test_k_at_both_ends_of_the_range_is_accepted(client, users, small_search) -> None:  # type: ignore[no-untyped-def]
    assert get(client, users["coach"], q="asiakaspalvelu", k=1)[0] == 200
    assert get(client, users["coach"], q="asiakaspalvelu", k=50)[0] == 200


def test_a_very_long_query_is_413(client, users, small_search) -> None:  # type: ignore[no-untyped-def]
    status, body = get(client, users["coach"], q="asiakas " * 200)
    assert status == 413 and "too long" in body["detail"]


def test_search_needs_a_signed_in_user(client, small_search) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/search", params={"q": "asiakas"}).status_code == 401


def test_a_query_naming_a_missing_qualification_gets_a_note_with_the_import_command(client, users, small_search) -> None:  # type: ignore[no-untyped-def]
    status, body = get(client, users["coach"], q="Puhtaus- ja kiinteistöpalvelualan perustutkinto siivous")
    assert status == 200
    note = body["notes"][0]
    assert note["qualification_name"] == "Puhtaus- ja kiinteistöpalvelualan perustutkinto"
    assert note["import_command"] == "tyokieli import eperusteet --koulutuskoodi 381141"
    assert "ei ole mukana" in note["message"] and "not included" in note["message_en"]
    # and no result pretends to come from it
    assert all(r["qualification_name"] != note["qualification_name"] for r in body["results"])


def test_logistics_and_catering_are_noted_as_not_included(client, users, small_search) -> None:  # type: ignore[no-untyped-def]
    for q, name in [("logistiikan perustutkinto", "Logistiikan perustutkinto"),
                    ("Ravintola- ja catering-alan perustutkinto", "Ravintola- ja catering-alan perustutkinto")]:
        _, body = get(client, users["participant"], q=q)
        assert [n["qualification_name"] for n in body["notes"]] == [name]


def test_the_unit_route_returns_requirements_criteria_and_demonstration(client, users, small_search) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/api/v1/qualifications/units/100359", headers=users["coach"].headers)
    assert r.status_code == 200
    body = r.json()
    assert body["qualification_name"] == "Liiketalouden perustutkinto" and body["diary_number"] == "59/011/2014"
    assert "palvelee ulkoista ja sisäistä asiakasta" in body["unit"]["requirements"]
    assert body["unit"]["assessment"][0]["levels"][0]["criteria"]
    assert body["unit"]["demonstration"]


def test_an_unknown_unit_is_404(client, users, small_search) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/api/v1/qualifications/units/999999", headers=users["coach"].headers)
    assert r.status_code == 404 and "999999" in r.json()["detail"]


def test_the_qualification_list_names_each_with_its_diary_number(client, users, small_search) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/api/v1/qualifications", headers=users["teacher"].headers)
    assert r.status_code == 200
    names = {q["name"]: q["diary_number"] for q in r.json()["qualifications"]}
    assert names["Liiketalouden perustutkinto"] == "59/011/2014"


def test_a_damaged_index_is_rebuilt_and_the_search_still_answers(client, users, small_search) -> None:  # type: ignore[no-untyped-def]
    assert get(client, users["coach"], q="asiakas")[0] == 200
    (small_search.config.directory / "dense.faiss").write_bytes(b"broken")
    small_search._searcher = None  # as a new process would
    status, body = get(client, users["coach"], q="asiakas")
    assert status == 200 and body["results"]


def test_an_index_that_cannot_be_built_is_503_with_the_command(client, users, settings, analyser, tmp_path: Path, services) -> None:  # type: ignore[no-untyped-def]
    cfg = small_config(tmp_path / "nofloret", embedder_model="")  # the floret model needs spaCy; fake analyser lacks it
    from finnish.analyser import FakeAnalyser

    services.search.use_index(cfg, FakeAnalyser())
    status, body = get(client, users["coach"], q="asiakas")
    assert status == 503 and "spaCy" in body["detail"]


def test_index_build_includes_the_qualification_index() -> None:
    from tyokieli.cli import INDEX_BUILDERS

    assert "qualifications" in INDEX_BUILDERS


@pytest.mark.slow
def test_cli_search_json_prints_one_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, analyser) -> None:  # type: ignore[no-untyped-def]
    from tyokieli.cli import app

    monkeypatch.setenv("TYOKIELI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TYOKIELI_EMBEDDER_MODEL", "fake")
    runner = CliRunner()
    result = runner.invoke(app, ["search", "Palvelen asiakkaita kaupan kassalla", "--json", "-k", "3"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert len(doc["results"]) == 3 and RESULT_KEYS <= set(doc["results"][0])
    bad = runner.invoke(app, ["search", "x", "-k", "0", "--json"])
    assert bad.exit_code == 2 and bad.stdout == "" and "k must be" in bad.stderr
