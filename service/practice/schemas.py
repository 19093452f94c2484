"""Response schemas of the practice routes (`/api/v1/scenarios`, `/api/v1/simulations`)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from service.core.schemas import FiEn, OpenSchema, Schema
from service.language.schemas import IssueOut
from simulations.scenario import Level


class ScenarioSummaryOut(OpenSchema):
    id: str
    title: str
    title_en: str
    task: str
    sector: str
    kind: str
    problem: bool
    levels: list[str]
    profile: int | None = None
    profile_version: int | None = None


class ScenarioListOut(Schema):
    scenarios: list[ScenarioSummaryOut]


class PartnerTurnOut(Schema):
    text: str
    text_en: str | None = None
    kind: str
    notice: str | None = None
    text_standard: str | None = None  # a spoken-register line in standard Finnish


class UnderstandingOut(Schema):
    """A fact the learner got wrong this turn (a number, time, day, step …) and what was right."""

    goal: str
    fact: str
    said: str
    expected: str
    turn: str | None = None  # in the report: the learner's whole turn


class GoalStatusOut(Schema):
    id: str
    description: str
    description_en: str
    required: bool
    reached: bool


class LearnerTurnOut(Schema):
    kind: str
    text: str
    goals: list[str]


class StartOut(OpenSchema):
    id: str
    scenario: str
    level: Level
    partner_turn: PartnerTurnOut
    goals: list[GoalStatusOut]
    finished: bool


class TurnOut(OpenSchema):
    partner_turn: PartnerTurnOut
    understanding: list[UnderstandingOut] = []
    feedback: list[IssueOut]
    goals: list[GoalStatusOut]
    finished: bool
    notices: list[str]
    learner_turn: LearnerTurnOut


class PhraseOut(Schema):
    fi: str
    en: str


class HintOut(OpenSchema):
    text: str
    text_en: str | None = None
    goal: str | None = None
    examples: list[str]
    phrases: list[PhraseOut]


# -- the session report (stored with the session as JSON; older reports may lack newer parts) ------

class ReportGoalOut(Schema):
    id: str
    description: str
    description_en: str
    required: bool = True
    reached: bool = False


class KeyTermsOut(Schema):
    used: list[str] = []
    not_used: list[str] = []
    profile_used: list[str] = []
    profile_size: int = 0


class ErrorExampleOut(Schema):
    turn: str
    words: str
    message: str
    message_en: str
    suggestions: list[str] = []


class ErrorCategoryOut(Schema):
    category: str
    count: int
    examples: list[ErrorExampleOut] = []


class ReportErrorsOut(Schema):
    total: int = 0
    per_100_words: float = 0.0
    by_category: list[ErrorCategoryOut] = []


class InteractionOut(Schema):
    learner_turns: int = 0
    words: int = 0
    mean_turn_words: float = 0.0
    longest_turn_words: int = 0
    questions: int = 0
    repair_requests: int = 0
    redirected_turns: int = 0
    hints: int = 0


class CriterionOut(Schema):
    id: str
    name: str
    name_en: str
    skill: str
    measure: str | None = None
    band: str | None = None
    reasons: list[FiEn] = []


class SkillBandOut(Schema):
    cefr: str
    why: str


class NextGoalOut(Schema):
    id: str
    description: str
    description_en: str
    example: str


class NextScenarioOut(Schema):
    id: str
    title: str
    level: str
    why: FiEn


class NextStepsOut(Schema):
    goals: list[NextGoalOut] = []
    words: list[str] = []
    phrases: list[PhraseOut] = []
    categories: list[str] = []
    scenarios: list[NextScenarioOut] = []


class UnderstandingReportOut(Schema):
    """Ymmärtäminen / Understanding: the misunderstood facts of the session."""

    title: str = "Ymmärtäminen"
    title_en: str = "Understanding"
    misunderstood: list[UnderstandingOut] = []
    summary: FiEn | None = None


class EndingOut(Schema):
    node: str
    outcome: str = ""
    outcome_en: str = ""
    of: int = 1  # how many ends the scenario has


class SessionReportOut(OpenSchema):
    version: int = 1
    scenario: str
    title: str
    title_en: str = ""
    task: str
    sector: str = ""
    level: str
    partner: str = ""
    finished: bool = False
    finished_reason: str | None = None
    goals: list[ReportGoalOut] = []
    goals_reached: int = 0
    goals_total: int = 0
    key_terms: KeyTermsOut = Field(default_factory=KeyTermsOut)
    errors: ReportErrorsOut = Field(default_factory=ReportErrorsOut)
    interaction: InteractionOut = Field(default_factory=InteractionOut)
    criteria: list[CriterionOut] = []
    skills: dict[str, SkillBandOut] = {}
    evidence: FiEn | None = None
    next_steps: NextStepsOut = Field(default_factory=NextStepsOut)
    understanding: UnderstandingReportOut = Field(default_factory=UnderstandingReportOut)
    ending: EndingOut | None = None


class FinishOut(Schema):
    id: str
    finished: Literal[True]
    report: SessionReportOut | None


class TranscriptTurnOut(OpenSchema):
    seq: int
    role: Literal["learner", "partner"]
    kind: str
    text: str
    text_en: str | None = None
    node: str | None = None
    goals: list[str] = []
    feedback: list[IssueOut] = []
    notice: str | None = None
    intents: list[str] = []
    words: int = 0
    question: bool = False
    understanding: list[UnderstandingOut] = []
    text_standard: str | None = None


class SessionOut(OpenSchema):
    id: str
    scenario: str
    title: str
    level: str
    partner: str
    finished: bool
    created_at: str
    finished_at: str | None
    goals: list[GoalStatusOut]
    transcript: list[TranscriptTurnOut]
    report: SessionReportOut


class SessionSummaryOut(Schema):
    id: str
    scenario: str
    task: str
    level: str
    finished: bool
    created_at: str
    goals_reached: int | None = None
    goals_total: int | None = None


class SessionListOut(Schema):
    sessions: list[SessionSummaryOut]
