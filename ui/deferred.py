"""The UI built in the background, so the API answers while Gradio is still loading.

Importing Gradio and building the tabs takes longer than loading the language models (about 10 s
on a busy two-core machine). `mount_ui_in_background` mounts a stand-in at /ui at once; when the
server starts (in each worker, after a prefork), a thread imports Gradio and builds the tabs on a
holder app, the Gradio app's own start-up runs on the server's event loop, and the stand-in then
passes every request to it. Until then /ui answers 503 with a page that reloads itself in
Finnish and English and a `Retry-After`, never an error. The stand-in's `status` is what `/ready`
reports as `ui`: "starting", "ready" or "failed".
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from starlette.routing import Mount
from starlette.types import ASGIApp, Receive, Scope, Send

from service.container import Services

log = logging.getLogger("tyokieli")

RETRY_S = 3
STARTING_PAGE = f"""<!doctype html>
<html lang="fi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{RETRY_S}"><title>Työkieli käynnistyy</title></head>
<body style="font-family: sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1 style="font-size: 1.4rem">Työkieli käynnistyy</h1>
<p>Odota hetki. Sivu latautuu itse uudelleen.</p>
<p lang="en" style="color: #555">Työkieli is starting. Wait a moment: the page reloads by itself.</p>
</body></html>"""
FAILED_PAGE = """<!doctype html>
<html lang="fi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Työkieli</title></head>
<body style="font-family: sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1 style="font-size: 1.4rem">Käyttöliittymä ei käynnistynyt</h1>
<p>Kerro ylläpitäjälle. Rajapinta (API) toimii.</p>
<p lang="en" style="color: #555">The user interface did not start. Tell the administrator; the API works.</p>
</body></html>"""


class DeferredUI:
    """An ASGI app standing in for the Gradio app until it is built, then passing everything on."""

    def __init__(self) -> None:
        self.app: ASGIApp | None = None
        self.status = "starting"
        self.interim = False  # a worker about to be replaced (tyokieli/server.py) builds no UI

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.app is not None:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1013})  # try again later
            return
        if scope["type"] != "http":
            return
        failed = self.status == "failed"
        response = HTMLResponse(
            FAILED_PAGE if failed else STARTING_PAGE, status_code=503,
            headers={"Cache-Control": "no-store", **({} if failed else {"Retry-After": str(RETRY_S)})})
        await response(scope, receive, send)


def _gradio_app(holder: FastAPI) -> ASGIApp:
    for route in holder.routes:
        if isinstance(route, Mount) and route.path == "/ui":
            return route.app
    raise RuntimeError("the UI was built but not mounted at /ui")


def mount_ui_in_background(app: FastAPI, services: Services,
                           mount: Callable[[FastAPI, Services], FastAPI]) -> DeferredUI:
    """Mounts the stand-in at /ui now; `mount(holder, services)` (ui.app.mount_ui) runs when the
    server starts. The holder app copies the main app's middleware list, so Gradio sees the same
    CORS set-up it would see mounted directly."""
    deferred = DeferredUI()
    app.mount("/ui", deferred)
    outer_lifespan = app.router.lifespan_context

    async def build_and_run(stop: asyncio.Event) -> None:
        holder = FastAPI()
        holder.user_middleware = list(app.user_middleware)
        try:
            await asyncio.to_thread(mount, holder, services)
            gradio_app = _gradio_app(holder)
            async with holder.router.lifespan_context(holder):  # Gradio's queue and start-up events
                deferred.app, deferred.status = gradio_app, "ready"
                log.info("UI ready at /ui")
                await stop.wait()
        except asyncio.CancelledError:
            raise
        except Exception:  # the API keeps serving; /ui says so and /ready reports it
            deferred.status = "failed"
            log.exception("the UI could not be built")

    @asynccontextmanager
    async def lifespan(inner: FastAPI) -> AsyncIterator[Any]:
        async with outer_lifespan(inner) as state:
            if deferred.interim:
                yield state
                return
            stop = asyncio.Event()
            task = asyncio.create_task(build_and_run(stop), name="tyokieli-ui")
            try:
                yield state
            finally:
                stop.set()
                try:
                    await asyncio.wait_for(task, timeout=10)
                except (TimeoutError, asyncio.CancelledError):
                    task.cancel()

    app.router.lifespan_context = lifespan
    return deferred
