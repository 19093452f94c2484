"""The session engine leaves the state it is given as it was: each call returns a new state."""

from __future__ import annotations

from simulations.engine import SessionState, SimulationEngine
from simulations.library import build_library
from tests.simulations.dialogues import DIALOGUES

SCENARIO = "cleaning-call-in-sick"


def _played(engine: SimulationEngine, turns: list[str]) -> SessionState:
    state = engine.start(SCENARIO)
    for text in turns:
        state = engine.turn(state, text).state
    return state


def test_a_turn_that_reaches_a_goal_leaves_the_given_state_unchanged(engine) -> None:  # type: ignore[no-untyped-def]
    given = _played(engine, DIALOGUES[SCENARIO][:1])
    before = given.model_dump()

    outcome = engine.turn(given, DIALOGUES[SCENARIO][1])

    assert outcome.learner.goals, "the turn should reach a goal for this test to mean something"
    assert given.model_dump() == before
    assert len(outcome.state.transcript) == len(given.transcript) + 2
    assert set(outcome.state.goals_reached) > set(given.goals_reached)


def test_the_finishing_turn_leaves_the_given_state_unchanged(engine) -> None:  # type: ignore[no-untyped-def]
    given = _played(engine, DIALOGUES[SCENARIO][:-1])
    before = given.model_dump()

    outcome = engine.turn(given, DIALOGUES[SCENARIO][-1])

    assert outcome.finished and given.model_dump() == before and not given.finished


def test_the_turn_at_the_maximum_leaves_the_given_state_unchanged(engine) -> None:  # type: ignore[no-untyped-def]
    limit = build_library().get(SCENARIO).max_turns
    given = _played(engine, ["Joo."] * (limit - 1))
    before = given.model_dump()

    outcome = engine.turn(given, "Joo.")

    assert outcome.state.finished_reason == "max_turns" and outcome.state.transcript[-1].kind == "closing"
    assert given.model_dump() == before


def test_a_streamed_turn_leaves_the_given_state_unchanged(engine) -> None:  # type: ignore[no-untyped-def]
    given = _played(engine, [])
    before = given.model_dump()

    parts = list(engine.turn_stream(given, DIALOGUES[SCENARIO][0]))

    assert not isinstance(parts[-1], str) and len(parts[-1].state.transcript) == len(given.transcript) + 2
    assert given.model_dump() == before


def test_the_next_turn_does_not_change_the_state_of_the_turn_before(engine) -> None:  # type: ignore[no-untyped-def]
    first = engine.turn(engine.start(SCENARIO), DIALOGUES[SCENARIO][0]).state
    kept = first.model_dump()

    engine.turn(first, DIALOGUES[SCENARIO][1])
    engine.turn(first, "Joo.")

    assert first.model_dump() == kept


def test_finishing_leaves_the_given_state_unchanged(engine) -> None:  # type: ignore[no-untyped-def]
    given = _played(engine, DIALOGUES[SCENARIO][:1])
    before = given.model_dump()

    finished = engine.finish(given)

    assert finished.finished and finished.finished_reason == "learner"
    assert given.model_dump() == before
