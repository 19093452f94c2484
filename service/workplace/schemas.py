"""Request and response shapes of the workplace routes: mentors and consent, observations, intake,
portfolio links."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from service.core.schemas import FiEn, OpenSchema, Schema

Text = Annotated[str, Field(pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$")]
Result = Literal["managed", "with_help", "not_yet"]
Level = Literal["A1", "A2", "B1", "B2", "C1", "C2"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- mentors ---------------------------------------------------------------------------------------
class MentorIn(Strict):
    user: Annotated[Text, Field(min_length=1, max_length=200, description="The mentor's user name")]
    target: Annotated[Text, Field(min_length=1, max_length=200, description="One of the participant's target tasks")]
    consent: bool = Field(description="The participant's recorded consent; must be true")


class MentorOut(Schema):
    id: int
    user: str
    target: str
    created_at: str = ""
    withdrawn_at: str | None = None


class MentorListOut(Schema):
    mentors: list[MentorOut]


class ProgressOut(OpenSchema):
    sessions: int
    status: str
    skills: dict[str, str | None]
    words_known: int
    words_total: int
    observations: int


class MentorParticipantOut(OpenSchema):
    id: int
    name: str
    target: str
    title: str
    goals: list[str]
    progress: ProgressOut


class MentorParticipantsOut(Schema):
    participants: list[MentorParticipantOut]


class PacketOut(OpenSchema):
    title: str
    situations: list[dict[str, object]]
    key_terms: list[str]
    phrases: list[str]
    skills: dict[str, str | None]


class MentorViewOut(MentorParticipantOut):
    packet: PacketOut
    note: FiEn


# -- observations ----------------------------------------------------------------------------------
class ObservationIn(Strict):
    target: Annotated[Text, Field(min_length=1, max_length=200)]
    situation: Annotated[Text, Field(min_length=1, max_length=100, description="A situation of the task profile")]
    result: Result
    note: Annotated[Text, Field(max_length=500)] = ""
    date: dt.date | None = Field(default=None, description="When it was seen (default: today)")


class ObservationOut(Schema):
    id: int
    target: str
    situation: str
    situation_label: str = ""
    result: str
    note: str
    date: str
    mentor: str | None = None


class ObservationListOut(Schema):
    observations: list[ObservationOut]


# -- intake ----------------------------------------------------------------------------------------
class LanguageIn(Strict):
    language: Annotated[Text, Field(min_length=1, max_length=60)]
    level: Annotated[Text, Field(max_length=30, description="e.g. native, C1, B2, a little")] = ""


class IntakeIn(Strict):
    languages: list[LanguageIn] = Field(default_factory=list, max_length=12)
    education: list[Annotated[Text, Field(max_length=300)]] = Field(default_factory=list, max_length=20)
    work_history: list[Annotated[Text, Field(max_length=300)]] = Field(default_factory=list, max_length=30)
    prior_competence: list[Annotated[Text, Field(max_length=300)]] = Field(default_factory=list, max_length=30)
    self_assessment: dict[Literal["speaking", "listening", "reading", "writing", "interaction"], Level] = Field(
        default_factory=dict)
    support_needs: list[Annotated[Text, Field(max_length=300)]] = Field(default_factory=list, max_length=20)
    goals: list[Annotated[Text, Field(max_length=300)]] = Field(default_factory=list, max_length=20)
    notes: Annotated[Text, Field(max_length=2000)] = ""


class IntakeOut(OpenSchema):
    participant: int
    intake: dict[str, object]
    tailoring: dict[str, object]
    updated_at: str | None = None


# -- portfolio -------------------------------------------------------------------------------------
Section = Literal["tasks", "skills", "words", "observations", "units"]


class LinkIn(Strict):
    days: int = Field(default=30, ge=1, le=365, description="How many days the link works")
    include: list[Section] | None = Field(default=None, description="The parts shown (default: all)")


class LinkOut(Schema):
    id: int
    url: str
    expires: str
    include: list[str]
    revoked: bool = False


class LinkListOut(Schema):
    links: list[LinkOut]


class PortfolioTaskOut(Schema):
    task: str
    title: str
    practised: int
    status: str


class PortfolioSkillOut(Schema):
    skill: str
    name: str
    name_en: str
    level: str | None
    evidence_count: int
    evidence: dict[str, int] = Field(description="kind of evidence (in Finnish) → how many")


class PortfolioObservationOut(ObservationOut):
    result_fi: str
    result_en: str


class PortfolioUnitOut(Schema):
    qualification_name: str
    unit_code: str
    unit_name: str
    criteria: list[str]


class PortfolioOut(Schema):
    """Only the sections named in `include` are present."""

    participant: int
    name: str
    include: list[str]
    made_at: str
    tasks: list[PortfolioTaskOut] | None = None
    skills: list[PortfolioSkillOut] | None = None
    words: list[str] | None = None
    observations: list[PortfolioObservationOut] | None = None
    units: list[PortfolioUnitOut] | None = None
