"""The competence portfolio (osaamiskansio) the participant owns: the tasks they practised, the Finnish
they can show per skill with the evidence behind each level, the words of the task they have used,
the mentors' observations and the qualification units their evidence supports. The participant
chooses the parts and shares them by a link that expires and can be revoked; the link needs no
account, is read-only, and a revoked or expired one answers 404. Only the link's hash is stored."""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import NotRequired, TypedDict

from sqlalchemy import select

from service.coach.participants import SKILL_NAMES, SYSTEM_USER
from service.coach.readiness import ReadinessService
from service.coach.schemas import RecommendationsOut
from service.core.auth import CurrentUser, hash_token
from service.core.db import Database
from service.core.errors import Forbidden, InvalidInput, NotFound
from service.workplace.mentors import RESULT_NAMES, MentorService, ObservationView
from service.workplace.models import PortfolioLink
from service.workplace.schemas import LinkIn

SECTIONS = ("tasks", "skills", "words", "observations", "units")
PUBLIC_PREFIX = "/portfolio/"
SOURCE_NAMES = {"simulation": "harjoitus", "text": "teksti", "teacher": "opettajan arvio",
                "observation": "havainto työpaikalla"}


class PortfolioTask(TypedDict):
    task: str
    title: str
    practised: int
    status: str


class PortfolioSkill(TypedDict):
    skill: str
    name: str
    name_en: str
    level: str | None
    evidence_count: int
    evidence: dict[str, int]  # kind of evidence (in Finnish) → how many


class PortfolioObservation(ObservationView):
    result_fi: str
    result_en: str


class PortfolioUnit(TypedDict):
    qualification_name: str
    unit_code: str
    unit_name: str
    criteria: list[str]


class Portfolio(TypedDict):
    """The portfolio; only the sections named in `include` are present."""

    participant: int
    name: str
    include: list[str]
    made_at: str
    tasks: NotRequired[list[PortfolioTask]]
    skills: NotRequired[list[PortfolioSkill]]
    words: NotRequired[list[str]]
    observations: NotRequired[list[PortfolioObservation]]
    units: NotRequired[list[PortfolioUnit]]
    expires: NotRequired[str]  # a shared link's end


class LinkView(TypedDict):
    id: int
    url: str
    expires: str
    include: list[str]
    revoked: bool


Units = Callable[[CurrentUser, int], list[PortfolioUnit]]


def _aware(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


class PortfolioService:
    def __init__(self, db: Database, readiness: ReadinessService, mentors: MentorService,
                 units: Units | None = None) -> None:
        self.db = db
        self.readiness = readiness
        self.participants = readiness.participants
        self.mentors = mentors
        self._units = units or (lambda _user, _pid: [])

    # -- the portfolio ----------------------------------------------------------------------------
    def build(self, user: CurrentUser, participant_id: int, include: tuple[str, ...] = SECTIONS) -> Portfolio:
        """The portfolio with the chosen sections (the owner, their coach or an admin)."""
        p, items = self.readiness.gather(user, participant_id)
        self.participants.record(user, "read", participant_id)
        result = self.readiness.assess(p, items)
        out: Portfolio = {"participant": p.id, "name": p.name, "include": list(include),
                          "made_at": datetime.now(UTC).isoformat()}
        if "tasks" in include:
            counts = Counter(i.task for i in items if i.task)
            out["tasks"] = [{"task": t["task"], "title": t["title"], "practised": counts.get(t["task"], 0),
                             "status": t["status"]} for t in result["tasks"]]
        if "skills" in include:
            out["skills"] = [{"skill": s, "name": SKILL_NAMES[s][0], "name_en": SKILL_NAMES[s][1],
                              "level": e["estimate"], "evidence_count": e["evidence_count"],
                              "evidence": {SOURCE_NAMES.get(k, k): n for k, n in e["sources"].items()}}
                             for s, e in result["estimates"].items() if e["estimate"]]
        if "words" in include:
            out["words"] = sorted({w for t in result["tasks"] for w in t["vocabulary"]["used"]})
        if "observations" in include:
            out["observations"] = [{**o, "result_fi": RESULT_NAMES[o["result"]][0],
                                    "result_en": RESULT_NAMES[o["result"]][1]}
                                   for o in self.mentors.observations(user, participant_id)]
        if "units" in include:
            out["units"] = self._units(user, participant_id)
        return out

    # -- links ------------------------------------------------------------------------------------
    def _owner(self, user: CurrentUser, participant_id: int) -> int:
        p = self.participants.visible(user, participant_id)
        if not (user.is_admin or (user.role == "participant" and p.user_id == user.id)):
            raise Forbidden("Only the participant shares their portfolio.")
        return p.id

    def create_link(self, user: CurrentUser, participant_id: int, body: LinkIn) -> LinkView:
        pid = self._owner(user, participant_id)
        token = secrets.token_urlsafe(24)
        include = [s for s in SECTIONS if body.include is None or s in body.include]
        with self.db.session() as s:
            row = PortfolioLink(participant_id=pid, token_hash=hash_token(token), include=include,
                                expires_at=datetime.now(UTC) + timedelta(days=body.days))
            s.add(row)
            s.flush()
            out = _link_view(row, PUBLIC_PREFIX + token)
        self.participants.record(user, "export", participant_id)
        return out

    def links(self, user: CurrentUser, participant_id: int) -> list[LinkView]:
        pid = self._owner(user, participant_id)
        with self.db.session() as s:
            rows = s.scalars(select(PortfolioLink).where(PortfolioLink.participant_id == pid).order_by(PortfolioLink.id))
            return [_link_view(r, "") for r in rows]

    def revoke(self, user: CurrentUser, participant_id: int, link_id: int) -> None:
        pid = self._owner(user, participant_id)
        with self.db.session() as s:
            row = s.get(PortfolioLink, link_id)
            if row is None or row.participant_id != pid or row.revoked_at is not None:
                raise NotFound(f"No active portfolio link {link_id}.")
            row.revoked_at = datetime.now(UTC)
        self.participants.record(user, "update", participant_id)

    def shared(self, token: str) -> Portfolio:
        """What a link shows; an unknown, revoked or expired link is NotFound."""
        if not token or len(token) > 100:
            raise NotFound("This portfolio link does not work.")
        with self.db.session() as s:
            row = s.scalar(select(PortfolioLink).where(PortfolioLink.token_hash == hash_token(token)))
            if row is None or row.revoked_at is not None or _aware(row.expires_at) <= datetime.now(UTC):
                raise NotFound("This portfolio link does not work: it was removed or it has expired.")
            pid, include, expires = row.participant_id, tuple(row.include or SECTIONS), _aware(row.expires_at)
        data = self.build(SYSTEM_USER, pid, include)  # only the parts the link names
        data["expires"] = expires.isoformat()
        return data


def _link_view(row: PortfolioLink, url: str) -> LinkView:
    return {"id": row.id, "url": url, "expires": _aware(row.expires_at).isoformat(), "include": list(row.include),
            "revoked": row.revoked_at is not None}


def supported_units(recommend: Callable[..., object], ready: Callable[[], bool]) -> Units:
    """The units whose criteria the participant's evidence supports (from the honest recommendations
    of their work-trial tasks); none while the search index is not built, none without tasks."""

    def units(user: CurrentUser, participant_id: int) -> list[PortfolioUnit]:
        if not ready():
            return []
        try:
            result = RecommendationsOut.model_validate(recommend(user, None, participant_id))
        except InvalidInput:  # no work-trial tasks yet
            return []
        return [{"qualification_name": r.qualification_name, "unit_code": r.unit_code,
                 "unit_name": r.unit_name, "criteria": [c.criterion for c in r.supported_criteria]}
                for r in result.recommendations if r.supported_criteria]

    return units
