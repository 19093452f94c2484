"""Task-language profiles as a service: build (from pasted text, uploads or a shipped task), store
with versions (who changed what, when), list, share between teachers, import/export.

A profile belongs to its author, who shares it with named teachers or all teachers (service/profiles/
access.py); participants and coaches read the profiles of their targets. A save names the version it was based on; if someone saved in between, the save is refused (409) and the
teacher reloads — nothing is overwritten silently.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from corpora.kotus import kotus_words
from corpora.tasks import UnknownTask, get_task, load_tasks
from corpora.tasks_profiles import UnknownTaskProfile, load_task_profile
from finnish.analyser import CachedAnalyser
from finnish.profile import ProfileText, TaskProfile
from finnish.profile_builder import ProfileInputError, build_profile
from service.core.auth import CurrentUser
from service.core.db import Database
from service.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from service.core.models import User, utcnow
from service.profiles.access import ProfileAccess
from service.profiles.ingest import Ingest, Upload
from service.profiles.models import ProfileRow, ProfileVersionRow
from service.profiles.shapes import (
    ProfileJSON,
    ProfileSummary,
    ProfileVersion,
    ProfileVersionDetail,
    ShippedTask,
)

log = logging.getLogger("tyokieli.profiles")
EDITOR_ROLES = ("teacher", "admin")
MAX_TEXTS = 20


def _headword_check() -> Callable[[str, Sequence[str]], bool]:
    return kotus_words().is_headword


def changed_fields(old: ProfileJSON, new: ProfileJSON) -> list[str]:
    return sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))


class ProfileService:
    def __init__(self, db: Database, analyser: CachedAnalyser, ingest: Ingest) -> None:
        self.db = db
        self.analyser = analyser
        self.ingest = ingest
        self.access = ProfileAccess(db)

    # building -------------------------------------------------------------------------------
    def analyse(
        self,
        title: str,
        texts: list[str] | None = None,
        *,
        uploads: list[Upload] | None = None,
        situations: list[str] | None = None,
        description: str = "",
    ) -> TaskProfile:
        """A profile built from pasted texts and uploaded files; nothing is stored."""
        if not title or not title.strip():
            raise InvalidInput("Give the job task a title.")
        if len(title) > 300:
            raise InvalidInput("The title is too long: at most 300 characters.")
        if len(texts or []) + len(uploads or []) > MAX_TEXTS:
            raise InvalidInput(f"Too many texts: at most {MAX_TEXTS} at once.")
        items = self.ingest.all(list(texts or []), list(uploads or []))
        return self._build(title, items, situations or [], description)

    def _build(self, title: str, items: list[ProfileText], situations: list[str], description: str,
               task_id: str | None = None) -> TaskProfile:
        try:
            return build_profile(
                self.analyser, title, items, description=description, situations=situations,
                task_id=task_id, is_headword=_headword_check(),
            )
        except ProfileInputError as exc:
            raise InvalidInput(str(exc)) from None

    def from_task(self, task_id: str) -> TaskProfile:
        """The pre-built profile of a shipped workplace task, read by the one reader of shipped profiles
        (corpora.tasks_profiles; a copy, so the cached one stays as shipped), or built from the task's
        texts if none is shipped."""
        try:
            return load_task_profile(task_id).model_copy(deep=True)
        except UnknownTaskProfile:
            pass
        try:
            task = get_task(task_id)
        except UnknownTask:
            raise NotFound(f"There is no workplace task '{task_id}'.") from None
        items = [ProfileText(text=t.text, title=t.title, kind=t.kind) for t in task.texts]
        return self._build(task.title, items, list(task.typical_situations), task.description, task.id)

    @staticmethod
    def shipped_tasks() -> list[ShippedTask]:
        return [{"id": t.id, "title": t.title, "title_en": t.title_en, "sector": t.sector} for t in load_tasks()]

    # storage --------------------------------------------------------------------------------
    @staticmethod
    def _require_editor(user: CurrentUser) -> None:
        if user.role not in EDITOR_ROLES:
            raise Forbidden(f"Only teachers and admins can create or change profiles; you are signed in as {user.role}.")

    @staticmethod
    def validate(data: ProfileJSON | TaskProfile) -> TaskProfile:
        if isinstance(data, TaskProfile):
            return data
        try:
            return TaskProfile.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            raise InvalidInput(f"This is not a valid profile: '{where}': {first.get('msg')}.") from None

    def create(self, user: CurrentUser, profile: ProfileJSON | TaskProfile) -> ProfileJSON:
        """Stores a new profile (also the JSON import); version 1."""
        self._require_editor(user)
        data = self.validate(profile).model_dump(mode="json")
        now = utcnow()
        with self.db.session() as s:
            row = ProfileRow(title=data["title"], task_id=data.get("task_id"), version=1, data=data,
                             created_by=user.id, created_at=now, updated_by=user.id, updated_at=now)
            s.add(row)
            s.flush()
            s.add(ProfileVersionRow(profile_id=row.id, version=1, data=data, changed_fields=["created"],
                                    changed_by=user.id, changed_at=now))
            s.flush()
            log.info("profile %s created by user %s", row.id, user.id)
            return self._record(s, row)

    def update(self, user: CurrentUser, profile_id: int, profile: ProfileJSON | TaskProfile, version: int) -> ProfileJSON:
        """Saves a new version if `version` is still the current one; otherwise 409."""
        self._require_editor(user)
        data = self.validate(profile).model_dump(mode="json")
        try:
            return self._update(user, profile_id, data, version)
        except IntegrityError:  # the same version number saved twice at the same moment
            raise Conflict(self.RACE) from None
        except OperationalError as exc:  # SQLite: another writer committed after we began reading
            if "locked" in str(exc).lower():
                raise Conflict(self.RACE) from None
            raise

    RACE = "Someone saved this profile at the same moment. Reload it and try again."

    def _update(self, user: CurrentUser, profile_id: int, data: ProfileJSON, version: int) -> ProfileJSON:
        now = utcnow()
        with self.db.session() as s:
            row = self.access.require_edit(s, user, s.get(ProfileRow, profile_id), profile_id)
            if row.version != version:
                raise Conflict(
                    f"Someone saved this profile in the meantime (now version {row.version}, you edited "
                    f"version {version}). Reload it and make your changes again.",
                    current_version=row.version,
                )
            changes = changed_fields(row.data, data)
            result = s.execute(
                update(ProfileRow)
                .where(ProfileRow.id == profile_id, ProfileRow.version == version)
                .values(title=data["title"], task_id=data.get("task_id"), data=data, version=version + 1,
                        updated_by=user.id, updated_at=now)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]  # a concurrent save won the race between our read and write
                raise Conflict("Someone saved this profile at the same moment. Reload it and try again.")
            s.add(ProfileVersionRow(profile_id=profile_id, version=version + 1, data=data, changed_fields=changes,
                                    changed_by=user.id, changed_at=now))
            s.flush()
            s.expire(row)
            log.info("profile %s saved as version %s by user %s", profile_id, version + 1, user.id)
            return self._record(s, s.get(ProfileRow, profile_id))  # type: ignore[arg-type]

    def get(self, profile_id: int, user: CurrentUser | None = None) -> ProfileJSON:
        """A stored profile; with `user`, only one they may read (404 otherwise). Without a user it is
        the internal read of the services that resolve targets (readiness, plan, recommendations)."""
        with self.db.session() as s:
            row = s.get(ProfileRow, profile_id)
            if user is not None:
                row = self.access.require_read(s, user, row, profile_id)
            if row is None:
                raise NotFound(f"There is no profile {profile_id}.")
            return self._record(s, row)

    def profile(self, profile_id: int, user: CurrentUser | None = None) -> TaskProfile:
        return TaskProfile.model_validate(self.get(profile_id, user))

    def query_text(self, profile_id: int, user: CurrentUser, terms: int = 15) -> str:
        """The profile as a search query (its title, description and key terms), for recommendations."""
        profile = self.profile(profile_id, user)
        words = [t.lemma for t in sorted(profile.key_terms, key=lambda t: -t.keyness)[:terms]]
        return " ".join([profile.title, profile.description, *words]).strip()[:1000]

    def profile_at(self, profile_id: int, version: int) -> TaskProfile | None:
        """The profile as it was saved at `version` (what a bound scenario reads), or None."""
        with self.db.session() as s:
            row = s.scalar(select(ProfileVersionRow).where(
                ProfileVersionRow.profile_id == profile_id, ProfileVersionRow.version == version))
            return None if row is None else TaskProfile.model_validate(row.data)

    def list_profiles(self, user: CurrentUser | None = None) -> list[ProfileSummary]:
        """Every stored profile, or with `user` those they may read."""
        with self.db.session() as s:
            q = select(ProfileRow).order_by(ProfileRow.updated_at.desc(), ProfileRow.id.desc())
            visible = self.access.visible_ids(s, user) if user is not None else None
            if visible is not None:
                q = q.where(ProfileRow.id.in_(visible))
            rows = s.scalars(q).all()
            names = self._names(s, {r.updated_by for r in rows} | {r.created_by for r in rows})
            return [
                {"id": r.id, "title": r.title, "task_id": r.task_id, "version": r.version,
                 "created_by": names.get(r.created_by), "updated_by": names.get(r.updated_by),
                 "updated_at": r.updated_at.isoformat()}
                for r in rows
            ]

    def history(self, profile_id: int, user: CurrentUser | None = None) -> list[ProfileVersion]:
        with self.db.session() as s:
            row = s.get(ProfileRow, profile_id)
            if user is not None:
                row = self.access.require_read(s, user, row, profile_id)
            if row is None:
                raise NotFound(f"There is no profile {profile_id}.")
            rows = s.scalars(
                select(ProfileVersionRow).where(ProfileVersionRow.profile_id == profile_id).order_by(ProfileVersionRow.version)
            ).all()
            names = self._names(s, {r.changed_by for r in rows})
            return [
                {"version": r.version, "changed_by": names.get(r.changed_by), "changed_at": r.changed_at.isoformat(),
                 "changed_fields": r.changed_fields}
                for r in rows
            ]

    def version(self, profile_id: int, version: int, user: CurrentUser | None = None) -> ProfileVersionDetail:
        """One saved version as it was then (to compare or to copy back with a new save)."""
        with self.db.session() as s:
            if user is not None:
                self.access.require_read(s, user, s.get(ProfileRow, profile_id), profile_id)
            row = s.scalar(select(ProfileVersionRow).where(
                ProfileVersionRow.profile_id == profile_id, ProfileVersionRow.version == version))
            if row is None:
                raise NotFound(f"Profile {profile_id} has no version {version}.")
            names = self._names(s, {row.changed_by})
            return {"version": row.version, "changed_by": names.get(row.changed_by),
                    "changed_at": row.changed_at.isoformat(), "changed_fields": row.changed_fields,
                    "profile": row.data}

    @staticmethod
    def _names(s: Session, ids: set[int | None]) -> dict[int | None, str]:
        wanted = {i for i in ids if i is not None}
        if not wanted:
            return {}
        return {u.id: u.name for u in s.scalars(select(User).where(User.id.in_(wanted)))}

    def _record(self, s: Session, row: ProfileRow) -> ProfileJSON:
        names = self._names(s, {row.created_by, row.updated_by})
        return {
            **row.data,
            "id": row.id,
            "version": row.version,
            "created_by": names.get(row.created_by),
            "created_at": row.created_at.isoformat(),
            "updated_by": names.get(row.updated_by),
            "updated_at": row.updated_at.isoformat(),
        }
