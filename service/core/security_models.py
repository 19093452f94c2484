"""Tables of security and privacy: the audit log (who read or changed which person's data, when)
and the rate-limit counters (kept in the database so that every worker process shares them)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String
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
