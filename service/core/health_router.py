"""Liveness and readiness. `/health` is answered on the event loop itself: no database, no thread
pool, no worker pool, so a load balancer never takes the instance out only because it is busy.
`/ready` says whether the instance can serve: the database answers and the worker pool has room.
The UI's state is reported beside it (`ui`); the API is ready while the UI is still starting."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from service.container import Services
from service.core.schemas import HealthOut, Schema

router = APIRouter(tags=["health"])


class ReadyOut(Schema):
    status: str
    database: bool
    workers_pending: int
    workers_capacity: int
    ui: str = "off"  # "ready", "starting" (built in the background after start), "failed" or "off"


@router.get("/health", response_model=HealthOut)
async def health(request: Request) -> dict[str, str]:
    """Liveness: the process answers (never waits for the database or the workers)."""
    services: Services = request.app.state.services
    return {"status": "ok", "analyser": services.settings.analyser}


def _database_answers(services: Services) -> bool:
    try:
        with services.db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:  # any failure means: not ready
        return False


def _ui_status(request: Request) -> str:
    status = getattr(request.app.state, "ui_status", None)  # set by create_app (the entry room)
    return str(status()) if callable(status) else "off"


@router.get("/ready", response_model=ReadyOut, responses={503: {"model": ReadyOut}})
async def ready(request: Request) -> JSONResponse:
    """Readiness: 200 when the database answers and the worker pool has room, else 503."""
    services: Services = request.app.state.services
    database = await run_in_threadpool(_database_answers, services)
    pool = services.workers
    ok = database and pool.pending < pool.capacity
    body = ReadyOut(status="ready" if ok else "not ready", database=database,
                    workers_pending=pool.pending, workers_capacity=pool.capacity, ui=_ui_status(request))
    return JSONResponse(status_code=200 if ok else 503, content=body.model_dump(),
                        headers=None if ok else {"Retry-After": "5"})
