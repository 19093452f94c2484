"""Engine factory with a fake feedback checker that records what it was asked."""

from __future__ import annotations

import re

import pytest

from finnish.feedback_model import FeedbackIssue
from simulations.engine import SimulationEngine
from simulations.goals import GoalTracker
from simulations.library import build_library


class RecordingChecker:
    """Flags "minä on" (should be "minä olen") as an agreement error and records every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def check(self, text: str, register: str = "written", known_words: object = ()) -> list[FeedbackIssue]:
        self.calls.append((text, register))
        return [
            FeedbackIssue(start=m.start(1), end=m.end(1), category="agreement", rule="agreement.pronoun_verb",
                          message="Minä + olen.", message_en="'minä' takes 'olen'.", suggestions=["olen"])
            for m in re.finditer(r"\bminä (on)\b", text, re.IGNORECASE)
        ]


@pytest.fixture
def checker() -> RecordingChecker:
    return RecordingChecker()


@pytest.fixture
def engine(analyser, checker) -> SimulationEngine:  # type: ignore[no-untyped-def]
    return SimulationEngine(build_library(), GoalTracker(analyser), checker)


def play(engine: SimulationEngine, scenario: str, turns: list[str], level: str = "A2"):  # type: ignore[no-untyped-def]
    state = engine.start(scenario, level)  # type: ignore[arg-type]
    outcomes = []
    for text in turns:
        outcome = engine.turn(state, text)
        outcomes.append(outcome)
        state = outcome.state
    return state, outcomes
