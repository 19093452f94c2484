"""Load test: concurrent simulated learners doing scripted practice conversations against a real
`tyokieli serve` subprocess on 127.0.0.1 (async httpx), for a fixed time.

Figures: throughput, p50/p95 latency, error count and peak RSS of the server's processes.
Baselines come from the same run: one learner alone on the same server (latency, throughput) and
the server's RSS when idle after start-up.

Settings (environment): TYOKIELI_BENCH_LEARNERS (default 50), TYOKIELI_BENCH_SECONDS (default 60),
TYOKIELI_BENCH_WORKERS (default 1), TYOKIELI_BENCH_ANALYSER (default spacy),
TYOKIELI_BENCH_THINK_S (default 2.0: seconds a learner takes before the next turn; a real learner
needs 5–15 s to type a Finnish sentence, so 2 s is already a heavy cohort; 0 = closed loop, every
learner posting as fast as the server answers).
Goals: 0 errors, p95 ≤ 500 ms, RSS ≤ 2 GB.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.service.serving import start_server, stop_server  # noqa: E402

THINK_S = float(os.environ.get("TYOKIELI_BENCH_THINK_S", "2.0"))

TURNS = [
    "Hei! Minä olen Amina.",
    "Kiitos, hyvää huomenta.",
    "Minä olen sairas tänään. Minulla on kuumetta.",
    "Voinko tulla töihin huomenna?",
    "Siivoan ensin huoneen ja sitten käytävän.",
    "Missä on siivouskomero?",
    "Selvä, ymmärrän. Kiitos avusta.",
    "Näkemiin!",
]


def _int_env(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def group_rss_bytes(pgid: int) -> int:
    """Sum of VmRSS over every process in the server's process group (the server and its workers)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[2]) != pgid:  # field 5 of /proc/PID/stat: the process group
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            continue
    return total


class RssSampler(threading.Thread):
    def __init__(self, pgid: int) -> None:
        super().__init__(daemon=True)
        self.pgid = pgid
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, group_rss_bytes(self.pgid))
            self.stop.wait(0.25)


async def learner(base: str, token: str, scenario: str, until: float, latencies: list[float], errors: list[str]) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as http:
        while time.monotonic() < until:
            t = time.perf_counter()
            try:
                r = await http.post("/api/v1/simulations", json={"scenario": scenario})
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)
                continue
            latencies.append(time.perf_counter() - t)
            await asyncio.sleep(THINK_S)
            if r.status_code != 201:
                errors.append(f"start {r.status_code}")
                await asyncio.sleep(0.5)
                continue
            sid = r.json()["id"]
            for text in TURNS:
                if time.monotonic() >= until:
                    return
                t = time.perf_counter()
                try:
                    r = await http.post(f"/api/v1/simulations/{sid}/turns", json={"text": text})
                except httpx.HTTPError as exc:
                    errors.append(type(exc).__name__)
                    break
                latencies.append(time.perf_counter() - t)
                await asyncio.sleep(THINK_S)
                if r.status_code == 409:  # the conversation ended: start the next one
                    break
                if r.status_code != 200:
                    errors.append(f"turn {r.status_code}")
                    break
                if r.json().get("finished"):
                    break


async def drive(base: str, tokens: list[str], scenario: str, seconds: float) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    started = time.monotonic()
    until = started + seconds
    await asyncio.gather(*(learner(base, t, scenario, until, latencies, errors) for t in tokens))
    return latencies, errors, time.monotonic() - started


def _p(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def make_users(data_dir: Path, n: int) -> list[str]:
    from service.container import build_services
    from service.core.settings import Settings

    services = build_services(Settings(data_dir=data_dir, analyser="fake", environment="test"))
    try:
        return [services.users.add_user(f"learner-{i}", "participant")[1] for i in range(n)]
    finally:
        services.close()


def run() -> list[dict]:
    learners = _int_env("TYOKIELI_BENCH_LEARNERS", 50)
    seconds = _int_env("TYOKIELI_BENCH_SECONDS", 60)
    workers = _int_env("TYOKIELI_BENCH_WORKERS", 1)
    analyser = os.environ.get("TYOKIELI_BENCH_ANALYSER", "spacy")
    with tempfile.TemporaryDirectory(prefix="tyokieli-bench-") as tmp:
        data = Path(tmp) / "data"
        tokens = make_users(data, learners + 1)
        env = {**os.environ, "TYOKIELI_DATA_DIR": str(data), "TYOKIELI_ANALYSER": analyser,
               "TYOKIELI_ENVIRONMENT": "test", "TYOKIELI_RATE_LIMIT_PER_MINUTE": "100000"}
        proc, base = start_server(env, "--workers", str(workers), log=Path(tmp) / "server.log")
        sampler = RssSampler(proc.pid)
        try:
            headers = {"Authorization": f"Bearer {tokens[-1]}"}
            scenario = httpx.get(f"{base}/api/v1/scenarios", headers=headers, timeout=60).json()["scenarios"][0]["id"]
            # Warm every worker up (lazy loads: feedback engine, partner) before anything is timed.
            asyncio.run(drive(base, tokens[: workers * 2], scenario, 5))
            idle_rss = group_rss_bytes(proc.pid)
            solo_lat, solo_err, solo_time = asyncio.run(drive(base, tokens[-1:], scenario, max(5, seconds // 6)))
            sampler.start()
            lat, errors, elapsed = asyncio.run(drive(base, tokens[:learners], scenario, seconds))
        finally:
            sampler.stop.set()
            stop_server(proc)
        peak = max(sampler.peak, idle_rss)
    solo_p50 = _p(solo_lat, 50) * 1000
    solo_tput = len(solo_lat) / solo_time if solo_time else float("nan")
    p50, p95 = _p(lat, 50) * 1000, _p(lat, 95) * 1000
    tput = len(lat) / elapsed if elapsed else float("nan")
    tag = f"{learners} learners, {workers} workers, {seconds} s, think {THINK_S:g} s"
    solo = "1 learner alone, p50"
    return [
        {"name": f"load: throughput ({tag})", "value": tput, "unit": "req/s",
         "baseline": f"1 learner: {solo_tput:.1f} req/s", "ratio": tput / solo_tput if solo_tput else None, "goal": None},
        {"name": "load: latency p50", "value": p50, "unit": "ms", "baseline": f"{solo}: {solo_p50:.0f} ms",
         "ratio": p50 / solo_p50 if solo_p50 else None, "goal": None},
        {"name": "load: latency p95", "value": p95, "unit": "ms", "baseline": f"{solo}: {solo_p50:.0f} ms",
         "ratio": p95 / solo_p50 if solo_p50 else None, "goal": "<= 500 ms"},
        {"name": "load: errors", "value": float(len(errors) + len(solo_err)), "unit": "count",
         "baseline": None, "ratio": None, "goal": "0"},
        {"name": "load: peak RSS of the server processes", "value": peak / 2**20, "unit": "MB",
         "baseline": f"idle: {idle_rss / 2**20:.0f} MB", "ratio": peak / idle_rss if idle_rss else None,
         "goal": "<= 2048 MB"},
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure)
