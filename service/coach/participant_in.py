"""What a coach (or the participant, or a teacher) writes about a participant, and how each field
is checked before it is stored: control characters refused, assessments A1–C2 per known skill, lists
of bounded length."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from finnish.level import CEFR_LEVELS
from finnish.profile import SKILLS as PROFILE_SKILLS
from service.core.errors import InvalidInput

SKILLS: tuple[str, ...] = tuple(PROFILE_SKILLS)

MAX_ID = 2**31 - 1
UserRef = Annotated[int, Field(ge=1, le=MAX_ID)] | Annotated[str, Field(min_length=1, max_length=200)]


class ParticipantIn(BaseModel):
    """What a coach writes about a participant; every field optional on update."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _no_control_characters(cls, data: Any) -> Any:
        # PostgreSQL refuses NUL in text; no name, task or language needs control characters
        def bad(v: Any) -> bool:
            if isinstance(v, str):
                return any(ord(c) < 32 and c not in "\t\n\r" for c in v)
            if isinstance(v, list | tuple):
                return any(bad(x) for x in v)
            if isinstance(v, dict):
                return any(bad(k) or bad(x) for k, x in v.items())
            return False

        if isinstance(data, dict) and any(bad(v) for v in data.values()):
            raise ValueError("text fields must not contain control characters")
        return data

    name: str | None = Field(default=None, description="Name or pseudonym")
    languages: list[str] | None = None
    target_tasks: list[str] | None = Field(default=None, description="Task ids, task titles or profile ids")
    work_trial_place: str | None = None
    work_trial_tasks: list[str] | None = Field(default=None, description="Work-trial tasks in free Finnish")
    self_assessment: dict[str, str] | None = None
    teacher_assessment: dict[str, str] | None = None
    coach: UserRef | None = Field(default=None, description="A coach's user id or name")
    coaches: list[UserRef] | None = Field(default=None, max_length=20)
    user: UserRef | None = Field(default=None, description="The participant's own user account (id or name)")


def check_assessment(values: dict[str, str] | None, what: str) -> dict[str, str]:
    """Skill → CEFR level, with levels A1–C2 only (anything else → 422)."""
    out: dict[str, str] = {}
    for skill, level in (values or {}).items():
        if skill not in SKILLS:
            raise InvalidInput(f"{what}: unknown skill '{skill}'. Use {', '.join(SKILLS)}.")
        norm = str(level).strip().upper()
        if norm not in CEFR_LEVELS:
            raise InvalidInput(f"{what}: '{level}' for {skill} is not a level. Use one of {', '.join(CEFR_LEVELS)}.")
        out[skill] = norm
    return out


def clean_list(values: Iterable[str] | None, what: str, limit: int = 50, max_len: int = 500) -> list[str]:
    out = []
    for v in values or []:
        v = str(v).strip()
        if not v:
            continue
        if len(v) > max_len:
            raise InvalidInput(f"{what}: one entry is longer than {max_len} characters.")
        out.append(v)
    if len(out) > limit:
        raise InvalidInput(f"{what}: at most {limit} entries.")
    return out
