"""The intake mapping (alkukartoitus), done by the coach with the participant: languages with levels,
education and work history, prior competence, a Finnish self-assessment per skill, support needs and
goals. It tailors the plan: the starting level of scenarios, the order of target tasks (prior
competence first), and the language of explanations (the strongest language when an LLM explains,
an English gloss otherwise). Stored as participant data: export and erase cover it."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import TypedDict

from service.coach.participants import ParticipantService
from service.coach.plan_shapes import FiEnData, TailoringData
from service.coach.plan_tailoring import tailor
from service.core.auth import CurrentUser
from service.core.db import Database
from service.core.errors import Forbidden
from service.workplace.models import Intake
from service.workplace.schemas import IntakeIn

WRITERS = ("coach", "admin")
_STRONG = ("native", "äidinkieli", "mother", "first", "c2", "c1", "fluent", "sujuva", "b2")
_READING_SUPPORT = ("luki", "lukemi", "dyslex", "reading", "näkö", "vision")
_WORD = re.compile(r"[^\W\d_]{5,}", re.UNICODE)


IntakeData = dict[str, object]  # the stored intake: IntakeIn as JSON


class ExplanationChoice(TypedDict):
    language: str
    mode: str


class IntakeTailoring(TypedDict, total=False):
    starting_level: str
    task_order: list[str]
    explanations: ExplanationChoice
    support: list[str]
    reasons: list[FiEnData]
    plan: TailoringData  # what the progress plan does with the intake, and why


class IntakeResult(TypedDict):
    participant: int
    intake: IntakeData
    tailoring: IntakeTailoring
    updated_at: str | None


def _texts(data: Mapping[str, object], key: str) -> list[str]:
    value = data.get(key)
    return [str(v) for v in value] if isinstance(value, list) else []


def _strength(level: str) -> int:
    low = level.casefold()
    return next((len(_STRONG) - i for i, key in enumerate(_STRONG) if key in low), 0)


def tailoring(data: Mapping[str, object], targets: list[tuple[str, str]], llm: bool) -> IntakeTailoring:
    """What the intake changes in the plan, with the reason for each."""
    raw = data.get("languages")
    languages = [x for x in raw if isinstance(x, Mapping) and str(x.get("language", "")).casefold()
                 not in ("suomi", "finnish")] if isinstance(raw, list) else []
    strongest = max(languages, key=lambda x: _strength(str(x.get("level", ""))), default=None)
    lang = str(strongest["language"]) if strongest else "English"
    assessed = data.get("self_assessment")
    levels = [str(v) for v in assessed.values() if v] if isinstance(assessed, Mapping) else []
    start = min(levels) if levels else "A1"
    needs = " ".join(_texts(data, "support_needs")).casefold()
    if any(k in needs for k in _READING_SUPPORT) and start > "A1":
        start = "A1"
    prior = " ".join([*_texts(data, "prior_competence"), *_texts(data, "work_history")]).casefold()
    prior_words = {w[:5] for w in _WORD.findall(prior)}
    order = sorted(targets, key=lambda t: -len({w[:5] for w in _WORD.findall(t[1].casefold())} & prior_words))
    return IntakeTailoring(
        starting_level=start,
        task_order=[t for t, _ in order],
        explanations=ExplanationChoice(language=lang if llm else "English", mode="llm" if llm else "gloss"),
        support=_texts(data, "support_needs"),
        reasons=[
            FiEnData(fi=f"Harjoitukset alkavat tasolta {start}.", en=f"Scenarios start at {start}."),
            FiEnData(fi=f"Selitykset: {lang if llm else 'englanti'}.",
                     en=f"Explanations in {lang}." if llm else "An English gloss (no language model configured)."),
        ],
    )


class IntakeService:
    def __init__(self, db: Database, participants: ParticipantService,
                 titles: Callable[[str], str], llm: bool) -> None:
        self.db = db
        self.participants = participants
        self._title = titles
        self.llm = llm

    def get(self, user: CurrentUser, participant_id: int) -> IntakeResult:
        p = self.participants.visible(user, participant_id)
        with self.db.session() as s:
            row = s.get(Intake, p.id)
            data: IntakeData = dict(row.data) if row else {}
            updated = row.updated_at.isoformat() if row and row.updated_at else None
        self.participants.record(user, "read", participant_id)
        return self._out(p.id, data, list(p.target_tasks or []), updated)

    def put(self, user: CurrentUser, participant_id: int, body: IntakeIn) -> IntakeResult:
        p = self.participants.visible(user, participant_id)
        if user.role not in WRITERS:
            raise Forbidden("The coach does the intake with the participant.")
        data = body.model_dump(mode="json")
        now = datetime.now(UTC)
        with self.db.session() as s:
            row = s.get(Intake, p.id)
            if row is None:
                row = Intake(participant_id=p.id, data=data, updated_by=user.id or None, updated_at=now)
                s.add(row)
            else:
                row.data, row.updated_by, row.updated_at = data, user.id or None, now
        self.participants.record(user, "update", participant_id)
        return self._out(p.id, data, list(p.target_tasks or []), now.isoformat())

    def data(self, participant_id: int) -> IntakeData:
        with self.db.session() as s:
            row = s.get(Intake, participant_id)
            return dict(row.data) if row else {}

    def _out(self, pid: int, data: IntakeData, targets: list[str], updated: str | None) -> IntakeResult:
        pairs = [(t, self._title(t)) for t in targets]
        shown = tailoring(data, pairs, self.llm)
        shown["plan"] = tailor(data, self.llm).data()  # what the progress plan does with it, and why
        return IntakeResult(participant=pid, intake=data, tailoring=shown, updated_at=updated)
