"""Several processes on one database, and nothing lost: `tyokieli serve --workers 2` on SQLite
(WAL) and PostgreSQL, and a server killed with SIGKILL in the middle of simulations keeps every
turn it acknowledged."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO
from tests.service.serving import running_server, start_server, stop_server, ui_ready

MARKER = "Qwerty-yksityinen-lause-4417"
BOTH = pytest.mark.parametrize(
    "db_backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)


def _env(tmp_path: Path, database_url: str | None, **extra: str) -> dict[str, str]:
    env = {**os.environ, "TYOKIELI_DATA_DIR": str(tmp_path / "data"), "TYOKIELI_ANALYSER": "fake",
           "TYOKIELI_ENVIRONMENT": "test", "TYOKIELI_RATE_LIMIT_PER_MINUTE": "0", **extra}
    if database_url:
        env["TYOKIELI_DATABASE_URL"] = database_url
    return env


def _token(env: dict[str, str], name: str, role: str = "participant") -> dict[str, str]:
    done = subprocess.run([sys.executable, "-m", "tyokieli.cli", "users", "add", name, "--role", role, "--json"],
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    return {"Authorization": f"Bearer {json.loads(done.stdout)['token']}"}


def _learner(base: str, headers: dict[str, str], scenario: str, tag: str, turns: int,
             acknowledged: list[tuple[str, str]], errors: list[str], stop: threading.Event | None = None) -> None:
    with httpx.Client(base_url=base, headers=headers, timeout=60) as http:
        try:
            start = http.post("/api/v1/simulations", json={"scenario": scenario})
            if start.status_code != 201:
                errors.append(f"start {start.status_code}")
                return
            sid = start.json()["id"]
            for i in range(turns):
                if stop is not None and stop.is_set():
                    return
                text = f"Hei, minä olen {tag}, vuoro {i}."
                r = http.post(f"/api/v1/simulations/{sid}/turns", json={"text": text})
                if r.status_code == 200:
                    acknowledged.append((sid, text))
                    if r.json().get("finished"):
                        return
                elif r.status_code != 409:  # 409: the conversation has ended
                    errors.append(f"turn {r.status_code}")
        except httpx.HTTPError as exc:
            if stop is None or not stop.is_set():
                errors.append(type(exc).__name__)


def _scenario(base: str, headers: dict[str, str]) -> str:
    return str(httpx.get(f"{base}/api/v1/scenarios", headers=headers, timeout=30).json()["scenarios"][0]["id"])


def _stored_texts(base: str, headers: dict[str, str], sid: str) -> set[str]:
    r = httpx.get(f"{base}/api/v1/simulations/{sid}", headers=headers, timeout=30)
    assert r.status_code == 200, r.text
    return {t.get("text", "") for t in r.json()["transcript"]}


@pytest.mark.slow
@BOTH
def test_two_workers_on_one_database_serve_concurrent_learners(
    tmp_path: Path, database_url: str | None, db_backend: str
) -> None:
    env = _env(tmp_path, database_url)
    learners = [_token(env, f"learner{i}") for i in range(6)]
    log = tmp_path / "server.log"
    with running_server(env, "--workers", "2", log=log) as base:
        scenario = _scenario(base, learners[0])
        acknowledged: list[tuple[str, str]] = []
        errors: list[str] = []
        threads = [
            threading.Thread(target=_learner, args=(base, h, scenario, f"L{i}-{MARKER}", 4, acknowledged, errors))
            for i, h in enumerate(learners)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        httpx.post(f"{base}/api/v1/analysis?note={MARKER}", json={"text": MARKER}, headers=learners[0], timeout=30)
        assert errors == []
        assert len(acknowledged) >= 6
        by_session: dict[str, set[str]] = {}
        for sid, text in acknowledged:
            by_session.setdefault(sid, set()).add(text)
        for sid, texts in by_session.items():
            assert texts <= _stored_texts(base, _owner(learners, base, sid), sid)
    server_log = log.read_text(errors="replace")
    assert "Started server process" in server_log and server_log.count("Application startup complete") >= 2
    assert MARKER not in server_log  # neither the turns' text nor the query string reached the log


def _owner(learners: list[dict[str, str]], base: str, sid: str) -> dict[str, str]:
    for h in learners:
        if httpx.get(f"{base}/api/v1/simulations/{sid}", headers=h, timeout=30).status_code == 200:
            return h
    raise AssertionError(f"nobody owns session {sid}")


@pytest.mark.slow
@BOTH
def test_a_killed_server_loses_no_acknowledged_turn(tmp_path: Path, database_url: str | None, db_backend: str) -> None:
    env = _env(tmp_path, database_url)
    learners = [_token(env, f"k{i}") for i in range(6)]
    proc, base = start_server(env, log=tmp_path / "first.log")
    acknowledged: list[tuple[str, str]] = []
    errors: list[str] = []
    stop = threading.Event()
    try:
        scenario = _scenario(base, learners[0])
        threads = [
            threading.Thread(target=_learner, args=(base, h, scenario, f"K{i}", 40, acknowledged, errors, stop))
            for i, h in enumerate(learners)
        ]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < 12 and time.monotonic() < deadline:
            time.sleep(0.05)
        stop.set()
        os.killpg(proc.pid, signal.SIGKILL)  # mid-flight: some requests are cut off
        proc.wait(timeout=30)
        for t in threads:
            t.join(timeout=60)
    finally:
        stop_server(proc)
    assert len(acknowledged) >= 12, errors
    kept = list(acknowledged)
    with running_server(env, log=tmp_path / "second.log") as base2:
        for sid, text in kept:
            owner = _owner(learners, base2, sid)
            assert text in _stored_texts(base2, owner, sid), f"acknowledged turn lost: {text}"


@pytest.mark.slow
def test_learners_who_come_in_at_once_lose_nothing_when_the_interim_workers_are_replaced(tmp_path: Path) -> None:
    """The first workers answer while the master warms the rest of the models; then they are replaced
    by a graceful reload. Learners playing through that keep every acknowledged turn, and the UI is
    built by the final workers."""
    env = _env(tmp_path, None, TYOKIELI_ANALYSER="spacy")
    learners = [_token(env, f"early{i}") for i in range(4)]
    log = tmp_path / "server.log"
    proc, base = start_server(env, "--workers", "2", log=log, wait_ui=False)
    acknowledged: list[tuple[str, str]] = []
    errors: list[str] = []
    stop = threading.Event()

    def keep_playing(i: int, headers: dict[str, str]) -> None:
        n = 0
        while not stop.is_set():
            _learner(base, headers, scenario, f"E{i}-{n}", 12, acknowledged, errors, stop)
            n += 1

    try:
        scenario = _scenario(base, learners[0])
        threads = [threading.Thread(target=keep_playing, args=(i, h)) for i, h in enumerate(learners)]
        for t in threads:
            t.start()
        straddled = "replacing the interim workers" not in log.read_text(errors="replace")
        deadline = time.monotonic() + 90
        while "replacing the interim workers" not in log.read_text(errors="replace") and time.monotonic() < deadline:
            time.sleep(0.1)
        swapped_at = len(acknowledged)
        time.sleep(3)  # and on, on the final workers
        stop.set()
        for t in threads:
            t.join(timeout=60)
        assert "replacing the interim workers" in log.read_text(errors="replace")
        assert errors == []
        assert straddled  # the learners were playing before the swap (the master warms for seconds)
        assert swapped_at < len(acknowledged)  # and on after it
        by_session: dict[str, set[str]] = {}
        for sid, text in acknowledged:
            by_session.setdefault(sid, set()).add(text)
        for sid, texts in by_session.items():
            assert texts <= _stored_texts(base, _owner(learners, base, sid), sid)
        ui_deadline = time.monotonic() + 120
        while not ui_ready(base) and time.monotonic() < ui_deadline:
            time.sleep(0.3)
        assert ui_ready(base)
    finally:
        stop_server(proc)
