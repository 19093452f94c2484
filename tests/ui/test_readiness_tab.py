"""The Valmius tab in a real browser: a coach opens a participant who has done several simulations,
sees the heatmap and where they stand and why, the plan, and downloads the report; the participant
sees their own plan and sets their self-assessment."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from service.coach.participants import ParticipantIn
from tests.service.coach_factories import CASHIER_TERMS, report
from tests.ui.conftest import LiveServer, open_tab, sign_in

pytestmark = pytest.mark.browser
SPOKEN = ("speaking", "listening", "interaction")


def _participant_with_simulations(server: LiveServer, coach_name: str, account: str | None = None) -> int:
    services = server.services
    coach = services.users.by_name(coach_name)
    assert coach is not None
    p = services.participants.create(coach, ParticipantIn(
        name="Amina Yusuf", languages=["somali"], target_tasks=["recycling-cashier"],
        work_trial_place="Kierrätyskeskus", work_trial_tasks=["Palvelen asiakkaita kassalla."], user=account))
    for band in ("A1", "A2", "A2", "B1"):
        services.evidence.add_simulation(p.id, report(band, bands={s: band for s in SPOKEN}, reached=2 if band == "A1" else 3,
                                         used=CASHIER_TERMS[:6], errors={"object_case": 1}))
    return int(p.id)


def test_coach_sees_where_a_participant_stands_and_downloads_the_report(live_server: LiveServer, page: Any) -> None:
    name, password = live_server.add_user("valmentaja", "coach")
    _participant_with_simulations(live_server, name)
    sign_in(page, live_server, name, password)
    open_tab(page, "Valmius")
    heat = page.locator("#ready-heatmap")
    heat.get_by_text("Amina Yusuf").first.wait_for()
    assert heat.locator("td.cell-not_enough_evidence, td.cell-ready, td.cell-almost, td.cell-not_yet").count() == 5

    box = page.locator("#ready-participant input").first
    box.click()
    page.locator("ul.options li, [role=option]").filter(has_text="Amina Yusuf").first.click()
    page.locator("#ready-open").click()
    summary = page.locator("#ready-summary")
    summary.get_by_text("heikoin", exact=False).first.wait_for()  # one line per target first
    summary.get_by_text("Näytä perustelut", exact=False).first.click()  # the details are folded
    summary.get_by_text("Miksi? (why)", exact=False).wait_for()
    text = summary.inner_text()
    assert "Kierrätyskeskuksen kassa" in text and "vuorovaikutus" in text and "Näyttöä on" in text
    page.locator("#ready-plan").get_by_text("Arviointikeskustelu valmentajan kanssa", exact=False).wait_for()
    page.locator("#ready-progress img").first.wait_for()  # the progress plot arrives as an image
    assert page.locator("#ready-trial-tasks textarea").input_value() == "Palvelen asiakkaita kassalla."

    page.locator("#ready-report").click()
    link = page.locator("#ready-download a").first
    link.wait_for()
    with page.expect_download() as info:
        link.click()
    pdf = PdfReader(io.BytesIO(open(info.value.path(), "rb").read()))
    assert "Amina Yusuf" in " ".join(p.extract_text() for p in pdf.pages)


def test_participant_sees_own_plan_and_saves_self_assessment(live_server: LiveServer, page: Any) -> None:
    coach, _ = live_server.add_user("valmentaja2", "coach")
    name, password = live_server.add_user("amina", "participant")
    pid = _participant_with_simulations(live_server, coach, account=name)
    sign_in(page, live_server, name, password)
    assert page.get_by_role("tab", name="Valmius").count() == 0  # the coach's tab is not a participant's
    open_tab(page, "Edistymiseni")
    page.locator("#progress-plan").get_by_text("Suunnitelma (progress plan)", exact=False).wait_for()
    page.get_by_text("Oma arvio", exact=False).first.click()
    box = page.locator("#progress-self-speaking input").first
    box.click()
    page.locator("ul.options li, [role=option]").filter(has_text="B1").first.click()
    page.locator("#progress-self-save").click()
    page.locator("#progress-notice").get_by_text("Tallennettu", exact=False).wait_for()
    user = live_server.services.users.by_name(name)
    assert live_server.services.participants.get(user, pid).self_assessment == {"speaking": "B1"}


def test_coach_adds_a_participant_in_the_tab(live_server: LiveServer, page: Any) -> None:
    name, password = live_server.add_user("valmentaja3", "coach")
    sign_in(page, live_server, name, password)
    open_tab(page, "Valmius")
    page.locator("#ready-heatmap").get_by_text("Ei osallistujia", exact=False).wait_for()
    page.get_by_text("Uusi osallistuja (new participant)").click()
    page.locator("#ready-new-name textarea, #ready-new-name input").first.fill("Hassan")
    page.locator("#ready-new-languages textarea, #ready-new-languages input").first.fill("arabia, englanti")
    targets = page.locator("#ready-new-targets input").first
    targets.click()
    targets.fill("Toimiston")
    page.locator("ul.options li, [role=option]").filter(has_text="Toimiston siivous").first.click()
    page.locator("#ready-new-tasks textarea").fill("Siivoan toimiston.\nTyhjennän roska-astiat.")
    page.locator("#ready-create").click()
    page.locator("#ready-heatmap").get_by_text("Hassan").first.wait_for()
    assert page.locator("#ready-new-name textarea, #ready-new-name input").first.input_value() == ""  # cleared
    coach = live_server.services.users.by_name(name)
    [created] = live_server.services.participants.list(coach)
    assert created.name == "Hassan" and created.languages == ["arabia", "englanti"]
    assert created.target_tasks == ["cleaning-office"]
    assert created.work_trial_tasks == ["Siivoan toimiston.", "Tyhjennän roska-astiat."]
