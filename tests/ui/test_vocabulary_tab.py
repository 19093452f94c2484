"""Tab "Sanasto": the tab module's views from the real services, and the tab in Debian Chromium at
phone width (390×844): choose a task, one exercise at a time with big touch targets, an answer
checked with its explanation, the word list with states. Screenshots go to tests/ui/artefacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from service.container import Services
from service.core.auth import CurrentUser
from tests.conftest import add_user
from tests.ui.conftest import CHROMIUM, CHROMIUM_ARGS, LiveServer, fill_login, open_tab
from ui import vocabulary_tab as V

TASK = "cleaning-patient-room"
ARTEFACTS = Path(__file__).parent / "artefacts"


def test_views_show_one_exercise_the_verdict_and_the_words_with_state(services: Services) -> None:
    user = add_user(services, "sanasto", "participant")
    me = CurrentUser(id=user.id, name=user.name, role="participant")
    session = services.vocabulary.session(me, TASK)
    first = session.items[0]
    text = V.exercise_markdown(first, 1, len(session.items))
    assert text.startswith(f"**1/{len(session.items)} ·") and first.prompt in text
    review = services.vocabulary.review(me, first.id, "tämä on väärin")
    shown = V.result_markdown(review)
    assert review.expected in shown and review.explanation.fi in shown and review.explanation.en in shown
    rows = V.words_table(services.vocabulary.cards(me, TASK))
    assert ["huone", "room"] == rows[0][:2] and "huoneessa" in rows[0][2]
    states = {r[3] for r in rows}
    assert "opettelen (learning)" in states and "uusi (new)" in states
    assert V.exercise_markdown(None, 1, 0).startswith("Ei harjoituksia")
    listed = V.words_markdown(services.vocabulary.cards(me, TASK))
    assert "- **huone** — room · huoneessa" in listed
    assert "— —" not in listed and "- **suojatakki** · suojatakki" in listed  # no gloss: no empty dash


@pytest.mark.browser
def test_the_tab_at_phone_width(live_server: LiveServer) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    live_server.add_user("amina-sanat", "participant")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(locale="fi-FI", viewport={"width": 390, "height": 844}).new_page()
        page.set_default_timeout(60_000)
        try:
            _practise(page, live_server)
        finally:
            browser.close()


def _tap_height(page: Any, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    return float(box["height"]) if box else 0.0


def _practise(page: Any, server: LiveServer) -> None:
    fill_login(page, server, "amina-sanat", "salasana123")
    page.locator("#tk-header-text .tk-user").wait_for()
    open_tab(page, "Sanasto")
    page.locator("#vocab-target input").click()
    page.get_by_role("option", name="Potilashuoneen siivous", exact=False).first.click()
    page.locator("#vocab-prompt").get_by_text("1/", exact=False).wait_for()
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "vocabulary-phone-exercise.png"))
    assert _tap_height(page, "#vocab-check") >= 44 and _tap_height(page, "#vocab-start") >= 44
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, width  # nothing wider than the phone
    choices = page.locator("#vocab-choices label")
    if choices.count() and choices.first.is_visible():
        assert _tap_height(page, "#vocab-choices label") >= 44
        box = choices.first.bounding_box()
        assert box and box["width"] >= 300, box  # one choice a row: a long form is not broken mid-word
        choices.first.click()
    else:
        page.locator("#vocab-answer input, #vocab-answer textarea").first.fill("huoneessa")
    page.locator("#vocab-check").click()
    page.locator("#vocab-result").get_by_text("Oikea vastaus", exact=False).or_(
        page.locator("#vocab-result").get_by_text("Oikein", exact=False)).or_(
        page.locator("#vocab-result").get_by_text("Melkein", exact=False)).first.wait_for()
    page.locator("#vocab-next").wait_for(state="visible")
    page.screenshot(path=str(ARTEFACTS / "vocabulary-phone-result.png"))
    page.locator("#vocab-next").click()
    page.locator("#vocab-prompt").get_by_text("2/", exact=False).wait_for()
    page.locator("#vocab-words-box").click()
    page.locator("#vocab-words").get_by_text("huone", exact=True).first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 391  # the word list wraps too
    page.screenshot(path=str(ARTEFACTS / "vocabulary-phone-words.png"), full_page=True)
