"""Chunks of the qualification corpus: one per skill requirement and one per assessment target."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from corpora.qualifications import Qualification


@dataclass(frozen=True, slots=True)
class Chunk:
    id: int
    qualification: str  # qualification id
    qualification_name: str
    unit_code: str
    unit_name: str
    kind: str  # "requirement" | "assessment"
    text: str  # what the snippet shows: the requirement or the assessment target with its criteria

    @property
    def index_text(self) -> str:
        """The text that is indexed: the unit's name gives every chunk its context."""
        return f"{self.unit_name}. {self.text}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Chunk:
        return cls(**data)


def _assessment_text(target: str, criteria: list[str]) -> str:
    return f"{target}: {' '.join(criteria)}" if criteria else target


def build_chunks(qualifications: Iterable[Qualification]) -> list[Chunk]:
    chunks: list[Chunk] = []

    def add(q: Qualification, code: str, name: str, kind: str, text: str) -> None:
        text = " ".join(text.split())
        if text:
            chunks.append(Chunk(len(chunks), str(q.id), q.name, code, name, kind, text))

    for q in qualifications:
        for u in q.units:
            for r in u.requirements:
                add(q, u.code, u.name, "requirement", r)
            for t in u.assessment:
                # the middle level describes the expected work best; the first level if there is one only
                level = t.levels[len(t.levels) // 2] if t.levels else None
                add(q, u.code, u.name, "assessment", _assessment_text(t.target, level.criteria if level else []))
            if not u.requirements and not u.assessment:
                add(q, u.code, u.name, "requirement", u.name)
    return chunks
