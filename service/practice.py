"""Wiring of the practice extras onto the shared Services: teacher-authored scenarios (and their
place in the scenario library), partner speech, optional learner transcription, and explanations
of feedback in the learner's own language when an LLM is configured."""

from __future__ import annotations

import contextvars
import logging
import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from service.errors import InvalidInput, register_error
from service.scenarios import ScenarioAuthoring
from simulations.speech import Speaker, SpeechError, SpeechUnavailable, make_transcriber

log = logging.getLogger("tyokieli")

register_error(SpeechUnavailable, 503)
register_error(SpeechError, 422)


def _task_exists(task_id: str) -> bool:
    from corpora.tasks import UnknownTask, get_task

    try:
        get_task(task_id)
    except UnknownTask:
        return False
    return True


def llm_api_key(settings: Any) -> str | None:
    return settings.llm_api_key.get_secret_value() if settings.llm_api_key is not None else None


class FeedbackExplainer:
    """Explains one feedback item in the learner's language through the LLM partner's model."""

    def __init__(self, settings: Any) -> None:
        from simulations.partners.llm import build_llm_partner
        from simulations.partners.scripted import ScriptedPartner

        self._partner = build_llm_partner(
            ScriptedPartner(), base_url=settings.llm_base_url, api_key=llm_api_key(settings),
            model=settings.llm_model, timeout_s=settings.llm_timeout_s, max_retries=settings.llm_max_retries,
        )

    def explain(self, issue: dict[str, Any], language: str, learner_text: str | None = None) -> dict[str, Any]:
        if not isinstance(issue, dict) or not (issue.get("message") or issue.get("rule")):
            raise InvalidInput("Choose a feedback item to explain.")
        return self._partner.explain(issue, language, learner_text)


def attach_practice(services: Any) -> None:
    settings = services.settings
    from simulations.library import default_library

    simulations = getattr(services, "simulations", None)
    library = getattr(getattr(simulations, "engine", None), "library", None) or default_library().view()
    services.scenarios = ScenarioAuthoring(services.db, shipped_ids=library.shipped_ids, task_exists=_task_exists,
                                           secret=settings.session_secret.get_secret_value())
    connect_library(services, library)
    services.speech = Speaker(Path(settings.data_dir) / "audio", voice=settings.espeak_voice)
    services.transcriber = make_transcriber(
        settings.transcription_model, settings.llm_base_url, llm_api_key(settings), settings.llm_timeout_s
    )
    services.explainer = FeedbackExplainer(settings) if settings.partner == "llm" and settings.llm_enabled else None


def connect_library(services: Any, library: Any) -> None:
    """Published authored scenarios (and drafts by their test-play id) become findable in `library`
    (this Services' own view of the shipped library)."""
    if hasattr(library, "set_source"):
        library.set_source("authored", services.scenarios)


def task_titles() -> dict[str, tuple[str, str]]:
    """Workplace task id → (Finnish title, English title), for choosing a task in the UI."""
    from corpora.tasks import load_tasks

    return {t.id: (t.title, t.title_en) for t in load_tasks()}


def streamed_turn(services: Any, user_id: int, session_id: str, text: str) -> Iterator[str | dict[str, Any]]:
    """One turn whose partner line is streamed while the model writes it: yields the growing text
    (str) and finally the stored turn result (dict) — exactly what `simulations.turn` returns. The
    turn is stored before the final result is yielded; a partner that does not stream yields only it."""
    from simulations.partners.llm import STREAM_SINK

    parts: queue.Queue[Any] = queue.Queue()
    done = object()

    def work() -> None:
        STREAM_SINK.set(parts.put)
        try:
            parts.put(("result", services.simulations.turn(user_id, session_id, text)))
        except BaseException as exc:  # handed over to the caller's thread
            parts.put(("error", exc))
        finally:
            parts.put(done)

    worker = threading.Thread(target=contextvars.copy_context().run, args=(work,), name="streamed-turn", daemon=True)
    worker.start()
    outcome: Any = None
    while (item := parts.get()) is not done:
        if isinstance(item, str):
            yield item
        else:
            outcome = item
    worker.join()
    if outcome is None:
        raise RuntimeError("the turn ended without a result")
    kind, value = outcome
    if kind == "error":
        raise value
    yield value
