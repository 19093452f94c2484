"""POST /api/v1/feedback and `tyokieli feedback`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO


def test_signed_in_user_gets_issues_with_offsets_and_corrections(client, users):
    text = "Minä menee töihin. En löydä avain."
    r = client.post("/api/v1/feedback", json={"text": text}, headers=users["participant"].headers)
    assert r.status_code == 200
    issues = r.json()["issues"]
    assert [(text[i["start"]:i["end"]], i["category"], i["suggestions"][0]) for i in issues] == [
        ("menee", "agreement", "menen"), ("avain", "object_case", "avainta"),
    ]
    assert all(i["message"] and i["message_en"] and i["rule"] for i in issues)


def test_feedback_needs_a_signed_in_user(client):
    assert client.post("/api/v1/feedback", json={"text": "Menen töihin."}).status_code == 401


def test_empty_text_is_422_with_a_readable_message(client, users):
    r = client.post("/api/v1/feedback", json={"text": "  "}, headers=users["participant"].headers)
    assert r.status_code == 422
    assert "empty" in r.json()["detail"]


def test_text_over_the_limit_is_413(client, users, services):
    too_long = "Menen töihin. " * (services.settings.max_text_chars // 14 + 1)
    r = client.post("/api/v1/feedback", json={"text": too_long}, headers=users["participant"].headers)
    assert r.status_code == 413
    assert "too long" in r.json()["detail"]


def test_unknown_register_is_422(client, users):
    r = client.post("/api/v1/feedback", json={"text": "Menen töihin.", "register": "sung"}, headers=users["participant"].headers)
    assert r.status_code == 422
    assert "register" in r.json()["detail"]


def test_english_text_gets_one_style_issue_not_a_5xx(client, users):
    r = client.post("/api/v1/feedback", json={"text": "I am going to work today."}, headers=users["participant"].headers)
    assert r.status_code == 200
    [issue] = r.json()["issues"]
    assert (issue["category"], issue["rule"]) == ("style", "language.not_finnish")


def test_spoken_register_accepts_everyday_spoken_finnish(client, users):
    body = {"text": "Me mennään tauolle.", "register": "spoken", "scenario": "kitchen-break"}
    r = client.post("/api/v1/feedback", json=body, headers=users["participant"].headers)
    assert r.status_code == 200
    assert [i for i in r.json()["issues"] if i["severity"] == "error"] == []


def test_services_expose_feedback_for_the_other_rooms(services):
    result = services.feedback.feedback("Puhun esimies kanssa.")
    assert result["issues"][0]["suggestions"] == ["esimiehen kanssa"]
    assert services.feedback.check("Puhun esimies kanssa.") == result


def _cli(*args: str, stdin: str | None = None, tmp_path) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    env = {**os.environ, "TYOKIELI_DATA_DIR": str(tmp_path), "TYOKIELI_ENVIRONMENT": "test"}
    return subprocess.run([sys.executable, "-m", "tyokieli.cli", *args], input=stdin, capture_output=True,
                          text=True, cwd=REPO, env=env, timeout=300)


def test_cli_prints_one_json_document_like_the_api(tmp_path):
    done = _cli("feedback", "Minulla on kaksi lapsi.", "--json", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [i["suggestions"] for i in data["issues"]] == [["lasta"]]


def test_cli_reads_standard_input_and_reports_errors_on_one_line(tmp_path):
    done = _cli("feedback", "-", "--json", stdin="Menen kauppa.", tmp_path=tmp_path)
    assert json.loads(done.stdout)["issues"][0]["suggestions"][0] == "kauppaan"
    empty = _cli("feedback", "", "--json", tmp_path=tmp_path)
    assert empty.returncode != 0 and empty.stdout == ""
    assert len(empty.stderr.strip().splitlines()) == 1
