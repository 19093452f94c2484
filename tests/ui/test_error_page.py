"""A browser that opens a wrong address gets a friendly Finnish/English page; the API keeps JSON."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tyokieli.app import create_app
from ui.error_page import error_page, wants_html

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(("accept", "path", "html"), [
    (BROWSER, "/nothing-here", True),
    (BROWSER, "/ui-old/page", True),
    ("text/html", "/participants/7", True),
    (BROWSER, "/api/v1/nothing", False),
    (BROWSER, "/api", False),
    ("application/json", "/nothing-here", False),
    (None, "/nothing-here", False),
    ("*/*", "/nothing-here", False),
])
def test_only_browser_pages_outside_the_api_get_html(accept: str | None, path: str, html: bool) -> None:
    assert wants_html(accept, path) is html


def test_the_page_is_finnish_with_english_and_links_home() -> None:
    page = error_page(404)
    assert "Sivua ei löydy" in page and "Page not found" in page and "href='/ui/'" in page
    assert "<script" not in page
    assert "Jokin meni vikaan" in error_page(418)


def test_unknown_addresses_answer_html_to_browsers_and_json_to_programs(services, settings) -> None:  # type: ignore[no-untyped-def]
    with TestClient(create_app(settings, services, with_ui=False)) as client:
        page = client.get("/no/such/page", headers={"Accept": BROWSER})
        assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
        assert "Sivua ei löydy" in page.text
        assert "script-src" not in page.headers["content-security-policy"]
        api = client.get("/api/v1/no-such-thing", headers={"Accept": BROWSER})
        assert api.status_code == 404 and api.headers["content-type"].startswith("application/json")
        plain = client.get("/no/such/page")
        assert plain.status_code == 404 and plain.json()["detail"]
