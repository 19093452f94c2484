"""What the Harjoittele tab shows: untrusted text is escaped, feedback and reports are bilingual."""

from __future__ import annotations

import markdown

from ui.practice_render import (
    feedback_message,
    goals_markdown,
    hint_markdown,
    partner_message,
    report_markdown,
    safe,
    transcript_messages,
)


def rendered(md: str) -> str:
    return markdown.markdown(md)


def test_partner_html_and_markdown_are_shown_as_text() -> None:
    evil = '<script>alert(1)</script> [klikkaa](javascript:alert(1)) ![x](http://evil/x.png) **lihava**'

    html = rendered(safe(evil))

    assert "<script>" not in html and "<a " not in html and "<img" not in html and "<strong>" not in html
    assert "&lt;script&gt;" in html and "klikkaa" in html


def test_safe_text_keeps_finnish_and_apostrophes_readable() -> None:
    assert rendered(safe("Älä unohda: can't & won't")) == "<p>Älä unohda: can't &amp; won't</p>"


def test_a_partner_line_carries_its_english_and_notice() -> None:
    message = partner_message("Hei!", "Hi!", notice="Tekoälykumppani ei vastannut.")

    assert message["role"] == "assistant"
    assert message["content"].startswith("ℹ️ Tekoälykumppani ei vastannut.")
    assert "*Hi\\!*" in message["content"]


def test_feedback_sits_under_the_turn_in_finnish_and_english() -> None:
    text = "Minä ei pääse töihin."
    issue = {"start": 5, "end": 7, "category": "agreement", "message": "Sano: minä en.",
             "message_en": "Say: minä en.", "suggestions": ["en"]}

    note = feedback_message(text, [issue])

    assert note is not None and note["metadata"]["title"].startswith("Palaute: 1 huomio (feedback: 1 note")
    assert "Kongruenssi" in note["content"] and "(Agreement)" in note["content"] and "«ei»" in note["content"]
    assert feedback_message(text, []) is None


def test_a_stored_transcript_becomes_chat_messages_with_feedback_notes() -> None:
    transcript = [
        {"role": "partner", "text": "Hei!", "text_en": "Hi!"},
        {"role": "learner", "text": "Minä ei tule.", "feedback": [{"start": 5, "end": 7, "category": "agreement",
                                                               "message": "m", "message_en": "e"}]},
        {"role": "partner", "text": "Selvä."},
    ]

    messages = transcript_messages(transcript)

    assert [m["role"] for m in messages] == ["assistant", "user", "assistant", "assistant"]
    assert "metadata" in messages[2]


def test_goals_hint_and_report_are_bilingual() -> None:
    goals = goals_markdown([{"description": "Tervehdi.", "description_en": "Greet.", "reached": True},
                            {"description": "Kiitä.", "description_en": "Thank.", "reached": False, "required": False}])
    hint = hint_markdown({"text": "Sano: Hei.", "text_en": "Say: Hi.", "examples": ["Hei!"],
                          "phrases": [{"fi": "Kiitos", "en": "Thanks"}]})
    report = report_markdown({
        "title": "Soitto", "goals_reached": 1, "goals_total": 2, "level": "A2",
        "goals": [{"description": "Tervehdi.", "description_en": "Greet.", "reached": True}],
        "key_terms": {"used": ["sairas"], "not_used": ["kuume"]},
        "errors": {"total": 1, "by_category": [{"category": "agreement", "count": 1,
                                                "examples": [{"words": "ei", "message": "Sano: en."}]}]},
        "interaction": {"learner_turns": 3, "mean_turn_words": 4.0, "questions": 1, "repair_requests": 0, "hints": 1},
        "criteria": [{"name": "Vuorovaikutus", "name_en": "Interaction", "band": "A2",
                      "reasons": [{"fi": "Kysyit.", "en": "You asked."}]}],
        "next_steps": {"goals": [], "words": ["kuume"], "scenarios": [{"title": "Soitto", "level": "B1",
                                                                       "why": {"fi": "Vaikeampi.", "en": "Harder."}}]},
    })

    assert "✅ Tervehdi." in goals and "⬜ Kiitä." in goals and "optional" in goals
    assert "Sano: Hei." in hint and "Say: Hi." in hint and "Kiitos" in hint
    for words in ("1 / 2", "Harjoittele (practise): kuume", "Kongruenssi", "Vuorovaikutus", "Seuraavaksi", "Vaikeampi"):
        assert words in report
    assert report_markdown(None) == ""
