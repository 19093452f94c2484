"""A live Työkieli server (API + UI) on 127.0.0.1 and a headless Debian Chromium driven by playwright."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from service.container import Services, build_services
from service.core.settings import Settings
from tests.conftest import make_settings
from tests.service.serving import serving_app
from tyokieli.app import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass
class LiveServer:
    url: str
    services: Services

    def add_user(self, name: str, role: str, password: str = "salasana123") -> tuple[str, str]:
        """Creates a user who can sign in to the UI; returns (name, password)."""
        self.services.users.add_user(name, role, password)
        return name, password


@contextmanager
def running_server(settings: Settings) -> Iterator[LiveServer]:
    """Työkieli (API + UI) served by uvicorn in a thread on a free 127.0.0.1 port until the block ends."""
    services = build_services(settings)
    try:
        with serving_app(create_app(settings, services)) as url:
            yield LiveServer(url, services)
    finally:
        services.close()


@pytest.fixture
def live_server(tmp_path: Path, analyser: Any) -> Iterator[LiveServer]:
    with running_server(make_settings(tmp_path)) as server:
        yield server


@contextmanager
def chromium(*extra_args: str) -> Iterator[Any]:
    """Debian's Chromium driven by playwright, for the time of the block. Missing Chromium skips the
    test on a developer's machine and fails it in CI (make test installs it: a missing browser is a
    broken set-up)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Debian chromium is missing at {CHROMIUM} in CI")
        pytest.skip("Debian chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *extra_args])
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page() -> Iterator[Any]:
    with chromium() as browser:
        context = browser.new_context(locale="fi-FI")
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        yield pg
        context.close()


def sign_in(page: Any, server: LiveServer, name: str, password: str) -> None:
    """Signs in through Gradio's login form at /ui/."""
    fill_login(page, server, name, password)
    page.locator("#tk-header-text .tk-user").filter(has_text=name).wait_for()


def fill_login(page: Any, server: LiveServer, name: str, password: str) -> None:
    page.goto(f"{server.url}/ui/")
    page.locator("input[type=password]").first.wait_for()
    page.locator("input:not([type=password])").first.fill(name)
    page.locator("input[type=password]").first.fill(password)
    page.get_by_role("button").first.click()  # "Login", or "Kirjaudu" in a Finnish browser


def open_tab(page: Any, finnish_title: str) -> None:
    page.get_by_role("tab", name=finnish_title, exact=False).first.click()
