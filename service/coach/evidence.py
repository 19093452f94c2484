"""Evidence about a participant's Finnish and the per-skill estimate it supports.

Evidence comes from finished simulations (their report: skill bands, goals, key terms used, errors
by category) and from feedback on written texts (the text's level, lowered by its error density).
Only derived measures are stored, never the learner's text.

The estimate of a skill is a recency-weighted mean of its observations on the scale A1=1 … C2=6:
the newest observation weighs 1, the one before 0.7, then 0.49 … — a learner who improves should
not be held back by their first week. A teacher assessment counts as one observation of weight 2
dated when it was last changed, and so does each mentor's workplace observation; a self-assessment
is shown beside the estimate but never counts.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import select

from finnish.feedback_model import FeedbackIssueData
from service.coach.levels import level_label as level_label
from service.coach.levels import level_number as level_number
from service.coach.measures import SKILLS, EvidenceData, RawReport, band, normalise_report
from service.coach.models import Participant, ParticipantEvidence
from service.core.db import Database
from service.core.errors import InvalidInput, validate_text

log = logging.getLogger("tyokieli")

RECENCY = 0.7
TEACHER_WEIGHT = 2.0


FinishedReport = tuple[str, str, datetime, RawReport]  # (session id, task id, finished at, report)


@dataclass
class EvidenceItem:
    id: int
    kind: str  # simulation | text
    source: str
    task: str
    recorded_at: datetime
    data: EvidenceData


@dataclass
class SkillEstimate:
    skill: str
    estimate: str | None
    score: float | None
    evidence_count: int
    self_assessment: str | None = None
    teacher_assessment: str | None = None
    sources: dict[str, int] = field(default_factory=dict)


def _aware(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


class EvidenceService:
    """Stores evidence and turns it into per-skill estimates. `feedback` checks a written text and
    returns issues with a `category`; `analyse` returns (level CEFR, words, lemmas) of a text;
    `finished_reports(user_id)` lists finished simulation sessions of a user as
    (session id, task id, finished_at, report); all three are optional."""

    def __init__(
        self,
        db: Database,
        feedback: Callable[[str], list[FeedbackIssueData]] | None = None,
        analyse: Callable[[str], tuple[str, int, list[str]]] | None = None,
        finished_reports: Callable[[int], Iterable[FinishedReport]] | None = None,
        max_text_chars: int = 20_000,
    ) -> None:
        self.db = db
        self._feedback = feedback
        self._analyse = analyse
        self._finished_reports = finished_reports
        self.max_text_chars = max_text_chars

    def add_simulation(self, participant_id: int, report: RawReport, *, source: str = "", task: str = "",
                       when: datetime | None = None) -> EvidenceItem:
        data = normalise_report(report)
        data["terms_used"] = self._lemmas(data["terms_used"])
        return self._store(participant_id, "simulation", source, task or str(report.get("task") or ""), data, when)

    def _lemmas(self, terms: list[str]) -> list[str]:
        """The terms with their lemmas beside them: a report may name the form the learner wrote
        ('pöydät'), and readiness counts the task's key terms by lemma ('pöytä')."""
        if self._analyse is None or not terms:
            return terms
        try:
            _, _, lemmas = self._analyse(" , ".join(terms))
        except Exception:  # the analyser is optional here; the terms as given still count
            log.warning("could not lemmatise the terms of a report", exc_info=True)
            return terms
        return sorted({*terms, *(lemma.casefold() for lemma in lemmas)})[:400]

    def add_text(self, participant_id: int, text: str, *, task: str = "", when: datetime | None = None) -> EvidenceItem:
        """A written text: its level, lowered by half a level per error in 10 words (at most 1.5)."""
        validate_text(text, self.max_text_chars, "The written text")
        if self._analyse is None or self._feedback is None:
            raise InvalidInput("Written texts cannot be assessed here: the feedback engine is not available.")
        cefr, words, lemmas = self._analyse(text)
        issues = [i for i in self._feedback(text) if i.get("severity", "error") == "error"]
        errors = Counter(str(i.get("category", "other")) for i in issues)
        density = len(issues) / max(words, 1) * 10
        penalty = min(1.5, 0.5 * density)
        base = level_number(cefr) or 1.0
        score = max(1.0, base - penalty)
        data: EvidenceData = {
            "skills": {"writing": {"cefr": level_label(score), "why": f"text {cefr}, {len(issues)} errors in {words} words"}},
            "goals": {"reached": 0, "total": 0},
            "terms_used": sorted(set(lemmas)),
            "errors": dict(errors),
            "words": words,
            "scenario": "",
        }
        return self._store(participant_id, "text", "", task, data, when)

    def add_observation(self, participant_id: int, *, source: str, task: str, skills: dict[str, str],
                        situation: str, result: str, when: datetime | None = None) -> EvidenceItem:
        """A mentor's workplace observation: the skills of the situation at the level it showed."""
        data: EvidenceData = {"skills": {k: {"cefr": v, "why": f"observation: {situation} {result}"} for k, v in skills.items()},
                              "goals": {"reached": 0, "total": 0}, "terms_used": [], "errors": {}, "scenario": "",
                              "situation": situation[:100], "result": result}
        return self._store(participant_id, "observation", source, task, data, when)

    def _store(self, participant_id: int, kind: str, source: str, task: str, data: EvidenceData,
               when: datetime | None) -> EvidenceItem:
        with self.db.session() as s:
            if s.get(Participant, participant_id) is None:
                raise InvalidInput(f"No participant {participant_id}.")
            row = ParticipantEvidence(participant_id=participant_id, kind=kind, source=source[:100], task=task[:200],
                                      data=data, recorded_at=when or datetime.now(UTC))
            s.add(row)
            s.flush()
            return self._item(row)

    def sync(self, participant: Participant) -> int:
        """Adds the linked user's finished simulations that are not yet evidence; returns how many."""
        if self._finished_reports is None or participant.user_id is None:
            return 0
        with self.db.session() as s:
            known = set(s.scalars(select(ParticipantEvidence.source).where(
                ParticipantEvidence.participant_id == participant.id, ParticipantEvidence.kind == "simulation")))
        added = 0
        for session_id, task, finished_at, report in self._finished_reports(participant.user_id):
            if str(session_id) in known:
                continue
            try:
                self.add_simulation(participant.id, report, source=str(session_id), task=task, when=finished_at)
                added += 1
            except InvalidInput:
                log.info("simulation %s has no usable report", session_id)
        return added

    def items(self, participant_id: int) -> list[EvidenceItem]:
        with self.db.session() as s:
            rows = s.scalars(select(ParticipantEvidence).where(ParticipantEvidence.participant_id == participant_id)
                             .order_by(ParticipantEvidence.recorded_at, ParticipantEvidence.id))
            return [self._item(r) for r in rows]

    @staticmethod
    def _item(row: ParticipantEvidence) -> EvidenceItem:
        return EvidenceItem(row.id, row.kind, row.source, row.task, _aware(row.recorded_at),
                            cast(EvidenceData, dict(row.data or {})))


def estimate_skills(items: list[EvidenceItem], teacher: dict[str, str] | None = None,
                    self_assessment: dict[str, str] | None = None,
                    teacher_at: datetime | None = None) -> dict[str, SkillEstimate]:
    """Per skill: the recency-weighted estimate and how many observations stand behind it."""
    observations: dict[str, list[tuple[datetime, float, float, str]]] = {s: [] for s in SKILLS}
    for item in items:
        for skill, entry in (item.data.get("skills") or {}).items():
            n = level_number(band(entry))
            if skill in observations and n is not None:
                weight = TEACHER_WEIGHT if item.kind == "observation" else 1.0  # a mentor at work, like a teacher
                observations[skill].append((item.recorded_at, n, weight, item.kind))
    for skill, level in (teacher or {}).items():
        n = level_number(level)
        if skill in observations and n is not None:
            when = _aware(teacher_at) if teacher_at else datetime.min.replace(tzinfo=UTC)
            observations[skill].append((when, n, TEACHER_WEIGHT, "teacher"))
    out = {}
    for skill, obs in observations.items():
        obs.sort(key=lambda o: o[0])
        total = weight_sum = 0.0
        for age, (_, value, weight, _kind) in enumerate(reversed(obs)):
            w = weight * RECENCY**age
            total += w * value
            weight_sum += w
        score = round(total / weight_sum, 2) if weight_sum else None
        out[skill] = SkillEstimate(
            skill=skill, estimate=level_label(score), score=score, evidence_count=len(obs),
            self_assessment=(self_assessment or {}).get(skill), teacher_assessment=(teacher or {}).get(skill),
            sources=dict(Counter(o[3] for o in obs)),
        )
    return out
