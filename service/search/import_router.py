"""Live import of a qualification from ePerusteet (admins): by its ePerusteet id or koulutuskoodi.
The search index follows without a restart: the next search rebuilds it over the new corpus, and
recommendations read the corpus as it is at each request."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from service.core.auth import CurrentUser
from service.core.deps import ServicesDep, require_roles
from service.core.schemas import Schema
from service.search.shapes import Imported

router = APIRouter(prefix="/api/v1", tags=["qualification search"])
AdminDep = Annotated[CurrentUser, Depends(require_roles("admin"))]


class ImportIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int | None = Field(default=None, ge=1, le=2**31 - 1, description="The qualification's ePerusteet id")
    koulutuskoodi: str | None = Field(default=None, pattern=r"^\d{6}$", description="e.g. 381141")


class ImportOut(Schema):
    id: str
    name: str
    units: int


@router.post("/qualifications/import", status_code=201, response_model=ImportOut)
def import_qualification(body: ImportIn, services: ServicesDep, user: AdminDep) -> Imported:
    """Fetch one qualification from ePerusteet and add it to the corpus (admins). Give exactly one
    of `id` or `koulutuskoodi`; ePerusteet unreachable or the document unusable → 422."""
    return services.search.import_eperusteet(peruste_id=body.id, koulutuskoodi=body.koulutuskoodi)
