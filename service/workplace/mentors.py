"""Workplace mentors (työpaikkaohjaaja): invited for one target task with the participant's consent,
they see the agreed goals, the task's profile as the instructor packet and the participant's progress,
and record observations that count as evidence. Nothing else of the participant: no transcripts, no
texts, no other tasks. A withdrawn consent ends the access at once (every route answers 404), and
every read by a mentor is in the audit log.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import cast

from sqlalchemy import select

from finnish.level import CEFR_LEVELS
from finnish.situations import situation as situation_of
from service.coach.evidence import level_number
from service.coach.models import Participant
from service.coach.readiness import ReadinessService, reason
from service.coach.shapes import SituationData, TaskReadiness
from service.core.audit import AuditLog
from service.core.auth import CurrentUser
from service.core.db import Database
from service.core.errors import Forbidden, InvalidInput, NotFound
from service.core.models import User
from service.workplace.models import Intake, MentorConsent, Observation
from service.workplace.schemas import MentorIn, ObservationIn
from service.workplace.shapes import ConsentView as ConsentView
from service.workplace.shapes import MentorSummary as MentorSummary
from service.workplace.shapes import MentorView as MentorView
from service.workplace.shapes import ObservationView as ObservationView
from service.workplace.shapes import Packet, Progress, Situation

INVITERS = ("participant", "coach", "admin")
# How far under the task's target level a situation's result puts the skill (in levels).
RESULT_GAP = {"managed": 0.0, "with_help": 0.5, "not_yet": 1.0}
RESULT_NAMES = {"managed": ("onnistui", "managed"), "with_help": ("onnistui avustettuna", "with help"),
                "not_yet": ("ei vielä", "not yet")}


def _gone(participant_id: int) -> NotFound:
    return NotFound(f"No participant {participant_id} that you can see.")


class MentorService:
    def __init__(self, db: Database, readiness: ReadinessService, audit: AuditLog) -> None:
        self.db = db
        self.readiness = readiness
        self.participants = readiness.participants
        self.targets = readiness.targets
        self.audit = audit

    # -- consent (the participant, their coach or an admin) ----------------------------------------
    def invite(self, user: CurrentUser, participant_id: int, body: MentorIn) -> ConsentView:
        p = self._inviter(user, participant_id)
        if not body.consent:
            raise InvalidInput("The participant's consent is needed: send consent: true only when they agreed.")
        target = self.targets.resolve(body.target)
        if target not in (p.target_tasks or []):
            raise InvalidInput(f"'{body.target}' is not one of this participant's target tasks.")
        with self.db.session() as s:
            mentor = s.scalar(select(User).where(User.name == body.user.strip()))
            if mentor is None or mentor.role != "mentor":
                raise InvalidInput(f"There is no mentor user '{body.user}'. Add one: tyokieli users add NAME --role mentor")
            row = s.scalar(select(MentorConsent).where(
                MentorConsent.participant_id == p.id, MentorConsent.mentor_id == mentor.id,
                MentorConsent.target == target, MentorConsent.withdrawn_at.is_(None)))
            if row is None:
                row = MentorConsent(participant_id=p.id, mentor_id=mentor.id, target=target, granted_by=user.id or None)
                s.add(row)
                s.flush()
            out = _consent_view(row, mentor.name)
        self.audit.record(user, "create", "mentor_consent", out["id"])
        return out

    def withdraw(self, user: CurrentUser, participant_id: int, consent_id: int) -> None:
        p = self._inviter(user, participant_id)
        with self.db.session() as s:
            row = s.get(MentorConsent, consent_id)
            if row is None or row.participant_id != p.id or row.withdrawn_at is not None:
                raise NotFound(f"No active mentor {consent_id} for this participant.")
            row.withdrawn_at = datetime.now(UTC)
        self.audit.record(user, "update", "mentor_consent", consent_id)

    def mentors(self, user: CurrentUser, participant_id: int) -> list[ConsentView]:
        p = self._inviter(user, participant_id)
        with self.db.session() as s:
            rows = s.execute(select(MentorConsent, User.name).join(User, User.id == MentorConsent.mentor_id)
                             .where(MentorConsent.participant_id == p.id).order_by(MentorConsent.id)).all()
            return [_consent_view(row, name) for row, name in rows]

    def _inviter(self, user: CurrentUser, participant_id: int) -> Participant:
        p = self.participants.visible(user, participant_id)  # 404 for anyone who may not see them
        if user.role not in INVITERS:
            raise Forbidden("Only the participant, their coach or an admin decides about mentors.")
        return p

    # -- what a mentor sees ------------------------------------------------------------------------
    def consents(self, user: CurrentUser, participant_id: int | None = None) -> list[MentorConsent]:
        """The mentor's active consents (for one participant, if given)."""
        if user.role != "mentor":
            return []
        with self.db.session() as s:
            q = select(MentorConsent).where(MentorConsent.mentor_id == user.id, MentorConsent.withdrawn_at.is_(None))
            if participant_id is not None:
                q = q.where(MentorConsent.participant_id == participant_id)
            rows = list(s.scalars(q.order_by(MentorConsent.id)))
            for r in rows:
                s.expunge(r)
            return rows

    def consent_for(self, user: CurrentUser, participant_id: int, target: str | None = None) -> MentorConsent:
        found = [c for c in self.consents(user, participant_id) if target is None or c.target == target]
        if not found:
            raise _gone(participant_id)
        return found[0]

    def my_participants(self, user: CurrentUser) -> list[MentorSummary]:
        if user.role != "mentor":
            raise Forbidden("This list is for workplace mentors.")
        out = []
        for consent in self.consents(user):
            out.append(self._summary(consent))
            self.audit.record(user, "read", "participant", consent.participant_id)
        return out

    def view(self, user: CurrentUser, participant_id: int) -> MentorView:
        consent = self.consent_for(user, participant_id)
        out: MentorView = {**self._summary(consent), "packet": self.packet(consent.target),
                           "note": reason("Näet vain tavoitteet, tehtävän kieliprofiilin ja edistymisen.",
                                          "You see only the goals, the task's language profile and the progress.")}
        self.audit.record(user, "read", "participant", participant_id)
        return out

    def _participant(self, participant_id: int) -> Participant:
        with self.db.session() as s:
            p = s.get(Participant, participant_id)
            if p is None:
                raise _gone(participant_id)
            s.expunge(p)
            return p

    def _summary(self, consent: MentorConsent) -> MentorSummary:
        p = self._participant(consent.participant_id)
        self.readiness.evidence.sync(p)
        items = self.readiness.evidence.items(p.id)
        result = self.readiness.assess(p, items)
        task: TaskReadiness | None = next((t for t in result["tasks"] if t["task"] == consent.target), None)
        progress: Progress = {
            "sessions": sum(1 for i in items if i.kind == "simulation" and i.task == consent.target),
            "status": task["status"] if task else "not_enough_evidence",
            "skills": {k: v["estimate"] for k, v in task["skills"].items()} if task else {},
            "words_known": task["vocabulary"]["covered"] if task else 0,
            "words_total": task["vocabulary"]["total"] if task else 0,
            "observations": task["observations"]["count"] if task else 0,
        }
        return {"id": p.id, "name": p.name, "target": consent.target, "title": self.targets.title(consent.target),
                "goals": self._goals(p), "progress": progress}

    def _goals(self, p: Participant) -> list[str]:
        """The goals agreed for the trial: the intake's goals, else the work-trial tasks."""
        with self.db.session() as s:
            intake = s.get(Intake, p.id)
            goals = (intake.data if intake else {}).get("goals") or []
        if not isinstance(goals, list):
            goals = []
        return [str(g) for g in goals] or list(p.work_trial_tasks or [])

    def packet(self, target: str) -> Packet:
        profile = self.readiness.profile(target) or {}
        terms = sorted(profile.get("key_terms") or [], key=lambda t: -float(t.get("keyness", 0)))
        return {
            "title": self.targets.title(target),
            "situations": [{"id": str(x.get("id", "")), "label": str(x.get("label", "")),
                            "label_en": str(x.get("label_en", "")), "skills": list(x.get("skills") or [])}
                           for x in cast(list[SituationData], profile.get("situations") or []) if isinstance(x, dict)],
            "key_terms": [str(t["lemma"]) for t in terms[:20] if "lemma" in t],
            "phrases": [str(x.get("text", x)) if isinstance(x, dict) else str(x) for x in (profile.get("phrases") or [])[:12]],
            "skills": {k: (v or {}).get("cefr") for k, v in (profile.get("skills") or {}).items()},
        }

    # -- observations ------------------------------------------------------------------------------
    def observe(self, user: CurrentUser, participant_id: int, body: ObservationIn) -> ObservationView:
        if user.role != "mentor":
            self.participants.visible(user, participant_id)  # hides who exists
            raise Forbidden("Only the participant's workplace mentor records observations.")
        consent = self.consent_for(user, participant_id, self.targets.resolve(body.target)
                                   if body.target else None)
        situation = self._situation(consent.target, body.situation)
        skills = self._levels(consent.target, situation, body.result)
        when = body.date or date.today()
        if when > date.today():
            raise InvalidInput("An observation cannot be dated in the future.")
        item = self.readiness.evidence.add_observation(
            participant_id, source=f"mentor:{user.id}", task=consent.target, skills=skills,
            situation=str(situation["id"]), result=body.result,
            when=datetime.combine(when, datetime.now(UTC).time(), tzinfo=UTC))
        with self.db.session() as s:
            row = Observation(participant_id=participant_id, mentor_id=user.id, target=consent.target,
                              situation=str(situation["id"]), result=body.result, note=body.note.strip(),
                              observed_on=when, evidence_id=item.id)
            s.add(row)
            s.flush()
            out = _observation_view(row, user.name, situation["label"])
        self.audit.record(user, "create", "observation", out["id"])
        self.audit.record(user, "observation", "participant", participant_id)  # in the participant's own trail
        return out

    def observations(self, user: CurrentUser, participant_id: int) -> list[ObservationView]:
        if user.role == "mentor":
            targets = {c.target for c in self.consents(user, participant_id)}
            if not targets:
                raise _gone(participant_id)
            self.audit.record(user, "read", "participant", participant_id)
        else:
            self.participants.visible(user, participant_id)
            targets = None
        with self.db.session() as s:
            rows = s.execute(select(Observation, User.name).outerjoin(User, User.id == Observation.mentor_id)
                             .where(Observation.participant_id == participant_id)
                             .order_by(Observation.observed_on, Observation.id)).all()
            # the catalogue's Finnish name of the situation (a teacher's own id is shown as written)
            return [_observation_view(o, name, situation_of(o.situation).label) for o, name in rows
                    if targets is None or o.target in targets]

    def _situation(self, target: str, ref: str) -> Situation:
        situations = self.packet(target)["situations"]
        key = ref.strip().casefold()
        for x in situations:
            if key in (x["id"].casefold(), x["label"].casefold(), x["label_en"].casefold()):
                return x
        names = ", ".join(x["id"] for x in situations) or "(the task has no situations)"
        raise InvalidInput(f"'{ref}' is not a situation of this task. Use one of: {names}.")

    def _levels(self, target: str, situation: Situation, result: str) -> dict[str, str]:
        """The level each skill of the situation showed: the task's target, less for help or not yet."""
        targets = self.packet(target)["skills"]
        out = {}
        for skill in situation["skills"] or ["interaction"]:
            n = max(1.0, (level_number(targets.get(skill)) or 2.0) - RESULT_GAP[result])
            # half a level is kept as the Finnish sub-level (A2 with help → A1.2)
            out[skill] = CEFR_LEVELS[int(n) - 1] + (".2" if n - int(n) >= 0.5 else "")
        return out


def _consent_view(row: MentorConsent, name: str) -> ConsentView:
    return {"id": row.id, "user": name, "target": row.target,
            "created_at": row.created_at.isoformat() if row.created_at else "",
            "withdrawn_at": row.withdrawn_at.isoformat() if row.withdrawn_at else None}


def _observation_view(row: Observation, mentor: str | None, label: str) -> ObservationView:
    return {"id": row.id, "target": row.target, "situation": row.situation, "situation_label": label,
            "result": row.result, "note": row.note, "date": row.observed_on.isoformat(), "mentor": mentor}
