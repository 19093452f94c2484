"""`POST /api/v1/profiles/{id}/scenarios`: draft scenarios generated from a stored profile."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi import Path as PathParam
from pydantic import BaseModel, ConfigDict, Field

from service.core.auth import CurrentUser
from service.core.deps import ServicesDep, require_roles
from service.scenarios.generation import GenerationOut

router = APIRouter(prefix="/api/v1/profiles", tags=["scenario authoring"])
TeacherDep = Annotated[CurrentUser, Depends(require_roles("teacher"))]
ProfileId = Annotated[int, PathParam(ge=1, le=2_147_483_647, description="The stored profile's id")]


class GenerateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    polish: bool = Field(default=False, description="Ask the configured LLM to make the lines more natural; each "
                         "polished line must pass the feedback engine and keep the goals' words, else the template "
                         "line stays (with a notice). Without an LLM endpoint the lines are the templates' own.")


@router.post("/{profile_id}/scenarios", status_code=201, response_model=GenerationOut)
def generate_scenarios(profile_id: ProfileId, services: ServicesDep, user: TeacherDep,
                       body: GenerateIn | None = None) -> GenerationOut:
    """Generate draft scenarios from the profile's current version: one per situation the profile
    found (up to 8), each from the template of its situation kind, filled with the profile's key
    terms and sentences, every Finnish line checked by the feedback engine. Drafts are seen and
    test-played only by their author; edit them with `PUT /api/v1/scenarios/{id}`, publish with
    `/publish`. Generating again saves new draft versions. A profile without situations → 422;
    someone else's unshared profile → 404; participants and coaches → 403. Offline (the default) the lines
    are the templates', deterministic; `{"polish": true}` asks the configured LLM to make them more natural."""
    return services.profile_scenarios.generate(user, profile_id, polish=bool(body and body.polish))
