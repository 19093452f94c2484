"""Exports of a stored profile: Markdown, well-formed HTML and a PDF that parses back."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from tests.service.profile_helpers import cleaning_text


@pytest.fixture
def stored(client: TestClient, users) -> dict:  # type: ignore[no-untyped-def]
    r = client.post("/api/v1/profiles", json={"title": "Toimiston siivous", "texts": [cleaning_text()],
                                              "description": "Siivoat toimistoa illalla."},
                    headers=users["teacher"].headers)
    return r.json()


def get_export(client: TestClient, users, pid: int, fmt: str, audience: str = "teacher"):  # type: ignore[no-untyped-def]
    # the owner exports it (since profiles are owned and shared, an unrelated participant gets 404)
    return client.get(f"/api/v1/profiles/{pid}/export", params={"format": fmt, "audience": audience},
                      headers=users["teacher"].headers)


@pytest.mark.parametrize("audience", ["learner", "instructor", "teacher"])
def test_pdf_packet_parses_back_with_its_terms(client: TestClient, users, stored, audience: str) -> None:  # type: ignore[no-untyped-def]
    r = get_export(client, users, stored["id"], "pdf", audience)
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert ".pdf" in r.headers["content-disposition"]
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    assert "Toimiston siivous" in text
    assert "siivousvaunu" in text
    assert "Tavoitetasot" in text


def test_html_packet_is_well_formed_and_escapes_profile_text(client: TestClient, users, stored) -> None:  # type: ignore[no-untyped-def]
    edited = {**stored, "notes": "<script>alert(1)</script> & muuta"}
    client.put(f"/api/v1/profiles/{stored['id']}", json=edited, headers=users["teacher"].headers)
    r = get_export(client, users, stored["id"], "html")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    body = r.text
    assert "<script>" not in body and "&lt;script&gt;" in body
    root = ET.fromstring(body.removeprefix("<!DOCTYPE html>"))
    assert root.tag == "html"
    headings = [h.text for h in root.iter("h2")]
    assert "Tärkeät sanat (Key words)" in headings and "Kielioppi (Grammar focus)" in headings
    warnings = next(s for s in root.iter("section") if s.find("h2").text.startswith("Fraasit: Varoitukset"))
    assert any("Älä siirrä asiakkaan papereita!" in "".join(li.itertext()) for li in warnings.iter("li"))


def test_learner_packet_leaves_out_the_teacher_figures(client: TestClient, users, stored) -> None:  # type: ignore[no-untyped-def]
    learner = get_export(client, users, stored["id"], "md", "learner").text
    teacher = get_export(client, users, stored["id"], "md", "teacher").text
    assert "keyness" not in learner and "keyness" in teacher
    assert "Kielioppi" not in learner
    assert learner.startswith("# Kieliprofiili: Toimiston siivous")
    instructor = get_export(client, users, stored["id"], "md", "instructor").text
    assert "Näin autat oppijaa" in instructor


def test_unknown_format_or_audience_is_422(client: TestClient, users, stored) -> None:  # type: ignore[no-untyped-def]
    assert get_export(client, users, stored["id"], "docx").status_code == 422
    assert get_export(client, users, stored["id"], "pdf", "boss").status_code == 422
    assert get_export(client, users, 12345, "pdf").status_code == 404
