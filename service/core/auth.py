"""Users and API tokens. Tokens are shown once and stored only as a SHA-256 hash; they expire and
can be revoked. Passwords (for the UI sign-in) are hashed with argon2."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select, update

from service.core.db import Database
from service.core.errors import Conflict, InvalidInput, NotFound, Unauthorized
from service.core.models import ROLES, ApiToken, User

TOKEN_PREFIX = "tk_"
# RFC 7235/6750: the scheme (any case), exactly one space, a token68. Nothing else is a credential.
_BEARER = re.compile(r"^[Bb][Ee][Aa][Rr][Ee][Rr] ([A-Za-z0-9\-._~+/]+=*)$")


def bearer_token(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header; None when there is no header.
    Every other shape (another scheme, extra spaces, tabs, a second token) → 401, so that one
    token cannot pass as many different headers (the rate limits count the user, see ratelimit.py)."""
    if header is None or header == "":
        return None
    found = _BEARER.match(header)
    if found is None:
        raise Unauthorized("The Authorization header must be exactly 'Bearer <token>' (one space, no other text).")
    return found.group(1)


@dataclass(frozen=True)
class CurrentUser:
    id: int
    name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _aware(dt: datetime | None) -> datetime | None:
    if dt is not None and dt.tzinfo is None:  # SQLite returns naive datetimes
        return dt.replace(tzinfo=UTC)
    return dt


# The token check of every request, built once (its cache key is not computed again each time).
_TOKEN_OWNER = (select(User.id, User.name, User.role, ApiToken.revoked_at, ApiToken.expires_at)
                .join(User, ApiToken.user_id == User.id).where(ApiToken.token_hash == bindparam("digest")))


class UserService:
    def __init__(self, db: Database, token_ttl_days: int = 90) -> None:
        self.db = db
        self.token_ttl = timedelta(days=token_ttl_days)

    def add_user(self, name: str, role: str, password: str | None = None) -> tuple[CurrentUser, str]:
        """Creates a user and returns it with a fresh API token (the only time the token is seen)."""
        name = (name or "").strip()
        if not name or len(name) > 200:
            raise InvalidInput("A user needs a name of 1–200 characters.")
        if role not in ROLES:
            raise InvalidInput(f"Unknown role '{role}': choose one of {', '.join(ROLES)}.")
        with self.db.session() as s:
            if s.scalar(select(User).where(User.name == name)) is not None:
                raise Conflict(f"A user called '{name}' already exists.")
            user = User(name=name, role=role, password_hash=hash_password(password) if password else None)
            s.add(user)
            s.flush()
            token = self._new_token(s, user.id, "cli")
            return CurrentUser(user.id, user.name, user.role), token

    def issue_token(self, user_id: int, label: str = "") -> str:
        with self.db.session() as s:
            if s.get(User, user_id) is None:
                raise NotFound("No such user.")
            return self._new_token(s, user_id, label)

    def _new_token(self, s: object, user_id: int, label: str) -> str:
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        s.add(  # type: ignore[attr-defined]
            ApiToken(
                user_id=user_id,
                token_hash=hash_token(token),
                label=label[:100],
                expires_at=datetime.now(UTC) + self.token_ttl,
            )
        )
        return token

    def revoke_user_tokens(self, user_id: int) -> int:
        """Revokes every live token of a user (e.g. a lost laptop); returns how many."""
        now = datetime.now(UTC)
        with self.db.session() as s:
            if s.get(User, user_id) is None:
                raise NotFound("No such user.")
            rows = s.scalars(select(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None)))
            count = 0
            for row in rows:
                row.revoked_at = now
                count += 1
            _end_ui_sessions(s, user_id)  # a lost laptop's browser session ends too
            return count

    def list_users(self) -> list[dict[str, object]]:
        """Every user with role, whether a UI password is set and how many tokens are live."""
        now = datetime.now(UTC)
        with self.db.session() as s:
            out = []
            for user in s.scalars(select(User).order_by(User.id)):
                live = [
                    t for t in user.tokens
                    if t.revoked_at is None and (t.expires_at is None or _aware(t.expires_at) > now)  # type: ignore[operator]
                ]
                out.append(
                    {"id": user.id, "name": user.name, "role": user.role,
                     "password": bool(user.password_hash), "live_tokens": len(live)}
                )
            return out

    def revoke_token(self, token: str) -> bool:
        with self.db.session() as s:
            row = s.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
            if row is None or row.revoked_at is not None:
                return False
            row.revoked_at = datetime.now(UTC)
            return True

    def authenticate(self, token: str | None) -> CurrentUser:
        if not token:
            raise Unauthorized("Sign in first: send 'Authorization: Bearer <token>'.")
        with self.db.engine.connect() as conn:  # one Core query on every request: no ORM objects
            row = conn.execute(_TOKEN_OWNER, {"digest": hash_token(token)}).first()
        if row is None:
            raise Unauthorized("This token is not valid.")
        if row.revoked_at is not None:
            raise Unauthorized("This token has been revoked.")
        expires = _aware(row.expires_at)
        if expires is not None and expires <= datetime.now(UTC):
            raise Unauthorized("This token has expired: ask for a new one.")
        return CurrentUser(int(row.id), str(row.name), str(row.role))

    def principal_of(self, token: str) -> int | None:
        """The user id a live token belongs to (for the rate limits), None for any other string."""
        with self.db.session() as s:
            row = s.execute(
                select(ApiToken.user_id, ApiToken.revoked_at, ApiToken.expires_at)
                .where(ApiToken.token_hash == hash_token(token))
            ).first()
            if row is None or row.revoked_at is not None:
                return None
            expires = _aware(row.expires_at)
            return None if expires is not None and expires <= datetime.now(UTC) else int(row.user_id)

    def get(self, user_id: int) -> CurrentUser:
        with self.db.session() as s:
            user = s.get(User, user_id)
            if user is None:
                raise NotFound("No such user.")
            return CurrentUser(user.id, user.name, user.role)

    def by_name(self, name: str) -> CurrentUser | None:
        with self.db.session() as s:
            user = s.scalar(select(User).where(User.name == name))
            return None if user is None else CurrentUser(user.id, user.name, user.role)

    def set_password(self, user_id: int, password: str) -> None:
        if len(password) < 8:
            raise InvalidInput("A password needs at least 8 characters.")
        with self.db.session() as s:
            user = s.get(User, user_id)
            if user is None:
                raise NotFound("No such user.")
            user.password_hash = hash_password(password)
            _end_ui_sessions(s, user_id)

    def set_role(self, user_id: int, role: str) -> CurrentUser:
        """Gives a user another role; their UI sessions end (a page must not keep the old rights)."""
        if role not in ROLES:
            raise InvalidInput(f"Unknown role '{role}': choose one of {', '.join(ROLES)}.")
        with self.db.session() as s:
            user = s.get(User, user_id)
            if user is None:
                raise NotFound("No such user.")
            if user.role != role:
                user.role = role
                _end_ui_sessions(s, user_id)
            return CurrentUser(user.id, user.name, user.role)

    def check_password(self, name: str, password: str) -> CurrentUser | None:
        with self.db.session() as s:
            user = s.scalar(select(User).where(User.name == name))
            if user is None or not user.password_hash:
                hash_password("timing-equaliser")  # same work whether or not the user exists
                return None
            if not verify_password(user.password_hash, password):
                return None
            return CurrentUser(user.id, user.name, user.role)


def _end_ui_sessions(s: Any, user_id: int) -> None:
    """Every UI session of the user made before now stops working (see service/core/ui_sessions.py)."""
    s.execute(update(User).where(User.id == user_id).values(session_version=User.session_version + 1))


def hash_password(password: str) -> str:
    from argon2 import PasswordHasher

    return PasswordHasher().hash(password)


def verify_password(stored: str, password: str) -> bool:
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return PasswordHasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
