from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

TYOKIELI = str(Path(sys.executable).with_name("tyokieli"))


def _run(tmp_path: Path, args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TYOKIELI_DATA_DIR": str(tmp_path / "data"), "TYOKIELI_ANALYSER": "fake",
           "TYOKIELI_ENVIRONMENT": "test"}
    return subprocess.run([TYOKIELI, *args], input=stdin, env=env, capture_output=True, text=True, timeout=120)


def test_simulate_reads_turns_from_stdin_and_prints_one_json_document(tmp_path: Path) -> None:
    turns = "Hei, tässä on Amina.\nOlen sairas, en pääse töihin.\nEn tiedä vielä, ehkä huomenna.\n"  # the fake analyser: lemma = word
    done = _run(tmp_path, ["simulate", "cleaning-call-in-sick", "--level", "B1", "--json"], turns)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["level"] == "B1"
    assert [t["role"] for t in result["transcript"]] == ["partner"] + ["learner", "partner"] * 3
    assert result["report"]["goals_reached"] == 3 and result["finished_reason"] == "learner"


def test_simulate_refuses_an_unknown_scenario_with_one_line(tmp_path: Path) -> None:
    done = _run(tmp_path, ["simulate", "no-such-scenario", "--json"], "Hei\n")
    assert done.returncode != 0 and done.stdout == ""
    assert done.stderr.strip().count("\n") == 0 and "no-such-scenario" in done.stderr
