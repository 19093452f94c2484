"""Tables of the coach view: participants, their coaches and the evidence gathered about them.

Ownership for GDPR export/erase: a participant may be linked to a `users` row (role participant)
through `user_id`; erasing that user erases the participant (ON DELETE CASCADE), and every
dependent row (coaches, evidence) cascades from the participant. Evidence keeps only derived
measures (levels, counts, lemmas of key terms), never the learner's own text.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.coach.measures import EvidenceData
from service.core.models import Base, utcnow


class Participant(Base):
    __tablename__ = "participants"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are never reused (audit trails stay apart)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), default=None, index=True, unique=True
    )
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    target_tasks: Mapped[list[str]] = mapped_column(JSON, default=list)
    work_trial_place: Mapped[str] = mapped_column(String(300), default="")
    work_trial_tasks: Mapped[list[str]] = mapped_column(JSON, default=list)
    self_assessment: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    teacher_assessment: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    teacher_assessed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    coaches: Mapped[list[ParticipantCoach]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", passive_deletes=True
    )
    evidence: Mapped[list[ParticipantEvidence]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", passive_deletes=True
    )


class ParticipantCoach(Base):
    __tablename__ = "participant_coaches"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)

    participant: Mapped[Participant] = relationship(back_populates="coaches")


class ParticipantEvidence(Base):
    __tablename__ = "participant_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # simulation | text
    source: Mapped[str] = mapped_column(String(100), default="")  # e.g. the simulation session id
    task: Mapped[str] = mapped_column(String(200), default="")  # task or profile the evidence belongs to
    data: Mapped[EvidenceData] = mapped_column(JSON, default=dict)
    weight: Mapped[int] = mapped_column(Integer, default=1)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)

    participant: Mapped[Participant] = relationship(back_populates="evidence")
