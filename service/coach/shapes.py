"""The shapes the coach services hand each other and the routes: readiness per task and skill,
history, the heatmap overview, and what they read of a task profile. They are TypedDicts (JSON
objects with named keys), so the plan, the report and the UI read them as before while mypy checks
every key; the routes' pydantic schemas (`schemas.py`) describe the same objects on the wire."""

from __future__ import annotations

from typing import TypedDict

FiEnText = dict[str, str]  # {"fi": …, "en": …}: `readiness.reason`, kept a plain dict for its many callers


# -- what readiness reads of a task profile (finnish.profile.TaskProfile as JSON) ---------------------
class KeyTermData(TypedDict, total=False):
    lemma: str
    keyness: float


class SkillTargetData(TypedDict, total=False):
    cefr: str
    why: str
    why_en: str


class SituationData(TypedDict, total=False):
    id: str
    label: str
    label_en: str
    skills: list[str]


class PhraseData(TypedDict, total=False):
    text: str
    kind: str


class ProfileData(TypedDict, total=False):
    title: str
    key_terms: list[KeyTermData]
    skills: dict[str, SkillTargetData]
    situations: list[SituationData]
    phrases: list[PhraseData | str]


# -- readiness ------------------------------------------------------------------------------------
class SkillReadiness(TypedDict):
    status: str
    estimate: str | None
    score: float | None
    target: str | None
    evidence_count: int
    confidence: str
    self_assessment: str | None
    teacher_assessment: str | None
    reasons: list[FiEnText]


class VocabularyCoverage(TypedDict):
    covered: int
    total: int
    share: float | None
    used: list[str]
    missing: list[str]
    from_cards: list[str]


class GoalCompletion(TypedDict):
    simulations: int
    reached: int
    total: int
    share: float | None


class ObservationNote(TypedDict):
    situation: str
    result: str
    recorded_at: str


class WorkplaceObservations(TypedDict):
    count: int
    managed: int
    with_help: int
    not_yet: int
    latest: list[ObservationNote]


class TaskReadiness(TypedDict):
    task: str
    title: str
    has_profile: bool
    status: str
    skills: dict[str, SkillReadiness]
    confidence: str
    vocabulary: VocabularyCoverage
    goals: GoalCompletion
    observations: WorkplaceObservations


class SkillEstimateData(TypedDict):
    skill: str
    estimate: str | None
    score: float | None
    evidence_count: int
    self_assessment: str | None
    teacher_assessment: str | None
    sources: dict[str, int]


class ErrorCount(TypedDict):
    category: str
    count: int


class Readiness(TypedDict):
    participant: int
    name: str
    evidence_count: int
    confidence: str
    summary: FiEnText
    tasks: list[TaskReadiness]
    estimates: dict[str, SkillEstimateData]
    errors: list[ErrorCount]


class HistoryPoint(TypedDict):
    at: str
    kind: str
    task: str
    speaking: float | None
    listening: float | None
    reading: float | None
    writing: float | None
    interaction: float | None
    goal_share: float | None


class OverviewTask(TypedDict):
    task: str
    title: str
    status: str
    skills: dict[str, str]


class OverviewRow(TypedDict):
    id: int
    name: str
    evidence_count: int
    tasks: list[OverviewTask]

