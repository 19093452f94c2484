"""What the mentor service answers: a consent, an observation, the instructor packet of a task and
what a mentor sees of a participant (goals and progress). TypedDicts, described on the wire by the
pydantic schemas in `schemas.py`."""

from __future__ import annotations

from typing import TypedDict

from service.coach.shapes import FiEnText


class ConsentView(TypedDict):
    id: int
    user: str
    target: str
    created_at: str
    withdrawn_at: str | None


class ObservationView(TypedDict):
    id: int
    target: str
    situation: str
    situation_label: str
    result: str
    note: str
    date: str
    mentor: str | None


class Situation(TypedDict):
    id: str
    label: str
    label_en: str
    skills: list[str]


class Packet(TypedDict):
    """The instructor packet: what a mentor sees of the task's profile."""

    title: str
    situations: list[Situation]
    key_terms: list[str]
    phrases: list[str]
    skills: dict[str, str | None]


class Progress(TypedDict):
    sessions: int
    status: str
    skills: dict[str, str | None]
    words_known: int
    words_total: int
    observations: int


class MentorSummary(TypedDict):
    id: int
    name: str
    target: str
    title: str
    goals: list[str]
    progress: Progress


class MentorView(MentorSummary):
    packet: Packet
    note: FiEnText
