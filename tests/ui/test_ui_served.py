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
    from ui.app import TABS, visible_tabs

    keys = [t.key for t in TABS]
    assert {"practice", "progress", "profile", "readiness", "search", "analysis"} <= set(keys)
    assert len(keys) == len(set(keys))
    assert [t.key for t in visible_tabs("admin")] == keys  # admins see every tab
    participant = {t.key for t in visible_tabs("participant")}
    assert {"practice", "progress"} <= participant
    assert not participant & {"profile", "readiness", "search", "analysis"}  # no staff tab
    assert "practice" not in {t.key for t in visible_tabs("coach")}
    assert visible_tabs(None) == []


def test_deep_links_choose_a_tab_the_role_may_see() -> None:
    from ui.app import chosen_tab, header_markdown

    assert chosen_tab("coach", {"participant": "3"}) == "readiness"
    assert chosen_tab("teacher", {"profile": "2"}) == "profile"
    assert chosen_tab("participant", {"scenario": "x"}) == "practice"
    assert chosen_tab("participant", {"participant": "3"}) == "practice"  # not theirs: their first tab
    assert chosen_tab("coach", {}) == "readiness"
    html = header_markdown("<b>x</b>", "coach")
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "valmentaja" in html and "/ui/logout" in html


def test_the_ui_queue_looks_for_work_every_10_ms_not_every_millisecond(services) -> None:  # type: ignore[no-untyped-def]
    from fastapi import FastAPI
    from starlette.routing import Mount

    from ui.app import PROGRESS_POLL_S, QUEUE_POLL_S, mount_ui

    holder = FastAPI()
    mount_ui(holder, services)
    gradio_app = next(r.app for r in holder.routes if isinstance(r, Mount) and r.path == "/ui")
    queue = gradio_app.get_blocks()._queue  # type: ignore[attr-defined]
    assert queue.sleep_when_free == QUEUE_POLL_S >= 0.01
    assert queue.progress_update_sleep_when_free == PROGRESS_POLL_S >= 0.05


def test_a_gradio_without_the_poll_intervals_is_named_not_ignored() -> None:
    import pytest

    from ui.app import calm_queue

    class Blocks:
        _queue = object()

    with pytest.raises(RuntimeError, match="poll intervals"):
        calm_queue(Blocks())  # type: ignore[arg-type]
