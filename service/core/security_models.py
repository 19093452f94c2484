"""Tables of security and privacy: the audit log (who read or changed which person's data, when)
and the rate-limit counters (kept in the database so that every worker process shares them)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from service.core.models import Base, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    # No foreign key: the trail must outlive the user who left it (and holds no learner text).
    user_id: Mapped[int | None] = mapped_column(Integer, default=None)
    user_name: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(50))
    object_type: Mapped[str] = mapped_column(String(50))
    object_id: Mapped[str] = mapped_column(String(100))


class RateLimitHit(Base):
    """One fixed window of one bucket: `count` requests of `key` in the fixed window that starts at `window_start` (epoch seconds)."""

    __tablename__ = "rate_limit_hits"

    key: Mapped[str] = mapped_column(String(150), primary_key=True)
    window_start: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class SignInFailure(Base):
    """Wrong UI passwords of one key (a hash of account, address or both) and its back-off.
    Keys are hashed: the table holds neither user names nor addresses in the clear."""

    __tablename__ = "sign_in_failures"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_at: Mapped[float] = mapped_column(Float, default=0.0)
    blocked_until: Mapped[float] = mapped_column(Float, default=0.0)


class UiSession(Base):
    """One signed-in UI browser: Gradio's cookie token (hashed) bound to the user *id* and to the
    user's session version at sign-in. Revoke, password or role change and erase end it."""

    __tablename__ = "ui_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    session_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class TestPlayGrant(Base):
    """A teacher's right to test-play one draft version: a random id known only to the server and
    to that teacher, bound to the user, with an expiry (no signature anyone could compute)."""

    __tablename__ = "test_play_grants"

    grant: Mapped[str] = mapped_column(String(64), primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
