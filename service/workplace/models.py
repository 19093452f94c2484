"""Tables of the workplace feature. Every row hangs on the participant with ON DELETE CASCADE, so
erasing a participant erases their intake, mentor consents, observations and portfolio links, and
the privacy export lists them (service/core/privacy.py follows the cascades)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import JsonValue
from sqlalchemy import JSON, Date, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from service.core.models import Base, utcnow


class MentorConsent(Base):
    """The participant's consent that one mentor follows one target task. Withdrawn rows stay (the
    audit trail of who could see what, when) until the participant is erased."""

    __tablename__ = "mentor_consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    target: Mapped[str] = mapped_column(String(200))
    granted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)


class Observation(Base):
    """A mentor's note of how one situation of the task went at work."""

    __tablename__ = "workplace_observations"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    target: Mapped[str] = mapped_column(String(200))
    situation: Mapped[str] = mapped_column(String(100))
    result: Mapped[str] = mapped_column(String(20))  # managed | with_help | not_yet
    note: Mapped[str] = mapped_column(String(500), default="")
    observed_on: Mapped[date] = mapped_column(Date)
    evidence_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant_evidence.id", ondelete="SET NULL"), default=None)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Intake(Base):
    """The intake mapping (alkukartoitus), one per participant, as validated JSON."""

    __tablename__ = "participant_intakes"

    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[dict[str, JsonValue]] = mapped_column(JSON, default=dict)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class PortfolioLink(Base):
    """A read-only link to the parts of the portfolio the participant chose; only its hash is kept."""

    __tablename__ = "portfolio_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    include: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
