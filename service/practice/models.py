"""Tables of the conversation simulations: one row per session (its engine state and report as
JSON) and one row per turn, learner and partner alike, in order."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.core.models import Base, utcnow
from service.practice.shapes import Report, TurnData


class SimulationSession(Base):
    __tablename__ = "simulation_sessions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    scenario_id: Mapped[str] = mapped_column(String(100))
    task: Mapped[str] = mapped_column(String(100), default="")
    level: Mapped[str] = mapped_column(String(4))
    partner: Mapped[str] = mapped_column(String(40), default="scripted")
    status: Mapped[str] = mapped_column(String(20), default="active")  # active | finished
    state: Mapped[dict] = mapped_column(JSON)  # simulations.engine.SessionState
    report: Mapped[Report | None] = mapped_column(JSON, default=None)
    turn_count: Mapped[int] = mapped_column(Integer, default=0)  # rows in simulation_turns
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)


class SimulationTurn(Base):
    __tablename__ = "simulation_turns"
    __table_args__ = (UniqueConstraint("session_id", "seq", name="uq_simulation_turn_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("simulation_sessions.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(10))  # learner | partner
    kind: Mapped[str] = mapped_column(String(20), default="")
    text: Mapped[str] = mapped_column(Text)
    data: Mapped[TurnData] = mapped_column(JSON, default=dict)  # feedback, goals, English, notice
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
