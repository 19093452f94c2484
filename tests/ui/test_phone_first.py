"""Each role in Debian Chromium at phone (390×844) and desktop (1400×1000) width: which tabs it sees,
the header with name, role and sign-out, and — for a participant — that every result of a click
(the feedback mark and its explanation, a hint, a notice, the report) is inside the viewport
without scrolling, and that a new partner line plays by itself. Screenshots of each screen go to
tests/ui/artefacts/ (not committed)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ui.conftest import LiveServer, chromium, fill_login
from ui.app import visible_tabs

pytestmark = pytest.mark.browser

ARTEFACTS = Path(__file__).parent / "artefacts"
SIZES = {"phone": (390, 844), "desktop": (1400, 1000)}
STAFF_TABS = ("Kieliprofiili", "Valmius", "Haku", "Analyysi")
TURN_TIMEOUT_S = 90


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    # a test browser has no user gesture history: allow the autoplay a real learner's click allows
    with chromium("--autoplay-policy=no-user-gesture-required") as b:
        yield b


def open_page(browser: Any, size: str) -> Any:
    width, height = SIZES[size]
    context = browser.new_context(locale="fi-FI", viewport={"width": width, "height": height})
    context.add_init_script(COUNT_PLAYS)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def signed_in(browser: Any, server: LiveServer, size: str, name: str, role: str, query: str = "") -> Any:
    server.add_user(name, role)
    page = open_page(browser, size)
    fill_login(page, server, name, "salasana123")
    page.locator("#tk-header-text .tk-user").filter(has_text=name).wait_for()
    if query:
        page.goto(f"{server.url}/ui/{query}")
        page.locator("#tk-header-text .tk-user").wait_for()
    page.wait_for_timeout(500)
    return page


def shot(page: Any, name: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"))


def tab_names(page: Any) -> list[str]:
    return [t.inner_text().strip() for t in page.get_by_role("tab").all() if t.is_visible()]


def in_view(page: Any, selector: str) -> bool:
    """The element's top and bottom are on the screen as it is now (no scrolling by the test)."""
    box = page.locator(selector).last.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["height"] > 0 and box["y"] >= -1 and box["y"] + box["height"] <= height + 1


def bubbles(page: Any) -> int:
    return int(page.locator("#practice-chat .message-row").count())


def start_conversation(page: Any) -> None:
    page.locator("#practice-task input").click()
    page.get_by_role("option").filter(has_text="Toimiston siivous").first.click()
    page.locator("#practice-scenario input").click()
    page.get_by_role("option").filter(has_text="olen sairas").first.click()
    page.locator("#practice-intro").get_by_text("toimitilahuoltaja", exact=False).wait_for()
    page.locator("#practice-start").click()
    page.locator("#practice-chat").get_by_text("Mervi puhelimessa", exact=False).first.wait_for()


def say(page: Any, text: str) -> None:
    before = bubbles(page)
    page.locator("#practice-text textarea").fill(text)
    page.locator("#practice-send").click()
    deadline = time.monotonic() + TURN_TIMEOUT_S
    while bubbles(page) < before + 2:
        assert time.monotonic() < deadline, f"no answer to {text!r}"
        page.wait_for_timeout(200)
    page.wait_for_timeout(300)


# Every media element's play() is counted when it starts: the player's own controls may show a clip
# that has already ended on a slow machine, but a started playback is recorded either way.
COUNT_PLAYS = """
window.__tkPlays = 0; window.__tkPlayErrors = [];
const play = HTMLMediaElement.prototype.play;
HTMLMediaElement.prototype.play = function (...args) {
  const started = play.apply(this, args);
  Promise.resolve(started).then(() => { window.__tkPlays += 1; },
                                (e) => { window.__tkPlayErrors.push(String(e)); });
  return started;
};
"""


def plays(page: Any) -> int:
    return int(page.evaluate("window.__tkPlays || 0"))


def wait_for_plays(page: Any, more_than: int, seconds: float = 60) -> bool:
    """A partner line started playing by itself: the count of started playbacks passed `more_than`."""
    deadline = time.monotonic() + seconds
    while plays(page) <= more_than and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    if plays(page) <= more_than:
        print("play() refused:", page.evaluate("window.__tkPlayErrors"))  # shown with the failure
        return False
    return True


@pytest.mark.parametrize("size", SIZES)
def test_a_participant_sees_only_own_tabs_and_every_result_in_view(live_server: LiveServer, browser: Any,
                                                                   size: str) -> None:
    page = signed_in(browser, live_server, size, "amina", "participant")
    shown = tab_names(page)
    assert shown[:2] == ["Harjoittele", "Edistymiseni"] and shown == [t.fi for t in visible_tabs("participant")]
    assert not set(shown) & set(STAFF_TABS)
    header = page.locator("#tk-header-text").inner_text()
    assert "amina" in header and "osallistuja" in header
    assert page.locator("#tk-header a.tk-signout").get_attribute("href") == "/ui/logout"
    shot(page, f"participant-home-{size}")

    start_conversation(page)
    for control in ("#practice-text", "#practice-send", "#practice-hint", "#practice-listen", "#practice-finish"):
        assert in_view(page, control), control
    assert wait_for_plays(page, 0)  # the opening line plays by itself
    before = plays(page)
    say(page, "Hei, tässä on Amina. Minä olen sairas, minä ei pääse töihin.")
    assert wait_for_plays(page, before)  # and so does the new partner line
    mark = page.locator("#practice-chat .user details.tk-fb summary")
    assert mark.count() >= 1 and in_view(page, "#practice-chat .user details.tk-fb summary")
    assert page.locator("#practice-feedback").count() == 0  # no side panel that repeats it
    mark.last.click()
    page.locator("#practice-chat details.tk-fb[open]").last.get_by_text("Sano:", exact=False).first.wait_for()
    assert in_view(page, "#practice-chat details.tk-fb[open]")
    shot(page, f"participant-feedback-{size}")

    page.locator("#practice-hint").click()
    page.locator("#practice-chat .tk-hint").last.wait_for()
    page.wait_for_timeout(600)  # the chat scrolls to its newest bubble
    assert in_view(page, "#practice-chat .tk-hint")
    shot(page, f"participant-hint-{size}")


    page.locator("#practice-finish").click()
    page.locator("#practice-report").get_by_text("Raportti", exact=False).wait_for()
    assert in_view(page, "#practice-back") and page.locator("#practice-chat-view").is_hidden()
    shot(page, f"participant-report-{size}")
    page.locator("#practice-back").click()
    page.locator("#practice-chat-view").wait_for()
    page.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_empty_and_too_long_turns_are_refused_beside_the_text_box(live_server: LiveServer, browser: Any,
                                                                  size: str) -> None:
    page = signed_in(browser, live_server, size, "bilal", "participant")
    start_conversation(page)
    before = bubbles(page)
    page.locator("#practice-text textarea").press("Enter")
    page.locator("#practice-notice").get_by_text("Kirjoita ensin", exact=False).wait_for()
    assert in_view(page, "#practice-notice") and bubbles(page) == before

    limit = live_server.services.simulations.engine.max_turn_chars
    page.locator("#practice-text textarea").fill("Minä siivoan. " * (limit // 14 + 2))
    page.locator("#practice-text textarea").press_sequentially("!")  # a typed key (fill alone fires no input event in Gradio)
    page.locator("#practice-counter").get_by_text("liian pitkä", exact=False).wait_for()
    page.locator("#practice-send").click()
    page.locator("#practice-notice").get_by_text("liian pitkä", exact=False).wait_for()
    shot(page, f"participant-refused-{size}")
    assert in_view(page, "#practice-notice"), page.locator("#practice-notice").bounding_box()
    assert bubbles(page) == before
    page.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_a_coach_opens_a_participant_by_deep_link_and_sees_the_summary_first(live_server: LiveServer, browser: Any,
                                                                            size: str) -> None:
    from service.coach.participants import ParticipantIn

    coach, _ = live_server.services.users.add_user("kaisa", "coach", "salasana123")
    created = live_server.services.participants.create(coach, ParticipantIn(name="Aino Esimerkki"))
    page = open_page(browser, size)
    fill_login(page, live_server, "kaisa", "salasana123")
    page.locator("#tk-header-text .tk-user").wait_for()
    page.goto(f"{live_server.url}/ui/?participant={created.id}")
    page.locator("#ready-summary").get_by_text("Aino Esimerkki").first.wait_for()
    shown = tab_names(page)
    assert shown[0] == "Valmius" and not {"Harjoittele", "Edistymiseni", "Kieliprofiili"} & set(shown)
    assert "valmentaja" in page.locator("#tk-header-text").inner_text()
    shot(page, f"coach-participant-{size}")
    page.context.close()


@pytest.mark.parametrize(("role", "tabs"), [
    ("teacher", ["Harjoittele", "Kieliprofiili", "Haku", "Analyysi"]),
    ("admin", ["Harjoittele", "Edistymiseni"]),  # admins see every tab (tests/ui/test_ui_served.py); the first fit
])
def test_staff_see_their_tabs(live_server: LiveServer, browser: Any, role: str, tabs: list[str]) -> None:
    for size in SIZES:
        page = signed_in(browser, live_server, size, f"{role}-{size}", role)
        shown = tab_names(page)
        # tabs wrap onto more rows: every one is a labelled tap on a phone too (no "…" menu)
        assert all(t in shown for t in tabs), shown  # other engineers' tabs may be added for the role
        if role == "teacher":
            assert "Valmius" not in shown and "Edistymiseni" not in shown
        shot(page, f"{role}-home-{size}")
        page.context.close()


def test_sign_out_returns_to_the_finnish_sign_in_page(live_server: LiveServer, browser: Any) -> None:
    page = signed_in(browser, live_server, "phone", "sanna", "participant")
    page.locator("#tk-header a.tk-signout").click()
    page.locator("input[type=password]").first.wait_for()
    assert "Tervetuloa" in page.locator("body").inner_text()
    shot(page, "signin-phone")
    page.goto(f"{live_server.url}/ui/?x=1")
    page.locator("input[type=password]").first.wait_for()  # signed out: the app is behind the sign-in again
    page.context.close()
