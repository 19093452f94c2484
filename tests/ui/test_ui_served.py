"""The Gradio UI is mounted at /ui with every role tab."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tyokieli.app import create_app


def test_ui_is_served_with_its_tabs(services, settings) -> None:  # type: ignore[no-untyped-def]
    with TestClient(create_app(settings, services)) as client:
        page = client.get("/ui/")
        assert page.status_code == 200
        config = client.get("/ui/config")
        # behind Gradio's login the config is refused until signed in; the login page itself is served
        assert config.status_code in (200, 401)
    from ui.app import TABS

    assert [fi for _, fi, _ in TABS] == ["Harjoittele", "Kieliprofiili", "Valmius", "Haku", "Analyysi"]
