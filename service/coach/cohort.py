"""The cohort dashboard: every participant a coach follows (an admin: all) with readiness per target
task, activity per week (practice sessions, texts and observations; vocabulary card reviews), who has
stalled (no practice for STALLED_DAYS), and the distribution of skill statuses per task. As JSON
and as CSV; the UI draws the plots from the same data."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TypedDict

from sqlalchemy import select

from service.coach.participants import SKILLS
from service.coach.readiness import ReadinessService
from service.core.auth import CurrentUser
from service.core.db import Database
from service.core.errors import Forbidden

STALLED_DAYS = 14
WEEKS = 8
PRACTICE_KINDS = ("simulation", "text")
Reviews = Callable[[int], list[datetime]]


class WeekActivity(TypedDict):
    week: str
    sessions: int
    cards: int


class CohortTask(TypedDict):
    task: str
    title: str
    status: str
    skills: dict[str, str]  # skill → readiness status
    estimates: dict[str, str | None]


class CohortRow(TypedDict):
    id: int
    name: str
    last_practice: str | None
    stalled: bool
    days_since_practice: int | None
    sessions: int
    cards: int
    observations: int
    activity: list[WeekActivity]
    tasks: list[CohortTask]


class TaskDistribution(TypedDict):
    task: str
    title: str
    skills: dict[str, dict[str, int]]  # skill → status → how many participants


class CohortSummary(TypedDict):
    participants: int
    stalled: int
    ready_tasks: int
    activity: list[WeekActivity]
    skills_by_task: list[TaskDistribution]


class Cohort(TypedDict):
    participants: list[CohortRow]
    summary: CohortSummary
    weeks: list[str]
    stalled_days: int


def _aware(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def last_weeks(today: date, n: int = WEEKS) -> list[str]:
    monday = today - timedelta(days=today.weekday())
    return [week_of(monday - timedelta(weeks=i)) for i in reversed(range(n))]


def review_times(db: Database) -> Reviews:
    """When a user reviewed vocabulary cards (the vocabulary feature's table, read only)."""
    from service.vocabulary.models import VocabularyReview

    def times(user_id: int) -> list[datetime]:
        with db.session() as s:
            return [_aware(t) for t in s.scalars(select(VocabularyReview.reviewed_at)
                                                 .where(VocabularyReview.user_id == user_id))]

    return times


class CohortService:
    def __init__(self, readiness: ReadinessService, reviews: Reviews | None = None) -> None:
        self.readiness = readiness
        self.participants = readiness.participants
        self._reviews = reviews or (lambda _uid: [])

    def cohort(self, user: CurrentUser, now: datetime | None = None) -> Cohort:
        if user.role not in ("coach", "admin"):
            raise Forbidden("The cohort view is for coaches and admins.")
        now = now or datetime.now(UTC)
        weeks = last_weeks(now.date())
        rows = [self._row(user, view.id, now, weeks) for view in self.participants.list(user)]
        for row in rows:
            self.participants.record(user, "read", row["id"])
        return {"participants": rows, "summary": _summary(rows, weeks), "weeks": weeks,
                "stalled_days": STALLED_DAYS}

    def _row(self, user: CurrentUser, participant_id: int, now: datetime, weeks: list[str]) -> CohortRow:
        p, items = self.readiness.gather(user, participant_id)
        result = self.readiness.assess(p, items)
        practice = [i.recorded_at for i in items if i.kind in PRACTICE_KINDS]
        cards = self._reviews(p.user_id) if p.user_id is not None else []
        last = max([*practice, *cards], default=None)
        since = last or _aware(p.created_at)
        stalled = (now - since).days >= STALLED_DAYS
        sessions = Counter(week_of(t.date()) for t in practice)
        reviews = Counter(week_of(t.date()) for t in cards)
        return {
            "id": p.id, "name": p.name,
            "last_practice": last.isoformat() if last else None, "stalled": stalled,
            "days_since_practice": (now - last).days if last else None,
            "sessions": len(practice), "cards": len(cards),
            "observations": sum(1 for i in items if i.kind == "observation"),
            "activity": [{"week": w, "sessions": sessions.get(w, 0), "cards": reviews.get(w, 0)} for w in weeks],
            "tasks": [{"task": t["task"], "title": t["title"], "status": t["status"],
                       "skills": {s: v["status"] for s, v in t["skills"].items()},
                       "estimates": {s: v["estimate"] for s, v in t["skills"].items()}} for t in result["tasks"]],
        }

    def csv(self, user: CurrentUser, now: datetime | None = None) -> str:
        data = self.cohort(user, now)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["id", "name", "task", "status", *SKILLS, "sessions", "cards", "observations",
                         "last_practice", "stalled"])
        for row in data["participants"]:
            tasks: list[CohortTask | None] = [*row["tasks"]] or [None]  # a participant without tasks: one row
            for task in tasks:
                writer.writerow([row["id"], _safe(row["name"]), task["task"] if task else "",
                                 task["status"] if task else "",
                                 *((task["skills"].get(s, "") if task else "") for s in SKILLS), row["sessions"], row["cards"],
                                 row["observations"], row["last_practice"] or "", "yes" if row["stalled"] else "no"])
        return out.getvalue()


def _safe(text: str) -> str:
    """A spreadsheet must not run a name as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _summary(rows: list[CohortRow], weeks: list[str]) -> CohortSummary:
    distribution: dict[str, dict[str, dict[str, int]]] = {}
    titles: dict[str, str] = {}
    for row in rows:
        for task in row["tasks"]:
            titles[task["task"]] = task["title"]
            per_skill = distribution.setdefault(task["task"], {s: {} for s in SKILLS})
            for skill, status in task["skills"].items():
                per_skill[skill][status] = per_skill[skill].get(status, 0) + 1
    return {
        "participants": len(rows),
        "stalled": sum(1 for r in rows if r["stalled"]),
        "ready_tasks": sum(1 for r in rows for t in r["tasks"] if t["status"] == "ready"),
        "activity": [{"week": w, "sessions": sum(r["activity"][i]["sessions"] for r in rows),
                      "cards": sum(r["activity"][i]["cards"] for r in rows)} for i, w in enumerate(weeks)],
        "skills_by_task": [{"task": t, "title": titles[t], "skills": d} for t, d in distribution.items()],
    }
