"""`tyokieli users list|token|revoke` and `users add --password`: one JSON document on stdout,
one line on stderr for errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from service.container import build_services
from tests.conftest import REPO, make_settings


@pytest.fixture
def cli(tmp_path: Path):  # type: ignore[no-untyped-def]
    env = {**os.environ, "TYOKIELI_DATA_DIR": str(tmp_path / "data"), "TYOKIELI_ANALYSER": "fake",
           "TYOKIELI_ENVIRONMENT": "test"}

    def run(*args: str, stdin: str = "", **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "tyokieli.cli", *args], input=stdin, capture_output=True,
                              text=True, env={**env, **extra}, cwd=REPO, timeout=120)

    return run


def test_users_token_list_and_revoke_work_end_to_end(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    added = cli("users", "add", "anna", "--role", "coach", "--password", "--json", TYOKIELI_NEW_PASSWORD="salasana-123")
    assert added.returncode == 0, added.stderr
    first = json.loads(added.stdout)["token"]
    second = json.loads(cli("users", "token", "anna", "--label", "laptop", "--json").stdout)["token"]
    assert first != second

    listed = json.loads(cli("users", "list", "--json").stdout)["users"]
    assert listed == [{"id": 1, "name": "anna", "role": "coach", "password": True, "live_tokens": 2}]

    revoked = cli("users", "revoke", "-", "--json", stdin=first + "\n")  # never on the command line
    assert json.loads(revoked.stdout) == {"revoked": 1}
    again = cli("users", "revoke", "-", "--json", stdin=first + "\n")
    assert again.returncode != 0 and again.stdout == "" and len(again.stderr.strip().splitlines()) == 1

    services = build_services(make_settings(tmp_path, analyser="fake"))
    try:
        assert services.users.authenticate(second).name == "anna"
        assert services.users.check_password("anna", "salasana-123") is not None
    finally:
        services.close()
    everything = cli("users", "revoke", "--user", "anna", "--json")
    assert json.loads(everything.stdout) == {"revoked": 1}
    assert json.loads(cli("users", "list", "--json").stdout)["users"][0]["live_tokens"] == 0


def test_users_commands_refuse_unknown_users_and_missing_arguments(cli) -> None:  # type: ignore[no-untyped-def]
    for args in (("users", "token", "nobody", "--json"), ("users", "revoke", "--user", "nobody", "--json"),
                 ("users", "revoke", "--json")):
        done = cli(*args)
        assert done.returncode != 0 and done.stdout == "", args
        assert done.stderr.startswith("error:") and len(done.stderr.strip().splitlines()) == 1
