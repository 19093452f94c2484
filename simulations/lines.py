"""The text pieces of a scenario: a partner line in level variants (A1–B2, with English and, in
spoken register, the standard form), the people in the conversation and the useful phrases."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from finnish.labels import PRACTICE_LEVELS, PracticeLevel

Level = PracticeLevel
LEVELS: tuple[Level, ...] = PRACTICE_LEVELS


class StrictModel(BaseModel):
    """Scenario data: unknown fields are an error (a typo in YAML is caught), and it never changes."""


    model_config = ConfigDict(extra="forbid", frozen=True)


class Line(StrictModel):
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


class Person(StrictModel):
    role: str  # Finnish, e.g. "esihenkilö"
    role_en: str
    name: str | None = None
    persona: str = ""  # how the partner talks and behaves (for the LLM partner and for authors)


class Phrase(StrictModel):
    fi: str
    en: str
