"""What the practice service answers: TypedDicts (JSON objects with named keys), so the routes, the
UI and the coach read them as before while mypy checks every key. The routes' pydantic schemas
(`schemas.py`) describe the same objects on the wire, with defaults for stored reports of older
versions."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, TypedDict

from finnish.feedback_model import FeedbackIssueData
from simulations.report_model import ErrorExample as ErrorExample
from simulations.report_model import GoalStatus as GoalStatus
from simulations.report_model import Misread, Report
from simulations.scenario import Level, ScenarioSummary


class ScenarioList(TypedDict):
    scenarios: list[ScenarioSummary]


class PartnerLine(TypedDict):
    text: str
    text_en: str | None
    kind: str
    notice: str | None
    text_standard: str | None


class Started(TypedDict):
    id: str
    scenario: str
    level: Level
    partner_turn: PartnerLine
    goals: list[GoalStatus]
    finished: bool


class LearnerLine(TypedDict):
    kind: str
    text: str
    goals: list[str]


class TurnResult(TypedDict):
    partner_turn: PartnerLine
    feedback: list[FeedbackIssueData]
    goals: list[GoalStatus]
    finished: bool
    notices: list[str]
    understanding: list[Misread]
    learner_turn: LearnerLine


class Finished(TypedDict):
    id: str
    finished: Literal[True]
    report: Report | None


class TurnData(TypedDict, total=False):
    """A stored turn's JSON column: the TranscriptTurn fields beside its role, kind and text (a row
    of an older version may lack the newer ones)."""

    text_en: str | None
    node: str | None
    goals: list[str]
    feedback: list[FeedbackIssueData]
    notice: str | None
    intents: list[str]
    words: int
    question: bool
    understanding: list[Misread]
    text_standard: str | None


class TurnJSON(TurnData):
    """A TranscriptTurn as JSON."""

    role: str
    kind: str
    text: str


class TranscriptEntry(TurnJSON):
    """One stored turn as a session shows it: its row (seq, role, kind, text) and its data."""

    seq: int


class SessionView(TypedDict):
    """One session with its transcript and its report (so far, for an open session)."""

    id: str
    scenario: str
    title: str
    level: str
    partner: str
    finished: bool
    created_at: str
    finished_at: str | None
    goals: list[GoalStatus]
    transcript: list[TranscriptEntry]
    report: Report


class SessionEntry(TypedDict):
    id: str
    scenario: str
    task: str
    level: str
    finished: bool
    created_at: str
    goals_reached: int | None
    goals_total: int | None


class SessionList(TypedDict):
    sessions: list[SessionEntry]


class OfflineRun(TypedDict):
    """`tyokieli simulate`: a conversation played from given lines, stored nowhere."""

    scenario: str
    level: Level
    finished_reason: str | None
    unused_lines: int
    transcript: list[TurnJSON]
    report: Report


class FinishedReport(TypedDict):
    """A finished session with its report: evidence for the coach and the vocabulary cards."""

    id: str
    task: str
    scenario: str
    finished_at: datetime | None
    report: Report
