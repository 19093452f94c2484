"""`tyokieli participants readiness|report`: one JSON document with --json, errors on one line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from service.coach.participants import ParticipantIn
from tests.service.coach_factories import report
from tyokieli.cli import app


@pytest.fixture
def participant_id(services, settings, monkeypatch: pytest.MonkeyPatch) -> int:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TYOKIELI_DATA_DIR", str(settings.data_dir))
    if settings.database_url:
        monkeypatch.setenv("TYOKIELI_DATABASE_URL", settings.database_url)
    coach = services.users.add_user("cli-coach", "coach")[0]
    p = services.participants.create(coach, ParticipantIn(name="Amina", target_tasks=["recycling-cashier"]))
    for _ in range(2):
        services.evidence.add_simulation(p.id, report("A2", bands={"speaking": "A2"}))
    return int(p.id)


def test_readiness_prints_one_json_document(participant_id: int) -> None:
    result = CliRunner().invoke(app, ["participants", "readiness", str(participant_id), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["participant"] == participant_id
    assert doc["tasks"][0]["skills"]["speaking"]["evidence_count"] == 2


def test_report_writes_a_pdf_that_opens(participant_id: int, tmp_path: Path) -> None:
    out = tmp_path / "raportti.pdf"
    result = CliRunner().invoke(app, ["participants", "report", str(participant_id), "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["file"] == str(out)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Amina" in text


def test_unknown_participant_is_one_line_and_non_zero(participant_id: int) -> None:
    result = CliRunner().invoke(app, ["participants", "readiness", "424242", "--json"])
    assert result.exit_code != 0 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "No participant" in result.stderr
