"""Time to first audio: a new partner line (not cached) → its WAV file, with Festival's Suopuhe
voice (the default when installed) and with espeak-ng, normal and slow. The ratio is each figure
over espeak-ng's normal speed measured in the same run."""

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


def _times(speaker: Speaker, slow: bool) -> list[float]:
    times = []
    for line in LINES:
        started = time.perf_counter()
        speaker.synthesize(line, slow=slow)
        times.append(time.perf_counter() - started)
    return times


def run() -> list[dict]:
    out: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        espeak = Speaker(Path(tmp) / "espeak", engine="espeak")
        base = _times(espeak, slow=False)
        figures = {"espeak-ng": (espeak, base)}
        if festival_available():
            festival = Speaker(Path(tmp) / "festival", engine="festival")
            figures["festival suopuhe"] = (festival, _times(festival, slow=False))
        for name, (speaker, normal) in figures.items():
            slow = _times(speaker, slow=True)
            for label, values in (("normal", normal), ("slow", slow)):
                for stat, value in (("p50", median(values)), ("p95", percentile(values, 95))):
                    out.append({"name": f"speech: first audio {name} {label} {stat}", "value": value * 1000,
                                "unit": "ms", "baseline": "espeak-ng normal p50",
                                "ratio": value / median(base) if median(base) else None, "goal": "< 1500 ms"})
    return out
