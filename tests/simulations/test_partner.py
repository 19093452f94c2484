from __future__ import annotations

from simulations.engine import SimulationEngine
from simulations.goals import GoalTracker
from simulations.library import build_library
from simulations.partners.base import OneLineStream, Partner, PartnerContext, PartnerReply
from simulations.partners.scripted import ScriptedPartner


class RecordingPartner(OneLineStream):
    """A fake partner: says the same line and records every context it was given."""

    name = "recording"

    def __init__(self) -> None:
        self.seen: list[tuple[PartnerContext, str | None]] = []

    def reply(self, session: PartnerContext, turn: str | None) -> PartnerReply:
        self.seen.append((session, turn))
        return PartnerReply(text="Selvä.", node=session.node, partner=self.name)


def test_the_scripted_partner_meets_the_partner_interface() -> None:
    assert isinstance(ScriptedPartner(), Partner)
    assert isinstance(RecordingPartner(), Partner)


def test_a_partner_gets_the_turn_as_data_with_the_engines_reading_of_it(analyser, checker) -> None:  # type: ignore[no-untyped-def]
    partner = RecordingPartner()
    engine = SimulationEngine(build_library(), GoalTracker(analyser), checker, partner)
    state = engine.start("cleaning-call-in-sick", "B1")
    engine.turn(state, "Hei, tässä on Amina. Minä on sairas.")
    opening, (context, turn) = partner.seen
    assert opening[1] is None and opening[0].turn_kind == "opening"
    assert turn == "Hei, tässä on Amina. Minä on sairas."
    assert context.turn_kind == "answer" and context.level == "B1"
    assert context.new_goals == ["greet", "say_ill"] and context.goals_reached == ["greet", "say_ill"]
    assert [f["category"] for f in context.feedback] == ["agreement"]
    assert [t.role for t in context.transcript] == ["partner"]  # the history before this turn
    assert state.partner == "recording"


def test_a_b2_learner_who_did_not_understand_gets_the_b1_wording() -> None:
    scenario = build_library().get("recycling-cashier-customer")
    context = PartnerContext(scenario=scenario, level="B2", node="arrive", turn_kind="repair")
    reply = ScriptedPartner().reply(context, "Anteeksi?")
    assert reply.kind == "rephrase" and reply.text == scenario.node("arrive").say.text("B1")


def test_a_learner_who_gets_ahead_skips_the_steps_already_done() -> None:
    scenario = build_library().get("care-mealtime-refuses-food")
    context = PartnerContext(scenario=scenario, level="A2", node="refuse", turn_kind="answer",
                             goals_reached=["greet", "ask_why"], new_goals=["greet", "ask_why"])
    assert ScriptedPartner().reply(context, "Hei Eino, eikö ruoka maista?").node == "reason"
