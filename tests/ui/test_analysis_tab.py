"""The Analyysi tab in a real browser: sign in, paste text, see lemmas and the level."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.conftest import LiveServer, fill_login, open_tab, sign_in

pytestmark = pytest.mark.browser


def test_a_signed_in_user_analyses_text_and_sees_lemmas(live_server: LiveServer, page: Any) -> None:
    name, password = live_server.add_user("aino", "teacher")  # Analyysi is a teacher's tab
    sign_in(page, live_server, name, password)
    open_tab(page, "Analyysi")
    page.locator("#analysis-text textarea").fill("Siivoan potilashuoneessa desinfiointiaineella.")
    page.locator("#analysis-run").click()
    table = page.locator("#analysis-tokens")
    table.get_by_text("potilashuone", exact=True).first.wait_for()
    assert table.get_by_text("siivota", exact=True).count() >= 1
    assert "Tason arvio" in page.locator("#analysis-summary").inner_text()


def test_a_wrong_password_does_not_open_the_ui(live_server: LiveServer, page: Any) -> None:
    live_server.add_user("ville", "teacher")
    with page.expect_response(lambda r: "login" in r.url and r.request.method == "POST") as answer:
        fill_login(page, live_server, "ville", "wrong-password")
    assert answer.value.status >= 400  # the sign-in was refused, not merely slow
    page.locator("input[type=password]").first.wait_for()  # still on the sign-in form
    assert page.locator("#analysis-text").count() == 0
