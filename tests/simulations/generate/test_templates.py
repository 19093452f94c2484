"""The situation-kind templates (simulations/templates/*.yaml) are data: valid, complete, and
their slot-free fallbacks (used when a profile cannot fill a slot) are correct Finnish."""

from __future__ import annotations

from finnish.feedback import FeedbackEngine
from simulations.generate.template import LineVariant, SituationTemplate, load_templates

KINDS = {"receiving_instructions", "asking_for_help", "reporting_problem", "customer_counter", "phone_call",
         "resident_patient", "shift_handover", "calling_in_sick"}


def _lists(t: SituationTemplate) -> list[list[str]]:
    """Every list of alternatives, as the Finnish texts of each alternative."""
    out: list[list[str]] = [[p.fi for p in t.setting]]
    for g in t.goals:
        out.append([p.fi for p in g.description])
        out.extend(g.examples)
    for n in t.nodes:
        for variants in (n.say, n.simpler, t.redirect):
            for lv in ("A1", "A2", "B1", "B2"):  # each level is one line of its own
                if variants:
                    out.append([getattr(v, lv) for v in variants])
        if n.hint:
            out.append([h.A2 for h in n.hint])
    return out


def test_the_situation_kinds_of_the_issue_are_all_there() -> None:
    assert {t.id for t in load_templates()} == KINDS
    assert any("*" in t.situations for t in load_templates()), "a catch-all for situations a teacher typed"


def test_every_list_of_alternatives_ends_with_one_without_slots() -> None:
    for t in load_templates():
        for alternatives in _lists(t):
            assert "{" not in alternatives[-1], f"{t.id}: {alternatives[-1]}"


def test_every_slot_free_text_passes_the_feedback_engine(checker: FeedbackEngine) -> None:
    texts: set[str] = set()
    for t in load_templates():
        for alternatives in _lists(t):
            for alt in alternatives:
                if "{" not in alt:
                    texts.add(alt.strip())
        for p in t.phrases:
            if "{" not in p.fi:
                texts.add(p.fi)
    flagged = {text: [i.message for i in checker.check(text) if i.severity == "error"] for text in texts}
    assert {k: v for k, v in flagged.items() if v} == {}


def test_levels_get_longer_from_a1_to_b2() -> None:
    """A1–A2 in plain Finnish: the A1 line is never longer than the B2 line of the same variant."""
    for t in load_templates():
        for n in t.nodes:
            for v in n.say:
                assert isinstance(v, LineVariant)
                assert len(v.A1.split()) <= len(v.B2.split()), f"{t.id}/{n.id}: {v.A1}"
