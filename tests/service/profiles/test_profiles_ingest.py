"""Uploads for profiles: every supported file type, and every refusal with the right status."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.service.profile_helpers import cashier_text, cleaning_text, docx_bytes, pdf_bytes

URL = "/api/v1/profiles/upload"


def upload(client: TestClient, headers: dict[str, str], files: list[tuple[str, bytes]], **form: object):  # type: ignore[no-untyped-def]
    return client.post(URL, data={"title": "Toimiston siivous", **form},
                       files=[("files", (name, data)) for name, data in files], headers=headers)


def terms(response) -> set[str]:  # type: ignore[no-untyped-def]
    return {t["lemma"] for t in response.json()["key_terms"][:10]}


def test_txt_in_latin1_is_decoded(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    r = upload(client, users["teacher"].headers, [("ohje.txt", cleaning_text().encode("cp1252"))])
    assert r.status_code == 200, r.text
    assert "siivousvaunu" in terms(r)
    assert r.json()["texts"][0]["title"] == "ohje"


def test_md_docx_and_pdf_files_are_read(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    h = users["teacher"].headers
    paragraphs = cashier_text().split("\n\n")
    for name, data in [("ohje.md", cashier_text().encode()), ("ohje.docx", docx_bytes(paragraphs)),
                       ("ohje.pdf", pdf_bytes(cashier_text()))]:
        r = upload(client, h, [(name, data)])
        assert r.status_code == 200, (name, r.text)
        assert {"kassa", "kuitti"} <= terms(r), name


def test_pasted_text_and_files_combine_and_save_stores(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    h = users["teacher"].headers
    r = upload(client, h, [("a.txt", cleaning_text().encode())], texts=[cashier_text()], save="true")
    assert r.status_code == 201, r.text
    assert len(r.json()["texts"]) == 2
    assert client.get(f"/api/v1/profiles/{r.json()['id']}", headers=h).status_code == 200


def test_unsupported_file_type_is_415(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    r = upload(client, users["teacher"].headers, [("kuva.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100)])
    assert r.status_code == 415
    assert ".docx" in r.json()["detail"]


def test_file_over_five_megabytes_is_413(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    big = (cleaning_text() + "\n").encode() * (5 * 1024 * 1024 // len(cleaning_text().encode()) + 1)
    assert len(big) > 5 * 1024 * 1024
    r = upload(client, users["teacher"].headers, [("iso.txt", big)])
    assert r.status_code == 413
    assert "too large" in r.json()["detail"]


def test_service_refuses_a_file_over_its_own_limit(services) -> None:  # type: ignore[no-untyped-def]
    from service.core.errors import TooLarge
    from service.profiles.ingest import Upload

    services.profiles.ingest.max_upload_bytes = 100
    with pytest.raises(TooLarge):
        services.profiles.ingest.upload(Upload("a.txt", cleaning_text().encode()))


def test_empty_file_is_422(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    r = upload(client, users["teacher"].headers, [("tyhja.txt", b"  \n ")])
    assert r.status_code == 422 and "empty" in r.json()["detail"]


def test_image_only_pdf_is_422_saying_it_has_no_text(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    r = upload(client, users["teacher"].headers, [("skannattu.pdf", pdf_bytes(None))])
    assert r.status_code == 422
    assert "image-only" in r.json()["detail"]


def test_encrypted_pdf_is_422_saying_so(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    r = upload(client, users["teacher"].headers, [("salainen.pdf", pdf_bytes(cleaning_text(), password="salasana"))])
    assert r.status_code == 422
    assert "encrypted" in r.json()["detail"]


def test_broken_docx_and_pdf_are_422(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    h = users["teacher"].headers
    assert upload(client, h, [("rikki.docx", b"not a zip file at all")]).status_code == 422
    assert upload(client, h, [("rikki.pdf", b"%PDF-1.4 garbage")]).status_code == 422


def test_text_that_is_not_finnish_is_422(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    english = b"Open the till at ten. Count the change and write the sum in the report. Greet the customer."
    r = upload(client, users["teacher"].headers, [("english.txt", english)])
    assert r.status_code == 422 and "Finnish" in r.json()["detail"]


def test_a_failed_upload_stores_nothing(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    h = users["teacher"].headers
    r = upload(client, h, [("a.txt", cleaning_text().encode()), ("b.png", b"xx")], save="true")
    assert r.status_code == 415
    assert client.get("/api/v1/profiles", headers=h).json()["profiles"] == []


def test_participant_cannot_upload(client: TestClient, users) -> None:  # type: ignore[no-untyped-def]
    assert upload(client, users["participant"].headers, [("a.txt", cleaning_text().encode())]).status_code == 403
