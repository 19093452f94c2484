"""A real uvicorn server on a free port of 127.0.0.1, in a thread of the test process, over the
test's own app (so the test's services, users and analyser are the server's)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn
from fastapi import FastAPI

from tests.service.serving import free_port


@contextmanager
def live_server(app: FastAPI) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
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


def health_latencies_while(base: str, work: threading.Thread, interval_s: float = 0.02) -> list[float]:
    """Seconds each /health took, asked again and again while `work` runs."""
    latencies: list[float] = []
    with httpx.Client(base_url=base, timeout=60) as http:
        while work.is_alive():
            started = time.perf_counter()
            assert http.get("/health").status_code == 200
            latencies.append(time.perf_counter() - started)
            time.sleep(interval_s)
    return latencies
