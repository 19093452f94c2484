"""Routes of the conversation simulations. Only HTTP here; the logic is in service/simulations.py."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, Field

from service.core.deps import ServicesDep, UserDep
from service.practice.schemas import (
    FinishOut,
    HintOut,
    ScenarioListOut,
    SessionListOut,
    SessionOut,
    StartOut,
    TurnOut,
)
from simulations.scenario import Scenario

router = APIRouter(prefix="/api/v1", tags=["simulations"])


class StartRequest(BaseModel):
    scenario: str = Field(min_length=1, max_length=100, examples=["cleaning-call-in-sick"])
    level: Literal["A1", "A2", "B1", "B2"] | None = Field(default=None, description="default A2")


class TurnRequest(BaseModel):
    text: str = Field(description="What the learner says. Empty is allowed (the partner answers in role); "
                      "turns over 1,000 characters are cut, with a notice.", examples=["Hei, tässä on Amina."])


@router.get("/scenarios", response_model=ScenarioListOut)
def list_scenarios(services: ServicesDep, user: UserDep, task: str | None = None,
                   profile: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None) -> Any:
    """The practice scenarios: `{scenarios: [{id, title, title_en, task, sector, kind, problem, levels}]}`.
    `?task=cleaning-office` lists only that workplace task's scenarios; `?profile=7` the scenarios of a
    stored profile you may read (published ones, and your own drafts with `status`)."""
    if profile is not None:
        return services.profile_scenarios.listing(user, profile)
    return services.simulations.scenarios(task)


@router.get("/scenarios/{scenario_id}", response_model=Scenario)
def get_scenario(scenario_id: str, services: ServicesDep, _user: UserDep) -> Any:
    """One scenario in full (partner, goals, phrases, dialogue graph, rubric). Unknown id → 404."""
    return services.simulations.scenario(scenario_id)


@router.post("/simulations", status_code=status.HTTP_201_CREATED, response_model=StartOut)
def start_simulation(body: StartRequest, services: ServicesDep, user: UserDep) -> Any:
    """Start a conversation: `{id, partner_turn: {text, text_en, kind}, goals}`. The session belongs to
    the signed-in user. Unknown scenario → 404; a level the scenario does not offer → 422."""
    return services.simulations.start(user.id, body.scenario, body.level)


@router.get("/simulations", response_model=SessionListOut)
def list_simulations(services: ServicesDep, user: UserDep) -> Any:
    """The signed-in user's own practice sessions, newest first."""
    return services.simulations.history(user.id)


@router.post("/simulations/{session_id}/turns", response_model=TurnOut)
def post_turn(session_id: str, body: TurnRequest, services: ServicesDep, user: UserDep) -> Any:
    """Say one turn: `{partner_turn, feedback, goals, finished, notices}`. The turn and the reply are
    stored before this answers. Unknown or someone else's session → 404; a finished session → 409."""
    return services.simulations.turn(user.id, session_id, body.text)


@router.post("/simulations/{session_id}/hint", response_model=HintOut)
def get_hint(session_id: str, services: ServicesDep, user: UserDep) -> Any:
    """A hint for the current step: what to say (Finnish + English), example sentences, useful phrases."""
    return services.simulations.hint(user.id, session_id)


@router.post("/simulations/{session_id}/finish", response_model=FinishOut)
def finish_simulation(session_id: str, services: ServicesDep, user: UserDep) -> Any:
    """End the conversation and get the report. Finishing again is harmless (same report)."""
    return services.simulations.finish(user.id, session_id)


@router.get("/simulations/{session_id}", response_model=SessionOut)
def get_simulation(session_id: str, services: ServicesDep, user: UserDep) -> Any:
    """The session: `{transcript, report, goals, finished}`; an open session gets its report so far."""
    return services.simulations.get(user.id, session_id)
