"""Helpers shared by benchmarks: timing, percentiles, sample texts, a served instance."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
UD_DEV = REPO.parent / "shared" / "data" / "ud" / "fi_tdt-ud-dev.conllu"


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def finnish_text(tokens: int = 10_000) -> str:
    """Real Finnish running text of about `tokens` tokens (UD Finnish-TDT dev sentences)."""
    sentences, count = [], 0
    for line in UD_DEV.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            s = line[len("# text = ") :]
            sentences.append(s)
            count += len(s.split()) + 1
            if count >= tokens:
                break
    return " ".join(sentences)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(extra_env: dict[str, str] | None = None, workers: int = 1) -> Iterator[tuple[str, float, Path]]:
    """Starts `tyokieli serve` on a free port with a fresh data dir; yields (url, seconds to healthy, data dir)."""
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        env = {**os.environ, "TYOKIELI_DATA_DIR": tmp, "TYOKIELI_PORT": str(port), **(extra_env or {})}
        cmd = [sys.executable, "-m", "tyokieli.cli", "serve", "--port", str(port), "--workers", str(workers)]
        started = time.perf_counter()
        log = open(Path(tmp) / "serve.log", "wb")  # noqa: SIM115 - closed below
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            while True:
                if proc.poll() is not None:
                    tail = (Path(tmp) / "serve.log").read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"tyokieli serve exited before it was healthy:\n{tail}")
                try:
                    if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.perf_counter() - started > 180:
                    raise RuntimeError("tyokieli serve was not healthy within 180 s")
                time.sleep(0.1)
            yield url, time.perf_counter() - started, Path(tmp)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()
