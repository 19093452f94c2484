"""The audit log over HTTP (admins only)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from service.core.auth import CurrentUser
from service.core.deps import ServicesDep, require_roles

router = APIRouter(prefix="/api/v1", tags=["privacy"])

AdminDep = Annotated[CurrentUser, Depends(require_roles("admin"))]


class AuditEntryOut(BaseModel):
    id: int
    at: str
    user_id: int | None
    user_name: str
    action: str
    object_type: str
    object_id: str


class AuditOut(BaseModel):
    entries: list[AuditEntryOut]


@router.get("/audit", response_model=AuditOut)
def audit_log(
    services: ServicesDep,
    _admin: AdminDep,
    object_type: Annotated[str | None, Query(max_length=50, description="e.g. participant")] = None,
    object_id: Annotated[str | None, Query(max_length=100)] = None,
    user_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Any:
    """Who read, exported, changed or erased which person's data, and when — newest first.
    Filter by the object (`object_type`, `object_id`) or by the user who acted (`user_id`).
    Admins only (403 for other roles)."""
    entries = services.audit.entries(object_type, object_id, user_id, limit)
    return {"entries": [e.to_dict() for e in entries]}
