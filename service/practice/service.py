"""SimulationService: conversation practice sessions of the signed-in user, stored turn by turn.

Every learner turn and the partner's reply are written in one transaction *before* the reply is
returned. Two turns on one session are processed one after the other, also across processes: within
a process a per-session lock serialises them; across processes the write locks the session row
(SELECT … FOR UPDATE on PostgreSQL; BEGIN IMMEDIATE on SQLite) and is refused if the state changed
since the turn was computed, in which case the turn is computed again on the new state. No database
lock is held while the partner (possibly an LLM) thinks. Logs never hold learner text.
"""

from __future__ import annotations

import logging
import threading
import uuid
import weakref
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import TypeVar, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from finnish.feedback_model import FeedbackIssueData
from service.core.db import Database
from service.core.errors import Conflict, InvalidInput
from service.practice.models import SimulationSession, SimulationTurn
from service.practice.shapes import (
    Finished,
    FinishedReport,
    PartnerLine,
    ScenarioList,
    SessionList,
    SessionView,
    Started,
    TurnData,
    TurnResult,
)
from service.practice.store import (
    LockedSession,
    NewTurn,
    SessionWrite,
    change_session,
    read_state,
    store_turns,
)
from service.scenarios.shapes import ScenarioJSON
from simulations.engine import Hint, SessionState, SimulationEngine, TurnOutcome, goal_status
from simulations.errors import InvalidScenario, SessionFinished, SessionNotFound, UnknownScenario
from simulations.partners.base import TranscriptTurn
from simulations.scenario import LEVELS

log = logging.getLogger("tyokieli.simulations")

HTTP_ERRORS: dict[type[Exception], int] = {
    UnknownScenario: 404, SessionNotFound: 404, SessionFinished: 409, InvalidScenario: 422,
}

T = TypeVar("T")
_NOT_FOUND = "There is no such practice session (or it is not yours)."
_MAX_ATTEMPTS = 5


def _partner_out(turn: TranscriptTurn) -> PartnerLine:
    return {"text": turn.text, "text_en": turn.text_en, "kind": turn.kind, "notice": turn.notice,
            "text_standard": turn.text_standard}


def _turn_data(turn: TranscriptTurn) -> TurnData:
    return cast(TurnData, turn.model_dump(mode="json", exclude={"role", "kind", "text"}))


def _turn_row(session_id: str, seq: int, turn: TranscriptTurn) -> SimulationTurn:
    return SimulationTurn(session_id=session_id, seq=seq, role=turn.role, kind=turn.kind, text=turn.text,
                          data=_turn_data(turn))


def _new_turn(turn: TranscriptTurn) -> NewTurn:
    return NewTurn(role=turn.role, kind=turn.kind, text=turn.text, data=_turn_data(turn))


class SimulationService:
    def __init__(self, db: Database, engine: SimulationEngine,
                 may_play: Callable[[int, str], bool] | None = None) -> None:
        self.db = db
        self.engine = engine
        # whether a user may start a scenario (a draft's test-play grant belongs to one teacher)
        self._may_play = may_play or (lambda _user_id, _scenario_id: True)
        self._locks: weakref.WeakValueDictionary[str, threading.Lock] = weakref.WeakValueDictionary()
        self._locks_guard = threading.Lock()

    # -- locking ----------------------------------------------------------------------------------

    def _process_lock(self, session_id: str) -> threading.Lock:
        with self._locks_guard:
            lock = self._locks.get(session_id)
            if lock is None:
                lock = threading.Lock()
                self._locks[session_id] = lock
            return lock

    def _owned(self, s: Session, session_id: str, user_id: int) -> SimulationSession:
        row = s.get(SimulationSession, session_id)
        if row is None or row.user_id != user_id:
            raise SessionNotFound(_NOT_FOUND)
        return row

    # -- scenarios --------------------------------------------------------------------------------

    def scenarios(self, task: str | None = None) -> ScenarioList:
        found = self.engine.library.for_task(task) if task else self.engine.library.all()
        return {"scenarios": [s.summary() for s in found]}

    def scenario(self, scenario_id: str) -> ScenarioJSON:
        """One scenario in full, as JSON (the UI reads its partner, levels and lines; authors copy it)."""
        return self.engine.library.get(scenario_id).model_dump(mode="json")

    # -- sessions ---------------------------------------------------------------------------------

    def start(self, user_id: int, scenario_id: str, level: str | None = None) -> Started:
        if level is not None and level not in LEVELS:
            raise InvalidInput(f"Unknown level '{level}': choose one of {', '.join(LEVELS)}.")
        if not self._may_play(user_id, scenario_id):
            raise UnknownScenario(f"There is no scenario called '{scenario_id}'. See GET /api/v1/scenarios for the list.")
        scenario = self.engine.library.get(scenario_id)
        if level is not None and level not in scenario.levels:
            raise InvalidInput(f"This scenario is written for levels {', '.join(scenario.levels)}.")
        state = self.engine.start(scenario_id, level)  # type: ignore[arg-type]
        session_id = str(uuid.uuid4())
        opening = state.transcript[-1]
        with self.db.session() as s:
            s.add(SimulationSession(
                id=session_id, user_id=user_id, scenario_id=scenario.id, task=scenario.task, level=state.level,
                partner=state.partner, state=state.model_dump(mode="json"), turn_count=1,
            ))
            s.flush()
            s.add(_turn_row(session_id, 1, opening))
        log.info("simulation %s started (scenario %s, level %s)", session_id, scenario.id, state.level)
        return {"id": session_id, "scenario": scenario.id, "level": state.level, "partner_turn": _partner_out(opening),
                "goals": goal_status(scenario, []), "finished": False}

    def turn(self, user_id: int, session_id: str, text: str) -> TurnResult:
        """One learner turn. The partner (possibly a slow LLM) answers while no database lock is held;
        the turn and reply are then written in one transaction on top of the state they were computed
        from. If another process stored a turn meanwhile, the turn is computed again on the new state,
        so turns are applied one after the other and none is lost."""
        for part in self._turn(user_id, session_id, text, streaming=False):
            if not isinstance(part, str):
                return part
        raise AssertionError("a turn always ends with its result")

    def turn_stream(self, user_id: int, session_id: str, text: str) -> Iterator[str | TurnResult]:
        """`turn` with the partner's line streamed while it is written (`Partner.stream`): yields the
        growing line (str), then the same result as `turn`, after the turn has been stored. Refusals
        (unknown session, finished session) are raised before anything is yielded."""
        return self._turn(user_id, session_id, text, streaming=True)

    def _turn(self, user_id: int, session_id: str, text: str, *, streaming: bool) -> Iterator[str | TurnResult]:
        if not isinstance(text, str):
            raise InvalidInput("A turn is text.")
        first = self._state(session_id, user_id)  # 404 / 409 before any work, and the state of attempt one
        feedback = self.engine.check(text[: self.engine.max_turn_chars], first[0].scenario)
        return self._turn_parts(user_id, session_id, text, feedback, streaming, first)

    def _turn_parts(self, user_id: int, session_id: str, text: str, feedback: list[FeedbackIssueData],
                    streaming: bool, first: tuple[SessionState, object]) -> Iterator[str | TurnResult]:
        with self._process_lock(session_id):
            for attempt in range(_MAX_ATTEMPTS):
                # The state read before the check is used once; a refused store (another process got
                # a turn in first) reads it again. `_store` compares under the row lock either way.
                state, seen = first if attempt == 0 else self._state(session_id, user_id)
                outcome: TurnOutcome | None = None
                for part in self.engine.turn_stream(state, text, feedback, streaming=streaming):
                    if isinstance(part, str):
                        yield part
                    else:
                        outcome = part
                assert outcome is not None
                if self._store(session_id, user_id, seen, len(state.transcript), outcome):
                    break
            else:
                raise Conflict("This conversation is busy: try the turn again in a moment.")
        yield {"partner_turn": _partner_out(outcome.partner), "feedback": outcome.feedback, "goals": outcome.goals,
               "finished": outcome.finished, "notices": outcome.notices, "understanding": outcome.understanding,
               "learner_turn": {"kind": outcome.learner.kind, "text": outcome.learner.text,
                                "goals": outcome.learner.goals}}

    def _store(self, session_id: str, user_id: int, seen: object, before: int, outcome: TurnOutcome) -> bool:
        """Writes the new turns on top of the state `seen`; False when another process got a turn in
        first (the caller computes the turn again on its result)."""
        report = self.engine.report(outcome.state) if outcome.finished else None
        turns = [_new_turn(t) for t in outcome.state.transcript[before:]]
        stored = store_turns(self.db, session_id, user_id, seen, outcome.state.model_dump(mode="json"), turns, report)
        if stored is None:
            raise SessionNotFound(_NOT_FOUND)
        return stored

    def _state(self, session_id: str, user_id: int) -> tuple[SessionState, object]:
        """The session's state, and its stored JSON as read (which `_store` compares whole)."""
        row = read_state(self.db, session_id)
        if row is None or row.user_id != user_id:
            raise SessionNotFound(_NOT_FOUND)
        if row.status == "finished":
            raise SessionFinished(
                "Tämä harjoitus on jo loppunut. Aloita uusi. / This conversation has finished: start a new one.")
        return SessionState.model_validate(row.state), row.state

    def _change(self, session_id: str, user_id: int,
                change: Callable[[LockedSession], tuple[T, SessionWrite | None]]) -> T:
        """`change` under the session's locks: this process's, then the row's (store.change_session)."""
        with self._process_lock(session_id):
            result = change_session(self.db, session_id, user_id, change)
        if result is None:
            raise SessionNotFound(_NOT_FOUND)
        return result

    def hint(self, user_id: int, session_id: str) -> Hint:
        def give(row: LockedSession) -> tuple[Hint, SessionWrite]:
            state = SessionState.model_validate(row.state)
            if state.finished:
                raise SessionFinished("Tämä harjoitus on jo loppunut. / This conversation has finished.")
            hint = self.engine.hint(state)  # counts the hint in the state
            return hint, SessionWrite(state.model_dump(mode="json"))

        return self._change(session_id, user_id, give)

    def finish(self, user_id: int, session_id: str) -> Finished:
        """Ends the session and stores its report; finishing again returns the same report."""
        def end(row: LockedSession) -> tuple[Finished, SessionWrite | None]:
            if row.status == "finished":
                return {"id": session_id, "finished": True, "report": row.report}, None
            state = self.engine.finish(SessionState.model_validate(row.state))
            report = self.engine.report(state)
            return ({"id": session_id, "finished": True, "report": report},
                    SessionWrite(state.model_dump(mode="json"), report))

        return self._change(session_id, user_id, end)

    def get(self, user_id: int, session_id: str) -> SessionView:
        with self.db.session() as s:
            row = self._owned(s, session_id, user_id)
            turns = s.scalars(select(SimulationTurn).where(SimulationTurn.session_id == session_id)
                              .order_by(SimulationTurn.seq)).all()
            state = SessionState.model_validate(row.state)
            report = row.report
            if report is None:  # an open session: a report so far, not stored
                report = self.engine.report(state)
            scenario = self.engine.library.get(row.scenario_id)
            return {
                "id": row.id, "scenario": row.scenario_id, "title": scenario.title, "level": row.level,
                "partner": row.partner, "finished": row.status == "finished",
                "created_at": row.created_at.isoformat(), "finished_at": row.finished_at.isoformat() if row.finished_at else None,
                "goals": goal_status(scenario, state.goals_reached),
                "transcript": [{"seq": t.seq, "role": t.role, "kind": t.kind, "text": t.text, **(t.data or TurnData())}
                               for t in turns],
                "report": report,
            }

    def history(self, user_id: int, limit: int = 50) -> SessionList:
        """The user's own sessions, newest first."""
        with self.db.session() as s:
            rows = s.scalars(select(SimulationSession).where(SimulationSession.user_id == user_id)
                             .order_by(SimulationSession.created_at.desc()).limit(limit)).all()
            return {"sessions": [{
                "id": r.id, "scenario": r.scenario_id, "task": r.task, "level": r.level, "finished": r.status == "finished",
                "created_at": r.created_at.isoformat(),
                "goals_reached": r.report.get("goals_reached") if r.report else None,
                "goals_total": r.report.get("goals_total") if r.report else None,
            } for r in rows]}

    def finished_reports(self, user_id: int) -> list[FinishedReport]:
        """Finished sessions of a user with their reports (evidence for the coach's readiness view)."""
        with self.db.session() as s:
            rows = s.scalars(select(SimulationSession).where(
                SimulationSession.user_id == user_id, SimulationSession.status == "finished",
            ).order_by(SimulationSession.finished_at)).all()
            return [{"id": r.id, "task": r.task, "scenario": r.scenario_id, "finished_at": _aware(r.finished_at),
                     "report": r.report} for r in rows if r.report]


def _aware(dt: datetime | None) -> datetime | None:
    if dt is not None and dt.tzinfo is None:  # SQLite returns naive datetimes
        return dt.replace(tzinfo=UTC)
    return dt
