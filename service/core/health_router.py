from __future__ import annotations

from fastapi import APIRouter

from service.core.deps import ServicesDep

router = APIRouter(tags=["health"])


@router.get("/health")
def health(services: ServicesDep) -> dict[str, str]:
    """Liveness and readiness: answers once the analyser and database are ready."""
    return {"status": "ok", "analyser": services.settings.analyser}
