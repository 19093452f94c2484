"""Harjoitukset tab in the browser: a teacher generates drafts from a stored profile of an unshipped
task, edits the form, saves, and publishes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.simulations.generate.conftest import NEW_TASKS, task_texts
from tests.ui.conftest import LiveServer, open_tab, sign_in

pytestmark = pytest.mark.browser


def test_teacher_generates_edits_and_publishes_a_scenario(live_server: LiveServer, page: Any) -> None:
    name, password = live_server.add_user("opettaja", "teacher")
    services = live_server.services
    teacher = services.users.by_name(name)
    assert teacher is not None
    title, description = NEW_TASKS["bakery"]
    profile = services.profiles.analyse(title, [t.text for t in task_texts("bakery")], description=description)
    pid = services.profiles.create(teacher, profile)["id"]

    sign_in(page, live_server, name, password)
    open_tab(page, "Harjoitukset")
    page.get_by_role("button", name="Päivitä lista (refresh)").click()
    box = page.locator("#editor-profile input").first
    box.click()
    page.locator("ul.options li, [role=option]").filter(has_text=title).first.click()
    page.locator("#editor-generate").click()
    page.locator("#editor-status").get_by_text("luonnosta", exact=False).wait_for(timeout=120_000)
    page.get_by_role("button", name="Avaa (open)").click()
    page.locator("#editor-status").get_by_text("Versio 1", exact=False).wait_for()

    # the goal table's cells are covered by tests/ui/test_scenario_form.py; here a form field is edited
    page.locator("#editor-title textarea, #editor-title input").first.fill("Leipomo: uusi työntekijä")
    page.locator("#editor-save").click()
    page.locator("#editor-status").get_by_text("Tallennettu versio 2", exact=False).wait_for()
    page.locator("#editor-publish").click()
    page.locator("#editor-status").get_by_text("Julkaistu", exact=False).wait_for()

    listed = services.profile_scenarios.listing(teacher, pid)["scenarios"]
    published = [s for s in listed if s["status"] == "published"]
    assert published
    scenario = services.scenarios.latest(teacher, published[0]["id"])["scenario"]
    assert scenario["title"] == "Leipomo: uusi työntekijä" and scenario["version"] == 2
