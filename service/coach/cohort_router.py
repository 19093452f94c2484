"""The cohort dashboard route: a coach's participants (an admin: all), as JSON or CSV."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Response
from pydantic import Field

from service.coach.cohort import Cohort
from service.core.deps import ServicesDep, UserDep
from service.core.schemas import OpenSchema

router = APIRouter(prefix="/api/v1", tags=["coach view"])


class WeekActivityOut(OpenSchema):
    week: str
    sessions: int
    cards: int


class TaskDistributionOut(OpenSchema):
    task: str
    title: str
    skills: dict[str, dict[str, int]] = Field(description="skill → readiness status → how many participants")


class CohortTaskOut(OpenSchema):
    task: str
    title: str
    status: str
    skills: dict[str, str]
    estimates: dict[str, str | None]


class CohortSummaryOut(OpenSchema):
    participants: int
    stalled: int
    ready_tasks: int
    activity: list[WeekActivityOut]
    skills_by_task: list[TaskDistributionOut]


class CohortRowOut(OpenSchema):
    id: int
    name: str
    stalled: bool
    last_practice: str | None
    sessions: int
    cards: int
    activity: list[WeekActivityOut]
    tasks: list[CohortTaskOut]


class CohortOut(OpenSchema):
    participants: list[CohortRowOut]
    summary: CohortSummaryOut
    weeks: list[str]


@router.get("/cohort", response_model=CohortOut,
            responses={200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with ?format=csv"}})
def cohort(services: ServicesDep, user: UserDep,
           format: Literal["json", "csv"] = Query(default="json", description="json or csv"),  # noqa: A002
           ) -> Response | Cohort:
    """Every participant you follow (an admin: everyone) with readiness per target task, practice
    sessions and vocabulary reviews per week, whether they have stalled (no practice for two weeks),
    and the skill distribution per task. `format=csv` for a spreadsheet."""
    if format == "csv":
        return Response(services.cohort.csv(user), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="cohort.csv"'})
    return services.cohort.cohort(user)
