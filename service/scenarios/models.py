"""Scenarios authored by teachers: every saved version is a row (versions are never overwritten).

A version is a draft (only its author and admins see it, and may test-play it) or published (every
participant finds it by id; the newest published version is the one played). `data` is the full
scenario JSON, validated by `simulations.scenario.Scenario` before it is stored.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.core.models import Base, utcnow
from service.scenarios.shapes import ScenarioJSON

SCENARIO_STATUSES = ("draft", "published")


class AuthoredScenario(Base):
    __tablename__ = "authored_scenarios"
    __table_args__ = (UniqueConstraint("scenario_id", "version", name="uq_authored_scenario_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    task: Mapped[str] = mapped_column(String(100), index=True)
    title: Mapped[str] = mapped_column(String(300))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    data: Mapped[ScenarioJSON] = mapped_column(JSON)  # the validated scenario as JSON
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
