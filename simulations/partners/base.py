"""The partner interface: `reply(session, turn)` says the next line, given what the engine knows about
the session (the context) and the learner's turn; `stream(session, turn)` says the same line while it
is being written (a partner with its whole line at once uses `OneLineStream`).

The engine classifies the turn and tracks the goals *before* asking the partner, so every partner
gets the same facts (`turn_kind`, `new_goals`, `stuck`, `feedback`) and only decides what to say
and where the dialogue graph goes next. `turn` is None for the opening line.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import Literal, Protocol, runtime_checkable

from pydantic import BaseModel, Field

from finnish.feedback_model import FeedbackIssueData
from simulations.report_model import Misread
from simulations.scenario import Level, Scenario

# How the engine read the learner's turn.
#   opening   – no learner turn yet: the partner opens the conversation
#   answer    – an ordinary Finnish turn (it may or may not reach a goal)
#   repair    – "Anteeksi? / En ymmärrä / Voitko toistaa hitaammin?": rephrase more simply
#   empty     – nothing said
#   english   – the turn is (mostly) English
#   off_topic – Finnish, but nothing to do with the situation
#   misunderstood – the turn repeats a stated fact wrongly (a number, time, step …): correct it in role
#   question  – the learner asks something the graph did not plan: answer from the fact sheet
TurnKind = Literal["opening", "answer", "repair", "empty", "english", "off_topic", "misunderstood", "question"]
ReplyKind = Literal["opening", "line", "nudge", "rephrase", "redirect", "closing", "correction", "answer"]


class TranscriptTurn(BaseModel):
    role: Literal["learner", "partner"]
    text: str
    text_en: str | None = None
    kind: str = ""  # TurnKind for learner turns, ReplyKind for partner turns
    node: str | None = None
    goals: list[str] = Field(default_factory=list)  # goals newly reached by this learner turn
    feedback: list[FeedbackIssueData] = Field(default_factory=list)
    notice: str | None = None
    intents: list[str] = Field(default_factory=list)  # learner turns: greeting, question, thanks, …
    words: int = 0  # learner turns: number of words
    question: bool = False  # learner turns: the learner asked something
    understanding: list[Misread] = Field(default_factory=list)  # learner turns: misunderstood facts
    text_standard: str | None = None  # partner turns of a spoken-register scenario: the standard form


class PartnerContext(BaseModel):
    """Everything a partner may use to reply. Learner text in here is data, never instructions."""

    scenario: Scenario
    level: Level
    node: str  # the current step of the dialogue graph
    goals_reached: list[str] = Field(default_factory=list)  # all goals reached so far, this turn included
    new_goals: list[str] = Field(default_factory=list)  # reached by this turn
    turn_kind: TurnKind = "opening"
    stuck: int = 0  # learner turns in a row that did not move the conversation on
    transcript: list[TranscriptTurn] = Field(default_factory=list)  # before this turn
    feedback: list[FeedbackIssueData] = Field(default_factory=list)  # feedback issues of this turn
    profile_phrases: list[str] = Field(default_factory=list)  # extra phrases of the task profile, if any
    retrieved: list[str] = Field(default_factory=list)  # retrieved workplace texts (LLM grounding)
    intents: list[str] = Field(default_factory=list)  # intents of this turn (for conditional routes)
    misunderstood: list[Misread] = Field(default_factory=list)
    answer: str | None = None  # turn_kind "question": the fact-sheet entry asked about ("" = none)


class PartnerReply(BaseModel):
    text: str  # Finnish, at the session's level
    text_en: str | None = None
    node: str  # the step of the graph after this reply
    kind: ReplyKind = "line"
    finished: bool = False  # the partner closed the conversation
    notice: str | None = None  # visible notice, e.g. "the LLM partner did not answer; scripted partner used"
    text_standard: str | None = None  # spoken register: the same line in standard Finnish
    partner: str = "scripted"


@runtime_checkable
class Partner(Protocol):
    def reply(self, session: PartnerContext, turn: str | None) -> PartnerReply:
        """The next line, whole."""
        ...

    def stream(self, session: PartnerContext, turn: str | None) -> Iterator[str | PartnerReply]:
        """The same line while it is being written: the text so far (str, each one longer than the
        last), then the final PartnerReply, which is what `reply` would have answered."""
        ...


class OneLineStream(ABC):
    """`stream` for a partner that has its whole line at once: the line, then the reply."""

    @abstractmethod
    def reply(self, session: PartnerContext, turn: str | None) -> PartnerReply:
        """The next line, whole (each partner says how)."""

    def stream(self, session: PartnerContext, turn: str | None) -> Iterator[str | PartnerReply]:
        reply = self.reply(session, turn)
        yield reply.text
        yield reply
