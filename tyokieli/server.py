"""Serving several worker processes that share one copy of the language models.

`tyokieli serve --workers N` (N > 1) builds the app once in a gunicorn master (spaCy-fi and Voikko
are loaded there) and forks N uvicorn workers from it at once: the API is healthy as soon as they
answer. The master then loads the rest of the language models (the omorfi generator behind feedback
suggestions, the word frequencies behind language identification: about 3 s) and replaces the
workers with a graceful reload, so that the new ones share all of it. The first, interim workers
answer every request meanwhile (one that needs omorfi loads it for itself); they build no UI and
warm no scenarios. Each final worker precomputes the scenarios' goal data in the background and
builds the UI when it starts (ui/deferred.py), so neither delays /health.
The models' memory is shared copy-on-write, so a second worker costs a few tens of MB instead of
another 1.1 GB. After the fork each worker opens its own database connections (the pool made in
the master is dropped without closing the master's sockets) and loads the search index lazily.

One worker keeps the plain uvicorn path: it answers /health at once and warms up in the background.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter

from service.container import Services

log = logging.getLogger("tyokieli")

WORKER_CLASS = "uvicorn_worker.UvicornWorker"


def limit_blas_threads() -> int | None:
    """One OpenBLAS thread per process, unless OPENBLAS_NUM_THREADS says otherwise: spaCy's matrices
    are small, and handing each product to a second thread costs more than it saves (parsing is
    about 15% faster one by one and 30% faster in batches with one thread, on this 2-core machine;
    with several workers the threads would also fight over the cores). Returns the limit set."""
    import os

    if os.environ.get("OPENBLAS_NUM_THREADS"):
        return None
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    return 1


def warm_language_models(services: Services) -> None:
    """Loads, in the master, the large read-only model the workers then share: the omorfi generator
    behind feedback suggestions (the first check loads it)."""
    services.feedback.check("Minä menee kauppa ja en löydä avain.")


def _warm_scenarios(services: Services) -> None:
    try:
        log.info("warm-up done (%d scenarios)", services.simulations.engine.warm())
    except Exception:  # warming is an optimisation: a failure shows up on first real use
        log.warning("warm-up failed", exc_info=True)


class _Phase:
    """Whether the master has warmed its models yet: workers forked before that are interim."""

    def __init__(self, app: FastAPI) -> None:
        self.app, self.interim = app, True
        self._ui_interim(True)

    def warmed(self) -> None:
        self.interim = False
        self._ui_interim(False)

    def _ui_interim(self, interim: bool) -> None:
        deferred = getattr(self.app.state, "deferred_ui", None)
        if deferred is not None:
            deferred.interim = interim  # an interim worker leaves /ui as "starting"


def _after_fork(services: Services, phase: _Phase) -> Callable[[Any, Any], None]:
    def post_fork(_server: Any, _worker: Any) -> None:
        # Connections opened in the master (migrations, warm-up) must not be shared by the workers.
        services.db.engine.dispose(close=False)
        if phase.interim:
            return
        # Each worker precomputes the scenarios' goal data in the background (small, per process),
        # so the workers start serving without waiting for it.
        threading.Thread(target=_warm_scenarios, args=(services,), name="tyokieli-warm-up", daemon=True).start()

    return post_fork


class WarmingArbiter(Arbiter):  # type: ignore[misc]
    """Forks the interim workers, warms the models in the master, then reloads: the new workers are
    forked from the warmed master and the interim ones stop gracefully (their requests finish)."""

    def __init__(self, app: Any, warm: Callable[[], None]) -> None:
        super().__init__(app)
        self._warm: Callable[[], None] | None = warm

    def manage_workers(self) -> None:
        super().manage_workers()
        if self._warm is None or len(self.WORKERS) < self.num_workers:
            return
        warm, self._warm = self._warm, None
        warm()
        self.log.info("language models warmed in the master: replacing the interim workers")
        self.reload()


class PreforkServer(BaseApplication):  # type: ignore[misc]
    """gunicorn with `preload_app`: `load()` runs once, in the master, before the workers fork."""

    def __init__(self, app: FastAPI, services: Services, options: dict[str, Any]) -> None:
        self._app, self._services = app, services
        self._phase = _Phase(app)
        self._options = {**options, "preload_app": True, "worker_class": WORKER_CLASS,
                         "post_fork": _after_fork(services, self._phase)}
        super().__init__()

    def run(self) -> None:
        WarmingArbiter(self, self._warm).run()

    def _warm(self) -> None:
        try:
            warm_language_models(self._services)
        except Exception:  # an optimisation: the workers load what they need on first use
            log.warning("warming the language models failed", exc_info=True)
        self._phase.warmed()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> FastAPI:
        return self._app


def serve_workers(app: FastAPI, services: Services, host: str, port: int, workers: int, keep_alive_s: int = 75,
                  access_log: bool = False) -> None:
    """Blocks until the master is stopped (SIGTERM/SIGINT stop the workers gracefully)."""
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "timeout": 120,
        "graceful_timeout": 10,
        "keepalive": keep_alive_s,
        "accesslog": "-" if access_log else None,  # uvicorn's request lines (query strings dropped)
        "errorlog": "-",
        "loglevel": "info",  # "Booting worker", "Application startup complete"
        # No proxy is trusted by uvicorn itself (it trusted loopback): the app reads X-Forwarded-For
        # only from TYOKIELI_TRUSTED_PROXIES (service/core/addresses.py).
        "forwarded_allow_ips": "",
    }
    PreforkServer(app, services, options).run()
