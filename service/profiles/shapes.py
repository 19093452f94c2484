"""What the profiles service answers (TypedDicts: JSON objects with named keys, read as dicts by the
routes, the UI and the coach, checked key by key by mypy), and the one free-form type of this room."""

from __future__ import annotations

from typing import Any, TypedDict

# A task-language profile as JSON: `finnish.profile.TaskProfile.model_dump(mode="json")`, validated by
# TaskProfile wherever it enters (a save, an import), read back with TaskProfile.model_validate. A
# stored record is the same mapping with its storage keys beside the profile's (id, version,
# created_by, created_at, updated_by, updated_at), and a request body may be a whole profile or an
# analyse request, told apart by its keys. The one free-form mapping of service/profiles.
ProfileJSON = dict[str, Any]


class ProfileSummary(TypedDict):
    id: int
    title: str
    task_id: str | None
    version: int
    created_by: str | None
    updated_by: str | None
    updated_at: str


class ProfileVersion(TypedDict):
    version: int
    changed_by: str | None
    changed_at: str
    changed_fields: list[str]


class ProfileVersionDetail(ProfileVersion):
    profile: ProfileJSON


class ShippedTask(TypedDict):
    id: str
    title: str
    title_en: str
    sector: str
