"""The database steps of a practice session, in SQLAlchemy Core: read the session's state, write a
turn's rows on top of the state it was computed from, and change a session under its row lock (a
hint, the finish). One statement each way (plus the row lock), no ORM unit of work: these run
once per turn for every learner of a cohort, and this is the one place that locks a session row.

`store_turns` is an optimistic write: it locks the session row (SELECT … FOR UPDATE on PostgreSQL,
BEGIN IMMEDIATE in the writer queue on SQLite, service/core/db.py), compares the stored state with
the one the turn was computed from, and writes nothing when another process changed it meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar, cast

from sqlalchemy import Connection, Table, bindparam, insert, select, update

from service.core.db import Database
from service.practice.models import SimulationSession, SimulationTurn
from service.practice.shapes import TurnData
from simulations.report_model import Report

_SESSIONS = cast(Table, SimulationSession.__table__)
_TURNS = cast(Table, SimulationTurn.__table__)
# Built once with bound parameters: a statement carrying the state dict as a literal value would
# be traversed for its cache key on every turn.
_READ = select(_SESSIONS.c.user_id, _SESSIONS.c.status, _SESSIONS.c.state).where(_SESSIONS.c.id == bindparam("sid"))
_LOCK = (select(_SESSIONS.c.user_id, _SESSIONS.c.status, _SESSIONS.c.state, _SESSIONS.c.turn_count,
                _SESSIONS.c.report)
         .where(_SESSIONS.c.id == bindparam("sid")).with_for_update())
_INSERT_TURNS = insert(_TURNS)
_UPDATE = (update(_SESSIONS).where(_SESSIONS.c.id == bindparam("sid"))
           .values(turn_count=bindparam("n"), state=bindparam("state"), updated_at=bindparam("now")))
_FINISH = _UPDATE.values(status="finished", finished_at=bindparam("now"), report=bindparam("report"))


@dataclass(frozen=True)
class StoredState:
    """A session's row as a turn needs it: whose it is, whether it has finished, its state JSON."""

    user_id: int
    status: str
    state: object


@dataclass(frozen=True)
class NewTurn:
    role: str
    kind: str
    text: str
    data: TurnData


def read_state(db: Database, session_id: str) -> StoredState | None:
    with db.engine.connect() as conn:
        row = conn.execute(_READ, {"sid": session_id}).first()
    return None if row is None else StoredState(int(row.user_id), str(row.status), row.state)


def store_turns(db: Database, session_id: str, user_id: int, seen: object, state: object,
                turns: list[NewTurn], report: Report | None) -> bool | None:
    """Appends `turns` and the new `state` (and, when the session ends, its report) if the stored
    state is still `seen`. True when written, False when another writer came first, None when the
    session is gone or not the user's."""
    now = datetime.now(UTC)
    with db.writing() as conn:
        row = conn.execute(_LOCK, {"sid": session_id}).first()
        if row is None or row.user_id != user_id:
            return None
        if row.state != seen:
            return False
        if turns:
            conn.execute(_INSERT_TURNS, [
                {"session_id": session_id, "seq": row.turn_count + i, "role": t.role, "kind": t.kind,
                 "text": t.text, "data": t.data, "created_at": now}
                for i, t in enumerate(turns, start=1)
            ])
        _write(conn, session_id, row.turn_count + len(turns), SessionWrite(state, report), now)
    return True


@dataclass(frozen=True)
class LockedSession:
    """A session's row as read under its lock."""

    status: str
    state: object
    report: Report | None


@dataclass(frozen=True)
class SessionWrite:
    """What a change writes back: the new state, and when it ends the session, its report."""

    state: object
    report: Report | None = None


T = TypeVar("T")


def change_session(db: Database, session_id: str, user_id: int,
                   change: Callable[[LockedSession], tuple[T, SessionWrite | None]]) -> T | None:
    """Runs `change` on the session's row while holding its lock, writes what it returns, and
    gives its result; None when the session is gone or not the user's. An error raised by `change`
    rolls the transaction back: nothing is written."""
    with db.writing() as conn:
        row = conn.execute(_LOCK, {"sid": session_id}).first()
        if row is None or row.user_id != user_id:
            return None
        result, write = change(LockedSession(str(row.status), row.state, row.report))
        if write is not None:
            _write(conn, session_id, row.turn_count, write, datetime.now(UTC))
    return result


def _write(conn: Connection, session_id: str, turn_count: int, write: SessionWrite, now: datetime) -> None:
    """The session row's new state (and, when `write` ends the session, its report)."""
    params = {"sid": session_id, "n": turn_count, "state": write.state, "now": now}
    if write.report is None:
        conn.execute(_UPDATE, params)
    else:
        conn.execute(_FINISH, {**params, "report": write.report})
