"""The scenario schema: one workplace conversation as data (YAML in simulations/scenarios/).

A scenario names the task profile it belongs to, who the partner and the learner are, the goals
the learner should reach (and how each goal is recognised), useful phrases, the partner's lines in
level variants A1–B2 (A1–A2 in plain Finnish), a dialogue graph for the scripted partner and a
rubric. Partners (scripted or LLM) and the session engine read only this model.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator
from typing_extensions import TypedDict

from simulations.dialogue import Answer as Answer
from simulations.dialogue import Fact as Fact
from simulations.dialogue import Goal as Goal
from simulations.dialogue import Intent as Intent
from simulations.dialogue import Node as Node
from simulations.lines import LEVELS as LEVELS
from simulations.lines import Level as Level
from simulations.lines import Line as Line
from simulations.lines import Person as Person
from simulations.lines import Phrase as Phrase
from simulations.lines import StrictModel

# The parts live in simulations.lines (texts, people) and simulations.dialogue (goals, facts, graph);
# they are re-exported here, so a reader imports the whole schema from one place.
Skill = Literal["speaking", "listening", "interaction"]
Measure = Literal["goals", "vocabulary", "accuracy", "range", "interaction", "listening"]


class ScenarioSummary(TypedDict):
    """The listing entry of a scenario (`GET /api/v1/scenarios`)."""

    id: str
    title: str
    title_en: str
    task: str
    sector: str
    kind: str
    problem: bool
    levels: list[Level]
    profile: int | None
    profile_version: int | None


class Criterion(StrictModel):
    id: str
    name: str  # Finnish
    name_en: str
    skill: Skill
    measure: Measure


class ProfileGrounding(StrictModel):
    """What a scenario bound to a stored profile reads from that profile, copied from the profile
    version it names when the scenario is saved: a later edit of the profile does not change it."""

    key_terms: list[str] = Field(default_factory=list)  # the profile's strongest key terms (for the report)
    phrases: list[str] = Field(default_factory=list)  # phrases of the texts (LLM grounding)
    texts: list[str] = Field(default_factory=list)  # example sentences of the texts (LLM grounding)


class Scenario(StrictModel):
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

    def goal(self, goal_id: str) -> Goal:
        for g in self.goals:
            if g.id == goal_id:
                return g
        raise KeyError(goal_id)

    def summary(self) -> ScenarioSummary:
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
