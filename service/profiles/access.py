"""Who may read and edit a stored profile.

A profile belongs to its author (`created_by`). The owner shares it with named teachers or with every
teacher of the instance, to read or to read and edit. Participants read the profiles of their own
targets (`profile:<id>`), coaches (and teachers who coach) those of their participants; admins read
and edit everything. Someone who may not read a profile is told it does not exist (404), so ids
cannot be probed; someone who may read but not edit it gets 403 on a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from service.coach.models import Participant, ParticipantCoach
from service.core.auth import CurrentUser
from service.core.db import Database
from service.core.errors import Forbidden, InvalidInput, NotFound
from service.core.models import User
from service.profiles.models import ProfileRow, ProfileShareRow

Grant = Literal["none", "read", "edit"]
EDITOR_ROLES = ("teacher", "admin")
MAX_SHARES = 200


@dataclass(frozen=True)
class TeacherShare:
    name: str
    edit: bool = False


@dataclass(frozen=True)
class Sharing:
    profile: int
    owner: str | None
    all_teachers: Grant
    teachers: list[TeacherShare]


def not_found(profile_id: int) -> NotFound:
    return NotFound(f"There is no profile {profile_id} that you can see.")


class ProfileAccess:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- checks -----------------------------------------------------------------------------------
    def grant(self, s: Session, user: CurrentUser, row: ProfileRow) -> Grant:
        """What this user may do with this profile."""
        if user.is_admin or row.created_by == user.id:
            return "edit"
        if user.role == "teacher":
            shares = s.scalars(select(ProfileShareRow).where(
                ProfileShareRow.profile_id == row.id,
                or_(ProfileShareRow.user_id == user.id, ProfileShareRow.user_id.is_(None)))).all()
            if shares:
                return "edit" if any(sh.can_edit for sh in shares) else "read"
        return "read" if row.id in self._target_ids(s, user) else "none"

    def require_read(self, s: Session, user: CurrentUser, row: ProfileRow | None, profile_id: int) -> ProfileRow:
        if row is None or self.grant(s, user, row) == "none":
            raise not_found(profile_id)
        return row

    def require_edit(self, s: Session, user: CurrentUser, row: ProfileRow | None, profile_id: int) -> ProfileRow:
        grant = "none" if row is None else self.grant(s, user, row)
        if row is None or grant == "none":
            raise not_found(profile_id)
        if grant != "edit":
            raise Forbidden("You may read this profile but not change it: ask its owner to share it for editing.")
        return row

    def visible_ids(self, s: Session, user: CurrentUser) -> set[int] | None:
        """Ids of the profiles this user may read (None: all of them, for admins)."""
        if user.is_admin:
            return None
        own = set(s.scalars(select(ProfileRow.id).where(ProfileRow.created_by == user.id)))
        shared: set[int] = set()
        if user.role == "teacher":
            shared = set(s.scalars(select(ProfileShareRow.profile_id).where(
                or_(ProfileShareRow.user_id == user.id, ProfileShareRow.user_id.is_(None)))))
        return own | shared | self._target_ids(s, user)

    @staticmethod
    def _target_ids(s: Session, user: CurrentUser) -> set[int]:
        """Profiles that are targets of the user's own participant record, or of the participants they coach."""
        if user.role == "participant":
            rows = s.scalars(select(Participant.target_tasks).where(Participant.user_id == user.id)).all()
        elif user.role in ("coach", "teacher"):
            rows = s.scalars(select(Participant.target_tasks).join(ParticipantCoach)
                             .where(ParticipantCoach.user_id == user.id)).all()
        else:
            return set()
        out: set[int] = set()
        for targets in rows:
            for ref in targets or []:
                pid = str(ref).removeprefix("profile:")
                if str(ref).startswith("profile:") and pid.isdigit():
                    out.add(int(pid))
        return out

    # -- sharing ----------------------------------------------------------------------------------
    def sharing(self, user: CurrentUser, profile_id: int) -> Sharing:
        with self.db.session() as s:
            row = self.require_read(s, user, s.get(ProfileRow, profile_id), profile_id)
            return self._sharing(s, row)

    def share(self, user: CurrentUser, profile_id: int, all_teachers: Grant,
              teachers: list[TeacherShare]) -> Sharing:
        """Replaces the profile's sharing. Only its owner or an admin."""
        if len(teachers) > MAX_SHARES:
            raise InvalidInput(f"Share with at most {MAX_SHARES} teachers by name; share with all teachers instead.")
        with self.db.session() as s:
            row = self.require_read(s, user, s.get(ProfileRow, profile_id), profile_id)
            if not (user.is_admin or row.created_by == user.id):
                raise Forbidden("Only the owner of a profile (or an admin) can change whom it is shared with.")
            wanted: dict[int, bool] = {}
            for t in teachers:
                found = s.scalar(select(User).where(User.name == t.name.strip()))
                if found is None or found.role not in EDITOR_ROLES:
                    raise InvalidInput(f"There is no teacher called '{t.name}'. Share with the user name of a teacher.")
                if found.id != row.created_by:
                    wanted[found.id] = wanted.get(found.id, False) or t.edit
            s.execute(delete(ProfileShareRow).where(ProfileShareRow.profile_id == profile_id))
            if all_teachers != "none":
                s.add(ProfileShareRow(profile_id=profile_id, user_id=None, can_edit=all_teachers == "edit",
                                      shared_by=user.id))
            for uid, edit in wanted.items():
                s.add(ProfileShareRow(profile_id=profile_id, user_id=uid, can_edit=edit, shared_by=user.id))
            s.flush()
            return self._sharing(s, row)

    @staticmethod
    def _sharing(s: Session, row: ProfileRow) -> Sharing:
        shares = s.scalars(select(ProfileShareRow).where(ProfileShareRow.profile_id == row.id)).all()
        everyone = next((sh for sh in shares if sh.user_id is None), None)
        ids = {sh.user_id for sh in shares if sh.user_id is not None} | {row.created_by}
        names = {u.id: u.name for u in s.scalars(select(User).where(User.id.in_({i for i in ids if i is not None})))}
        return Sharing(
            profile=row.id, owner=names.get(row.created_by) if row.created_by else None,
            all_teachers="none" if everyone is None else "edit" if everyone.can_edit else "read",
            teachers=sorted((TeacherShare(names[sh.user_id], sh.can_edit) for sh in shares
                             if sh.user_id is not None and sh.user_id in names), key=lambda t: t.name),
        )
