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
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from finnish.analyser import CachedAnalyzer, get_analyzer
from finnish.feedback import FeedbackEngine
from service.core.db import Database
from service.core.errors import Conflict, InvalidInput, NotFound
from service.core.settings import Settings
from service.practice.models import SimulationSession, SimulationTurn
from simulations.engine import SessionState, SimulationEngine, goal_status
from simulations.errors import InvalidScenario, SessionFinished, SessionNotFound, UnknownScenario
from simulations.goals import GoalTracker
from simulations.library import ScenarioLibrary, default_library
from simulations.partners.base import Partner, TranscriptTurn
from simulations.scenario import LEVELS

log = logging.getLogger("tyokieli.simulations")

HTTP_ERRORS: dict[type[Exception], int] = {
    UnknownScenario: 404, SessionNotFound: 404, SessionFinished: 409, InvalidScenario: 422,
}

_NOT_FOUND = "There is no such practice session (or it is not yours)."
_MAX_ATTEMPTS = 5


def _partner_out(turn: TranscriptTurn) -> dict[str, Any]:
    return {"text": turn.text, "text_en": turn.text_en, "kind": turn.kind, "notice": turn.notice,
            "text_standard": turn.text_standard}


def _turn_row(session_id: str, seq: int, turn: TranscriptTurn) -> SimulationTurn:
    data = turn.model_dump(mode="json", exclude={"role", "kind", "text"})
    return SimulationTurn(session_id=session_id, seq=seq, role=turn.role, kind=turn.kind, text=turn.text, data=data)


class SimulationService:
    def __init__(self, db: Database, engine: SimulationEngine) -> None:
        self.db = db
        self.engine = engine
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

    @contextmanager
    def _row_locked(self, session_id: str, user_id: int) -> Iterator[tuple[Session, SimulationSession]]:
        """A transaction holding the session row: SELECT … FOR UPDATE on PostgreSQL; on SQLite the
        transaction starts with BEGIN IMMEDIATE, so a second writer (any process) waits here."""
        with self.db.session() as s:
            if s.get_bind().dialect.name == "sqlite":
                s.connection().exec_driver_sql("BEGIN IMMEDIATE")
            row = s.scalar(select(SimulationSession).where(SimulationSession.id == session_id).with_for_update())
            if row is None or row.user_id != user_id:
                raise SessionNotFound(_NOT_FOUND)
            yield s, row

    @contextmanager
    def _locked(self, session_id: str, user_id: int) -> Iterator[tuple[Session, SimulationSession]]:
        with self._process_lock(session_id), self._row_locked(session_id, user_id) as held:
            yield held

    def _owned(self, s: Session, session_id: str, user_id: int) -> SimulationSession:
        row = s.get(SimulationSession, session_id)
        if row is None or row.user_id != user_id:
            raise SessionNotFound(_NOT_FOUND)
        return row

    # -- scenarios --------------------------------------------------------------------------------

    def scenarios(self, task: str | None = None) -> dict[str, Any]:
        found = self.engine.library.for_task(task) if task else self.engine.library.all()
        return {"scenarios": [s.summary() for s in found]}

    def scenario(self, scenario_id: str) -> dict[str, Any]:
        return self.engine.library.get(scenario_id).model_dump(mode="json")

    # -- sessions ---------------------------------------------------------------------------------

    def start(self, user_id: int, scenario_id: str, level: str | None = None) -> dict[str, Any]:
        if level is not None and level not in LEVELS:
            raise InvalidInput(f"Unknown level '{level}': choose one of {', '.join(LEVELS)}.")
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

    def turn(self, user_id: int, session_id: str, text: str) -> dict[str, Any]:
        """One learner turn. The partner (possibly a slow LLM) answers while no database lock is held;
        the turn and reply are then written in one transaction on top of the state they were computed
        from. If another process stored a turn meanwhile, the turn is computed again on the new state,
        so turns are applied one after the other and none is lost."""
        if not isinstance(text, str):
            raise InvalidInput("A turn is text.")
        self._state(session_id, user_id)  # 404 / 409 before any work
        feedback = self.engine.check(text[: self.engine.max_turn_chars])
        with self._process_lock(session_id):
            for _ in range(_MAX_ATTEMPTS):
                state, seen = self._state(session_id, user_id)
                outcome = self.engine.turn(state, text, feedback)
                report = self.engine.report(outcome.state) if outcome.finished else None
                with self._row_locked(session_id, user_id) as (s, row):
                    if row.state != seen:
                        continue  # another process got a turn in first: compute again on its result
                    new_turns = outcome.state.transcript[len(state.transcript):]
                    for i, turn in enumerate(new_turns, start=row.turn_count + 1):
                        s.add(_turn_row(session_id, i, turn))
                    row.turn_count += len(new_turns)
                    row.state = outcome.state.model_dump(mode="json")
                    row.updated_at = datetime.now(UTC)
                    if report is not None:
                        row.status, row.finished_at, row.report = "finished", datetime.now(UTC), report
                break
            else:
                raise Conflict("This conversation is busy: try the turn again in a moment.")
        return {"partner_turn": _partner_out(outcome.partner), "feedback": outcome.feedback, "goals": outcome.goals,
                "finished": outcome.finished, "notices": outcome.notices, "understanding": outcome.understanding,
                "learner_turn": {"kind": outcome.learner.kind, "text": outcome.learner.text,
                                 "goals": outcome.learner.goals}}

    def _state(self, session_id: str, user_id: int) -> tuple[SessionState, dict[str, Any]]:
        with self.db.session() as s:
            row = self._owned(s, session_id, user_id)
            if row.status == "finished":
                raise SessionFinished(
                    "Tämä harjoitus on jo loppunut. Aloita uusi. / This conversation has finished: start a new one.")
            return SessionState.model_validate(row.state), row.state

    def _close(self, row: SimulationSession, state: SessionState) -> None:
        row.status = "finished"
        row.finished_at = datetime.now(UTC)
        row.report = self.engine.report(state)

    def hint(self, user_id: int, session_id: str) -> dict[str, Any]:
        with self._locked(session_id, user_id) as (_, row):
            state = SessionState.model_validate(row.state)
            if state.finished:
                raise SessionFinished("Tämä harjoitus on jo loppunut. / This conversation has finished.")
            hint = self.engine.hint(state)
            row.state = state.model_dump(mode="json")
        return hint

    def finish(self, user_id: int, session_id: str) -> dict[str, Any]:
        """Ends the session and stores its report; finishing again returns the same report."""
        with self._locked(session_id, user_id) as (_, row):
            if row.status != "finished":
                state = self.engine.finish(SessionState.model_validate(row.state))
                row.state = state.model_dump(mode="json")
                self._close(row, state)
            return {"id": row.id, "finished": True, "report": row.report}

    def get(self, user_id: int, session_id: str) -> dict[str, Any]:
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
                "transcript": [{"seq": t.seq, "role": t.role, "kind": t.kind, "text": t.text, **(t.data or {})} for t in turns],
                "report": report,
            }

    def history(self, user_id: int, limit: int = 50) -> dict[str, Any]:
        """The user's own sessions, newest first."""
        with self.db.session() as s:
            rows = s.scalars(select(SimulationSession).where(SimulationSession.user_id == user_id)
                             .order_by(SimulationSession.created_at.desc()).limit(limit)).all()
            return {"sessions": [{
                "id": r.id, "scenario": r.scenario_id, "task": r.task, "level": r.level, "finished": r.status == "finished",
                "created_at": r.created_at.isoformat(),
                "goals_reached": (r.report or {}).get("goals_reached"), "goals_total": (r.report or {}).get("goals_total"),
            } for r in rows]}

    def finished_reports(self, user_id: int) -> list[dict[str, Any]]:
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


def make_partner(settings: Settings) -> Partner:
    """The partner chosen by `settings.partner`: "scripted" (offline default) or "llm" (falls back to
    the scripted partner on time-outs and errors)."""
    from simulations.partners.scripted import ScriptedPartner

    scripted = ScriptedPartner()
    if settings.partner != "llm":
        return scripted
    if not settings.llm_enabled:  # no endpoint and no key: every turn would wait for a time-out
        log.warning("TYOKIELI_PARTNER=llm but no TYOKIELI_LLM_BASE_URL or API key is set: using the scripted partner")
        return scripted
    from simulations.partners.llm import build_llm_partner

    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key is not None else None
    return build_llm_partner(scripted, base_url=settings.llm_base_url, api_key=key, model=settings.llm_model,
                             timeout_s=settings.llm_timeout_s, max_retries=settings.llm_max_retries)


def build_engine(library: ScenarioLibrary, analyser: CachedAnalyzer, checker: FeedbackEngine,
                 partner: Partner) -> SimulationEngine:
    """The session engine over a library view, with the one feedback engine and the one partner."""
    return SimulationEngine(library, GoalTracker(analyser), checker, partner)


def run_offline(settings: Settings, scenario_id: str, level: str, lines: list[str]) -> dict[str, Any]:
    """`tyokieli simulate`: plays the lines as learner turns without storing anything."""
    analyser = get_analyzer(settings.analyser, settings.spacy_model, settings.analysis_cache_size)
    engine = build_engine(default_library().view(), analyser, FeedbackEngine(analyser), make_partner(settings))
    try:
        state = engine.start(scenario_id, level)  # type: ignore[arg-type]
    except UnknownScenario as exc:
        raise NotFound(exc.message) from None
    unused = 0
    for line in lines:
        if state.finished:
            unused += 1
            continue
        state = engine.turn(state, line).state
    state = engine.finish(state)
    return {"scenario": scenario_id, "level": state.level, "finished_reason": state.finished_reason,
            "unused_lines": unused, "transcript": [t.model_dump(mode="json") for t in state.transcript],
            "report": engine.report(state)}
