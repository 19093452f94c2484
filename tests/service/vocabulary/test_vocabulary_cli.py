"""`tyokieli vocabulary words|exercises`: the teacher's word list and exercise sheets."""

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


def test_words_prints_each_word_with_the_jobs_forms_and_gloss(runner: CliRunner, analyser: object) -> None:
    result = runner.invoke(app, ["vocabulary", "words", "cleaning-patient-room"])
    assert result.exit_code == 0, result.output
    assert "**huone** (substantiivi) — room: huoneessa" in result.stdout and "## Fraasit" in result.stdout
    as_json = runner.invoke(app, ["vocabulary", "words", "cleaning-patient-room", "--json"])
    data = json.loads(as_json.stdout)
    huone = next(c for c in data["cards"] if c["lemma"] == "huone")
    assert huone["gloss"] == "room" and any(f["form"] == "huoneeseen" for f in huone["forms"])


def test_exercises_and_an_unknown_task(runner: CliRunner, analyser: object) -> None:
    result = runner.invoke(app, ["vocabulary", "exercises", "cleaning-patient-room", "--kind", "cloze", "--json"])
    items = json.loads(result.stdout)["exercises"]
    assert len(items) >= 40 and all("___" in e["prompt"] for e in items)
    assert runner.invoke(app, ["vocabulary", "words", "no-such-task"]).exit_code == 2
    assert runner.invoke(app, ["vocabulary", "exercises", "cleaning-patient-room", "--kind", "draw"]).exit_code == 2
