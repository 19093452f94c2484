"""A real uvicorn server on a free port of 127.0.0.1, in a thread of the test process, over the
test's own app (so the test's services, users and analyser are the server's)."""

from __future__ import annotations

import threading
import time
from contextlib import AbstractContextManager
from typing import Any

import httpx

from tests.service.serving import serving_app


def live_server(app: Any) -> AbstractContextManager[str]:
    return serving_app(app, lifespan="off", wait_s=30)


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
