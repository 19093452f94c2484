"""Live ePerusteet import (admins): the qualification joins the corpus, and the search index and the
recommendations follow without a restart. ePerusteet itself is played by an httpx MockTransport."""

from __future__ import annotations

import json

import httpx
from fastapi.testclient import TestClient

from corpora.qualifications import load_qualifications
from tests.conftest import ApiUser, needs_shared_data


def _eperusteet(document: dict[str, object], peruste_id: int) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/perusteet"):
            return httpx.Response(200, json={"data": [{"id": peruste_id}]})
        if request.url.path.endswith(f"/peruste/{peruste_id}"):
            return httpx.Response(200, json=document)
        return httpx.Response(404)

    return httpx.MockTransport(answer)


def test_an_imported_qualification_is_searchable_and_recommendable_at_once(services) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(needs_shared_data("eperusteet", "hiusalan-perustutkinto.json").read_text(encoding="utf-8"))
    peruste_id = int(document.get("id", 1571584))
    out = services.search.import_eperusteet(koulutuskoodi="381303", transport=_eperusteet(document, peruste_id))
    assert out["units"] > 0
    names = {q.name for q in load_qualifications(services.search.corpus_dirs)}
    assert out["name"] in names
    assert services.search._searcher is None  # the next search rebuilds over the new corpus


def test_only_admins_import_and_a_bad_request_is_a_422(client: TestClient, users: dict[str, ApiUser]) -> None:
    for role in ("participant", "teacher", "coach"):
        r = client.post("/api/v1/qualifications/import", json={"id": 1}, headers=users[role].headers)
        assert r.status_code == 403
    for body in ({}, {"koulutuskoodi": "12"}, {"id": 1, "koulutuskoodi": "381141"}):
        r = client.post("/api/v1/qualifications/import", json=body, headers=users["admin"].headers)
        assert r.status_code == 422, body
