"""Teacher authoring of scenarios: `POST /api/v1/scenarios`, `PUT /api/v1/scenarios/{id}` and friends.
The listing `GET /api/v1/scenarios` belongs to the simulations router."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, Field

from service.core.auth import CurrentUser
from service.core.deps import ServicesDep, require_roles
from service.practice.schemas import StartOut
from service.scenarios.shapes import ScenarioJSON

router = APIRouter(prefix="/api/v1/scenarios", tags=["scenario authoring"])

TeacherDep = Annotated[CurrentUser, Depends(require_roles("teacher"))]


class ScenarioWrite(BaseModel):
    scenario: ScenarioJSON = Field(
        description="The scenario in the same schema as the shipped YAML files (id, title, title_en, task, sector, "
        "setting, partner, learner, goals, phrases, start, nodes, rubric, …)."
    )
    publish: bool = Field(default=False, description="Publish to participants now (default: save a draft).")


class PublishRequest(BaseModel):
    version: int | None = Field(default=None, ge=1, description="The version to publish; default the newest.")
    override_flagged: bool = Field(default=False, description="Publish even if the feedback engine flags lines.")


class TestPlayRequest(BaseModel):
    level: Literal["A1", "A2", "B1", "B2"] | None = Field(default=None, description="default A2")


class AuthoredOut(BaseModel):
    id: str
    version: int
    status: str
    task: str
    title: str
    author_id: int | None
    created_at: str | None
    published_at: str | None
    scenario: ScenarioJSON | None = None


@router.post("", response_model=AuthoredOut, status_code=201)
def create_scenario(body: ScenarioWrite, services: ServicesDep, user: TeacherDep) -> Any:
    """Create a scenario (version 1) for a workplace task. It is validated against the scenario
    schema and saved as a draft that only its author can see and test-play, unless `publish` is true.
    Teachers and admins only (403 otherwise); a taken id → 409; a scenario that breaks the schema → 422."""
    return services.scenarios.create(user, body.scenario, publish=body.publish)


@router.put("/{scenario_id}", response_model=AuthoredOut)
def update_scenario(scenario_id: str, body: ScenarioWrite, services: ServicesDep, user: TeacherDep) -> Any:
    """Save a new version of an authored scenario (versions are kept; the newest draft is what its
    author test-plays; participants play the newest published version). Only its author or an admin;
    shipped scenarios cannot be edited (409); unknown id → 404."""
    return services.scenarios.update(user, scenario_id, body.scenario, publish=body.publish)


@router.post("/{scenario_id}/publish", response_model=AuthoredOut)
def publish_scenario(
    scenario_id: str, services: ServicesDep, user: TeacherDep, body: PublishRequest | None = None
) -> Any:
    """Publish the newest (or a given) version of an authored scenario to participants. Lines the
    feedback engine flags → 422 with `flagged: [{where, text, message}]`, unless `override_flagged`."""
    return services.scenarios.publish(user, scenario_id, body.version if body else None,
                                      override_flagged=body.override_flagged if body else False)


@router.get("/{scenario_id}/versions", response_model=list[AuthoredOut])
def scenario_versions(scenario_id: str, services: ServicesDep, user: TeacherDep) -> Any:
    """Every saved version of an authored scenario with its status (for its author or an admin)."""
    return services.scenarios.versions(user, scenario_id)


@router.get("/{scenario_id}/source", response_model=AuthoredOut)
def scenario_source(scenario_id: str, services: ServicesDep, user: TeacherDep, response: Response) -> Any:
    """The newest version of an authored scenario, draft or published, in full — to edit it."""
    response.headers["Cache-Control"] = "no-store"
    return services.scenarios.latest(user, scenario_id)


@router.post("/{scenario_id}/test-play", status_code=201, response_model=StartOut)
def test_play_scenario(
    scenario_id: str, services: ServicesDep, user: TeacherDep, body: TestPlayRequest | None = None
) -> Any:
    """Start a practice session on the newest version of an authored scenario — a draft too — so its
    author can try it before publishing. Answers like `POST /api/v1/simulations`; play on with
    `/api/v1/simulations/{id}/turns`. Only its author or an admin."""
    play_id = services.scenarios.test_play_id(user, scenario_id)
    return services.simulations.start(user.id, play_id, body.level if body else None)
