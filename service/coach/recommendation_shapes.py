"""The shapes of recommended competence demonstrations (service/coach/recommendations.py): JSON
objects with named keys, checked by mypy; `schemas.RecommendationsOut` describes them on the wire."""

from __future__ import annotations

from typing import TypedDict

from service.coach.plan_shapes import FiEnData


class EvidenceRef(TypedDict):
    id: int
    kind: str
    source: str | None
    task: str | None
    recorded_at: str


class SupportedCriterion(TypedDict):
    target: str
    criterion: str
    because: FiEnData
    evidence: list[EvidenceRef]


class LanguageDemands(TypedDict):
    skills: list[str]
    text_level: str
    target: str | None
    communication: list[str]
    note: FiEnData


class SkillReadinessRow(TypedDict):
    status: str
    estimate: str | None
    target: str | None
    evidence_count: int


class LanguageReadiness(TypedDict):
    status: str
    skills: dict[str, SkillReadinessRow]
    evidence_count: int
    reasons: list[FiEnData]


class FitData(TypedDict):
    name: str
    qualification: str | None
    in_corpus: bool
    field: FiEnData
    matched_words: list[str]
    strength: float


class MissingQualification(TypedDict, total=False):
    name: str
    name_en: str
    import_command: str
    note: FiEnData


class Recommendation(TypedDict):
    qualification: str
    qualification_name: str
    unit_code: str
    unit_name: str
    score: float
    relevance: float
    strength: str
    strength_label: FiEnData
    matched_tasks: list[str]
    why: list[str]
    demonstration: str
    demonstration_note: FiEnData | None
    requirements: list[str]
    supported_criteria: list[SupportedCriterion]
    language_demands: LanguageDemands
    language_readiness: LanguageReadiness
    source: str


class RecommendationsData(TypedDict):
    participant: int | None
    work_trial_tasks: list[str]
    message: FiEnData
    qualification_fit: list[FitData]
    not_in_corpus: list[MissingQualification]
    recommendations: list[Recommendation]
    note: FiEnData
