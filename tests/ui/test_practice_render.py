"""What the Harjoittele chat shows: untrusted text is escaped, feedback is a mark in the learner's
own bubble (the right sentence, the reason in plain Finnish, the term in brackets), English only
when asked for, goals as one line, the report bilingual."""

from __future__ import annotations

import html.parser

import markdown
import pytest

from ui.practice_render import (
    chat_messages,
    corrected_sentence,
    counter_text,
    goals_line,
    hint_html,
    learner_html,
    marked_text,
    partner_html,
    report_markdown,
    safe,
    turns_from_transcript,
)

EVIL = '<script>alert(1)</script> <img src=x onerror=alert(1)> [klikkaa](javascript:alert(1)) **lihava**'


class Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def tags(text: str) -> list[str]:
    parser = Tags()
    parser.feed(markdown.markdown(text))
    return parser.tags


def test_partner_html_and_markdown_are_shown_as_text() -> None:
    rendered = markdown.markdown(safe(EVIL))
    assert "<script>" not in rendered and "<a " not in rendered and "<img" not in rendered
    assert "&lt;script&gt;" in rendered and "klikkaa" in rendered


def test_safe_text_keeps_finnish_and_apostrophes_readable() -> None:
    assert markdown.markdown(safe("Älä unohda: can't & won't")) == "<p>Älä unohda: can't &amp; won't</p>"


@pytest.mark.parametrize("english", [False, True])
def test_no_bubble_lets_learner_or_partner_html_through(english: bool) -> None:
    issue = {"start": 0, "end": 8, "category": "spelling", "message": EVIL, "message_en": EVIL,
             "suggestions": [EVIL], "example": EVIL}
    turns = [{"role": "learner", "text": EVIL, "feedback": [issue]},
             {"role": "partner", "text": EVIL, "text_en": EVIL, "notice": EVIL},
             {"role": "hint", "hint": {"text": EVIL, "text_en": EVIL, "examples": [EVIL], "phrases": [{"fi": EVIL, "en": EVIL}]}}]
    for message in chat_messages(turns, english):
        found = set(tags(message["content"]))
        assert not found & {"script", "img", "a", "strong"}, found


def test_feedback_is_a_mark_in_the_learners_own_bubble() -> None:
    text = "Minä olen sairas. Minä ei pääse töihin."
    issue = {"start": 23, "end": 25, "category": "agreement", "message": "Verbi ei sovi sanaan minä.",
             "message_en": "The verb does not agree with minä.", "suggestions": ["en"]}
    assert text[23:25] == "ei"

    fi_only = learner_html({"role": "learner", "text": text, "feedback": [issue]}, english=False)
    both = learner_html({"role": "learner", "text": text, "feedback": [issue]}, english=True)

    assert "<mark class='tk-err'>ei</mark> pääse" in fi_only  # the words at fault, spaces kept
    assert "<details class='tk-fb'>" in fi_only and "«ei»" in fi_only
    assert "Sano: <i><b>Minä en pääse töihin.</b></i>" in fi_only  # only the sentence of the mistake
    assert "(kongruenssi)" in fi_only  # the grammar term in brackets only
    assert "Verbin muoto: «ei»" in fi_only  # the mark says what to look at in plain words
    assert "does not agree" not in fi_only and "does not agree" in both
    messages = chat_messages([{"role": "partner", "text": "Hei."}, {"role": "learner", "text": text, "feedback": [issue]}],
                             english=False)
    assert [m["role"] for m in messages] == ["assistant", "user"]  # no separate feedback message


@pytest.mark.parametrize(("text", "start", "end", "fix", "expected"), [
    ("Menen kauppa.", 6, 12, "kauppaan", "Menen kauppaan."),
    ("Hei! Menen kauppa huomenna. Kiitos.", 11, 17, "kauppaan", "Menen kauppaan huomenna."),
    ("minä ei tule", 5, 7, "en", "minä en tule"),
    ("Se on kello yhdeksän", 0, 2, "Hän", "Hän on kello yhdeksän"),
])
def test_the_corrected_sentence_replaces_only_the_words_at_fault(text: str, start: int, end: int, fix: str,
                                                                 expected: str) -> None:
    assert corrected_sentence(text, {"start": start, "end": end, "suggestions": [fix]}) == expected


def test_the_messages_own_say_line_is_not_repeated_under_the_whole_sentence() -> None:
    issue = {"start": 5, "end": 7, "category": "agreement", "suggestions": ["en"],
             "message": 'Verbi ei sovi sanaan "minä". Sano: minä en.', "message_en": 'Not with "minä". Say: minä en.'}
    shown = learner_html({"text": "minä ei tule.", "feedback": [issue]}, english=True)
    assert shown.count("Sano:") == 1 and "Say:" not in shown and "Verbi ei sovi" in shown
    alone = {**issue, "suggestions": []}  # no whole sentence: the message keeps its own
    assert "Sano: minä en" in learner_html({"text": "minä ei tule.", "feedback": [alone]}, english=False)


def test_no_corrected_sentence_without_a_suggestion_or_with_bad_offsets() -> None:
    assert corrected_sentence("Hei.", {"start": 0, "end": 3, "suggestions": []}) is None
    assert corrected_sentence("Hei.", {"start": 3, "end": 30, "suggestions": ["x"]}) is None
    assert marked_text("Hei.", [{"start": 3, "end": 30}]) == "Hei."


def test_overlapping_marks_do_not_break_the_text() -> None:
    text = "minä ei tule huomena"
    issues = [{"start": 5, "end": 12}, {"start": 8, "end": 12}, {"start": 13, "end": 20}]
    out = marked_text(text, issues)
    assert out.count("<mark") == 2 and out.replace("<mark class='tk-err'>", "").replace("</mark>", "") == text


def test_a_turn_without_feedback_says_good_and_an_empty_one_says_empty() -> None:
    assert "✓ Hyvä" in learner_html({"text": "Hei, tässä Amina.", "feedback": [], "kind": "answer"}, False)
    assert "✓" not in learner_html({"text": "Sorry?", "feedback": [], "kind": "english"}, False)
    assert "tyhjä" in learner_html({"text": "  ", "feedback": []}, False)


def test_partner_english_and_notice_only_when_asked() -> None:
    turn = {"text": "Okei. Tässä.", "text_en": "OK. Here.", "notice": "Tekoäly ei vastannut."}
    assert "OK. Here." not in partner_html(turn, False) and "OK. Here." in partner_html(turn, True)
    assert "Tekoäly ei vastannut." in partner_html(turn, False)
    assert "kuuntele uudelleen" in partner_html(turn, False)


def test_a_hint_is_its_own_bubble_with_examples() -> None:
    hint = {"text": "Sano: Hei.", "text_en": "Say: Hi.", "examples": ["Hei!"], "phrases": [{"fi": "Kiitos", "en": "Thanks"}]}
    shown = markdown.markdown(hint_html(hint, False))
    assert "Vihje:" in shown and "<i>Hei!</i>" in shown and "Thanks" not in shown
    assert "Thanks" in hint_html(hint, True)
    messages = chat_messages([{"role": "hint", "hint": hint}], False)
    assert messages[0]["role"] == "assistant" and "tk-hint" in messages[0]["content"]


def test_goals_are_one_line_with_words_and_plain_symbols() -> None:
    goals = [{"description": "Tervehdi.", "description_en": "Greet.", "reached": True},
             {"description": "Kerro, että olet sairas.", "description_en": "Say you are ill.", "reached": False},
             {"description": "Kiitä.", "reached": False, "required": False}]
    line = goals_line(goals, english=False)
    assert "Tavoitteet 1/2" in line and "●○" in line and "Seuraavaksi: Kerro, että olet sairas." in line
    assert "\n" not in line and "✅" not in line and "Say you are ill" not in line
    assert "Say you are ill" in goals_line(goals, english=True)
    assert "Kaikki tehty" in goals_line([{"description": "x", "reached": True}], False)
    assert goals_line([], False) == ""


def test_a_stored_transcript_becomes_one_message_per_turn() -> None:
    transcript = [{"role": "partner", "text": "Hei!", "text_en": "Hi!"},
                  {"role": "learner", "text": "Minä ei tule.", "feedback": [{"start": 5, "end": 7, "category": "agreement",
                                                                           "message": "m", "message_en": "e"}]},
                  {"role": "partner", "text": "Selvä."}]
    turns = turns_from_transcript(transcript)
    messages = chat_messages(turns, english=False)
    assert [m["role"] for m in messages] == ["assistant", "user", "assistant"]
    assert "tk-fb" in messages[1]["content"]


def test_the_counter_warns_past_the_limit() -> None:
    assert "12 / 1000" in counter_text(12, 1000) and "liian pitkä" not in counter_text(1000, 1000)
    assert "liian pitkä" in counter_text(1001, 1000) and "too long" in counter_text(1001, 1000)


def test_the_report_is_bilingual() -> None:
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
    for words in ("1 / 2", "Harjoittele (practise): kuume", "Kongruenssi", "Vuorovaikutus", "Seuraavaksi", "Vaikeampi"):
        assert words in report
    assert report_markdown(None) == ""
