"""The intake-and-mentor tab (coaches) and the portfolio tab (participants): what they read from the
form, what they show, and who sees them."""

from __future__ import annotations

import gradio as gr

from ui import portfolio_tab, workplace_tab
from ui.app import visible_tabs
from ui.workplace_tab import languages, tailoring_markdown


def test_languages_are_read_as_a_coach_types_them() -> None:
    assert languages("arabia: äidinkieli, englanti: B2") == [{"language": "arabia", "level": "äidinkieli"},
                                                             {"language": "englanti", "level": "B2"}]
    assert languages("somali native\nEnglish B1") == [{"language": "somali", "level": "native"},
                                                      {"language": "English", "level": "B1"}]
    assert languages("ranska") == [{"language": "ranska", "level": ""}]
    assert languages("") == []


def test_the_saved_intake_shows_what_the_plan_changes_in_finnish_and_english() -> None:
    reasons = [{"kind": "pace", "fi": "Harjoitus 14 päivän välein.", "en": "One session every 14 days."}]
    text = tailoring_markdown({"tailoring": {"plan": {"reasons": reasons}}})
    assert "Harjoitus 14 päivän välein." in text and "One session every 14 days." in text
    assert "ei muutu" in tailoring_markdown({"tailoring": {"plan": {"reasons": []}}})


def test_coaches_see_the_intake_tab_and_participants_the_portfolio_tab(services) -> None:  # type: ignore[no-untyped-def]
    with gr.Blocks():
        workplace_tab.build(services)
        portfolio_tab.build(services)
    assert "intake" in [t.key for t in visible_tabs("coach")]
    assert "portfolio" in [t.key for t in visible_tabs("participant")]
    assert "intake" not in [t.key for t in visible_tabs("participant")] + [t.key for t in visible_tabs("mentor")]
    assert "portfolio" not in [t.key for t in visible_tabs("coach")] + [t.key for t in visible_tabs("mentor")]
