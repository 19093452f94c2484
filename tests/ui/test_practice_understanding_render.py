from __future__ import annotations

from ui.practice_render import spoken_line_html, understanding_html


def test_a_misunderstood_fact_is_shown_struck_through_with_the_right_value() -> None:
    html = understanding_html([{"goal": "g", "fact": "f", "said": "kolme kiloa kaalia", "expected": "kaksitoista kiloa kaalia"}],
                              english=True)
    assert "<s>kolme kiloa kaalia</s>" in html and "<b>kaksitoista kiloa kaalia</b>" in html and "check the fact" in html
    assert understanding_html([], english=False) == ""


def test_learner_text_in_a_correction_is_escaped() -> None:
    html = understanding_html([{"said": "<script>x</script>", "expected": "kello kaksi"}], english=False)
    assert "<script>" not in html


def test_the_standard_form_shows_only_with_the_toggle_on() -> None:
    assert "yleiskielellä: Sinä menet" in spoken_line_html("Sä meet", "Sinä menet", show_standard=True)
    assert "yleiskielellä" not in spoken_line_html("Sä meet", "Sinä menet", show_standard=False)
    assert "yleiskielellä" not in spoken_line_html("Hei", None, show_standard=True)


def test_the_chat_shows_a_misunderstood_fact_under_the_learners_bubble_and_the_standard_form_of_a_spoken_line() -> None:
    from ui import practice_render as R

    turns = [
        {"role": "partner", "text": "Tuu tänne.", "text_standard": "Tule tänne.", "text_en": "Come here."},
        {"role": "learner", "text": "Eli kolme kiloa kaalia?", "feedback": [], "kind": "answer",
         "understanding": [{"goal": "repeat", "fact": "cabbage", "said": "3 kg", "expected": "12 kg"}]},
    ]
    partner, learner = (m["content"] for m in R.chat_messages(turns, english=False))
    assert "Tule tänne." in partner and "yleiskielellä" in partner
    assert "<s>3 kg</s>" in learner and "<b>12 kg</b>" in learner and "✓ Hyvä" not in learner
