"""Feedback latency per 15-word learner sentence after warm-up, p50/p95 (goal p95 ≤ 30 ms), as a
ratio to the analyser's spaCy-fi parse of the same sentences measured in the same run.

Every timed sentence is new to the analyser cache (a learner's turn is new text), so the feedback
figure includes the parse; "rules only" times the same sentences again with the analysis cached.
"""

from __future__ import annotations

import itertools
import statistics
import time

SUBJECTS = ["Minä", "Me", "Hän", "Työkaveri", "Esimies"]
MIDDLES = [
    "siivoan huone ja vien roskat roskakatokseen ennen kuin asiakkaat tulevat aamulla",
    "en löydä avain enkä tiedä missä siivouskomero on tässä uudessa talossa",
    "menee kauppa hakemaan kaksi maito koska keittiössä ei ole tarpeeksi maitoa",
    "puhun esimies kanssa huomenna koska minulla on kysymys työvuoroista ja lomista",
    "pakkaa tuotteet laatikkoon ja nostaa laatikko hyllylle varastossa joka päivä",
    "autan asukas pukemaan ja annan hänelle lääkkeen ennen aamupalaa tänään",
]
ROUNDS = 60


def _sentences() -> list[str]:
    out = []
    for n, (s, m) in enumerate(itertools.cycle(itertools.product(SUBJECTS, MIDDLES))):
        if n >= ROUNDS:
            break
        out.append(f"{s} nyt heti {m} {n}.")  # 15 words
    return out


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run() -> list[dict]:
    from finnish.analyser import SpacyVoikkoAnalyser, build_analyser
    from finnish.feedback import FeedbackEngine

    analyser = build_analyser("spacy")
    assert isinstance(analyser, SpacyVoikkoAnalyser)
    engine = FeedbackEngine(analyser)
    for text in ("Minä menee kauppa ja en löydä avain.", "Puhun esimies kanssa.", "Minulla on kaksi lapsi."):
        engine.check(text)  # warm-up: omorfi, wordfreq, Voikko caches
    sentences = _sentences()
    words = statistics.mean(len(s.split()) for s in sentences)
    parse_ms, feedback_ms, rules_ms = [], [], []
    for text in sentences:
        started = time.perf_counter()
        analyser.parse(text)
        parse_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        engine.check(f"{text} ")  # a new text: the analysis cache must not answer
        feedback_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        engine.check(f"{text} ")  # the same text again: parse cached, rules and Voikko run
        rules_ms.append((time.perf_counter() - started) * 1000)
    p95_parse = _pct(parse_ms, 0.95)
    base = f"spaCy-fi parse of the same sentences ({words:.0f} words)"
    return [
        {"name": f"spaCy-fi parse, {words:.0f}-word sentence, p95", "value": p95_parse, "unit": "ms",
         "baseline": None, "ratio": None, "goal": None},
        {"name": f"feedback, {words:.0f}-word sentence, p50", "value": _pct(feedback_ms, 0.5), "unit": "ms",
         "baseline": base + " p50", "ratio": _pct(feedback_ms, 0.5) / _pct(parse_ms, 0.5), "goal": None},
        {"name": f"feedback, {words:.0f}-word sentence, p95", "value": _pct(feedback_ms, 0.95), "unit": "ms",
         "baseline": base + " p95", "ratio": _pct(feedback_ms, 0.95) / p95_parse, "goal": "p95 ≤ 30 ms"},
        {"name": "feedback rules only (analysis cached), p95", "value": _pct(rules_ms, 0.95), "unit": "ms",
         "baseline": base + " p95", "ratio": _pct(rules_ms, 0.95) / p95_parse, "goal": None},
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure)
