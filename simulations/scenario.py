"""The scenario schema: one workplace conversation as data (YAML in simulations/scenarios/).

A scenario names the task profile it belongs to, who the partner and the learner are, the goals
the learner should reach (and how each goal is recognised), useful phrases, the partner's lines in
level variants A1–B2 (A1–A2 in plain Finnish), a dialogue graph for the scripted partner and a
rubric. Partners (scripted or LLM) and the session engine read only this model.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from finnish.labels import PRACTICE_LEVELS, PracticeLevel

Level = PracticeLevel
LEVELS: tuple[Level, ...] = PRACTICE_LEVELS
Skill = Literal["speaking", "listening", "interaction"]
Intent = Literal["greeting", "question", "thanks", "apology", "confirm", "request", "farewell"]
Measure = Literal["goals", "vocabulary", "accuracy", "range", "interaction", "listening"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Line(_Strict):
    """One partner line in level variants. In YAML a plain string means the same line at every level.

    `text(level)` gives the requested variant, else the nearest easier one, else the nearest harder one.
    """

    A1: str | None = None
    A2: str | None = None
    B1: str | None = None
    B2: str | None = None
    en: str | None = None  # English beside the Finnish, for the learner
    standard: Line | None = None  # in a `register: spoken` scenario: the standard Finnish of each level

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"A2": value}
        return value

    @model_validator(mode="after")
    def _at_least_one(self) -> Line:
        if not any(getattr(self, lv) for lv in LEVELS):
            raise ValueError("a line needs a text for at least one level (A1, A2, B1 or B2)")
        return self

    def text(self, level: Level) -> str:
        i = LEVELS.index(level)
        order = list(reversed(LEVELS[: i + 1])) + list(LEVELS[i + 1 :])
        for lv in order:
            value = getattr(self, lv)
            if value:
                return str(value)
        raise AssertionError("unreachable: validated to have one level")

    def simplest(self) -> str:
        return self.text("A1")

    @property
    def levels(self) -> list[Level]:
        return [lv for lv in LEVELS if getattr(self, lv)]


class Person(_Strict):
    role: str  # Finnish, e.g. "esihenkilö"
    role_en: str
    name: str | None = None
    persona: str = ""  # how the partner talks and behaves (for the LLM partner and for authors)


class Goal(_Strict):
    """What the learner should get done, and how a turn is recognised as reaching it.

    Recognised when at least `min_lemmas` of `lemmas` occur in the turn (lemma or compound part) and,
    if `intents` are given, the turn shows one of them; or when the turn is close in meaning to one
    of the `examples` (embedding similarity).
    """

    id: str = Field(pattern=r"^[a-z0-9_\-]+$")
    description: str  # plain Finnish
    description_en: str
    examples: list[str] = Field(min_length=1)
    lemmas: list[str] = Field(default_factory=list)
    min_lemmas: int = Field(default=1, ge=1)
    intents: list[Intent] = Field(default_factory=list)
    required: bool = True
    # positive: a turn that negates the goal's words does not reach it; negative: the goal needs the
    # negation ("Se ei onnistu tänään."); any: polarity plays no part. Default: negative if every
    # example is negated, else positive.
    polarity: Literal["positive", "negative", "any"] | None = None


FactKind = Literal["number", "time", "day", "colour", "place", "item", "order", "equipment"]


class Fact(_Strict):
    """Something a node states that the learner must get right when a goal repeats or confirms it.

    number: `value` with an optional `unit` (lemma, e.g. kilo) and `about` (lemmas of what is counted);
    time: `value` "14:00"; day/colour/place/item/equipment: `value` a lemma, `accept` further lemmas
    that say the same, `instead` lemmas of wrong choices; order: `steps`, each a list of lemmas.
    `say` is how the partner states the right value in a correction ("kaksitoista kiloa kaalia").
    """

    id: str = Field(pattern=r"^[a-z0-9_\-]+$")
    kind: FactKind
    goal: str  # the goal that repeats or confirms this fact
    say: str
    value: str | float | None = None
    unit: str | None = None
    about: list[str] = Field(default_factory=list)
    accept: list[str] = Field(default_factory=list)
    instead: list[str] = Field(default_factory=list)
    steps: list[list[str]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _has_value(self) -> Fact:
        if self.kind == "order" and len(self.steps) < 2:
            raise ValueError(f"fact '{self.id}': an order needs at least two steps")
        if self.kind != "order" and self.value is None:
            raise ValueError(f"fact '{self.id}': a {self.kind} fact needs a value")
        if self.kind == "number" and not isinstance(self.value, (int, float)):
            raise ValueError(f"fact '{self.id}': a number fact needs a numeric value")
        return self


class Answer(_Strict):
    """One entry of the fact sheet: a learner question about `about` gets `say`, in role."""

    id: str = Field(pattern=r"^[a-z0-9_\-]+$")
    about: list[str] = Field(min_length=1)  # lemmas the question names (siivouskomero, tauko …)
    examples: list[str] = Field(default_factory=list)  # questions it answers
    say: Line


class Route(_Strict):
    """A conditional continuation: go `to` when the conditions hold (no condition = otherwise)."""

    to: str
    goal: str | None = None  # this goal has been reached
    not_goal: str | None = None  # this goal has not been reached
    intent: Intent | None = None  # the learner's last turn showed this intent

    def holds(self, reached: list[str], intents: list[str]) -> bool:
        return ((self.goal is None or self.goal in reached) and (self.not_goal is None or self.not_goal not in reached)
                and (self.intent is None or self.intent in intents))


class Phrase(_Strict):
    fi: str
    en: str


class Node(_Strict):
    """A step of the dialogue graph. The partner says `say`; the step waits for the learner to reach
    one of `expects` (goal ids), then moves to `branches[goal]` or `next`. A step with `end: true`
    closes the conversation after its line."""

    id: str
    say: Line
    simpler: Line | None = None  # said after a repair request; default: the A1 variant of `say`
    nudge: Line | None = None  # said when the learner's turn does not move the conversation on
    hint: Line | None = None  # what the learner could say now (Finnish, with `en`)
    expects: list[str] = Field(default_factory=list)
    branches: dict[str, str] = Field(default_factory=dict)
    next: str | list[Route] | None = None  # a node id, or routes tried in order
    end: bool = False
    facts: list[Fact] = Field(default_factory=list)
    outcome: str | None = None  # end nodes: how the conversation ended (Finnish), for the report
    outcome_en: str | None = None

    def targets(self) -> list[str]:
        if self.next is None:
            return list(self.branches.values())
        routes = [self.next] if isinstance(self.next, str) else [r.to for r in self.next]
        return list(self.branches.values()) + routes

    def continue_to(self, reached: list[str], intents: list[str]) -> str | None:
        if self.next is None or isinstance(self.next, str):
            return self.next
        return next((r.to for r in self.next if r.holds(reached, intents)), None)


class Criterion(_Strict):
    id: str
    name: str  # Finnish
    name_en: str
    skill: Skill
    measure: Measure


class ProfileGrounding(_Strict):
    """What a scenario bound to a stored profile reads from that profile, copied from the profile
    version it names when the scenario is saved: a later edit of the profile does not change it."""

    key_terms: list[str] = Field(default_factory=list)  # the profile's strongest key terms (for the report)
    phrases: list[str] = Field(default_factory=list)  # phrases of the texts (LLM grounding)
    texts: list[str] = Field(default_factory=list)  # example sentences of the texts (LLM grounding)


class Scenario(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str = Field(pattern=r"^[a-z0-9\-]+$")
    title: str
    title_en: str
    task: str  # workplace task id (corpora/tasks/<id>.yaml), or "profile:<id>" for a stored profile
    profile: int | None = Field(default=None, ge=1)  # the stored profile this scenario is bound to
    profile_version: int | None = Field(default=None, ge=1)  # ... at the version it was generated from
    grounding: ProfileGrounding | None = None  # that profile version's material (filled when saved)
    sector: str
    kind: Literal["face_to_face", "phone"] = "face_to_face"
    problem: bool = False  # a problem situation (fault, complaint, refusal), not routine talk
    setting: str
    setting_en: str
    partner: Person
    learner: Person
    goals: list[Goal] = Field(min_length=1)
    phrases: list[Phrase] = Field(default_factory=list)
    key_terms: list[str] = Field(default_factory=list)  # lemmas of the task profile this scenario practises
    levels: list[Level] = Field(default_factory=lambda: list(LEVELS))
    start: str
    nodes: list[Node] = Field(min_length=1)
    redirect: Line | None = None  # in-role way back to the topic
    answers: list[Answer] = Field(default_factory=list)  # the fact sheet for the learner's questions
    unknown_answer: Line | None = None  # in-role reply to a question the fact sheet cannot answer
    # YAML `register: spoken`: the partner's lines in everyday spoken Finnish, each with its standard form
    speech_register: Literal["standard", "spoken"] = Field(default="standard", alias="register")
    rubric: list[Criterion] = Field(min_length=1)
    max_turns: int = Field(default=20, ge=2, le=100)
    version: int = 1

    @model_validator(mode="after")
    def _graph_is_consistent(self) -> Scenario:
        node_ids = [n.id for n in self.nodes]
        if len(set(node_ids)) != len(node_ids):
            raise ValueError("node ids must be unique")
        goal_ids = {g.id for g in self.goals}
        if len(goal_ids) != len(self.goals):
            raise ValueError("goal ids must be unique")
        if self.start not in node_ids:
            raise ValueError(f"start node '{self.start}' is not among the nodes")
        for n in self.nodes:
            for g in n.expects:
                if g not in goal_ids:
                    raise ValueError(f"node '{n.id}' expects unknown goal '{g}'")
            for g, target in n.branches.items():
                if g not in goal_ids or target not in node_ids:
                    raise ValueError(f"node '{n.id}' has a branch to an unknown goal or node: {g} → {target}")
            for target in n.targets():
                if target not in node_ids:
                    raise ValueError(f"node '{n.id}' continues to unknown node '{target}'")
            for route in n.next if isinstance(n.next, list) else []:
                for cond in (route.goal, route.not_goal):
                    if cond is not None and cond not in goal_ids:
                        raise ValueError(f"node '{n.id}' has a route on unknown goal '{cond}'")
            for fact in n.facts:
                if fact.goal not in goal_ids:
                    raise ValueError(f"node '{n.id}': fact '{fact.id}' is checked by unknown goal '{fact.goal}'")
            if not n.end and n.next is None and not n.branches:
                raise ValueError(f"node '{n.id}' is neither an end nor continues anywhere")
        if (self.profile is None) != (self.profile_version is None):
            raise ValueError("a scenario bound to a profile names both profile and profile_version")
        if not any(n.end for n in self.nodes):
            raise ValueError("the dialogue graph needs at least one end node")
        return self

    def node(self, node_id: str) -> Node:
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)

    def facts_of(self, goal_id: str) -> list[Fact]:
        return [f for n in self.nodes for f in n.facts if f.goal == goal_id]

    def goal(self, goal_id: str) -> Goal:
        for g in self.goals:
            if g.id == goal_id:
                return g
        raise KeyError(goal_id)

    def summary(self) -> dict[str, Any]:
        """The listing entry of `GET /api/v1/scenarios`."""
        return {
            "id": self.id,
            "title": self.title,
            "title_en": self.title_en,
            "task": self.task,
            "sector": self.sector,
            "kind": self.kind,
            "problem": self.problem,
            "levels": list(self.levels),
            "profile": self.profile,
            "profile_version": self.profile_version,
        }
