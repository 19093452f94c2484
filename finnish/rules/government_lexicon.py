"""The government lexicon (`finnish/data/government.yaml`) and the place adverbs
(`place_adverbs.yaml`) as validated models: the data the government rule reads. Each entry names
the case a word wants for its complement, the other right cases, and the cases that are certainly
wrong (`trigger`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from finnish.yamlio import load_yaml

LEXICON = Path(__file__).resolve().parent.parent / "data" / "government.yaml"
PLACE_ADVERBS = Path(__file__).resolve().parent.parent / "data" / "place_adverbs.yaml"
CaseName = Literal["Nom", "Gen", "Par", "Ine", "Ela", "Ill", "Ade", "Abl", "All", "Ess", "Tra"]


class GovernmentEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lemma: str = Field(min_length=1)
    pos: Literal["VERB", "ADJ", "NOUN"]
    case: CaseName
    alt: list[CaseName] = Field(default_factory=list)
    role: Literal["complement", "destination", "location", "source", "recipient", "object"]
    trigger: list[CaseName] = Field(default_factory=lambda: ["Nom"])  # type: ignore[arg-type]
    transitive: bool = False
    certain: bool = True
    meaning: str = Field(min_length=1)
    example: str = Field(min_length=3)
    example_en: str = Field(min_length=3)

    @field_validator("trigger")
    @classmethod
    def _trigger_is_wrong(cls, value: list[str], info: object) -> list[str]:
        data = getattr(info, "data", {})
        right = {data.get("case"), *data.get("alt", [])}
        if right & set(value):
            raise ValueError("a trigger case cannot also be a right case")
        return value

    @property
    def right_cases(self) -> set[str]:
        return {self.case, *self.alt}


class GovernmentLexicon(BaseModel):
    entries: list[GovernmentEntry] = Field(min_length=80)

    def for_lemma(self, lemma: str, pos: str) -> list[GovernmentEntry]:
        return [e for e in self.entries if e.lemma == lemma and e.pos == pos]


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON) -> GovernmentLexicon:
    return GovernmentLexicon(entries=load_yaml(path.read_text(encoding="utf-8")))


class PlaceAdverb(BaseModel):
    model_config = ConfigDict(extra="forbid")

    where: str = Field(min_length=2)
    to: str = Field(min_length=2)
    from_: str = Field(min_length=2, alias="from")


@lru_cache(maxsize=1)
def load_place_adverbs(path: Path = PLACE_ADVERBS) -> dict[str, PlaceAdverb]:
    items = [PlaceAdverb.model_validate(x) for x in load_yaml(path.read_text(encoding="utf-8"))]
    return {a.where: a for a in items}
