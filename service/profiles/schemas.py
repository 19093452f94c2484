"""Response schemas of the profile routes (`/api/v1/profiles`). A built profile is
`finnish.profile.TaskProfile` itself; a stored one adds its id, version and who changed it when.

The stored shapes are open: fields the profile service adds (sharing, ownership) and this schema does
not name yet pass through instead of being dropped."""

from __future__ import annotations

from pydantic import ConfigDict

from finnish.profile import TaskProfile
from service.core.schemas import Schema


class StoredProfileOut(TaskProfile):
    model_config = ConfigDict(extra="allow")

    id: int
    version: int
    created_by: str | None
    created_at: str
    updated_by: str | None
    updated_at: str


class ProfileSummaryOut(Schema):
    model_config = ConfigDict(extra="allow")

    id: int
    title: str
    task_id: str | None
    version: int
    created_by: str | None
    updated_by: str | None
    updated_at: str


class ProfileListOut(Schema):
    profiles: list[ProfileSummaryOut]


class ShippedTaskOut(Schema):
    id: str
    title: str
    title_en: str
    sector: str


class ShippedTaskListOut(Schema):
    tasks: list[ShippedTaskOut]


class VersionOut(Schema):
    version: int
    changed_by: str | None
    changed_at: str
    changed_fields: list[str]


class VersionListOut(Schema):
    versions: list[VersionOut]


class VersionDetailOut(VersionOut):
    profile: TaskProfile
