"""`GET/PUT /api/v1/profiles/{id}/sharing`: whom a profile's owner shares it with."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends
from fastapi import Path as PathParam
from pydantic import BaseModel, ConfigDict, Field

from service.core.auth import CurrentUser
from service.core.deps import ServicesDep, require_roles
from service.profiles.access import TeacherShare

router = APIRouter(prefix="/api/v1/profiles", tags=["profiles"])
TeacherDep = Annotated[CurrentUser, Depends(require_roles("teacher"))]
ProfileId = Annotated[int, PathParam(ge=1, le=2_147_483_647, description="The stored profile's id")]
GrantIn = Literal["none", "read", "edit"]


class TeacherShareIO(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, description="A teacher's user name")
    edit: bool = Field(default=False, description="May also change the profile")


class SharingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    all_teachers: GrantIn = Field(default="none", description="Share with every teacher: none, read or edit")
    teachers: list[TeacherShareIO] = Field(default_factory=list, max_length=200)


class SharingOut(BaseModel):
    profile: int
    owner: str | None
    all_teachers: GrantIn
    teachers: list[TeacherShareIO]


def _out(sharing: Any) -> SharingOut:
    return SharingOut.model_validate(asdict(sharing))


@router.get("/{profile_id}/sharing", response_model=SharingOut)
def get_sharing(profile_id: ProfileId, services: ServicesDep, user: TeacherDep) -> SharingOut:
    """Whom the profile is shared with (teachers who may read it). Unknown or not visible → 404."""
    return _out(services.profiles.access.sharing(user, profile_id))


@router.put("/{profile_id}/sharing", response_model=SharingOut)
def put_sharing(profile_id: ProfileId, body: SharingIn, services: ServicesDep, user: TeacherDep) -> SharingOut:
    """Share the profile with named teachers and/or every teacher of the instance, to read or to
    read and edit (replaces the earlier sharing). Only its owner or an admin (403); an unknown
    teacher name → 422."""
    shares = [TeacherShare(t.name, t.edit) for t in body.teachers]
    return _out(services.profiles.access.share(user, profile_id, body.all_teachers, shares))
