"""Response schemas of the search routes (`/api/v1/search`, `/api/v1/qualifications`)."""

from __future__ import annotations

from datetime import date

from corpora.qualifications import AssessmentTarget, RequirementGroup
from service.core.schemas import Schema


class UnitHitOut(Schema):
    qualification: str
    qualification_name: str
    unit_code: str
    unit_name: str
    score: float
    snippet: str
    matches: list[str] = []


class NoteOut(Schema):
    qualification_name: str
    message: str
    message_en: str
    import_command: str


class SearchOut(Schema):
    query: str
    results: list[UnitHitOut]
    notes: list[NoteOut]


class QualificationOut(Schema):
    id: str
    name: str
    diary_number: str
    units: int
    valid_from: str | None
    valid_until: str | None


class QualificationListOut(Schema):
    qualifications: list[QualificationOut]


class UnitOut(Schema):
    """`corpora.qualifications.Unit` with its requirements also as one flat list."""

    code: str
    name: str
    credits: float | None = None
    format: str
    requirement_groups: list[RequirementGroup] = []
    assessment: list[AssessmentTarget] = []
    demonstration: str = ""
    requirements: list[str]  # every requirement of every group, in order


class UnitRecordOut(Schema):
    qualification: str
    qualification_name: str
    diary_number: str
    valid_from: date | None
    valid_until: date | None
    unit: UnitOut
