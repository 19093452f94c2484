"""The task-language profile: which Finnish one job task demands. Pydantic models shared by the
builder (finnish.profile_builder), storage and export (service/), and the simulations.

JSON shape (public contract): {title, key_terms:[{lemma,count,keyness,band,examples,...}],
phrases:[{text,kind,...}], grammar:[...], situations:[...],
skills:{speaking,listening,reading,writing,interaction:{cefr,why}}, texts:[{level,...}]}.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from finnish.labels import SKILL_NAMES as SKILL_NAMES  # the skills are named in finnish.labels (re-exported)
from finnish.labels import SKILLS as SKILLS
from finnish.labels import Skill as Skill

Cefr = Literal["A1", "A2", "B1", "B2", "C1", "C2"]
Band = Literal["common", "workplace", "specialised"]
PhraseKind = Literal["instruction", "request", "obligation", "question", "warning", "expression"]
BAND_NAMES: dict[str, tuple[str, str]] = {
    "common": ("yleinen sana", "common word"),
    "workplace": ("työelämän sana", "workplace word"),
    "specialised": ("ammattisana", "specialised term"),
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class KeyTerm(_Model):
    lemma: str = Field(min_length=1, max_length=200)
    count: int = Field(ge=0)
    keyness: float
    band: Band
    examples: list[str] = Field(default_factory=list)
    parts: list[str] = Field(default_factory=list, description="compound parts: siivous + vaunu")
    multiword: bool = False
    upos: str = ""
    zipf: float = Field(default=0.0, description="general-Finnish frequency (wordfreq Zipf)")


class Phrase(_Model):
    text: str = Field(min_length=1, max_length=400)
    kind: PhraseKind
    pattern: str = ""
    pattern_en: str = ""
    count: int = Field(default=1, ge=0)
    examples: list[str] = Field(default_factory=list)


class GrammarFocus(_Model):
    feature: str = Field(description="e.g. Case=Ill, Mood=Imp")
    name: str
    name_en: str
    count: int = Field(ge=0)
    share: float = Field(description="share in the texts (of nominals or of verbs)")
    reference_share: float = Field(description="share in general Finnish")
    ratio: float
    examples: list[str] = Field(default_factory=list)


class Situation(_Model):
    id: str = Field(min_length=1, max_length=80)
    label: str
    label_en: str = ""
    skills: list[Skill] = Field(default_factory=list)
    source: Literal["texts", "description", "given", "teacher"] = "texts"
    evidence: list[str] = Field(default_factory=list)


class SkillTarget(_Model):
    cefr: Cefr
    why: str = ""
    why_en: str = ""


class Skills(_Model):
    speaking: SkillTarget
    listening: SkillTarget
    reading: SkillTarget
    writing: SkillTarget
    interaction: SkillTarget


class TextLevel(_Model):
    level: Cefr
    title: str = ""
    kind: str = ""
    words: int = 0
    sentences: int = 0
    score: float = 0.0
    reliable: bool = True


class TaskProfile(_Model):
    title: str = Field(min_length=1, max_length=300)
    description: str = ""
    task_id: str | None = None
    key_terms: list[KeyTerm] = Field(default_factory=list)
    phrases: list[Phrase] = Field(default_factory=list)
    grammar: list[GrammarFocus] = Field(default_factory=list)
    situations: list[Situation] = Field(default_factory=list)
    skills: Skills
    texts: list[TextLevel] = Field(default_factory=list)
    notes: str = ""


class ProfileText(_Model):
    """One authentic workplace text given to the builder."""

    text: str
    title: str = ""
    kind: str = ""
