"""Runs `tyokieli serve` in a subprocess on a free port of 127.0.0.1 for end-to-end tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import httpx
import uvicorn

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(env: dict[str, str], *args: str, log: Path | None = None,
                 wait_ui: bool = True) -> tuple[subprocess.Popen[bytes], str]:
    """Starts `tyokieli serve` and returns once /health answers and (wait_ui) the UI, which the server
    builds in the background, says ready in /ready."""
    port = free_port()
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        [sys.executable, "-m", "tyokieli.cli", "serve", "--host", "127.0.0.1", "--port", str(port), *args],
        env=env, cwd=REPO, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}" + (f"; see {log}" if log else ""))
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200 and (not wait_ui or ui_ready(base)):
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    stop_server(proc)
    raise RuntimeError("the server did not answer /health within 120 s")


def ui_ready(base: str) -> bool:
    """The UI is built (or switched off); a failed UI build raises at once instead of waiting. A
    connection cut while the interim workers are replaced (tyokieli/server.py) is "not yet"."""
    try:
        status = httpx.get(f"{base}/ready", timeout=5).json().get("ui")
    except httpx.TransportError:
        return False
    if status == "failed":
        raise RuntimeError("the server's UI failed to build")
    return status in ("ready", "off")


def stop_server(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, sig)  # the server's own process group: it and its workers only
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


@contextmanager
def running_server(env: dict[str, str], *args: str, log: Path | None = None) -> Iterator[str]:
    proc, base = start_server(env, *args, log=log)
    try:
        yield base
    finally:
        stop_server(proc)


@contextmanager
def serving_app(app: Any, *, lifespan: Literal["auto", "on", "off"] = "auto", wait_s: float = 60) -> Iterator[str]:
    """An app of the test process served by uvicorn in a thread on a free 127.0.0.1 port (so the test's
    own services, users and analyser are the server's); yields its base URL once /health answers."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan=lifespan))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.05)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=15)
