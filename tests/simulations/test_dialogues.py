from __future__ import annotations

import pytest

from simulations.errors import SessionFinished
from simulations.library import build_library
from tests.simulations.conftest import play
from tests.simulations.dialogues import DIALOGUES


@pytest.mark.parametrize("scenario", sorted(DIALOGUES))
def test_a_full_scripted_dialogue_reaches_every_goal(engine, scenario) -> None:  # type: ignore[no-untyped-def]
    state, outcomes = play(engine, scenario, DIALOGUES[scenario])
    assert state.finished and state.finished_reason == "completed"
    assert set(state.goals_reached) >= {g.id for g in build_library().get(scenario).goals if g.required}
    assert outcomes[-1].partner.kind == "closing"


def test_the_partner_speaks_at_the_chosen_level(engine) -> None:  # type: ignore[no-untyped-def]
    a1 = engine.start("cleaning-call-in-sick", "A1").transcript[-1].text
    b2 = engine.start("cleaning-call-in-sick", "B2").transcript[-1].text
    assert a1 == "Mervi. Hei." and len(b2.split()) > len(a1.split())


def test_a_repair_request_makes_the_partner_rephrase_more_simply(engine) -> None:  # type: ignore[no-untyped-def]
    state, outcomes = play(engine, "cleaning-call-in-sick", ["Hei, tässä on Amina.", "Anteeksi?"])
    asked = outcomes[0].partner.text
    assert outcomes[1].learner.kind == "repair"
    assert outcomes[1].partner.kind == "rephrase"
    assert outcomes[1].partner.text == "Mitä kuuluu?" != asked
    assert state.node == "ask"  # the conversation waits at the same step


@pytest.mark.parametrize("text", ["En ymmärrä.", "Voitko toistaa hitaammin?"])
def test_other_repair_requests_are_understood(engine, text) -> None:  # type: ignore[no-untyped-def]
    _, outcomes = play(engine, "kitchen-dishwasher-broken", ["Hei, täällä Amina.", text])
    assert outcomes[1].partner.kind == "rephrase"
    assert outcomes[1].partner.text == "Mikä ongelma?"


def test_a_stuck_learner_gets_a_hint_and_simpler_lines(engine) -> None:  # type: ignore[no-untyped-def]
    state, outcomes = play(engine, "cleaning-call-in-sick", ["Hei, tässä on Amina.", "Joo.", "No niin."])
    assert [o.partner.kind for o in outcomes[1:]] == ["nudge", "nudge"]
    hint = engine.hint(state)
    assert hint["text"] == "Sano: Olen sairas. En pääse töihin." and hint["text_en"]
    assert hint["goal"] == "say_ill" and hint["examples"]
    outcome = engine.turn(state, "Hmm.")
    assert outcome.partner.kind == "rephrase" and outcome.partner.text == "Mitä kuuluu?"
    assert engine.turn(outcome.state, "Olen sairas.").partner.kind == "line"  # and it goes on


def test_an_english_turn_gets_an_in_role_redirect_in_finnish(engine) -> None:  # type: ignore[no-untyped-def]
    _, outcomes = play(engine, "cleaning-call-in-sick", ["Hello, I am sick and I can't come to work"])
    reply = outcomes[0].partner
    assert outcomes[0].learner.kind == "english" and reply.kind == "redirect"
    assert reply.text.startswith("Puhutaan suomea.") and "Mervi puhelimessa" in reply.text
    assert outcomes[0].feedback == []


def test_an_empty_turn_gets_a_redirect_not_an_error(engine) -> None:  # type: ignore[no-untyped-def]
    _, outcomes = play(engine, "recycling-cashier-customer", ["   "])
    assert outcomes[0].learner.kind == "empty"
    assert outcomes[0].partner.kind == "redirect" and outcomes[0].partner.text.startswith("Ei hätää.")


def test_an_off_topic_turn_gets_the_scenarios_own_redirect(engine) -> None:  # type: ignore[no-untyped-def]
    _, outcomes = play(engine, "recycling-sorting-angry-customer", ["Tykkään jalkapallosta ja pizzasta kovasti."])
    assert outcomes[0].learner.kind == "off_topic"
    assert outcomes[0].partner.text.startswith("Mitä? Minä puhun pahvilavasta!")


def test_the_partner_stays_in_role_and_goes_on_after_a_correction(engine, checker) -> None:  # type: ignore[no-untyped-def]
    state, outcomes = play(engine, "cleaning-office-instructions", ["Hei, minä on Amina."])
    assert [i["category"] for i in outcomes[0].feedback] == ["agreement"]
    assert outcomes[0].partner.kind == "line" and state.node == "plan"
    assert checker.calls == [("Hei, minä on Amina.", "spoken")]


def test_a_turn_after_the_end_is_refused(engine) -> None:  # type: ignore[no-untyped-def]
    state, _ = play(engine, "retail-customer-asks-product", DIALOGUES["retail-customer-asks-product"])
    with pytest.raises(SessionFinished, match="finished"):
        engine.turn(state, "Hei?")


def test_finishing_twice_is_harmless(engine) -> None:  # type: ignore[no-untyped-def]
    state = engine.finish(engine.start("care-morning-resident"))
    again = engine.finish(state)
    assert again.finished and again.finished_reason == "learner" and again == state


def test_the_session_ends_after_the_maximum_number_of_turns(engine) -> None:  # type: ignore[no-untyped-def]
    limit = build_library().get("cleaning-call-in-sick").max_turns
    state, outcomes = play(engine, "cleaning-call-in-sick", ["Joo."] * limit)
    assert state.finished and state.finished_reason == "max_turns"
    assert outcomes[-1].partner.text.endswith("Kiitos keskustelusta!")


def test_a_very_long_turn_is_cut_with_a_notice(engine) -> None:  # type: ignore[no-untyped-def]
    _, outcomes = play(engine, "cleaning-call-in-sick", ["Olen sairas. " * 400])
    assert len(outcomes[0].learner.text) == engine.max_turn_chars
    assert any("too long" in n for n in outcomes[0].notices)
