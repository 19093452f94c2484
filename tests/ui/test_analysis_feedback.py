"""The feedback display of the Analyysi tab: marks in the text and the list beside it."""

from __future__ import annotations

import pytest

from tests.ui.conftest import open_tab, sign_in
from ui.analysis_tab import feedback_markdown, feedback_segments


def issue(start: int, end: int, category: str = "agreement", severity: str = "error", suggestions=("menen",)) -> dict:
    return {"start": start, "end": end, "category": category, "rule": "r", "message": "Sano: minä menen.",
            "message_en": "Say: minä menen.", "suggestions": list(suggestions), "severity": severity}


def test_text_is_cut_into_marked_and_plain_pieces_that_add_up_to_the_text():
    text = "Minä menee töihin."
    segments = feedback_segments(text, [issue(5, 10)])
    assert segments == [("Minä ", None), ("menee", "verbin muoto (agreement)"), (" töihin.", None)]
    assert "".join(piece for piece, _ in segments) == text


def test_overlapping_issues_mark_the_error_and_leave_out_the_hint():
    text = "Mä menee kotiin."
    segments = feedback_segments(text, [issue(0, 8, "style", "hint"), issue(3, 8)])
    assert [label for _, label in segments if label] == ["verbin muoto (agreement)"]


def test_list_shows_the_words_the_suggestion_and_both_languages():
    text = "Minä menee töihin."
    md = feedback_markdown(text, [issue(5, 10)])
    assert "~~menee~~" in md and "**menen**" in md and "Sano: minä menen." in md and "Say: minä menen." in md


def test_no_issues_says_so():
    assert "Ei huomautettavaa" in feedback_markdown("Menen töihin.", [])


@pytest.mark.browser
def test_browser_shows_the_error_marked_with_its_suggestion(live_server, page) -> None:  # type: ignore[no-untyped-def]
    name, password = live_server.add_user("leila", "teacher")  # Analyysi is a teacher's tab
    sign_in(page, live_server, name, password)
    open_tab(page, "Analyysi")
    page.locator("#analysis-text textarea").fill("Minä menee töihin.")
    page.locator("#analysis-run").click()
    page.locator("#analysis-feedback-list").get_by_text("menen").first.wait_for(timeout=60_000)
    assert "menee" in page.locator("#analysis-feedback").inner_text()
    assert "Tason arvio" in page.locator("#analysis-summary").inner_text()
