"""Scripted simulation turn latency over real HTTP (`tyokieli serve`), feedback and storage
included: 200 turns, p50/p95, each a ratio to an HTTP no-op (GET /health) measured in the same run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import httpx

from bench.common import percentile, served

TURNS = 200
WARMUP = 5
SCENARIO = "cleaning-call-in-sick"
# Finnish turns that keep the conversation going without finishing it; a number makes each text
# new, so the analysis cache never answers for the feedback engine.
TEXTS = ["Joo, minä kuuntelen {n}.", "Hetki, mietin vähän {n}.", "Niin, tänään on vaikea päivä {n}.",
         "Anteeksi, olen vähän väsynyt {n}."]


def _token(data_dir: str) -> str:
    env = {**os.environ, "TYOKIELI_DATA_DIR": data_dir}
    done = subprocess.run([sys.executable, "-m", "tyokieli.cli", "users", "add", "bench", "--role", "participant", "--json"],
                          env=env, capture_output=True, text=True, check=True)
    return str(json.loads(done.stdout)["token"])


def run() -> list[dict]:
    # rate limits off: this measures the turn, not the limiter (which would refuse 200 turns a minute)
    with served({"TYOKIELI_RATE_LIMIT_PER_MINUTE": "0"}) as (url, _startup, data_dir):
        headers = {"Authorization": f"Bearer {_token(str(data_dir))}"}
        with httpx.Client(base_url=url, headers=headers, timeout=60) as http:
            noop: list[float] = []
            for _ in range(TURNS):
                t0 = time.perf_counter()
                http.get("/health").raise_for_status()
                noop.append(time.perf_counter() - t0)
            turns: list[float] = []
            session = None
            for n in range(TURNS + WARMUP):
                if session is None:
                    session = http.post("/api/v1/simulations", json={"scenario": SCENARIO}).json()["id"]
                text = TEXTS[n % len(TEXTS)].format(n=n)
                t0 = time.perf_counter()
                r = http.post(f"/api/v1/simulations/{session}/turns", json={"text": text})
                elapsed = time.perf_counter() - t0
                r.raise_for_status()
                if n >= WARMUP:
                    turns.append(elapsed)
                if r.json()["finished"]:
                    session = None
    p50, p95 = percentile(turns, 50) * 1000, percentile(turns, 95) * 1000
    n50, n95 = percentile(noop, 50) * 1000, percentile(noop, 95) * 1000
    return [
        {"name": "scripted turn over HTTP incl. feedback, p50", "value": p50, "unit": "ms",
         "baseline": f"GET /health p50 {n50:.1f} ms", "ratio": p50 / n50, "goal": None},
        {"name": "scripted turn over HTTP incl. feedback, p95", "value": p95, "unit": "ms",
         "baseline": f"GET /health p95 {n95:.1f} ms", "ratio": p95 / n95, "goal": "p95 ≤ 100 ms"},
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure)
