"""The dialogue of a scenario: the goals the learner should reach and how a turn is recognised as
reaching them, the facts a step states, the fact sheet for the learner's questions, and the steps of
the dialogue graph with their (conditional) continuations."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from simulations.lines import Line, StrictModel

Intent = Literal["greeting", "question", "thanks", "apology", "confirm", "request", "farewell"]


class Goal(StrictModel):
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


class Fact(StrictModel):
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


class Answer(StrictModel):
    """One entry of the fact sheet: a learner question about `about` gets `say`, in role."""

    id: str = Field(pattern=r"^[a-z0-9_\-]+$")
    about: list[str] = Field(min_length=1)  # lemmas the question names (siivouskomero, tauko …)
    examples: list[str] = Field(default_factory=list)  # questions it answers
    say: Line


class Route(StrictModel):
    """A conditional continuation: go `to` when the conditions hold (no condition = otherwise)."""

    to: str
    goal: str | None = None  # this goal has been reached
    not_goal: str | None = None  # this goal has not been reached
    intent: Intent | None = None  # the learner's last turn showed this intent

    def holds(self, reached: list[str], intents: list[str]) -> bool:
        return ((self.goal is None or self.goal in reached) and (self.not_goal is None or self.not_goal not in reached)
                and (self.intent is None or self.intent in intents))


class Node(StrictModel):
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
