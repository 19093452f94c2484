"""The session engine: start, turn, hint, finish. Pure logic over a serialisable `SessionState`;
the service layer loads and stores the state (each turn in one transaction) around these calls.

Per turn: the text is read (kind, intents, goals), checked by the feedback engine in spoken
register, and the partner replies in role. Repair requests, empty, English and off-topic turns are
handled by the partner, never refused; only a turn after the end is refused (SessionFinished).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pydantic import BaseModel, Field
from typing_extensions import TypedDict

from finnish.feedback_model import FeedbackIssue, FeedbackIssueData, Register
from simulations.errors import SessionFinished
from simulations.goals import GoalTracker, TurnReading
from simulations.library import ScenarioLibrary
from simulations.partners.base import Partner, PartnerContext, PartnerReply, TranscriptTurn
from simulations.partners.scripted import ScriptedPartner
from simulations.report import build_report
from simulations.report_model import GoalStatus, Misread, Phrase, Report
from simulations.scenario import Level, Scenario

log = logging.getLogger("tyokieli.simulations")

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
MAX_TURN_CHARS = 1000  # a spoken turn longer than this is cut, with a notice
_CLOSING = ("Nyt meidän pitää lopettaa. Kiitos keskustelusta!", "We have to stop now. Thank you for the conversation!")
_TRUNCATED = (
    "Vuoro oli liian pitkä. Luin vain alun ({n} merkkiä).",
    "Your turn was too long: only the first {n} characters were read.",
)
_SILENT_KINDS = {"empty", "english", "repair"}  # no grammar feedback on these


class FeedbackChecker(Protocol):
    """The feedback engine as the session engine uses it (finnish.feedback.FeedbackEngine)."""

    def check(self, text: str, register: Register = "spoken",
              known_words: Iterable[str] = ()) -> Sequence[FeedbackIssue]: ...


class SessionState(BaseModel):
    scenario: str
    scenario_version: int = 1
    level: Level = "A2"
    node: str
    goals_reached: list[str] = Field(default_factory=list)
    transcript: list[TranscriptTurn] = Field(default_factory=list)
    stuck: int = 0
    hints: int = 0
    learner_turns: int = 0
    finished: bool = False
    finished_reason: str | None = None  # completed | max_turns | learner
    partner: str = "scripted"


@dataclass
class TurnOutcome:
    state: SessionState
    learner: TranscriptTurn
    partner: TranscriptTurn
    feedback: list[FeedbackIssueData]
    goals: list[GoalStatus]
    finished: bool
    notices: list[str] = field(default_factory=list)
    understanding: list[Misread] = field(default_factory=list)  # misunderstood facts of this turn


class Hint(TypedDict):
    """What the learner could say now (SimulationEngine.hint)."""

    text: str
    text_en: str | None
    goal: str | None
    examples: list[str]
    phrases: list[Phrase]


def goal_status(scenario: Scenario, reached: list[str]) -> list[GoalStatus]:
    return [
        {"id": g.id, "description": g.description, "description_en": g.description_en,
         "required": g.required, "reached": g.id in reached}
        for g in scenario.goals
    ]


class SimulationEngine:
    def __init__(
        self,
        library: ScenarioLibrary,
        tracker: GoalTracker,
        checker: FeedbackChecker,
        partner: Partner | None = None,
        max_turn_chars: int = MAX_TURN_CHARS,
    ) -> None:
        self.library = library
        self.tracker = tracker
        self.checker = checker
        self.partner: Partner = partner or ScriptedPartner()
        self.max_turn_chars = max_turn_chars
        self._known: dict[tuple[str, int], frozenset[str]] = {}

    def warm(self) -> int:
        """Precomputes what reading turns needs for every scenario of the library (see GoalTracker.warm),
        so the first turn of a session is as fast as the later ones. Returns the scenarios warmed."""
        return self.tracker.warm(self.library.all())

    def _partner_name(self) -> str:
        return str(getattr(self.partner, "name", type(self.partner).__name__))

    def start(self, scenario_id: str, level: Level | None = None) -> SessionState:
        scenario = self.library.get(scenario_id)
        chosen: Level = level or ("A2" if "A2" in scenario.levels else scenario.levels[0])
        state = SessionState(
            scenario=scenario.id, scenario_version=scenario.version, level=chosen, node=scenario.start,
            partner=self._partner_name(),
        )
        reply = self.partner.reply(self._context(scenario, state, "opening", []), None)
        state.transcript.append(self._partner_turn(reply))
        state.node = reply.node
        return state

    def _context(self, scenario: Scenario, state: SessionState, kind: str, new_goals: list[str],
                 feedback: list[FeedbackIssueData] | None = None, reading: TurnReading | None = None) -> PartnerContext:
        return PartnerContext(
            scenario=scenario, level=state.level, node=state.node, goals_reached=list(state.goals_reached),
            new_goals=new_goals, turn_kind=kind, stuck=state.stuck,  # type: ignore[arg-type]
            transcript=list(state.transcript), feedback=feedback or [],
            intents=list(reading.intents) if reading else [],
            misunderstood=[m.to_dict() for m in reading.misunderstood] if reading else [],
            answer=reading.answer if reading else None,
        )

    @staticmethod
    def _partner_turn(reply: PartnerReply) -> TranscriptTurn:
        return TranscriptTurn(role="partner", text=reply.text, text_en=reply.text_en, kind=reply.kind,
                              node=reply.node, notice=reply.notice, text_standard=reply.text_standard)

    def check(self, text: str, scenario_id: str | None = None) -> list[FeedbackIssueData]:
        """Feedback in spoken register; callers may run this before taking a session lock. The
        scenario's own words (names, products, units its lines use) are never flagged as misspelt."""
        if not text.strip():
            return []
        known = self.known_words(scenario_id) if scenario_id else frozenset()
        return [issue.to_dict() for issue in self.checker.check(text, register="spoken", known_words=known)]

    def known_words(self, scenario_id: str) -> frozenset[str]:
        """Every word written in the scenario (its lines, goals' examples, facts and fact sheet),
        lower-cased: the task's own vocabulary, which Voikko may not know."""
        scenario = self.library.get(scenario_id)
        key = (scenario.id, scenario.version)
        found = self._known.get(key)
        if found is None:
            text = scenario.model_dump_json()
            found = frozenset(w.casefold() for w in _WORD.findall(text))
            self._known[key] = found
        return found

    def turn(self, state: SessionState, text: str, feedback: list[FeedbackIssueData] | None = None) -> TurnOutcome:
        """One learner turn; the partner's line comes whole (`Partner.reply`)."""
        for part in self.turn_stream(state, text, feedback, streaming=False):
            if isinstance(part, TurnOutcome):
                return part
        raise AssertionError("turn_stream always ends with the outcome")

    def turn_stream(self, state: SessionState, text: str, feedback: list[FeedbackIssueData] | None = None, *,
                    streaming: bool = True) -> Iterator[str | TurnOutcome]:
        """One learner turn whose partner line is streamed (`Partner.stream`): yields the line as it
        grows (str), then the TurnOutcome. Nothing is yielded before the turn has been checked."""
        if state.finished:
            raise SessionFinished("Tämä harjoitus on jo loppunut. Aloita uusi. / This conversation has finished: start a new one.")
        scenario = self.library.get(state.scenario)
        # The caller's state is never changed: a shallow copy whose two lists changed below are new
        # (a deep copy took ~0.3–0.5 ms a turn at 30 transcript lines, growing with them). Turns
        # already in the transcript are shared with the caller and never changed; the other fields
        # are only reassigned.
        state = state.model_copy(update={"transcript": list(state.transcript),
                                         "goals_reached": list(state.goals_reached)})
        notices: list[str] = []
        text = (text or "").replace("\x00", "")
        if len(text) > self.max_turn_chars:
            text = text[: self.max_turn_chars]
            notices.append(f"{_TRUNCATED[0].format(n=self.max_turn_chars)} / {_TRUNCATED[1].format(n=self.max_turn_chars)}")
        heard = {t.node for t in state.transcript if t.role == "partner" and t.node}
        reading = self.tracker.read(scenario, text, state.goals_reached, heard)
        if reading.kind in _SILENT_KINDS:
            feedback = []
        elif feedback is None:
            feedback = self.check(text, state.scenario)
        state.goals_reached += [g for g in reading.new_goals if g not in state.goals_reached]
        context = self._context(scenario, state, reading.kind, reading.new_goals, feedback, reading)
        reply = None
        if streaming:
            for part in self.partner.stream(context, text):
                if isinstance(part, str):
                    yield part
                else:
                    reply = part
        else:
            reply = self.partner.reply(context, text)
        if reply is None:
            raise RuntimeError("the partner's stream ended without a reply")
        if reply.notice:
            notices.append(reply.notice)
        learner = TranscriptTurn(role="learner", text=text, kind=reading.kind, node=state.node,
                                 goals=reading.new_goals, feedback=feedback, intents=reading.intents,
                                 words=reading.words, question=reading.question,
                                 understanding=[m.to_dict() for m in reading.misunderstood])
        partner = self._partner_turn(reply)
        moved = reply.node != state.node or bool(reading.new_goals)
        state.stuck = 0 if moved else state.stuck + 1
        state.node = reply.node
        state.learner_turns += 1
        state.transcript += [learner, partner]
        if reply.finished:
            state.finished, state.finished_reason = True, "completed"
        elif state.learner_turns >= scenario.max_turns:
            closing = TranscriptTurn(role="partner", text=_CLOSING[0], text_en=_CLOSING[1], kind="closing", node=state.node)
            state.transcript.append(closing)
            partner = TranscriptTurn(role="partner", text=f"{partner.text} {closing.text}",
                                     text_en=f"{partner.text_en or ''} {closing.text_en}".strip(), kind="closing",
                                     node=state.node, notice=partner.notice)
            state.finished, state.finished_reason = True, "max_turns"
        yield TurnOutcome(state, learner, partner, feedback, goal_status(scenario, state.goals_reached),
                          state.finished, notices, learner.understanding)

    def hint(self, state: SessionState) -> Hint:
        """What the learner could say now: the step's hint, an example for the next goal, useful phrases."""
        scenario = self.library.get(state.scenario)
        node = scenario.node(state.node)
        open_goals = [g for g in (node.expects or [g.id for g in scenario.goals]) if g not in state.goals_reached]
        goal = scenario.goal(open_goals[0]) if open_goals else None
        state.hints += 1
        return {
            "text": node.hint.text(state.level) if node.hint else (goal.description if goal else ""),
            "text_en": (node.hint.en if node.hint else None) or (goal.description_en if goal else None),
            "goal": goal.id if goal else None,
            "examples": list(goal.examples) if goal else [],
            "phrases": [{"fi": p.fi, "en": p.en} for p in scenario.phrases],
        }

    def finish(self, state: SessionState) -> SessionState:
        """Ends the session; finishing an already finished session changes nothing."""
        if state.finished:
            return state
        state = state.model_copy()  # only scalar fields are reassigned below
        state.finished, state.finished_reason = True, "learner"
        return state

    def report(self, state: SessionState) -> Report:
        scenario = self.library.get(state.scenario)
        return build_report(scenario, state, self.tracker.analyser, self.library.all())
