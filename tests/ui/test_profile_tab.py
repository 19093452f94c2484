"""The Kieliprofiili tab in a real browser: a teacher builds a profile from pasted text, sees the
key terms and the chart, edits, saves and exports a PDF; a participant may look but not save."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from tests.service.profile_helpers import cleaning_text
from tests.ui.conftest import LiveServer, open_tab, sign_in

pytestmark = pytest.mark.browser


def build_from_text(page: Any) -> None:
    open_tab(page, "Kieliprofiili")
    page.locator("#profile-title textarea, #profile-title input").first.fill("Toimiston siivous")
    page.locator("#profile-text textarea").fill(cleaning_text())
    page.locator("#profile-build").click()
    page.locator("#profile-terms").get_by_text("siivousvaunu", exact=True).first.wait_for()


def test_teacher_builds_edits_saves_and_exports_a_profile(live_server: LiveServer, page: Any) -> None:
    name, password = live_server.add_user("opettaja", "teacher")
    sign_in(page, live_server, name, password)
    build_from_text(page)
    assert "Tavoitetasot" in page.locator("#profile-summary").inner_text()
    page.locator("#profile-chart img, #profile-chart svg").first.wait_for()

    page.get_by_text("Muokkaa (edit)").click()
    notes = page.locator("#profile-notes textarea")
    for _ in range(20):  # the build's chained updates refill the edit form; on a loaded machine they can land late
        notes.fill("Harjoitellaan siivousvaunun sanoja.")
        page.wait_for_timeout(300)
        if notes.input_value() == "Harjoitellaan siivousvaunun sanoja.":
            break
    page.locator("#profile-save").click()
    page.locator("#profile-summary").get_by_text("versio 1", exact=False).wait_for()
    stored = live_server.services.profiles.list_profiles()
    assert [p["title"] for p in stored] == ["Toimiston siivous"]
    assert live_server.services.profiles.get(stored[0]["id"])["notes"] == "Harjoitellaan siivousvaunun sanoja."

    page.locator("#profile-export").click()
    link = page.locator("#profile-download a").first
    link.wait_for()
    with page.expect_download() as info:
        link.click()
    pdf = PdfReader(io.BytesIO(open(info.value.path(), "rb").read()))
    assert "siivousvaunu" in " ".join(p.extract_text() for p in pdf.pages)


def test_a_participant_has_no_profile_tab_and_cannot_save_a_profile(live_server: LiveServer, page: Any) -> None:
    name, password = live_server.add_user("oppija", "participant")
    sign_in(page, live_server, name, password)
    page.get_by_role("tab", name="Harjoittele", exact=False).first.wait_for()  # the participant's own tabs
    assert page.get_by_role("tab", name="Kieliprofiili", exact=False).count() == 0  # a teacher's tab
    assert page.locator("#profile-save").count() == 0 or not page.locator("#profile-save").first.is_visible()
    assert live_server.services.profiles.list_profiles() == []


def test_teacher_imports_a_json_export_and_saves_it_as_new(live_server: LiveServer, page: Any, tmp_path: Any) -> None:
    from corpora.tasks_profiles import load_task_profile

    exported = tmp_path / "kassa.json"
    exported.write_text(load_task_profile("recycling-cashier").model_dump_json(), encoding="utf-8")
    name, password = live_server.add_user("opettaja2", "teacher")
    sign_in(page, live_server, name, password)
    open_tab(page, "Kieliprofiili")
    page.get_by_text("Tuo JSON-tiedosto", exact=False).first.click()
    page.locator("#profile-import-file input[type=file]").set_input_files(str(exported))
    page.locator("#profile-import").click()
    page.locator("#profile-terms").get_by_text("kassa", exact=True).first.wait_for()
    page.locator("#profile-save").click()
    page.locator("#profile-summary").get_by_text("versio 1", exact=False).wait_for()
    assert [p["task_id"] for p in live_server.services.profiles.list_profiles()] == ["recycling-cashier"]
