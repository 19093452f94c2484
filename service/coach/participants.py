"""Participants of the coach view and who may see or change them.

Access, in one place:
- admin: sees and changes every participant.
- coach / teacher: sees only the participants they are assigned to (others → 404); changing one they
  are not assigned to → 403. A teacher changes only the teacher assessment.
- participant: sees only their own record (others → 404) and changes only their self-assessment.
A coach who creates a participant is always among its coaches; `coach`/`coaches` add more (never remove).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from finnish.profile import SKILL_NAMES as SKILL_NAMES  # one naming of the skills everywhere (re-exported)
from service.coach.models import Participant, ParticipantCoach
from service.coach.participant_in import SKILLS as SKILLS
from service.coach.participant_in import ParticipantIn as ParticipantIn
from service.coach.participant_in import check_assessment, clean_list
from service.coach.schemas import CoachRefOut, ParticipantOut
from service.core.audit import AuditLog
from service.core.auth import CurrentUser
from service.core.db import Database
from service.core.errors import Forbidden, InvalidInput, NotFound, not_visible
from service.core.models import User

ParticipantView = ParticipantOut  # what the service answers is what the routes send

STAFF_ROLES = ("coach", "teacher")
# The operator at the command line (tyokieli participants …): reads like an admin, audited as the system.
SYSTEM_USER = CurrentUser(0, "(system)", "admin")


class ParticipantService:
    def __init__(
        self,
        db: Database,
        resolve_task: Callable[[str], str] | None = None,
        audit: Callable[[], AuditLog | None] | None = None,
    ) -> None:
        self.db = db
        # Turns a target task reference into its canonical id, or raises InvalidInput.
        self.resolve_task = resolve_task or (lambda ref: ref)
        self._audit = audit or (lambda: None)

    # -- reading -------------------------------------------------------------------------------
    def list(self, user: CurrentUser) -> list[ParticipantOut]:
        with self.db.session() as s:
            q = select(Participant).order_by(Participant.name, Participant.id)
            if user.role in STAFF_ROLES:
                q = q.join(ParticipantCoach).where(ParticipantCoach.user_id == user.id)
            elif user.role == "participant":
                q = q.where(Participant.user_id == user.id)
            elif not user.is_admin:
                return []
            return [self._view(s, p) for p in s.scalars(q)]

    def get(self, user: CurrentUser, participant_id: int) -> ParticipantOut:
        with self.db.session() as s:
            p = self._visible(s, user, participant_id)
            view = self._view(s, p)
        self.record(user, "read", participant_id)
        return view

    def own(self, user: CurrentUser) -> ParticipantOut | None:
        """The participant record linked to a participant user, if any."""
        with self.db.session() as s:
            p = s.scalar(select(Participant).where(Participant.user_id == user.id))
            return None if p is None else self._view(s, p)

    def record(self, user: CurrentUser, action: str, participant_id: int) -> None:
        audit = self._audit()
        if audit is not None:
            audit.record(None if user is SYSTEM_USER else user, action, "participant", participant_id)

    # -- writing -------------------------------------------------------------------------------
    def create(self, user: CurrentUser, body: ParticipantIn) -> ParticipantOut:
        if user.role not in ("coach", "admin"):
            raise Forbidden("Only a coach or an admin can add a participant.")
        if not body.name or not body.name.strip():
            raise InvalidInput("A participant needs a name or a pseudonym.")
        with self.db.session() as s:
            p = Participant(name="", languages=[], target_tasks=[], work_trial_tasks=[],
                            self_assessment={}, teacher_assessment={}, created_by=user.id)
            self._apply(s, p, body, user)
            s.add(p)
            s.flush()
            if user.role == "coach":
                s.add(ParticipantCoach(participant_id=p.id, user_id=user.id))
            self._set_coaches(s, p.id, body)
            s.flush()
            s.refresh(p)
            out = self._view(s, p)
        self.record(user, "create", out.id)  # every write on participant data is audited
        return out

    def update(self, user: CurrentUser, participant_id: int, body: ParticipantIn) -> ParticipantOut:
        given = body.model_dump(exclude_unset=True)
        with self.db.session() as s:
            p = self._changeable(s, user, participant_id)
            if user.role == "participant" and set(given) - {"self_assessment"}:
                raise Forbidden("You can change only your own self-assessment.")
            if user.role == "teacher" and set(given) - {"teacher_assessment"}:
                raise Forbidden("A teacher can change only the teacher assessment.")
            if user.role == "coach" and "self_assessment" in given:
                raise Forbidden("Only the participant changes their self-assessment.")
            self._apply(s, p, body, user)
            self._set_coaches(s, p.id, body)
            s.flush()
            s.refresh(p)
            out = self._view(s, p)
        self.record(user, "update", participant_id)
        return out

    def delete(self, user: CurrentUser, participant_id: int) -> None:
        with self.db.session() as s:
            p = self._changeable(s, user, participant_id)
            if user.role not in ("coach", "admin"):
                raise Forbidden("Only a coach or an admin can remove a participant.")
            s.delete(p)
        self.record(user, "delete", participant_id)

    # -- helpers -------------------------------------------------------------------------------
    def _visible(self, s: Session, user: CurrentUser, participant_id: int) -> Participant:
        p = s.get(Participant, participant_id)
        if p is None or not self._can_see(s, user, p):
            raise NotFound(f"No participant {participant_id} that you can see.")
        return p

    def _changeable(self, s: Session, user: CurrentUser, participant_id: int) -> Participant:
        p = s.get(Participant, participant_id)
        if p is None:
            raise NotFound(f"No participant {participant_id} that you can see.")
        if user.is_admin or (user.role == "participant" and p.user_id == user.id):
            return p
        if user.role in STAFF_ROLES:
            if not self._assigned(s, user.id, p.id):  # not theirs to see either: the same 404 as unknown
                raise not_visible("participant", participant_id)
            return p
        raise NotFound(f"No participant {participant_id} that you can see.")

    def _can_see(self, s: Session, user: CurrentUser, p: Participant) -> bool:
        if user.is_admin:
            return True
        if user.role == "participant":
            return p.user_id == user.id
        if user.role in STAFF_ROLES:
            return self._assigned(s, user.id, p.id)
        return False

    def visible(self, user: CurrentUser, participant_id: int) -> Participant:
        """The participant row, if this user may see it (for the readiness, plan and report services)."""
        with self.db.session() as s:
            p = self._visible(s, user, participant_id)
            s.expunge(p)
            return p

    @staticmethod
    def _assigned(s: Session, user_id: int, participant_id: int) -> bool:
        return s.get(ParticipantCoach, (participant_id, user_id)) is not None

    def _apply(self, s: Session, p: Participant, body: ParticipantIn, user: CurrentUser) -> None:
        if body.name is not None:
            name = body.name.strip()
            if not name or len(name) > 200:
                raise InvalidInput("A participant needs a name or pseudonym of 1–200 characters.")
            p.name = name
        if body.languages is not None:
            p.languages = clean_list(body.languages, "Languages", max_len=60)
        if body.target_tasks is not None:
            p.target_tasks = list(dict.fromkeys(self.resolve_task(t) for t in clean_list(body.target_tasks, "Target tasks")))
        if body.work_trial_place is not None:
            if len(body.work_trial_place) > 300:
                raise InvalidInput("The work-trial place is longer than 300 characters.")
            p.work_trial_place = body.work_trial_place.strip()
        if body.work_trial_tasks is not None:
            p.work_trial_tasks = clean_list(body.work_trial_tasks, "Work-trial tasks")
        if body.self_assessment is not None:
            p.self_assessment = {**(p.self_assessment or {}), **check_assessment(body.self_assessment, "Self-assessment")}
        if body.teacher_assessment is not None:
            p.teacher_assessment = {
                **(p.teacher_assessment or {}),
                **check_assessment(body.teacher_assessment, "Teacher assessment"),
            }
            p.teacher_assessed_at = datetime.now(UTC)  # its place among the evidence in time
        if body.user is not None:
            linked = self._user(s, body.user, ("participant",), "The participant's own account")
            other = s.scalar(select(Participant).where(Participant.user_id == linked.id, Participant.id != p.id))
            if other is not None:
                raise InvalidInput(f"The account '{linked.name}' already belongs to another participant.")
            if p.user_id != linked.id and not user.is_admin and _has_history(s, linked.id):
                # Linking would show this coach results practised before they were anyone's to see.
                raise Forbidden(f"The account '{linked.name}' already has practice results: only an admin can link it "
                                "to a participant. (Tilillä on jo harjoitustuloksia: vain ylläpitäjä voi liittää sen.)")
            p.user_id = linked.id

    def _set_coaches(self, s: Session, participant_id: int, body: ParticipantIn) -> None:
        refs = list(body.coaches or []) + ([body.coach] if body.coach is not None else [])
        if not refs:
            return
        for ref in refs:
            coach = self._user(s, ref, STAFF_ROLES + ("admin",), "Coach")
            if s.get(ParticipantCoach, (participant_id, coach.id)) is None:
                s.add(ParticipantCoach(participant_id=participant_id, user_id=coach.id))

    @staticmethod
    def _user(s: Session, ref: int | str, roles: tuple[str, ...], what: str) -> User:
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit() and len(ref) < 10):
            user = s.get(User, int(ref))
        else:
            user = s.scalar(select(User).where(User.name == str(ref).strip()))
        if user is None:
            raise InvalidInput(f"{what}: there is no user '{ref}'.")
        if user.role not in roles:
            raise InvalidInput(f"{what}: '{user.name}' is a {user.role}, not a {' or '.join(roles)}.")
        return user

    def _view(self, s: Session, p: Participant) -> ParticipantOut:
        coaches = s.execute(
            select(User.id, User.name, User.role).join(ParticipantCoach, ParticipantCoach.user_id == User.id)
            .where(ParticipantCoach.participant_id == p.id).order_by(User.name)
        ).all()
        return ParticipantOut(
            id=p.id, name=p.name, user_id=p.user_id, languages=list(p.languages or []),
            target_tasks=list(p.target_tasks or []), work_trial_place=p.work_trial_place or "",
            work_trial_tasks=list(p.work_trial_tasks or []), self_assessment=dict(p.self_assessment or {}),
            teacher_assessment=dict(p.teacher_assessment or {}),
            coaches=[CoachRefOut(id=c.id, name=c.name, role=c.role) for c in coaches],
            created_at=p.created_at.isoformat() if p.created_at else "",
            updated_at=p.updated_at.isoformat() if p.updated_at else "",
        )


def _has_history(s: Session, user_id: int) -> bool:
    """Whether the account has practised already (its results would come with a link)."""
    from service.practice.models import SimulationSession

    return s.scalar(select(SimulationSession.id).where(SimulationSession.user_id == user_id).limit(1)) is not None
