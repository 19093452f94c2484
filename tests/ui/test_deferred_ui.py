"""The UI is built in the background when the server starts: the API is healthy at once, /ui says
"starting" (503, a self-reloading page in Finnish and English, Retry-After) until Gradio is ready,
and then serves the real UI; a UI that fails to build leaves the API serving and says so."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.container import Services, build_services
from tests.conftest import make_settings
from tyokieli.app import create_app
from ui.deferred import mount_ui_in_background


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    built = build_services(make_settings(tmp_path_factory.mktemp("deferred"), analyser="fake"))
    yield built
    built.close()


def _wait_for(client: TestClient, status: str, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if client.get("/ready").json()["ui"] == status:
            return
        time.sleep(0.1)
    raise AssertionError(f"the UI did not become {status!r} in {timeout_s} s")


def _app_with(services: Services, mount: Callable[[FastAPI, Services], FastAPI]) -> FastAPI:
    app = create_app(services.settings, services, with_ui=False)
    deferred = mount_ui_in_background(app, services, mount)
    app.state.ui_status = lambda: deferred.status
    return app


def test_the_api_answers_and_the_ui_says_starting_until_gradio_is_built(services: Services) -> None:
    gate = threading.Event()

    def slow_mount(holder: FastAPI, built: Services) -> FastAPI:
        from ui.app import mount_ui

        assert gate.wait(60), "the test never opened the gate"
        return mount_ui(holder, built)

    with TestClient(_app_with(services, slow_mount)) as client:
        assert client.get("/health").status_code == 200
        assert client.get("/ready").json()["ui"] == "starting"
        page = client.get("/ui/")
        assert page.status_code == 503 and page.headers["retry-after"] == "3"
        assert "Työkieli käynnistyy" in page.text and "is starting" in page.text
        assert 'http-equiv="refresh"' in page.text
        gate.set()
        _wait_for(client, "ready")
        served = client.get("/ui/")
        assert served.status_code == 200 and "gradio" in served.text.lower()


def test_a_ui_that_fails_to_build_leaves_the_api_serving_and_says_so(services: Services) -> None:
    def broken_mount(holder: FastAPI, built: Services) -> FastAPI:
        raise RuntimeError("no Gradio here")

    with TestClient(_app_with(services, broken_mount)) as client:
        _wait_for(client, "failed")
        page = client.get("/ui/")
        assert page.status_code == 503 and "retry-after" not in page.headers
        assert "ei käynnistynyt" in page.text and "did not start" in page.text
        assert client.get("/health").status_code == 200
        assert client.post("/api/v1/analysis", json={"text": "Minä siivoan."}).status_code in (200, 401)


def test_an_interim_worker_builds_no_ui_and_keeps_saying_starting(services: Services) -> None:
    built: list[bool] = []

    def counting_mount(holder: FastAPI, served: Services) -> FastAPI:
        built.append(True)
        return holder

    app = create_app(services.settings, services, with_ui=False)
    deferred = mount_ui_in_background(app, services, counting_mount)
    app.state.ui_status = lambda: deferred.status
    deferred.interim = True  # what the prefork master sets before its first, interim workers fork
    with TestClient(app) as client:
        time.sleep(0.5)
        assert client.get("/health").status_code == 200
        assert client.get("/ready").json()["ui"] == "starting"
        assert client.get("/ui/").status_code == 503
    assert built == []


def test_serve_builds_the_ui_in_the_background_and_it_becomes_ready(tmp_path: Path) -> None:
    built = build_services(make_settings(tmp_path, analyser="fake"))
    try:
        with TestClient(create_app(built.settings, built, ui_in_background=True)) as client:
            _wait_for(client, "ready")
            assert client.get("/ui/").status_code == 200
    finally:
        built.close()


def test_an_app_built_with_the_ui_at_once_or_without_it_reports_that(services: Services) -> None:
    with TestClient(create_app(services.settings, services, with_ui=False)) as client:
        assert client.get("/ready").json()["ui"] == "off"
