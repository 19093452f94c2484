"""What grounds the LLM partner in the job task: the task profile's phrases and the task's own
workplace texts (instructions, notices, shift notes) from the shipped corpus — or, for a scenario
bound to a stored profile, the phrases and example sentences of the profile version it names.

Texts are ranked by word overlap with the scenario and the current scripted line — never with the
learner's words, so a turn cannot steer which texts the model is shown.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from simulations.scenario import Scenario

log = logging.getLogger("tyokieli.simulations")

MAX_PHRASES = 8
MAX_TEXTS = 2
MAX_TEXT_CHARS = 600
_WORD = re.compile(r"[^\W\d_]{3,}")


def _words(text: str) -> set[str]:
    # Finnish inflects: compare 5-letter stems, good enough to rank a handful of texts
    return {w.lower()[:5] for w in _WORD.findall(text)}


@lru_cache(maxsize=64)
def _task_material(task_id: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    phrases: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    try:
        from corpora.tasks_profiles import load_task_profile

        phrases = tuple(p.text for p in load_task_profile(task_id).phrases[:MAX_PHRASES])
    except Exception as exc:  # no pre-built profile: the scenario's own phrases still ground the partner
        log.info("no task profile phrases for the LLM partner: %s", type(exc).__name__)
    try:
        from corpora.tasks import get_task

        texts = tuple(f"{t.title}: {t.text}"[:MAX_TEXT_CHARS] for t in get_task(task_id).texts)
    except Exception as exc:
        log.info("no workplace texts for the LLM partner: %s", type(exc).__name__)
    return phrases, texts


def task_grounding(scenario: Scenario, scripted_line: str = "") -> tuple[list[str], list[str]]:
    """(profile phrases, the most relevant workplace texts) for a scenario's task."""
    if scenario.grounding is not None:  # bound to a stored profile: that profile version's material
        phrases, texts = tuple(scenario.grounding.phrases[:MAX_PHRASES]), tuple(scenario.grounding.texts)
    else:
        phrases, texts = _task_material(scenario.task)
    query = _words(" ".join([scenario.title, scenario.setting, scripted_line, *scenario.key_terms]))
    ranked = sorted(texts, key=lambda t: -len(query & _words(t)))
    return list(phrases), ranked[:MAX_TEXTS]
