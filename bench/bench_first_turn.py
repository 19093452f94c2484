"""First-turn latency (issue 14): in a fresh `tyokieli serve`, the first turn of each of several
scenarios — the turn that used to analyse the scenario's examples and texts (0.9–1.9 s) — and the
turns after it, over real HTTP. Every turn is also parsed in this process (the same text, uncached):
the figures are p95 of the turn and its ratio to p95 of the parse of the same turns."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from bench.bench_simulation import _token
from bench.common import percentile, served

SCENARIOS = ["cleaning-call-in-sick", "kitchen-food-prep-special-diets", "warehouse-driver-late-call",
             "care-morning-resident-fell", "park-morning-instructions-spoken", "retail-shelf-broken-eggs-call",
             "garage-customer-noise-complaint", "ece-parent-call-sick-child"]
# turns that do not finish a conversation; the number makes each text new to every cache
TEXTS = ["Hetki, mietin vähän {n}.", "Niin, tänään on kiire {n}.", "Joo, minä kuuntelen {n}."]
WARM_WAIT_S = 60


def _wait_for_warm_up(log: Path) -> float:
    """Seconds until the server logged the end of its warm-up (start-up precomputation)."""
    started = time.perf_counter()
    while time.perf_counter() - started < WARM_WAIT_S:
        if log.exists() and "warm-up done" in log.read_text(errors="replace"):
            break
        time.sleep(0.2)
    return time.perf_counter() - started


def run() -> list[dict]:
    from finnish.analyser import build_analyser

    analyser = build_analyser()
    analyser.analyse("Lämmitellään jäsennin.")
    first: list[float] = []
    later: list[float] = []
    parse: list[float] = []
    with served({"TYOKIELI_RATE_LIMIT_PER_MINUTE": "0"}) as (url, _startup, data_dir):
        warm_s = _wait_for_warm_up(Path(data_dir) / "serve.log")
        headers = {"Authorization": f"Bearer {_token(str(data_dir))}"}
        with httpx.Client(base_url=url, headers=headers, timeout=60) as http:
            n = 0
            for scenario in SCENARIOS:
                session = http.post("/api/v1/simulations", json={"scenario": scenario}).json()["id"]
                for i in range(len(TEXTS)):
                    text = TEXTS[i].format(n=n)
                    n += 1
                    t0 = time.perf_counter()
                    http.post(f"/api/v1/simulations/{session}/turns", json={"text": text}).raise_for_status()
                    (first if i == 0 else later).append(time.perf_counter() - t0)
                    t0 = time.perf_counter()
                    analyser.analyse(text + " ")  # a new text for the analysis cache: a real parse
                    parse.append(time.perf_counter() - t0)
    all_turns = first + later
    p95, f95, l95 = (percentile(v, 95) * 1000 for v in (all_turns, first, later))
    parse95 = percentile(parse, 95) * 1000
    return [
        {"name": "first turn of a scenario in a fresh server, p95", "value": f95, "unit": "ms",
         "baseline": f"later turns p95 {l95:.1f} ms", "ratio": f95 / l95, "goal": "≈ later turns"},
        {"name": "scripted turns incl. first turns over HTTP, p95", "value": p95, "unit": "ms",
         "baseline": f"parse of the same turn p95 {parse95:.1f} ms (warm-up took {warm_s:.0f} s)",
         "ratio": p95 / parse95, "goal": "p95 ≤ 100 ms"},
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure)
