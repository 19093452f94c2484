"""Feedback service: learner text → issues (spelling, grammar, our own rules), for the API, the UI,
the CLI and the coach's evidence. Validates the text like the analysis service does."""

from __future__ import annotations

import logging

from finnish.feedback import FeedbackEngine
from service.core.errors import InvalidInput, validate_text
from service.language.shapes import FeedbackResult

log = logging.getLogger("tyokieli.feedback")
REGISTERS = ("written", "spoken")


class FeedbackService:
    def __init__(self, engine: FeedbackEngine, max_text_chars: int) -> None:
        self.engine = engine
        self.max_text_chars = max_text_chars

    def feedback(self, text: str, register: str = "written", scenario: str | None = None) -> FeedbackResult:
        """`{"issues": [...]}` for `text`; offsets point into the text as given. `scenario` is
        accepted for the contract (a simulation's scenario id) and does not change the rules yet."""
        validate_text(text, self.max_text_chars)
        if register not in REGISTERS:
            raise InvalidInput(f"register must be 'written' or 'spoken', not '{register}'.")
        issues = self.engine.check(text, register)  # type: ignore[arg-type]
        log.debug("feedback: %d characters, %d issues, register %s", len(text), len(issues), register)
        return {"issues": [i.to_dict() for i in issues]}

    def check(self, text: str, register: str = "written") -> FeedbackResult:
        """The same as `feedback`, under the name the evidence service calls."""
        return self.feedback(text, register)
