"""Analyser throughput vs raw spaCy-fi, cached re-analysis speed-up, and serve start-up time."""

from __future__ import annotations

import subprocess
import sys
import time

from bench.common import best_of, finnish_text, served
from finnish.analyser import SpacyVoikkoAnalyser


def run() -> list[dict]:
    text = finnish_text(10_000)
    analyser = SpacyVoikkoAnalyser(cache_size=0)
    nlp = analyser.nlp
    tokens = len(nlp(text))

    raw = best_of(lambda: list(nlp.pipe([text])))
    ours = best_of(lambda: analyser.analyse(text))

    cached = SpacyVoikkoAnalyser.__new__(SpacyVoikkoAnalyser)  # same models, a cache of its own
    cached.__dict__.update(analyser.__dict__)
    from finnish.analyser import _LruCache

    cached._cache = _LruCache(16)
    first = best_of(lambda: cached.analyse(text + " "), repeat=1)
    again = best_of(lambda: cached.analyse(text + " "), repeat=5)

    load_started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "import spacy; spacy.load('spacy_fi_experimental_web_md', exclude=['ner'])"], check=True
    )
    model_load = time.perf_counter() - load_started
    with served() as (_url, to_healthy, _dir):
        pass

    return [
        {"name": "analysis throughput (tokens/s)", "value": tokens / ours, "unit": "tok/s",
         "baseline": f"raw spaCy-fi nlp.pipe {tokens / raw:,.0f} tok/s", "ratio": raw / ours,
         "goal": "ratio ≥ 0.8"},
        {"name": "cached re-analysis speed-up", "value": first / again, "unit": "x",
         "baseline": f"uncached analysis {first:.2f} s", "ratio": first / again, "goal": "≥ 50×"},
        {"name": "tyokieli serve: start to healthy", "value": to_healthy, "unit": "s",
         "baseline": f"spaCy-fi model load alone {model_load:.1f} s", "ratio": to_healthy / model_load, "goal": None},
    ]
