"""`tyokieli profile FILE... --title T --json`: one JSON document on stdout, errors as one line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.service.profile_helpers import TEXTS, docx_bytes
from tyokieli.cli import app

runner = CliRunner()


def test_profile_command_prints_one_json_profile(analyser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "kassa.docx"
    doc.write_bytes(docx_bytes((TEXTS / "kierratys.txt").read_text(encoding="utf-8").split("\n\n")))
    result = runner.invoke(app, ["profile", str(TEXTS / "siivous.txt"), str(doc), "--title", "Kaksi tehtävää", "--json"])
    assert result.exit_code == 0, result.output
    profile = json.loads(result.stdout)
    assert profile["title"] == "Kaksi tehtävää"
    assert len(profile["texts"]) == 2
    assert {"siivousvaunu", "kassa"} <= {t["lemma"] for t in profile["key_terms"]}


def test_profile_command_refuses_a_missing_file_on_one_line(analyser) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["profile", "ei-ole.txt", "--title", "X", "--json"])
    assert result.exit_code != 0
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0 and "no such file" in result.stderr


def test_profile_command_refuses_an_unsupported_file(analyser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    image = tmp_path / "kuva.png"
    image.write_bytes(b"\x89PNG....")
    result = runner.invoke(app, ["profile", str(image), "--title", "X", "--json"])
    assert result.exit_code != 0 and result.stdout == ""
    assert "not supported" in result.stderr
