"""Readiness reports open: PDF parsed back with pypdf, HTML and JSON."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from tests.conftest import ApiUser
from tests.service.coach_factories import CASHIER_TERMS, profile, report, write_profile


@pytest.fixture
def participant(client: TestClient, services, users: dict[str, ApiUser], tmp_path: Path) -> int:  # type: ignore[no-untyped-def]
    services.targets.profiles_dir = tmp_path / "profiles"
    write_profile(services.targets.profiles_dir, "recycling-cashier", profile("Kierrätyskeskuksen kassa", {"interaction": "B1"}))
    r = client.post("/api/v1/participants", json={
        "name": "Äyşe Öztürk", "languages": ["turkki"], "target_tasks": ["recycling-cashier"],
        "work_trial_place": "Kierrätyskeskus", "user": users["participant"].name,
    }, headers=users["coach"].headers)
    pid = r.json()["id"]
    for _ in range(3):
        services.evidence.add_simulation(pid, report("A2", bands={"speaking": "A2", "listening": "A2", "interaction": "A2"},
                                         used=CASHIER_TERMS[:4], errors={"object_case": 2}))
    return pid  # type: ignore[no-any-return]


def test_pdf_report_opens_and_names_the_participant_and_task(client: TestClient, users, participant: int) -> None:  # type: ignore[no-untyped-def]
    r = client.get(f"/api/v1/participants/{participant}/report?format=pdf", headers=users["coach"].headers)
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert "attachment" in r.headers["content-disposition"] and ".pdf" in r.headers["content-disposition"]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(r.content)).pages)
    assert "Äyşe Öztürk" in text
    assert "Kierrätyskeskuksen kassa" in text
    assert "ei vielä (not yet)" in text  # interaction A2 against B1 target
    assert "objektin sija" in text


def test_html_and_json_reports_open(client: TestClient, users, participant: int) -> None:  # type: ignore[no-untyped-def]
    page = client.get(f"/api/v1/participants/{participant}/report?format=html", headers=users["coach"].headers)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<table>" in page.text and "Äyşe Öztürk" in page.text and 'class="ready"' in page.text
    data = client.get(f"/api/v1/participants/{participant}/report?format=json", headers=users["coach"].headers)
    body = json.loads(data.content)
    assert body["participant"]["name"] == "Äyşe Öztürk"
    assert body["readiness"]["tasks"][0]["skills"]["interaction"]["status"] == "not_yet"
    assert body["plan"]["steps"]


def test_report_access_and_bad_format(client: TestClient, services, users, participant: int) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/participants/{participant}/report"
    assert client.get(url + "?format=json", headers=users["participant"].headers).status_code == 200
    assert client.get(url + "?format=json", headers=users["teacher"].headers).status_code == 404
    bad = client.get(url + "?format=docx", headers=users["coach"].headers)
    assert bad.status_code == 422 and "format" in bad.json()["detail"]
    entries = services.audit.entries(object_type="participant", object_id=participant)
    assert any(e.action == "export" for e in entries)
