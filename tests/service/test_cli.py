"""The `tyokieli` CLI: --json prints exactly one JSON document; bad input is one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tyokieli.cli import app


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("TYOKIELI_DATA_DIR", str(tmp_path / "data"))
    return CliRunner()


def test_analyse_json_prints_one_document(runner: CliRunner, tmp_path: Path, analyser) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "ohje.txt"
    path.write_text("Pese kädet ennen työtä.\n", encoding="utf-8")
    result = runner.invoke(app, ["analyse", str(path), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [t["lemma"] for t in doc["tokens"]][:2] == ["pestä", "käsi"]
    assert doc["level"]["cefr"]


def test_analyse_reads_standard_input(runner: CliRunner, analyser) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["analyse", "-", "--json"], input="Vien roskat ulos.")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["tokens"][0]["lemma"] == "viedä"


def test_a_file_that_is_not_utf8_is_refused_with_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Pese kädet".encode("latin-1"))
    result = runner.invoke(app, ["analyse", str(path), "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "not UTF-8" in result.stderr


def test_a_missing_file_is_refused(runner: CliRunner) -> None:
    result = runner.invoke(app, ["analyse", "/no/such/file.txt"])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_empty_text_is_refused(runner: CliRunner, analyser) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["analyse", "-", "--json"], input="   ")
    assert result.exit_code == 2 and "empty" in result.stderr


def test_users_add_prints_a_token_once_as_json(runner: CliRunner, analyser) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["users", "add", "maija", "--role", "coach", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["token"].startswith("tk_") and doc["role"] == "coach"
    again = runner.invoke(app, ["users", "add", "maija", "--role", "coach", "--json"])
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_users_add_refuses_an_unknown_role(runner: CliRunner, analyser) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["users", "add", "x", "--role", "boss"])
    assert result.exit_code == 2 and "Unknown role" in result.stderr
