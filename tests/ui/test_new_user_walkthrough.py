"""The new-user walkthrough of the workplace features (#16) in Debian Chromium at phone (390×844) and
desktop (1400×1000) width: a coach adds a participant with a target task, does the intake and
invites a mentor; the mentor signs in, sees only that participant's agreed goals, profile packet and
progress, records two observations, which move readiness; the participant shares a portfolio and the
link opens in a new browser context (a private window, no sign-in); the coach's cohort tab shows the
cohort with plots. Screenshots go to tests/ui/artefacts/walkthrough-*.png."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ui.conftest import LiveServer, chromium, fill_login, open_tab

pytestmark = pytest.mark.browser

ARTEFACTS = Path(__file__).parent / "artefacts"
SIZES = {"phone": (390, 844), "desktop": (1400, 1000)}
TASK_TITLE = "Toimiston siivous"
GOAL = "Kysyn apua, kun en ymmärrä ohjetta."
PRIVATE_NOTE = "Selkäkipu, 4 h/päivä"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def window(browser: Any, size: str) -> Any:
    width, height = SIZES[size]
    page = browser.new_context(locale="fi-FI", viewport={"width": width, "height": height}).new_page()
    page.set_default_timeout(45_000)
    return page


def signed_in(browser: Any, server: LiveServer, size: str, name: str) -> Any:
    page = window(browser, size)
    fill_login(page, server, name, "salasana123")
    page.locator("#tk-header-text .tk-user").filter(has_text=name).wait_for()
    page.wait_for_timeout(500)
    return page


def shot(page: Any, name: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"walkthrough-{name}.png"), full_page=True)


def no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def wait_for_text(page: Any, selector: str, text: str, seconds: float = 45) -> None:
    """Polls from Python: the UI's CSP forbids the string evaluation wait_for_function uses."""
    deadline = time.monotonic() + seconds
    while text not in (page.locator(selector).first.text_content() or ""):
        assert time.monotonic() < deadline, f"{text!r} never appeared in {selector}"
        page.wait_for_timeout(300)


def wait_for_value(page: Any, selector: str, start: str, seconds: float = 45) -> None:
    """Waits until the input's value starts with `start` and is not empty."""
    deadline = time.monotonic() + seconds
    while not ((value := page.locator(selector).first.input_value()) and value.startswith(start)):
        assert time.monotonic() < deadline, f"{selector} never got a value starting {start!r}"
        page.wait_for_timeout(300)


def choose(page: Any, selector: str, option: str) -> None:
    page.locator(f"{selector} input").first.click()
    page.get_by_role("option").filter(has_text=option).first.click()


def go_to_tab(page: Any, title: str) -> None:
    tab = page.get_by_role("tab", name=title, exact=False)
    if not tab.first.is_visible():  # on a phone the rest of the tabs fold into Gradio's "…" menu
        page.locator(".tab-container button.overflow-menu, button[aria-label*='More'], .overflow-dropdown button") \
            .first.click()
    open_tab(page, title)


def coach_sets_up(page: Any, size: str) -> None:
    page.locator("#ready-new").get_by_text("Uusi osallistuja").first.click()
    page.locator("#ready-new-name textarea, #ready-new-name input").first.fill(f"Amina {size}")
    choose(page, "#ready-new-targets", TASK_TITLE)
    page.keyboard.press("Escape")
    page.locator("#ready-new-account textarea, #ready-new-account input").first.fill(f"amina-{size}")
    page.locator("#ready-create").click()
    page.wait_for_timeout(1500)
    go_to_tab(page, "Alkukartoitus")
    page.locator("#intake-refresh").click()
    page.locator("#intake-participant input").first.wait_for()
    wait_for_value(page, "#intake-participant input", "Amina")
    page.locator("#intake-languages textarea, #intake-languages input").first.fill("arabia: äidinkieli, englanti: B2")
    page.locator("#intake-needs textarea").fill(PRIVATE_NOTE)
    page.locator("#intake-goals textarea").fill(GOAL)
    page.locator("#intake-save").click()
    try:
        page.locator("#intake-result").get_by_text("Alkukartoitus tallennettu").wait_for()
    except Exception:
        shot(page, f"failed-intake-{size}")
        raise AssertionError(page.locator("#intake-notice").inner_text()) from None
    assert "harjoitus 10 päivän välein" in page.locator("#intake-result").inner_text()
    page.locator("#invite-user textarea, #invite-user input").first.fill(f"mervi-{size}")
    wait_for_value(page, "#invite-target input", "")
    page.locator("#invite-consent input").check()
    page.locator("#invite-save").click()
    page.locator("#invite-result").get_by_text("työpaikkaohjaaja").wait_for()
    assert no_sideways_scroll(page)
    shot(page, f"coach-intake-{size}")


def mentor_observes(page: Any, size: str) -> None:
    view = page.locator("#mentor-view")
    view.get_by_text(f"Amina {size}").first.wait_for()
    text = view.inner_text()
    assert GOAL in text and "Tilanteet työssä" in text and "harjoitusta" in text
    assert PRIVATE_NOTE not in page.locator("body").inner_text()  # the intake's support needs stay private
    for note in ("Kysyi apua hyvin.", "Kertoi, mitä teki."):
        page.locator("#mentor-situation input").first.click()
        page.get_by_role("option").first.click()
        page.locator("#mentor-result").get_by_text("onnistui", exact=False).first.click()
        page.locator("#mentor-note textarea").fill(note)
        page.locator("#mentor-save").click()
        page.locator("#mentor-notice").get_by_text("Havainto tallennettu").wait_for()
        page.wait_for_timeout(2000)  # the view reloads after each observation
    assert no_sideways_scroll(page)
    shot(page, f"mentor-{size}")


@pytest.mark.parametrize("size", SIZES)
def test_a_new_coach_mentor_and_participant_walk_through_the_workplace_features(live_server: LiveServer,
                                                                                browser: Any, size: str) -> None:
    coach, _ = live_server.services.users.add_user(f"kaisa-{size}", "coach", "salasana123")
    for name, role in ((f"mervi-{size}", "mentor"), (f"amina-{size}", "participant")):
        live_server.add_user(name, role)
    coach_page = signed_in(browser, live_server, size, f"kaisa-{size}")
    coach_sets_up(coach_page, size)
    services = live_server.services
    pid = next(p.id for p in services.participants.list(coach) if p.name == f"Amina {size}")

    def readiness() -> tuple[int, dict[str, object]]:
        task = services.readiness.readiness(coach, pid)["tasks"][0]
        return task["observations"]["count"], {s: (v["evidence_count"], v["status"]) for s, v in task["skills"].items()}

    before = readiness()

    mentor_page = signed_in(browser, live_server, size, f"mervi-{size}")
    mentor_page.get_by_role("tab", name="Ohjattavani").first.wait_for()
    assert [t.inner_text().strip() for t in mentor_page.get_by_role("tab").all() if t.is_visible()] == ["Ohjattavani"]
    mentor_observes(mentor_page, size)
    after = readiness()
    assert after[0] == before[0] + 2 and after[1] != before[1]  # the observations count for readiness

    own = signed_in(browser, live_server, size, f"amina-{size}")
    go_to_tab(own, "Portfolio")
    own.locator("#portfolio-share").click()
    link = own.locator("#portfolio-link a").first
    link.wait_for()
    href = link.get_attribute("href") or ""
    assert href.startswith("/portfolio/")
    assert no_sideways_scroll(own)
    shot(own, f"participant-portfolio-{size}")

    private = window(browser, size)  # a new context: no cookies, no sign-in
    private.goto(f"{live_server.url}{href}")
    body = private.locator("body").inner_text()
    assert f"Amina {size}" in body and "Kysyi apua hyvin." in body
    assert no_sideways_scroll(private)
    shot(private, f"shared-portfolio-{size}")

    go_to_tab(coach_page, "Ryhmä")
    coach_page.locator("#cohort-refresh").click()
    wait_for_text(coach_page, "#cohort-table", f"Amina {size}")
    # the plot's own image (the hidden label's icon is an svg too, so not "any svg")
    coach_page.locator('#cohort-activity [data-testid="matplotlib"] img').first.wait_for()
    coach_page.locator('#cohort-skills [data-testid="matplotlib"] img').first.wait_for()
    assert no_sideways_scroll(coach_page)
    shot(coach_page, f"coach-cohort-{size}")
    for pg in (coach_page, mentor_page, own, private):
        pg.context.close()
