"""GDPR: a participant's data exported as JSON, or erased (an admin or the participant themself)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel

from service.core.deps import ServicesDep, UserDep

router = APIRouter(prefix="/api/v1", tags=["privacy"])

ParticipantId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The participant's id")]


class ExportOut(BaseModel):
    participant_id: int
    exported_at: str
    tables: dict[str, list[dict[str, Any]]]


class EraseOut(BaseModel):
    participant_id: int
    erased: dict[str, int]


@router.get("/participants/{participant_id}/export", response_model=ExportOut)
def export_participant(participant_id: ParticipantId, services: ServicesDep, user: UserDep) -> Any:
    """Everything stored about a participant, table by table, as one JSON document: the
    participant record, their user account (without secrets), evidence, practice sessions and
    turns. For an admin or the participant themself (403 for other roles, 404 for someone you
    cannot see). Recorded in the audit log."""
    return services.privacy.export(user, participant_id)


@router.post("/participants/{participant_id}/erase", response_model=EraseOut)
def erase_participant(participant_id: ParticipantId, services: ServicesDep, user: UserDep) -> Any:
    """Erase a participant for good: the record, their user account and tokens, evidence,
    practice sessions and turns — in one transaction. Answers how many rows of each table went.
    For an admin or the participant themself. Recorded in the audit log (ids only)."""
    return services.privacy.erase(user, participant_id)
