"""The coach's plan view says why each target level is what it is and what the intake changed."""

from __future__ import annotations

from ui.readiness_render import plan_markdown


def _plan(focus: list[dict[str, object]], reasons: list[dict[str, str]]) -> dict[str, object]:
    return {"based_on_evidence": 0, "steps": [], "words": [], "phrases": [], "focus": focus,
            "tailoring": {"applied": bool(reasons), "reasons": reasons}}


def test_the_plan_shows_the_situations_behind_each_target_and_the_intakes_changes() -> None:
    why = {"fi": "puhuminen A2: asiakkaan palveleminen", "en": "speaking A2: serving a customer"}
    text = plan_markdown(_plan([{"task": "t", "skill": "speaking", "target_reason": {"why": why}}],
                               [{"kind": "pace", "fi": "Harjoitus 14 päivän välein.", "en": "Every 14 days."}]))
    assert "puhuminen A2: asiakkaan palveleminen" in text and "speaking A2: serving a customer" in text
    assert "Harjoitus 14 päivän välein." in text and "Every 14 days." in text


def test_without_reasons_or_an_intake_the_plan_view_adds_nothing() -> None:
    text = plan_markdown(_plan([{"task": "t", "skill": "speaking", "target_reason": None}], []))
    assert "Miksi tämä tavoitetaso" not in text and "Alkukartoituksen" not in text
