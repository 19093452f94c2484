"""UI sessions bound to the user's id and session version, not to the name typed at sign-in.

Gradio keeps its own cookie token → user *name* map in memory. At sign-in (`POST /ui/login`) the
middleware below records Gradio's token (hashed) with the user's id and `session_version`; on every
later /ui request a cookie whose session is unknown, expired, of another version or of a deleted
user is removed from the request before Gradio sees it, so Gradio treats the browser as signed out.
`UserService` bumps the version on revoke, password change and role change; erase deletes the user
and with it (ON DELETE CASCADE) every session. Ids are never reused, so a new user with the old
name gets nothing of the old sessions.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select

from service.core.auth import CurrentUser
from service.core.db import Database
from service.core.models import User
from service.core.security_models import UiSession

COOKIE_PREFIX = "access-token-"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def gradio_token(cookies: dict[str, str]) -> str | None:
    """Gradio's sign-in token from the cookies (`access-token-<id>` or `access-token-unsecure-<id>`)."""
    for name, value in cookies.items():
        if name.startswith(COOKIE_PREFIX) and value:
            return value
    return None


class UiSessions:
    def __init__(self, db: Database, hours: int = 12) -> None:
        self.db = db
        self.lifetime = timedelta(hours=hours)

    def open(self, user_name: str, token: str) -> bool:
        """Binds a fresh Gradio token to the user of that name (as Gradio just checked it)."""
        now = datetime.now(UTC)
        with self.db.session() as s:
            user = s.scalar(select(User).where(User.name == user_name))
            if user is None:
                return False
            s.execute(delete(UiSession).where(UiSession.expires_at < now))
            s.add(UiSession(token_hash=_hash(token), user_id=user.id, session_version=user.session_version,
                            created_at=now, expires_at=now + self.lifetime))
            return True

    def resolve(self, token: str | None) -> CurrentUser | None:
        """The user of a live session, or None (unknown, expired, older version, user gone)."""
        if not token:
            return None
        with self.db.session() as s:
            row = s.execute(select(UiSession, User).join(User, User.id == UiSession.user_id)
                            .where(UiSession.token_hash == _hash(token))).first()
            if row is None:
                return None
            session, user = row
            if session.session_version != user.session_version or _aware(session.expires_at) <= datetime.now(UTC):
                return None
            return CurrentUser(user.id, user.name, user.role)

    def end(self, token: str | None) -> None:
        if token:
            with self.db.session() as s:
                s.execute(delete(UiSession).where(UiSession.token_hash == _hash(token)))
