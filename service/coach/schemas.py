"""Response schemas of the coach routes: participants, evidence, readiness, history, plan and
recommendations.

The recommendation shapes are `OpenSchema`: their fields are declared, and fields added by the
recommendation service that the schema does not name yet pass through instead of being dropped."""

from __future__ import annotations

from pydantic import Field

from service.core.schemas import FiEn, OpenSchema, Schema


class CoachRefOut(Schema):
    id: int
    name: str
    role: str


class ParticipantOut(Schema):
    id: int
    name: str
    user_id: int | None
    languages: list[str]
    target_tasks: list[str]
    work_trial_place: str
    work_trial_tasks: list[str]
    self_assessment: dict[str, str]
    teacher_assessment: dict[str, str]
    coaches: list[CoachRefOut] = []
    created_at: str = ""
    updated_at: str = ""


class ParticipantListOut(Schema):
    participants: list[ParticipantOut]


class EvidenceOut(Schema):
    id: int
    kind: str
    source: str
    task: str
    recorded_at: str
    data: dict[str, object] = Field(description="What is kept of the evidence: level, goals, errors by category, "
                                                "terms used (never a written text itself)")


# -- readiness --------------------------------------------------------------------------------------

class SkillReadinessOut(Schema):
    status: str = Field(description="ready | almost | not_yet | not_enough_evidence")
    estimate: str | None
    score: float | None
    target: str | None
    evidence_count: int
    confidence: str
    self_assessment: str | None = None
    teacher_assessment: str | None = None
    reasons: list[FiEn]


class VocabularyCoverageOut(OpenSchema):
    covered: int
    total: int
    share: float | None
    used: list[str]
    missing: list[str]


class GoalCompletionOut(Schema):
    simulations: int
    reached: int
    total: int
    share: float | None


class TaskReadinessOut(OpenSchema):
    task: str
    title: str
    has_profile: bool
    status: str
    skills: dict[str, SkillReadinessOut]
    confidence: str
    vocabulary: VocabularyCoverageOut
    goals: GoalCompletionOut


class SkillEstimateOut(Schema):
    skill: str
    estimate: str | None
    score: float | None
    evidence_count: int
    self_assessment: str | None = None
    teacher_assessment: str | None = None
    sources: dict[str, int] = {}


class ErrorCountOut(Schema):
    category: str
    count: int


class ReadinessOut(OpenSchema):
    participant: int
    name: str
    evidence_count: int
    confidence: str
    summary: FiEn
    tasks: list[TaskReadinessOut]
    estimates: dict[str, SkillEstimateOut]
    errors: list[ErrorCountOut]


class HistoryPointOut(Schema):
    at: str
    kind: str
    task: str
    speaking: float | None = None
    listening: float | None = None
    reading: float | None = None
    writing: float | None = None
    interaction: float | None = None
    goal_share: float | None = None


class HistoryOut(Schema):
    history: list[HistoryPointOut]


# -- plan -------------------------------------------------------------------------------------------

class TargetSituationOut(Schema):
    id: str
    label: str
    label_en: str
    level: str


class TargetReasonOut(Schema):
    skill: str
    target: str
    situations: list[TargetSituationOut] = Field(description="The task's situations that need the target level")
    lower: list[TargetSituationOut] = Field(description="The skill's other situations (a lower level is enough)")
    why: FiEn


class FocusOut(Schema):
    task: str
    skill: str
    status: str
    estimate: str | None
    target: str | None
    why: FiEn
    target_reason: TargetReasonOut | None = None


class PlanScenarioOut(Schema):
    id: str
    title: str
    task: str
    level: str
    why: FiEn
    due: str
    repeat: bool = False


class PlanWordOut(Schema):
    lemma: str
    task: str
    due: str


class PlanPhraseOut(Schema):
    text: str
    task: str
    due: str


class PlanStepOut(Schema):
    due: str
    kind: str
    fi: str
    en: str


class TailoringReasonOut(Schema):
    kind: str
    fi: str
    en: str


class ExplanationsOut(Schema):
    language: str
    mode: str
    plain_finnish_first: bool


class PlanTailoringOut(Schema):
    """What the intake changed in the plan, each change with its reason (`applied` false: no intake)."""

    applied: bool
    sessions_per_week: float
    interval_days: int
    session_minutes: int
    repeat_scenarios: bool
    words_per_batch: int
    practice_level: str | None
    explanations: ExplanationsOut
    reasons: list[TailoringReasonOut]


class PlanOut(Schema):
    participant: int
    name: str
    start: str
    review: str
    updated_at: str | None
    based_on_evidence: int
    focus: list[FocusOut]
    scenarios: list[PlanScenarioOut]
    words: list[PlanWordOut]
    phrases: list[PlanPhraseOut]
    steps: list[PlanStepOut]
    tailoring: PlanTailoringOut | None = None


# -- recommendations ---------------------------------------------------------------------------------

class SupportedCriterionOut(OpenSchema):
    target: str
    criterion: str
    because: FiEn


class LanguageDemandsOut(OpenSchema):
    skills: list[str]
    text_level: str | None
    target: str | None
    communication: list[str]
    note: FiEn | None = None


class UnitSkillReadinessOut(OpenSchema):
    status: str
    estimate: str | None
    target: str | None
    evidence_count: int


class LanguageReadinessOut(OpenSchema):
    status: str
    skills: dict[str, UnitSkillReadinessOut]
    evidence_count: int
    reasons: list[FiEn]


class RecommendationOut(OpenSchema):
    qualification: str
    qualification_name: str
    unit_code: str
    unit_name: str
    score: float
    matched_tasks: list[str]
    demonstration: str
    demonstration_note: FiEn | None = None
    requirements: list[str]
    supported_criteria: list[SupportedCriterionOut]
    language_demands: LanguageDemandsOut
    language_readiness: LanguageReadinessOut
    source: str


class NotInCorpusOut(OpenSchema):
    name: str
    name_en: str | None = None
    import_command: str
    note: FiEn | None = None


class RecommendationsOut(OpenSchema):
    participant: int | None
    work_trial_tasks: list[str]
    recommendations: list[RecommendationOut]
    not_in_corpus: list[NotInCorpusOut]
    note: FiEn | None = None
