"""`create_app(settings)`: builds the services, the API routers, error handling and the UI."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.coach import cohort_router as cohort_api
from service.coach import router as participants
from service.container import Services, build_services
from service.core import audit_router as audit
from service.core import health_router as health
from service.core import privacy_router as privacy
from service.core.errors import TyokieliError, status_for
from service.core.guards import install_guards
from service.core.privacy import install_log_redaction
from service.core.ratelimit import install_rate_limits
from service.core.settings import Settings
from service.core.workers import freeze_startup_objects
from service.http_errors import LOWER_ROOM_ERRORS
from service.language import analysis_router as analysis
from service.language import feedback_router as feedback_api
from service.practice import router as simulations_api
from service.profiles import router as profiles_api
from service.profiles import sharing_router as profile_sharing
from service.scenarios import generation_router as profile_scenarios
from service.scenarios import router as scenarios_authoring
from service.search import import_router as qualification_import
from service.search import router as search_api
from service.vocabulary import router as vocabulary_api
from service.workplace import portfolio_router as portfolio_api
from service.workplace import router as workplace_api
from ui.error_page import PAGE_CSP, error_page, wants_html

log = logging.getLogger("tyokieli")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "SAMEORIGIN",
}
# Gradio's page needs inline scripts and styles and same-origin fetches and websockets; JSON needs
# nothing. /docs and /redoc load Swagger/ReDoc from a CDN and get no policy.
UI_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; media-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self' ws: wss:; worker-src 'self' blob:; frame-ancestors 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"


def content_security_policy(path: str) -> str | None:
    if path.startswith("/ui"):
        return UI_CSP
    return None if path.startswith(("/docs", "/redoc")) else API_CSP


def _readable_validation_error(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        msg = str(err.get("msg", "invalid value"))
        if err.get("type") == "json_invalid":
            parts.append("The request body is not valid JSON.")
        elif err.get("type") == "missing":
            parts.append(f"'{loc}' is missing.")
        else:
            parts.append(f"'{loc}': {msg}." if loc else f"{msg}.")
    return " ".join(parts) or "The request is not valid."


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()[:20]]
        return JSONResponse(status_code=422, content={"detail": _readable_validation_error(exc), "errors": errors})

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code in (404, 405) and wants_html(request.headers.get("accept"), request.url.path):
            # a browser that opened a wrong address gets a page, not JSON (ui/error_page.py)
            return HTMLResponse(error_page(exc.status_code), status_code=exc.status_code,
                                headers={"Content-Security-Policy": PAGE_CSP})
        return JSONResponse(status_code=exc.status_code, content={"detail": exc.detail}, headers=exc.headers)

    async def _domain(_: Request, exc: Exception) -> JSONResponse:
        status = status_for(exc, LOWER_ROOM_ERRORS) or 500
        content: dict[str, Any] = {"detail": getattr(exc, "message", None) or str(exc)}
        content.update(getattr(exc, "extra", {}) or {})
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else getattr(exc, "headers", None)
        return JSONResponse(status_code=status, content=content, headers=headers)

    # Our errors, and the lower rooms' errors each feature maps in HTTP_ERRORS, become 4xx/5xx answers.
    handled: tuple[type[Exception], ...] = (TyokieliError, *LOWER_ROOM_ERRORS)
    for exc_type in handled:
        app.add_exception_handler(exc_type, _domain)

    async def _unstorable(_: Request, exc: Exception) -> JSONResponse:
        # PostgreSQL refuses NUL characters in text and ids beyond its integer range. The SQL and
        # its parameters (learner text) go neither into the answer nor into the log.
        log.info("refused a value the database cannot store (%s)", type(getattr(exc, "orig", exc)).__name__)
        return JSONResponse(status_code=422, content={
            "detail": "A value cannot be stored: text may not contain NUL characters (\\0) and numbers "
            "must be within range."})

    app.add_exception_handler(DataError, _unstorable)


def _document_error_shape(app: FastAPI) -> None:
    """The OpenAPI schema promises what the 422 handler above sends: a readable `detail` string
    and the machine-readable `errors` beside it (FastAPI's default says `detail` is a list)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        schema = generate()
        components = schema.get("components", {}).get("schemas", {})
        if "HTTPValidationError" in components:
            components["HTTPValidationError"] = {
                "title": "HTTPValidationError",
                "type": "object",
                "required": ["detail"],
                "properties": {
                    "detail": {"type": "string", "title": "Detail", "description": "What is wrong, for a person"},
                    "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ValidationError"}},
                },
            }
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


class SecurityHeaders:
    """ASGI middleware: adds the security headers and the path's CSP to every answer from inside,
    keeping any the route set itself. Pure ASGI, no task or body wrapper per request. (Request sizes
    are refused further out, on the stream: service/core/body_limit.py.)"""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        added = list(SECURITY_HEADERS.items())
        csp = content_security_policy(scope["path"])  # request.url.path differs only by escaping ?, #, \
        if csp:
            added.append(("Content-Security-Policy", csp))
        extra = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in added]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in extra if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _install_middleware(app: FastAPI, settings: Settings) -> None:
    app.add_middleware(SecurityHeaders)

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )


def create_app(settings: Settings | None = None, services: Services | None = None, *, with_ui: bool = True,
               ui_in_background: bool = False) -> FastAPI:
    """The app. `ui_in_background` (what `tyokieli serve` uses) mounts a stand-in at /ui and builds
    the Gradio UI when the server starts, so the API is healthy without waiting for Gradio."""
    settings = settings or Settings()
    services = services or build_services(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> Any:
        yield
        services.close()

    app = FastAPI(
        title="Työkieli",
        version="0.1.0",
        description="The Finnish of one concrete job task: analysis, feedback, task-language profiles, "
        "workplace conversation simulations and readiness for work trials and competence demonstrations.",
        lifespan=lifespan,
    )
    app.state.services = services
    app.state.settings = settings
    _install_error_handlers(app)
    _document_error_shape(app)
    install_rate_limits(app, services.rate_limiter, settings, services.users)  # inside the size limits and headers
    _install_middleware(app, settings)
    app.include_router(audit.router)
    app.include_router(privacy.router)
    if not settings.log_learner_text:
        install_log_redaction()  # no query strings (learner text) in the access log
    app.include_router(participants.router)
    app.include_router(cohort_api.router)
    app.include_router(simulations_api.router)
    app.include_router(scenarios_authoring.router)
    app.include_router(profiles_api.router)
    app.include_router(profile_sharing.router)
    app.include_router(profile_scenarios.router)
    app.include_router(search_api.router)
    app.include_router(qualification_import.router)
    app.include_router(vocabulary_api.router)
    app.include_router(workplace_api.router)
    app.include_router(portfolio_api.router)
    app.include_router(feedback_api.router)
    for router in (health.router, analysis.router):
        app.include_router(router)

    _mount_ui(app, services, with_ui=with_ui, in_background=ui_in_background)
    install_guards(app, services.ui_sessions, settings)  # outermost: size limits, UI sessions, docs CSP
    freeze_startup_objects()
    return app


def _mount_ui(app: FastAPI, services: Services, *, with_ui: bool, in_background: bool) -> None:
    """Mounts the UI at /ui now or (in_background) when the server starts; `app.state.ui_status()`
    says which state it is in, for /ready."""
    if not with_ui:
        app.state.ui_status = lambda: "off"
    elif in_background:
        from ui.deferred import mount_ui_in_background

        def mount(holder: FastAPI, built: Services) -> FastAPI:
            from ui.app import mount_ui  # imports Gradio: in the background thread

            return mount_ui(holder, built)

        deferred = mount_ui_in_background(app, services, mount)
        app.state.deferred_ui = deferred
        app.state.ui_status = lambda: deferred.status
    else:
        from ui.app import mount_ui

        mount_ui(app, services)
        app.state.ui_status = lambda: "ready"


def warm_up_in_background(app: FastAPI) -> None:
    """Loads what the first learner would otherwise wait for (the omorfi generator behind feedback
    suggestions, the search index) in a daemon thread, so /health answers at once."""
    import threading

    services: Services = app.state.services

    def warm() -> None:
        try:
            if services.feedback is not None:
                services.feedback.check("Minä menee kauppa ja en löydä avain.")
            scenarios = services.simulations.engine.warm()  # every scenario's goal data: a fast first turn
            search = getattr(services, "search", None)
            if search is not None and hasattr(search, "warm_up"):
                search.warm_up()
            log.info("warm-up done (%d scenarios)", scenarios)
        except Exception:  # warming is an optimisation: a failure shows up on first real use
            log.warning("warm-up failed", exc_info=True)

    threading.Thread(target=warm, name="tyokieli-warm-up", daemon=True).start()
