"""`tyokieli serve` keeps an idle connection open longer than a learner thinks between turns, and
logs a line per request only when asked to (without the query string)."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

from tests.service.serving import start_server, stop_server

GET_HEALTH = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n"


def _answer(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
        chunk = conn.recv(4096)
        if not chunk:
            return data
        data += chunk
    return data


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_connection_left_idle_for_longer_than_uvicorns_five_seconds_still_answers(tmp_path: Path, workers: str) -> None:
    env = {**os.environ, "TYOKIELI_DATA_DIR": str(tmp_path / "data"), "TYOKIELI_ANALYSER": "fake",
           "TYOKIELI_ENVIRONMENT": "test"}
    proc, base = start_server(env, "--workers", workers, log=tmp_path / "serve.log", wait_ui=False)
    try:
        if workers != "1":  # a connection to an interim worker ends with it: wait for the final workers
            log = tmp_path / "serve.log"
            deadline = time.monotonic() + 120
            while "replacing the interim workers" not in log.read_text(errors="replace"):
                assert time.monotonic() < deadline, "the interim workers were never replaced"
                time.sleep(0.1)
            time.sleep(1)  # the final workers are forked and listening
        host, port = base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as conn:
            conn.sendall(GET_HEALTH)
            assert b" 200 " in _answer(conn).split(b"\r\n", 1)[0]
            time.sleep(7)  # a learner thinking about the next turn
            conn.sendall(GET_HEALTH)
            assert b" 200 " in _answer(conn).split(b"\r\n", 1)[0]
    finally:
        stop_server(proc)


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("access_log", ["false", "true"])
def test_a_request_line_is_logged_only_when_the_access_log_is_on(tmp_path: Path, workers: str,
                                                                  access_log: str) -> None:
    env = {**os.environ, "TYOKIELI_DATA_DIR": str(tmp_path / "data"), "TYOKIELI_ANALYSER": "fake",
           "TYOKIELI_ENVIRONMENT": "test", "TYOKIELI_ACCESS_LOG": access_log}
    log = tmp_path / "serve.log"
    proc, base = start_server(env, "--workers", workers, log=log, wait_ui=False)
    try:
        import httpx

        for _ in range(3):  # any worker: the interim ones and the final ones log alike
            assert httpx.get(f"{base}/health?q=Minä+olen+sairas", timeout=10).status_code == 200
        time.sleep(0.5)
    finally:
        stop_server(proc)
    text = log.read_text(errors="replace")
    assert "sairas" not in text
    if access_log == "true":
        assert '"GET /health?… HTTP/1.1" 200' in text, text[-2000:]
    else:
        assert "GET /health" not in text, text[-2000:]


def test_serving_uses_one_blas_thread_unless_the_operator_set_a_number() -> None:
    import subprocess
    import sys

    probe = ("from tyokieli.server import limit_blas_threads; from threadpoolctl import threadpool_info; "
             "set_to = limit_blas_threads(); "
             "print(set_to, sorted({i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas'}))")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", "import numpy; " + probe], env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["1", "[1]"]
    chosen = subprocess.run([sys.executable, "-c", "import numpy; " + probe], env={**env, "OPENBLAS_NUM_THREADS": "2"},
                            capture_output=True, text=True, check=True).stdout.split()
    assert chosen[0] == "None"
