"""The UI under its Content-Security-Policy: Gradio still signs in and renders every tab in
Chromium without CSP violations; sign-in attempts are rate limited on the real login route."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.service.serving import running_server

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "TYOKIELI_DATA_DIR": str(tmp_path / "data"), "TYOKIELI_ANALYSER": "fake",
            "TYOKIELI_ENVIRONMENT": "test", **extra}


def _add_user(env: dict[str, str], name: str, role: str, password: str) -> None:
    import subprocess
    import sys

    from tests.conftest import REPO

    done = subprocess.run([sys.executable, "-m", "tyokieli.cli", "users", "add", name, "--role", role, "--password"],
                          capture_output=True, text=True, env={**env, "TYOKIELI_NEW_PASSWORD": password}, cwd=REPO,
                          timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.browser
@pytest.mark.slow
def test_the_ui_signs_in_and_renders_under_its_csp_without_violations(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    env = _env(tmp_path)
    _add_user(env, "opettaja", "teacher", "hyva-salasana-1")
    with running_server(env, log=tmp_path / "server.log") as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            violations: list[str] = []
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            response = page.goto(f"{base}/ui/", wait_until="domcontentloaded")
            assert response is not None and "default-src 'self'" in response.headers["content-security-policy"]
            page.get_by_label("username").or_(page.locator("input[type=text]")).first.fill("opettaja")
            page.locator("input[type=password]").first.fill("hyva-salasana-1")
            page.get_by_role("button").filter(has_text="Login").or_(page.locator("button[type=submit]")).first.click()
            page.locator("#tab-profile-button").wait_for(timeout=60_000)
            for tab in ("profile", "scenario-editor", "search", "analysis", "practice"):  # a teacher's tabs
                page.locator(f"#tab-{tab}-button").click()
                page.wait_for_timeout(300)
            assert violations == [], violations
        finally:
            browser.close()


@pytest.mark.slow
def test_the_real_sign_in_route_is_rate_limited(tmp_path: Path) -> None:
    import httpx

    env = _env(tmp_path, TYOKIELI_SIGN_IN_ATTEMPTS_PER_MINUTE="3")
    _add_user(env, "valmentaja", "coach", "hyva-salasana-2")
    with running_server(env) as base:
        codes = [
            httpx.post(f"{base}/ui/login", data={"username": "valmentaja", "password": "wrong-one"}, timeout=30).status_code
            for _ in range(6)
        ]
    assert codes[0] != 429 and 429 in codes, codes


@pytest.mark.slow
def test_the_real_server_ignores_forwarded_for_from_untrusted_clients(tmp_path: Path) -> None:
    """uvicorn trusted X-Forwarded-For from any loopback client: 20 wrong passwords with varying
    headers never met the limit. Now only TYOKIELI_TRUSTED_PROXIES may say who the client is."""
    import httpx

    env = _env(tmp_path, TYOKIELI_SIGN_IN_ATTEMPTS_PER_MINUTE="3")
    _add_user(env, "opettaja", "teacher", "hyva-salasana-1")
    _add_user(env, "naapuri", "teacher", "naapurin-salasana-2")
    with running_server(env) as base:
        codes = [httpx.post(f"{base}/ui/login", data={"username": "opettaja", "password": "wrong-one"},
                            headers={"X-Forwarded-For": f"198.51.100.{i}"}, timeout=30).status_code for i in range(8)]
        neighbour = httpx.post(f"{base}/ui/login", data={"username": "naapuri", "password": "naapurin-salasana-2"},
                               timeout=30)
    assert 429 in codes and codes.index(429) <= 3, codes
    assert neighbour.status_code == 200  # the same address, another account: not locked out
