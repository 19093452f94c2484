"""The shape of a session report (`simulations.report.build_report`) and of the goal list a turn
answers. A report is stored with the session as JSON and read back by the coach and the vocabulary
cards, so its parts are TypedDicts: plain dicts at run time, named shapes for the type checker. The
API's pydantic schemas (service/practice/schemas.py) describe the same JSON for readers of older
reports, with defaults for parts added later."""

from __future__ import annotations

from typing import NotRequired

from typing_extensions import TypedDict  # pydantic needs this one on Python 3.11

from simulations.scenario import Level


class FiEn(TypedDict):
    fi: str
    en: str


class Phrase(TypedDict):
    fi: str
    en: str


class GoalStatus(TypedDict):
    id: str
    description: str
    description_en: str
    required: bool
    reached: bool


class Misread(TypedDict):
    """A fact the learner got wrong (simulations.goals.Misunderstanding); in a report also the turn."""

    goal: str
    fact: str
    said: str
    expected: str
    turn: NotRequired[str]


class Criterion(TypedDict):
    id: str
    name: str
    name_en: str
    skill: str
    measure: NotRequired[str]  # missing when there were no turns to measure
    band: Level | None
    reasons: list[FiEn]


class SkillBand(TypedDict):
    cefr: Level
    why: str


class ErrorExample(TypedDict):
    turn: str
    words: str
    message: str
    message_en: str
    suggestions: list[str]


class ErrorCategory(TypedDict):
    category: str
    count: int
    examples: list[ErrorExample]


class Errors(TypedDict):
    total: int
    per_100_words: float
    by_category: list[ErrorCategory]


class NextGoal(TypedDict):
    id: str
    description: str
    description_en: str
    example: str


class NextScenario(TypedDict):
    id: str
    title: str
    level: Level
    why: FiEn


class NextSteps(TypedDict):
    goals: list[NextGoal]
    words: list[str]
    phrases: list[Phrase]
    categories: list[str]
    scenarios: list[NextScenario]


class Understanding(TypedDict):
    title: str
    title_en: str
    misunderstood: list[Misread]
    summary: FiEn


class Ending(TypedDict):
    node: str
    outcome: str
    outcome_en: str
    of: int  # how many ends the scenario has


class KeyTerms(TypedDict):
    used: list[str]
    not_used: list[str]
    profile_used: list[str]
    profile_size: int


class Interaction(TypedDict):
    learner_turns: int
    words: int
    mean_turn_words: float
    longest_turn_words: int
    questions: int
    repair_requests: int
    redirected_turns: int
    hints: int


class Report(TypedDict):
    version: int
    scenario: str
    title: str
    title_en: str
    task: str
    sector: str
    level: Level
    partner: str
    finished: bool
    finished_reason: str | None
    goals: list[GoalStatus]
    goals_reached: int
    goals_total: int
    understanding: Understanding
    ending: Ending | None
    key_terms: KeyTerms
    errors: Errors
    interaction: Interaction
    criteria: list[Criterion]
    skills: dict[str, SkillBand]
    evidence: FiEn
    next_steps: NextSteps
