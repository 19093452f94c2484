"""The "Harjoittele" tab in Debian Chromium: a participant plays a workplace conversation at A2,
sees feedback beside each turn, gets a hint, hears the partner and gets a report; a teacher
authors a draft scenario and test-plays it."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import make_settings
from tests.fakes.openai_server import FakeOpenAIServer, openai_server  # noqa: F401 (fixture)
from tests.ui.conftest import LiveServer, open_tab, running_server, sign_in

pytestmark = pytest.mark.browser

TURN_TIMEOUT_S = 90  # the first feedback check loads the analyser and generator


def choose(page: Any, dropdown: str, option_text: str) -> None:
    page.locator(f"{dropdown} input").click()
    page.get_by_role("option").filter(has_text=option_text).first.click()


def messages(page: Any) -> int:
    return int(page.locator("#practice-chat .message").count())


def say(page: Any, text: str) -> None:
    """Sends one turn and waits until the partner has answered."""
    before = messages(page)
    page.locator("#practice-text textarea").fill(text)
    page.locator("#practice-send").click()
    deadline = time.monotonic() + TURN_TIMEOUT_S
    while messages(page) < before + 2:
        assert time.monotonic() < deadline, f"no answer to {text!r}"
        page.wait_for_timeout(200)


def test_a_participant_plays_a_phone_call_at_a2_and_gets_a_report(live_server: LiveServer, page: Any) -> None:
    name, password = live_server.add_user("amina", "participant")
    sign_in(page, live_server, name, password)
    open_tab(page, "Harjoittele")
    assert page.locator("#author-panel").count() == 0  # authoring is for teachers only

    choose(page, "#practice-task", "Toimiston siivous")
    choose(page, "#practice-scenario", "olen sairas")
    page.locator("#practice-intro").get_by_text("toimitilahuoltaja", exact=False).wait_for()
    page.locator("#practice-start").click()
    chat = page.locator("#practice-chat")
    chat.get_by_text("Mervi puhelimessa, hei.").wait_for()

    say(page, "Hei, tässä on Amina.")
    say(page, "<img src=x onerror=alert(1)> Olen sairas.")
    say(page, "Minä olen sairas, minä ei pääse töihin.")
    # feedback is a mark in the learner's own bubble: tap it for the right sentence in plain Finnish
    bubble = chat.locator(".message-row").filter(has=page.locator("details.tk-fb")).last
    bubble.locator("details.tk-fb summary").first.wait_for()
    for mark in bubble.locator("details.tk-fb summary").all():
        mark.click()
    assert "minä en" in bubble.inner_text().lower()
    # the pasted HTML is shown as text, never run
    assert chat.locator("img[src=x]").count() == 0
    assert "<img src=x onerror=alert(1)>" in chat.inner_text()

    page.locator("#practice-hint").click()
    chat.locator(".tk-hint").get_by_text("Vihje", exact=False).first.wait_for()  # the hint is a bubble in the chat

    page.locator("#practice-listen").click()
    link = page.locator("#practice-audio a[download]")
    link.wait_for(state="attached", timeout=30_000)  # the compact player hides its download button
    audio = page.request.get(link.get_attribute("href"))
    assert audio.ok and audio.body()[:4] == b"RIFF" and len(audio.body()) > 10_000

    say(page, "Ehkä kaksi päivää.")
    say(page, "Selvä, haen lääkärintodistuksen.")
    say_last(page, "Kiitos, hei hei.")
    page.locator("#practice-report").get_by_text("Raportti", exact=False).first.wait_for(timeout=60_000)
    report = page.locator("#practice-report").inner_text()
    assert "4 / 4" in report or "3 / 4" in report  # the required goals: one count everywhere (issue 14)
    assert "Seuraavaksi" in report and "Arvio" in report
    assert "✓ Tervehdi ja sano nimesi." in report

    page.get_by_text("Omat harjoitukset", exact=False).first.click()
    page.locator("#practice-history input").click()
    page.get_by_role("option").filter(has_text="Soitto esihenkilölle – olen sairas").first.wait_for()


def say_last(page: Any, text: str) -> None:
    """The last turn: the report opens in place of the chat."""
    page.locator("#practice-text textarea").fill(text)
    page.locator("#practice-send").click()


def test_a_teacher_authors_a_draft_and_test_plays_it(live_server: LiveServer, page: Any) -> None:
    name, password = live_server.add_user("ville", "teacher")
    sign_in(page, live_server, name, password)
    open_tab(page, "Harjoittele")
    page.locator("#author-panel").get_by_text("Opettajalle", exact=False).first.click()

    choose(page, "#author-template", "cleaning-call-in-sick")
    page.locator("#author-open").click()
    page.locator("#author-status").get_by_text("Pohja avattu", exact=False).wait_for()
    page.locator("#author-save").click()
    page.locator("#author-status").get_by_text("luonnos (draft)", exact=False).wait_for()
    page.locator("#author-test").click()

    page.locator("#practice-chat").get_by_text("Mervi puhelimessa, hei.").wait_for()
    say(page, "Hei, tässä on Ville.")
    assert "Onko kaikki hyvin" in page.locator("#practice-chat").inner_text()
    participant_view = live_server.services.simulations.scenarios()["scenarios"]
    assert "cleaning-call-in-sick-oma" not in {s["id"] for s in participant_view}


@pytest.fixture
def llm_live_server(tmp_path: Any, analyser: Any, openai_server: FakeOpenAIServer) -> Iterator[LiveServer]:  # noqa: F811
    """The same live server, with the LLM partner against the fake OpenAI-compatible server."""
    settings = make_settings(tmp_path, partner="llm", llm_base_url=openai_server.base_url, llm_timeout_s=5.0)
    with running_server(settings) as server:
        yield server


def test_with_an_endpoint_the_same_scenario_runs_with_the_llm_partner(
    llm_live_server: LiveServer, openai_server: FakeOpenAIServer, page: Any  # noqa: F811
) -> None:
    def line(text: str) -> str:
        return json.dumps({"reply": text, "reply_en": "(en)", "goal_addressed": None, "in_role": True}, ensure_ascii=False)

    openai_server.enqueue(line("Mervi tässä, huomenta! Kuka soittaa?"))
    openai_server.enqueue(line("<b>Hei</b> Amina! Onko kaikki hyvin?"), chunk_chars=4)
    name, password = llm_live_server.add_user("amina", "participant")
    sign_in(page, llm_live_server, name, password)
    open_tab(page, "Harjoittele")
    choose(page, "#practice-task", "Toimiston siivous")
    choose(page, "#practice-scenario", "olen sairas")
    page.locator("#practice-start").click()
    chat = page.locator("#practice-chat")
    chat.get_by_text("Mervi tässä, huomenta! Kuka soittaa?").wait_for()

    say(page, "Hei, tässä on Amina.")

    chat.get_by_text("Onko kaikki hyvin?", exact=False).first.wait_for()
    assert "<b>Hei</b> Amina!" in chat.inner_text()  # the model's markup is shown as text
    assert chat.locator("b", has_text="Hei").count() == 0
    sent = openai_server.chat_requests()[-1]
    assert sent.body.get("stream") is True and "Hei, tässä on Amina." in sent.messages[-1]["content"]
