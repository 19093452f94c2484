"""Concurrent analyses share the parser: short texts that threads ask for at the same time are
parsed in one nlp.pipe call, and each text's analysis is exactly what it is parsed alone."""

from __future__ import annotations

import json
import random
import threading
import time
from pathlib import Path

from finnish.analyser import SpacyVoikkoAnalyser
from finnish.model import Analysis
from finnish.pieces import PIECE_CHARS

FEEDBACK_SET = Path(__file__).parents[1] / "data" / "feedback_set.jsonl"


def learner_sentences() -> list[str]:
    texts = [json.loads(line)["text"] for line in FEEDBACK_SET.read_text(encoding="utf-8").splitlines()]
    return list(dict.fromkeys(texts))


def alone(analyser: SpacyVoikkoAnalyser, text: str) -> Analysis:
    return analyser._from_doc(text, analyser.parse(text))  # no cache, no batch


def test_a_text_parsed_in_a_batch_gets_the_analysis_it_gets_alone(analyser: SpacyVoikkoAnalyser) -> None:
    texts = learner_sentences()
    assert len(texts) > 300
    rng = random.Random(3)
    order = rng.sample(texts, len(texts))
    i = 0
    while i < len(order):
        size = rng.randint(2, 16)
        batch = order[i:i + size]
        for text, doc in zip(batch, analyser._pipe(batch), strict=True):
            assert analyser._from_doc(text, doc) == alone(analyser, text), text
        i += size


def test_threads_that_ask_at_the_same_time_are_parsed_together(analyser: SpacyVoikkoAnalyser) -> None:
    texts = [f"{t} Kiitos, viesti {n}." for n, t in enumerate(learner_sentences()[:8])]  # not in the cache
    results: dict[str, Analysis] = {}
    before = (analyser.batched.batches, analyser.batched.items)
    with analyser._nlp_lock:  # the first thread's parse waits here; the others queue behind it
        threads = [threading.Thread(target=lambda t=t: results.__setitem__(t, analyser.analyse(t))) for t in texts]
        threads[0].start()
        while analyser.batched.batches == before[0]:  # it has taken its batch of one and waits for the lock
            time.sleep(0.001)
        for t in threads[1:]:
            t.start()
        deadline = time.monotonic() + 30
        while len(analyser.batched._waiting) < len(texts) - 1 and time.monotonic() < deadline:
            time.sleep(0.005)
    for t in threads:
        t.join(60)
    batches = analyser.batched.batches - before[0]
    items = analyser.batched.items - before[1]
    assert items == len(texts) and batches == 2  # the first alone, the seven that queued in one batch
    for text in texts:
        assert results[text] == alone(analyser, text)


def test_a_long_text_is_not_held_for_a_batch(analyser: SpacyVoikkoAnalyser) -> None:
    before = analyser.batched.items
    text = "Siivoan toimiston aamulla ja imuroin lattian. " * (PIECE_CHARS // 40)
    assert len(text) > PIECE_CHARS
    assert analyser.analyse(text).text == text
    assert analyser.batched.items == before  # parsed in pieces, on its own
