"""The schema of a situation-kind template (simulations/templates/*.yaml).

A template is a scenario with slots. Text fields are lists of *alternatives*: the generator takes the
first alternative whose slots the profile can fill and whose Finnish the feedback engine passes, so
the last alternative of every list is written without slots (it always fills, and the template tests
check it). Slots: `{n1.Gen}` a key noun in a case (Nom Gen Par Ine Ela Ill Ade All), `{n1}` its
lemma, `{v1}` a key verb (infinitive), `{instruction}` / `{question}` / `{warning}` a short sentence
of that kind from the profile's texts, `{name}` the partner's name, `{title}` the profile's title.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from finnish.yamlio import load_yaml
from simulations.scenario import Intent

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LineVariant(_Strict):
    """One way to say a line, at every level, with its English."""

    A1: str
    A2: str
    B1: str
    B2: str
    en: str


class HintVariant(_Strict):
    A2: str
    en: str


class PhraseTemplate(_Strict):
    fi: str
    en: str


class PersonTemplate(_Strict):
    role: str
    role_en: str
    name: str | None = None
    persona: str = ""


class GoalTemplate(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_\-]+$")
    description: list[PhraseTemplate] = Field(min_length=1)  # alternatives, each with its English
    examples: list[list[str]] = Field(min_length=2, max_length=4)  # each example: its alternatives
    lemmas: list[str] = Field(default_factory=list)  # plain lemmas or slots ("{n1}")
    intents: list[Intent] = Field(default_factory=list)
    required: bool = True


class NodeTemplate(_Strict):
    id: str
    say: list[LineVariant] = Field(min_length=1)
    simpler: list[LineVariant] = Field(default_factory=list)
    hint: list[HintVariant] = Field(default_factory=list)
    expects: list[str] = Field(default_factory=list)
    next: str | None = None
    end: bool = False


class SituationTemplate(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    situations: list[str] = Field(min_length=1)  # profile situation ids this template serves ("*": any)
    priority: int = 50  # lower first, when several templates serve one situation
    requires_any: list[str] = Field(default_factory=list)  # lemmas; one must be a key term of the profile
    kind: str = "face_to_face"
    problem: bool = False
    title: str
    title_en: str
    partner: PersonTemplate
    learner: PersonTemplate
    setting: list[PhraseTemplate] = Field(min_length=1)
    phrases: list[PhraseTemplate] = Field(default_factory=list)
    goals: list[GoalTemplate] = Field(min_length=1)
    start: str
    nodes: list[NodeTemplate] = Field(min_length=1)
    redirect: list[LineVariant] = Field(min_length=1)


def load_template(path: Path) -> SituationTemplate:
    return SituationTemplate.model_validate(load_yaml(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=4)
def load_templates(directory: Path = TEMPLATE_DIR) -> tuple[SituationTemplate, ...]:
    """Every template, by priority (the first one listing a situation serves it)."""
    return tuple(sorted((load_template(p) for p in sorted(directory.glob("*.yaml"))), key=lambda t: t.priority))
