"""`tyokieli serve`: the API, its docs and the UI, in one process or forked workers."""

from __future__ import annotations

import logging
from typing import Annotated

import typer
import uvicorn

from tyokieli.app import create_app, warm_up_in_background
from tyokieli.cli.common import load_settings
from tyokieli.server import limit_blas_threads, serve_workers


def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on (TYOKIELI_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (TYOKIELI_PORT).")] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes (TYOKIELI_WORKERS).")] = None,
) -> None:
    """Serve the API at /api/v1, the docs at /docs and the UI at /ui."""
    settings = load_settings()
    host = host or settings.host
    port = port or settings.port
    workers = workers or settings.workers
    logging.getLogger("tyokieli").setLevel(logging.INFO)
    limit_blas_threads()  # before any worker forks: they inherit it
    typer.echo(f"Työkieli: http://{host}:{port}/ui  (API docs: http://{host}:{port}/docs)", err=True)
    if workers > 1:
        typer.echo(
            f"Note: the UI at /ui keeps each open page in the memory of one process, and {workers} workers share "
            "this port, so a page can lose its connection. For the UI, run one process per port behind a load "
            "balancer with sticky sessions (README: Running several workers); the API works on any worker.",
            err=True,
        )
        # One app, built (and migrated) in the master; the workers fork from it and share its models.
        app_ = create_app(settings, ui_in_background=True)
        serve_workers(app_, app_.state.services, host, port, workers, settings.keep_alive_s, settings.access_log)
    else:
        app_ = create_app(settings, ui_in_background=True)
        warm_up_in_background(app_)
        # proxy_headers off: uvicorn would believe X-Forwarded-For from any loopback client; the app
        # reads it only from TYOKIELI_TRUSTED_PROXIES (service/core/addresses.py).
        uvicorn.run(app_, host=host, port=port, log_level="info", proxy_headers=False, access_log=settings.access_log,
                    timeout_keep_alive=settings.keep_alive_s)
