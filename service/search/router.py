"""Qualification search routes: translate HTTP to SearchService calls and back."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from service.core.deps import ServicesDep, UserDep
from service.search.schemas import QualificationListOut, SearchOut, UnitRecordOut

router = APIRouter(prefix="/api/v1", tags=["search"])


@router.get("/search", response_model=SearchOut)
async def search(
    services: ServicesDep,
    _user: UserDep,
    q: str = Query(default="", description="A work task in everyday Finnish, e.g. 'Autan asukkaita ruokailussa'"),
    k: int = Query(default=10, description="How many units (1–50)"),
) -> Any:
    """Search the qualification units (tutkinnon osat) of the shipped ePerusteet qualifications for a
    work-trial task described in everyday Finnish. Results are units, best first, each with the matching
    requirement or assessment target as the snippet. A query that names a qualification the corpus does
    not contain gets a note in `notes` with the command that imports it. Empty `q` or `k` outside 1–50 →
    422; a query over 1,000 characters → 413."""
    return await services.workers.run(services.search.search, q, k)


@router.get("/qualifications", response_model=QualificationListOut)
def qualifications(services: ServicesDep, _user: UserDep) -> Any:
    """The qualifications in the corpus: id, name, diary number, validity and number of units."""
    return {"qualifications": services.search.qualifications()}


@router.get("/qualifications/units/{code}", response_model=UnitRecordOut)
def unit(
    code: str,
    services: ServicesDep,
    _user: UserDep,
    qualification: str | None = Query(default=None, description="Qualification id, when a code is in several"),
) -> Any:
    """One unit's full record: qualification (name, diary number, validity), code, name, credits,
    requirements, assessment targets with criteria per level, and how competence is demonstrated.
    Unknown code → 404."""
    return services.search.unit(code, qualification)
