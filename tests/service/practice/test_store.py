"""The session store (service/practice/store.py) is the one place that locks a session row: a hint
and the finish change the session under that lock, a change that fails writes nothing, and a turn
computed on a state a hint changed meanwhile is refused and computed again."""

from __future__ import annotations

import pytest

from service.container import Services
from service.practice.store import LockedSession, SessionWrite, change_session, read_state, store_turns
from simulations.errors import SessionFinished, SessionNotFound


def started(services: Services, name: str = "oppija") -> tuple[int, str]:
    user = services.users.add_user(name, "participant")[0]
    user_id = user.id
    scenario = services.simulations.scenarios()["scenarios"][0]["id"]
    return user_id, services.simulations.start(user_id, scenario)["id"]


def test_a_change_of_someone_elses_or_a_missing_session_runs_nothing(services: Services) -> None:
    owner, sid = started(services)
    other, _ = started(services, "toinen")
    ran: list[str] = []

    def change(row: LockedSession) -> tuple[str, SessionWrite | None]:
        ran.append(row.status)
        return "done", None

    assert change_session(services.db, sid, other, change) is None
    assert change_session(services.db, "no-such-session", owner, change) is None
    assert ran == []
    assert change_session(services.db, sid, owner, change) == "done" and ran == ["active"]


def test_a_change_that_fails_writes_nothing(services: Services) -> None:
    owner, sid = started(services)
    before = read_state(services.db, sid)

    def broken(row: LockedSession) -> tuple[str, SessionWrite | None]:
        raise RuntimeError("the change failed half way")

    with pytest.raises(RuntimeError):
        change_session(services.db, sid, owner, broken)
    assert read_state(services.db, sid) == before


def test_a_hint_is_counted_in_the_stored_state_and_finishing_twice_gives_one_report(services: Services) -> None:
    owner, sid = started(services)
    hint = services.simulations.hint(owner, sid)
    assert hint["text"]
    stored = read_state(services.db, sid)
    assert stored is not None and stored.state["hints"] == 1  # type: ignore[index]
    first = services.simulations.finish(owner, sid)
    again = services.simulations.finish(owner, sid)
    assert first["finished"] and first["report"] is not None and again["report"] == first["report"]
    with pytest.raises(SessionFinished):
        services.simulations.hint(owner, sid)
    with pytest.raises(SessionNotFound):
        services.simulations.finish(owner + 1000, sid)


def test_a_turn_computed_before_a_hint_is_refused_and_nothing_is_lost(services: Services) -> None:
    owner, sid = started(services)
    seen = read_state(services.db, sid)
    assert seen is not None
    services.simulations.hint(owner, sid)  # changes the state after the turn read it
    assert store_turns(services.db, sid, owner, seen.state, seen.state, [], None) is False
    result = services.simulations.turn(owner, sid, "Hei, tässä on Amina.")  # computed again on the new state
    assert result["partner_turn"]["text"]
    stored = read_state(services.db, sid)
    assert stored is not None and stored.state["hints"] == 1  # type: ignore[index]
