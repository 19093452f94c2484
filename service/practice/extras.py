"""Wiring of the practice extras onto the shared Services: teacher-authored scenarios (and their
place in the scenario library), partner speech, optional learner transcription, and explanations
of feedback in the learner's own language when an LLM is configured."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from corpora.tasks import UnknownTask, get_task, load_tasks
from finnish.feedback_model import FeedbackIssueData
from service.core.errors import InvalidInput
from simulations.partners.llm import LLMPartner
from simulations.partners.llm_prompt import ExplainedIssue
from simulations.speech import SpeechError, SpeechUnavailable
from simulations.speech import Voice as Voice  # the UI picks partner voices through service
from simulations.speech import partner_voice as partner_voice

if TYPE_CHECKING:
    from service.container import Services
    from service.practice.shapes import TurnResult

log = logging.getLogger("tyokieli")

HTTP_ERRORS: dict[type[Exception], int] = {SpeechUnavailable: 503, SpeechError: 422}


def task_exists(task_id: str) -> bool:
    try:
        get_task(task_id)
    except UnknownTask:
        return False
    return True


class FeedbackExplainer:
    """Explains one feedback item in the learner's language through the LLM partner's model."""

    def __init__(self, partner: LLMPartner) -> None:
        self._partner = partner

    def explain(self, issue: FeedbackIssueData, language: str, learner_text: str | None = None) -> ExplainedIssue:
        if not isinstance(issue, dict) or not (issue.get("message") or issue.get("rule")):
            raise InvalidInput("Choose a feedback item to explain.")
        return self._partner.explain(issue, language, learner_text)


def task_titles() -> dict[str, tuple[str, str]]:
    """Workplace task id → (Finnish title, English title), for choosing a task in the UI."""
    return {t.id: (t.title, t.title_en) for t in load_tasks()}


def streamed_turn(services: Services, user_id: int, session_id: str, text: str) -> Iterator[str | TurnResult]:
    """One turn whose partner line is streamed while the model writes it: yields the growing text
    (str) and finally the stored turn result (dict) — exactly what `simulations.turn` returns. The
    turn is stored before the final result is yielded; a partner with its whole line at once yields
    that line once."""
    return services.simulations.turn_stream(user_id, session_id, text)
