"""Time to first audio: a new partner line (not cached) → its WAV file. Measured with espeak-ng,
with Festival's Suopuhe voice started fresh for each line (`text2wave`, what the product did before)
and with the warm Festival process the product keeps running (simulations/festival.py), normal and
slow; plus how long the warm process takes to start (the learner never waits for it: a line that
comes before it is ready is spoken by espeak-ng). The ratio is each figure over espeak-ng's normal
speed measured in the same run."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.common import median, percentile
from simulations.speech import Speaker, festival_available

LINES = [
    "Mervi puhelimessa, hei.", "Selvä. Kuinka kauan olet poissa?", "Muista hakea lääkärintodistus.",
    "Hyvää huomenta! Miten nukuit?", "Haluatko puuroa vai leipää aamupalaksi?", "Kiitos, että soitit. Parane pian!",
    "Siivoa ensin neuvotteluhuone ja sitten keittiö.", "Onko sinulla kysyttävää työvuorosta?",
    "Laita märkä lattia -kyltti käytävälle.", "Tuletko huomenna kello seitsemän?",
    "Asiakas kysyy, missä wc on.", "Hyvä, nähdään maanantaina.",
]
COLD_LINES = 4  # a fresh text2wave costs seconds a line: a few lines tell the figure


def _times(speaker: Speaker, slow: bool, lines: list[str] = LINES) -> list[float]:
    times = []
    for line in lines:
        started = time.perf_counter()
        speaker.synthesize(line, slow=slow)
        times.append(time.perf_counter() - started)
    return times


def _cold_festival(tmp: Path) -> Speaker:
    speaker = Speaker(tmp / "festival-cold", engine="festival")
    speaker.warm = None  # every line starts text2wave afresh
    return speaker


def _warm_festival(tmp: Path) -> tuple[Speaker, float]:
    speaker = Speaker(tmp / "festival-warm", engine="festival")
    started = time.perf_counter()
    speaker.warm_up()
    assert speaker.warm is not None and speaker.warm.wait_ready(60), "festival did not start"
    return speaker, time.perf_counter() - started


def _row(name: str, seconds: float, base: float, goal: str) -> dict:
    return {"name": name, "value": seconds * 1000, "unit": "ms", "baseline": "espeak-ng normal p50",
            "ratio": seconds / base if base else None, "goal": goal}


def run() -> list[dict]:
    out: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        espeak = Speaker(tmp / "espeak", engine="espeak")
        base = _times(espeak, slow=False)
        figures: dict[str, tuple[Speaker, list[str]]] = {"espeak-ng": (espeak, LINES)}
        warm_start = None
        if festival_available():
            figures["festival suopuhe cold"] = (_cold_festival(tmp), LINES[:COLD_LINES])
            warm, warm_start = _warm_festival(tmp)
            figures["festival suopuhe warm"] = (warm, LINES)
        for name, (speaker, lines) in figures.items():
            for label, slow in (("normal", False), ("slow", True)):
                values = base if (name == "espeak-ng" and not slow) else _times(speaker, slow, lines)
                for stat, value in (("p50", median(values)), ("p95", percentile(values, 95))):
                    out.append(_row(f"speech: first audio {name} {label} {stat}", value, median(base), "< 300 ms"))
            speaker.close()
        if warm_start is not None:
            out.append(_row("speech: warm festival start-up (off the learner's path)", warm_start, median(base),
                            "< 5000 ms"))
    return out
