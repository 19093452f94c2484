"""A cohort on one small machine: real `tyokieli serve` processes on 127.0.0.1 driven by simulated
learners (async httpx), every figure with a baseline measured in the same run.

- turns per second per worker (closed loop, 1 worker) against the parse-only ceiling of the same
  turns (one core parsing them back to back, in this process) — goal ≥ 0.6. Three rounds, each
  right after its own ceiling round, and the median of the three ratios. The worker parses the
  turns that arrive together in one batch (finnish/coalesce.py), so it is also set beside a
  ceiling that parses eight at a time;
- a cohort: TYOKIELI_BENCH_COHORT learners (default 200) thinking TYOKIELI_BENCH_THINK_S seconds
  (default 5) between turns on two workers: errors (goal 0), p95 (goal ≤ 300 ms, baseline one
  learner alone) and the memory of all server processes (goal ≤ 2 GB). People do not type in step:
  each learner comes in during the first think time and thinks 0.5–1.5× the mean before each turn
  (seeded, so every run is the same). The lockstep case — every learner pressing Enter in the same
  millisecond, every time — is measured beside it as the worst case (no goal: a queue of 200 turns);
- the closed-loop throughput curve for 1, 2 and 4 workers (ratio to 1 worker);
- memory of 1, 2 and 4 idle workers: PSS (shared pages counted once, split among the processes
  that share them — the memory the machine really spends) beside the summed RSS (which counts the
  models once per worker even though the workers share them copy-on-write);
- start to healthy against the model load alone (goal < 2×).

Every learner turn is a different sentence, so the analysis cache does not hide the parse.
Bounded: about three minutes in all (TYOKIELI_BENCH_SECONDS sets each load phase, default 20).
"""

from __future__ import annotations

import asyncio
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.service.serving import start_server, stop_server, ui_ready  # noqa: E402

NAMES = ["Amina", "Bashir", "Oksana", "Li", "Ahmed", "Maria", "Juan", "Sara", "Tuan", "Fatima", "Omar", "Irina"]
PLACES = ["käytävän", "keittiön", "aulan", "toimiston", "varaston", "portaat", "saunan", "hissin"]
TEMPLATES = [
    "Hei! Minä olen {name}.",
    "Minä olen sairas tänään, minulla on {n} astetta kuumetta.",
    "Voinko tulla töihin {day}?",
    "Siivoan ensin {place} ja sitten {place2}.",
    "Missä on siivouskomero, kun {name} tarvitsee mopin?",
    "Selvä, ymmärrän. Kiitos avusta, {name}.",
    "Tulen takaisin {day}, jos olen terve.",
    "Näkemiin ja hyvää päivää!",
]
DAYS = ["huomenna", "maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina"]


def turn_text(i: int, j: int) -> str:
    """Learner i's j-th sentence: the same shapes a cohort types, never the same text twice (the
    numbered thanks makes each one new to the analysis cache; the shapes alone repeat every 24 turns)."""
    return TEMPLATES[j % len(TEMPLATES)].format(
        name=NAMES[(i + j) % len(NAMES)], n=37 + (i * 7 + j) % 4, day=DAYS[(i + 2 * j) % len(DAYS)],
        place=PLACES[(i + j) % len(PLACES)], place2=PLACES[(i + 3 * j + 1) % len(PLACES)],
    ) + f" Kiitos, viesti {i}-{j}."


def _int_env(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def group_memory(pgid: int) -> tuple[int, int, int]:
    """(processes, summed RSS, summed PSS) in bytes over the server's process group."""
    n = rss = pss = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) != pgid:
                continue
            rollup = (entry / "smaps_rollup").read_text().splitlines()
            values = {line.split(":")[0]: int(line.split()[1]) * 1024 for line in rollup if line[:4] in ("Rss:", "Pss:")}
            n, rss, pss = n + 1, rss + values.get("Rss", 0), pss + values.get("Pss", 0)
        except (OSError, ValueError, IndexError):
            continue
    return n, rss, pss


_LOADS = itertools.count(1)


class Load:
    def __init__(self, base: str, tokens: list[str], scenario: str, think_s: float, *, lockstep: bool = True) -> None:
        self.base, self.tokens, self.scenario, self.think_s = base, tokens, scenario, think_s
        self.lockstep = lockstep  # True: every learner thinks exactly think_s, all starting together
        self.first = next(_LOADS) * 100_000  # each load's turns are new, also after a warm-up load
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def _thinking(self, rng: random.Random) -> float:
        return self.think_s if self.lockstep else self.think_s * rng.uniform(0.5, 1.5)

    async def learner(self, i: int, until: float) -> None:
        rng = random.Random(i)
        async with httpx.AsyncClient(base_url=self.base, headers={"Authorization": f"Bearer {self.tokens[i]}"},
                                     timeout=60) as http:
            j = 0
            if not self.lockstep:
                await asyncio.sleep(rng.uniform(0, self.think_s))  # the cohort comes in over one think time
            while time.monotonic() < until:
                r = await http.post("/api/v1/simulations", json={"scenario": self.scenario})
                if r.status_code != 201:
                    self.errors.append(f"start {r.status_code}")
                    await asyncio.sleep(1)
                    continue
                sid = r.json()["id"]
                while time.monotonic() < until:
                    await asyncio.sleep(self._thinking(rng))
                    t = time.perf_counter()
                    try:
                        r = await http.post(f"/api/v1/simulations/{sid}/turns", json={"text": turn_text(i, self.first + j)})
                    except httpx.HTTPError as exc:
                        self.errors.append(f"turn {type(exc).__name__}")
                        break
                    j += 1
                    if r.status_code == 409:  # the conversation ended: start the next one
                        break
                    self.latencies.append(time.perf_counter() - t)
                    if r.status_code != 200:
                        self.errors.append(f"turn {r.status_code}")
                        break
                    if r.json().get("finished"):
                        break

    def run(self, learners: int, seconds: float) -> float:
        """Drives `learners` for `seconds`; returns turns per second."""
        async def main() -> float:
            start = time.monotonic()
            await asyncio.gather(*(self.learner(i, start + seconds) for i in range(learners)))
            return len(self.latencies) / (time.monotonic() - start)
        return asyncio.run(main())


def p(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def make_users(data_dir: Path, n: int) -> list[str]:
    from service.container import build_services
    from service.core.settings import Settings

    services = build_services(Settings(data_dir=data_dir, analyser="fake", environment="test"))
    try:
        return [services.users.add_user(f"learner-{i}", "participant")[1] for i in range(n)]
    finally:
        services.close()


MODEL_LOAD = (
    "import time; t = time.perf_counter(); from finnish.analyser import SpacyVoikkoAnalyser; "
    "SpacyVoikkoAnalyser(cache_size=0).analyse('Lämmittely.'); print(time.perf_counter() - t)"
)


def model_load_s() -> float:
    """What a fresh process needs before it can parse one sentence (spaCy's import and the model's
    load): the baseline of start-to-healthy."""
    import subprocess

    runs = []
    for _ in range(3):  # the median of three fresh processes: one slow start does not set the baseline
        out = subprocess.run([sys.executable, "-c", MODEL_LOAD], cwd=REPO, capture_output=True, text=True, check=True)
        runs.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(runs)


CEILING_ROUNDS, CEILING_TEXTS = 5, 60
_CEILING_ANALYSER: list[object] = []


def _ceiling_analyser() -> object:
    """One analyser for every ceiling round (loading it takes seconds), with no cache."""
    if not _CEILING_ANALYSER:
        from finnish.analyser import SpacyVoikkoAnalyser
        from tyokieli.server import limit_blas_threads

        limit_blas_threads()  # as `tyokieli serve` does: the ceiling parses as fast as a worker can
        analyser = SpacyVoikkoAnalyser(cache_size=0)
        analyser.analyse("Lämmittely.")
        _CEILING_ANALYSER.append(analyser)
    return _CEILING_ANALYSER[0]


def parse_ceiling(offset: int = 0, batch: int = 1) -> float:
    """Turns per second of this process parsing distinct turns back to back (the median of a few
    short rounds: one slow round on a shared machine does not move it). `batch` > 1 parses them
    that many at a time, as a loaded worker does with the turns that arrive together."""
    from finnish.analyser import SpacyVoikkoAnalyser

    analyser = _ceiling_analyser()
    assert isinstance(analyser, SpacyVoikkoAnalyser)
    rates = []
    for r in range(CEILING_ROUNDS):
        texts = [turn_text(1000 + offset + r * CEILING_TEXTS + i, i) for i in range(CEILING_TEXTS)]
        started = time.perf_counter()
        if batch == 1:
            for text in texts:
                analyser.analyse(text)
        else:
            for i in range(0, len(texts), batch):
                analyser.analyse_many(texts[i:i + batch])
        rates.append(len(texts) / (time.perf_counter() - started))
    return statistics.median(rates)


WARM_WAIT_S = 120


class Server:
    """A `tyokieli serve` measured at steady state: the load starts once the UI is built and every
    worker has logged the end of its background warm-up (which would otherwise take CPU from it)."""

    def __init__(self, env: dict[str, str], workers: int, log: Path) -> None:
        started = time.perf_counter()
        self.proc, self.base = start_server(env, "--workers", str(workers), log=log, wait_ui=False)
        self.healthy_s = time.perf_counter() - started
        while not ui_ready(self.base):  # the UI is built in the background after the start
            time.sleep(0.2)
        self.ui_s = time.perf_counter() - started
        while log.read_text(errors="replace").count("warm-up done") < workers:
            if time.perf_counter() - started > WARM_WAIT_S:
                break
            time.sleep(0.2)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *_: object) -> None:
        stop_server(self.proc)


def _closed_loop(env: dict[str, str], tokens: list[str], workers: int, seconds: float, tmp: Path
                 ) -> tuple[float, tuple[float, float], tuple[int, int, int]]:
    with Server(env, workers, tmp / f"closed-{workers}.log") as server:
        scenario = _scenario(server.base, tokens[-1])
        Load(server.base, tokens, scenario, 0).run(workers * 2, 4)  # warm every worker
        idle = group_memory(server.proc.pid)
        tput = Load(server.base, tokens, scenario, 0).run(max(8, workers * 6), seconds)
    return tput, (server.healthy_s, server.ui_s), idle


PAIRED_ROUNDS = 3


def _one_worker_paired(env: dict[str, str], tokens: list[str], seconds: float, tmp: Path
                       ) -> tuple[list[tuple[float, float]], tuple[float, float], tuple[int, int, int]]:
    """One worker's closed-loop throughput, each round right after a parse-ceiling round (the
    server idle meanwhile): this machine's speed drifts by tens of percent from minute to minute,
    and a ratio of two figures taken together is what stays comparable. (throughput, ceiling) per
    round, the start-up times and the idle memory."""
    parse_ceiling()  # the ceiling's analyser is loaded before the server starts
    with Server(env, 1, tmp / "closed-1.log") as server:
        scenario = _scenario(server.base, tokens[-1])
        Load(server.base, tokens, scenario, 0).run(2, 4)  # warm the worker
        idle = group_memory(server.proc.pid)
        pairs = []
        for r in range(PAIRED_ROUNDS):
            ceiling = parse_ceiling(offset=10_000 * (r + 1))
            pairs.append((Load(server.base, tokens, scenario, 0).run(8, seconds / 2), ceiling))
    return pairs, (server.healthy_s, server.ui_s), idle


def _scenario(base: str, token: str) -> str:
    r = httpx.get(f"{base}/api/v1/scenarios", headers={"Authorization": f"Bearer {token}"}, timeout=60)
    return str(r.json()["scenarios"][0]["id"])


def _cohort(env: dict[str, str], tokens: list[str], learners: int, think_s: float, seconds: float, tmp: Path
            ) -> dict[str, float]:
    with Server(env, 2, tmp / "cohort.log") as server:
        scenario = _scenario(server.base, tokens[-1])
        Load(server.base, tokens, scenario, 0).run(4, 4)
        solo = Load(server.base, tokens[-1:], scenario, 0.2)
        solo.run(1, 5)
        lockstep = Load(server.base, tokens, scenario, think_s)
        lockstep.run(learners, seconds / 2)
        load = Load(server.base, tokens, scenario, think_s, lockstep=False)
        peak = [0, 0, 0]

        async def sample(stop: asyncio.Event) -> None:
            while not stop.is_set():
                peak[:] = [max(a, b) for a, b in zip(peak, group_memory(server.proc.pid), strict=True)]
                await asyncio.sleep(0.5)

        async def main() -> None:
            stop = asyncio.Event()
            sampler = asyncio.create_task(sample(stop))
            start = time.monotonic()
            await asyncio.gather(*(load.learner(i, start + seconds) for i in range(learners)))
            stop.set()
            await sampler

        asyncio.run(main())
    return {"p95": p(load.latencies, 95) * 1000, "p50": p(load.latencies, 50) * 1000, "turns": len(load.latencies),
            "errors": len(load.errors), "solo_p50": p(solo.latencies, 50) * 1000, "rss": peak[1], "pss": peak[2],
            "lockstep_p95": p(lockstep.latencies, 95) * 1000, "lockstep_errors": len(lockstep.errors),
            "what": ", ".join(f"{n}× {e}" for e, n in Counter(load.errors + lockstep.errors).most_common()) or "none"}


def run() -> list[dict]:
    seconds = _int_env("TYOKIELI_BENCH_SECONDS", 20)
    cohort = _int_env("TYOKIELI_BENCH_COHORT", 200)
    think = float(os.environ.get("TYOKIELI_BENCH_THINK_S", "5"))
    load_s = model_load_s()
    figures: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="tyokieli-bench-") as tmp_name:
        tmp = Path(tmp_name)
        tokens = make_users(tmp / "data", cohort + 1)
        env = {**os.environ, "TYOKIELI_DATA_DIR": str(tmp / "data"), "TYOKIELI_ANALYSER": "spacy",
               "TYOKIELI_ENVIRONMENT": "test", "TYOKIELI_RATE_LIMIT_PER_MINUTE": "100000"}
        curve: dict[int, tuple[float, tuple[float, float], tuple[int, int, int]]] = {}
        pairs, started, idle = _one_worker_paired(env, tokens, seconds, tmp)
        curve[1] = (statistics.median(t for t, _ in pairs), started, idle)
        ceiling = statistics.median(c for _, c in pairs)
        ratio = statistics.median(t / c for t, c in pairs)
        batched = parse_ceiling(offset=90_000, batch=8)
        for workers in (2, 4):
            curve[workers] = _closed_loop(env, tokens, workers, seconds, tmp)
        c = _cohort(env, tokens, cohort, think, max(seconds * 2, 30), tmp)
    one = curve[1][0]
    rounds = ", ".join(f"{t:.0f}/{c:.0f}" for t, c in pairs)
    figures.append({"name": "scale: turns/s on one worker (closed loop, distinct turns)", "value": one,
                    "unit": "turns/s",
                    "baseline": f"parse-only ceiling {ceiling:.1f}/s (median of {len(pairs)} paired rounds: {rounds})",
                    "ratio": ratio, "goal": "ratio >= 0.6"})
    # The worker parses the turns that arrive together in one call (finnish/coalesce.py), so it can
    # beat one-by-one parsing; against parsing in batches of eight, the rest of a turn shows.
    figures.append({"name": "scale: turns/s on one worker against batched parsing", "value": one,
                    "unit": "turns/s", "baseline": f"parse-only, 8 at a time {batched:.1f}/s",
                    "ratio": one / batched, "goal": None})
    for workers in (2, 4):
        figures.append({"name": f"scale: closed-loop throughput, {workers} workers", "value": curve[workers][0],
                        "unit": "turns/s", "baseline": f"1 worker {one:.1f}/s", "ratio": curve[workers][0] / one,
                        "goal": None})
    base_pss = curve[1][2][2]
    for workers in (1, 2, 4):
        n, rss, pss = curve[workers][2]
        figures.append({"name": f"scale: memory, {workers} worker(s) idle ({n} processes), PSS", "value": pss / 2**20,
                        "unit": "MB", "baseline": f"summed RSS {rss / 2**20:.0f} MB; 1 worker PSS {base_pss / 2**20:.0f} MB",
                        "ratio": pss / base_pss if base_pss else None, "goal": "<= 2048 MB"})
    tag = f"{cohort} learners thinking {think:g} s, 2 workers"
    figures += [
        {"name": f"scale: cohort p95 ({tag})", "value": c["p95"], "unit": "ms",
         "baseline": f"1 learner alone p50 {c['solo_p50']:.0f} ms", "ratio": c["p95"] / c["solo_p50"],
         "goal": "<= 300 ms"},
        {"name": f"scale: cohort p95, worst case: all in lockstep ({tag})", "value": c["lockstep_p95"], "unit": "ms",
         "baseline": f"1 learner alone p50 {c['solo_p50']:.0f} ms ({c['lockstep_errors']} errors)",
         "ratio": c["lockstep_p95"] / c["solo_p50"], "goal": None},
        {"name": "scale: cohort errors", "value": float(c["errors"]), "unit": "count",
         "baseline": f"{c['turns']:.0f} turns (errors in both cohort runs: {c['what']})", "ratio": None, "goal": "0"},
        {"name": "scale: cohort peak memory (PSS, all processes)", "value": c["pss"] / 2**20, "unit": "MB",
         "baseline": f"summed RSS {c['rss'] / 2**20:.0f} MB", "ratio": None, "goal": "<= 2048 MB"},
    ]
    base = f"model load alone (fresh process: spaCy import + model) {load_s:.1f} s"
    for workers, label in ((1, "1 worker"), (2, "2 workers (interim workers at once; the final ones fork from the warmed master)")):
        healthy_s, ui_s = curve[workers][1]
        figures += [
            {"name": f"scale: start to healthy, {label}", "value": healthy_s, "unit": "s", "baseline": base,
             "ratio": healthy_s / load_s, "goal": "ratio < 2"},
            {"name": f"scale: start to UI ready (built in the background), {label}", "value": ui_s, "unit": "s",
             "baseline": base, "ratio": ui_s / load_s, "goal": None},
        ]
    return figures


if __name__ == "__main__":
    for figure in run():
        print(figure)
