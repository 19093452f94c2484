"""The shapes of the progress plan (service/coach/plan.py): JSON objects with named keys, checked by
mypy; the route's schema (`schemas.PlanOut`) describes the same objects on the wire."""

from __future__ import annotations

from typing import TypedDict


class FiEnData(TypedDict):
    fi: str
    en: str


class ScenarioSummary(TypedDict, total=False):
    """A scenario of a task as the scenario library lists it."""

    id: str
    title: str
    task: str
    levels: list[str]


class TailoringReason(TypedDict):
    kind: str  # pace | session | support | explanations | level | prior
    fi: str
    en: str


class ExplanationsData(TypedDict):
    language: str
    mode: str  # default | gloss | plain | llm
    plain_finnish_first: bool


class TailoringData(TypedDict):
    applied: bool
    sessions_per_week: float
    interval_days: int
    session_minutes: int
    repeat_scenarios: bool
    words_per_batch: int
    practice_level: str | None
    explanations: ExplanationsData
    reasons: list[TailoringReason]


class TargetSituation(TypedDict):
    id: str
    label: str
    label_en: str
    level: str


class TargetReason(TypedDict):
    """Why a skill's target is what it is: the situations of the task that need that level."""

    skill: str
    target: str
    situations: list[TargetSituation]  # the situations that need the target level
    lower: list[TargetSituation]  # the task's other situations of this skill (a lower level is enough)
    why: FiEnData


class FocusItem(TypedDict):
    task: str
    skill: str
    status: str
    estimate: str | None
    target: str | None
    why: FiEnData
    target_reason: TargetReason | None


class PlanScenario(TypedDict):
    id: str
    title: str
    task: str
    level: str
    why: FiEnData
    due: str
    repeat: bool


class PlanWord(TypedDict):
    lemma: str
    task: str
    due: str


class PlanPhrase(TypedDict):
    text: str
    task: str
    due: str


class PlanStep(TypedDict):
    due: str
    kind: str
    fi: str
    en: str


class PlanData(TypedDict):
    participant: int
    name: str
    start: str
    review: str
    updated_at: str | None
    based_on_evidence: int
    focus: list[FocusItem]
    scenarios: list[PlanScenario]
    words: list[PlanWord]
    phrases: list[PlanPhrase]
    steps: list[PlanStep]
    tailoring: TailoringData
