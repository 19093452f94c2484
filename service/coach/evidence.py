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
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from finnish.level import CEFR_LEVELS
from service.coach.models import Participant, ParticipantEvidence
from service.coach.participants import SKILLS
from service.core.db import Database
from service.core.errors import InvalidInput, validate_text

log = logging.getLogger("tyokieli")

RECENCY = 0.7
TEACHER_WEIGHT = 2.0
_SKILL_ALIASES = {"spoken_interaction": "interaction", "vuorovaikutus": "interaction", "puhuminen": "speaking",
                  "kuunteleminen": "listening", "lukeminen": "reading", "kirjoittaminen": "writing",
                  "kuullun ymmärtäminen": "listening", "luetun ymmärtäminen": "reading"}


def level_number(cefr: str | None) -> float | None:
    """A1 → 1.0 … C2 → 6.0; also accepts the Finnish sub-levels (A2.1 → 2.0, A2.2 → 2.5)."""
    if not cefr:
        return None
    text = str(cefr).strip().upper()
    base = text[:2]
    if base not in CEFR_LEVELS:
        return None
    value = float(CEFR_LEVELS.index(base) + 1)
    if text.endswith(".2"):
        value += 0.5
    return value


def level_label(value: float | None) -> str | None:
    if value is None:
        return None
    index = min(len(CEFR_LEVELS) - 1, max(0, int(value + 0.25) - 1))  # 2.75 counts as the next level
    return CEFR_LEVELS[index]


@dataclass
class EvidenceItem:
    id: int
    kind: str  # simulation | text
    source: str
    task: str
    recorded_at: datetime
    data: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["recorded_at"] = self.recorded_at.isoformat()
        return out


@dataclass
class SkillEstimate:
    skill: str
    estimate: str | None
    score: float | None
    evidence_count: int
    self_assessment: str | None = None
    teacher_assessment: str | None = None
    sources: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _aware(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


# -- normalising a simulation report ------------------------------------------------------------
def _band(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("cefr") or value.get("band") or value.get("level")
    return value if level_number(value) is not None else None


def _skill_bands(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for skill, value in (report.get("skills") or {}).items():
        skill = _SKILL_ALIASES.get(skill, skill)
        band = _band(value)
        if skill in SKILLS and band:
            why = value.get("why") or value.get("reasons") if isinstance(value, dict) else None
            out[skill] = {"cefr": band, "why": why or ""}
    # Rubric criteria give bands per skill when the report has no skill summary.
    per_skill: dict[str, list[float]] = {}
    for crit in report.get("rubric") or report.get("criteria") or []:
        if not isinstance(crit, dict):
            continue
        skill = _SKILL_ALIASES.get(str(crit.get("skill", "")), str(crit.get("skill", "")))
        n = level_number(_band(crit))
        if skill in SKILLS and n is not None:
            per_skill.setdefault(skill, []).append(n)
    for skill, values in per_skill.items():
        if skill not in out:
            out[skill] = {"cefr": level_label(sum(values) / len(values)), "why": "rubric"}
    return out


def _goals(report: dict[str, Any]) -> dict[str, int]:
    goals = report.get("goals")
    if isinstance(goals, list):
        reached = sum(1 for g in goals if isinstance(g, dict) and (g.get("reached") or g.get("done")))
        return {"reached": reached, "total": len(goals)}
    if isinstance(goals, dict):
        reached = goals.get("reached", 0)
        total = goals.get("total", 0)
        reached = len(reached) if isinstance(reached, list) else int(reached or 0)
        return {"reached": reached, "total": int(total or reached)}
    if "goals_reached" in report:
        return {"reached": int(report["goals_reached"]), "total": int(report.get("goals_total", report["goals_reached"]))}
    return {"reached": 0, "total": 0}


def _terms(report: dict[str, Any]) -> list[str]:
    terms = report.get("key_terms_used") or report.get("terms_used")
    if terms is None and isinstance(report.get("key_terms"), dict):
        terms = report["key_terms"].get("used")
    if terms is None and isinstance(report.get("vocabulary"), dict):
        terms = report["vocabulary"].get("used")
    out = []
    for t in terms or []:
        lemma = t.get("lemma") if isinstance(t, dict) else t
        if lemma:
            out.append(str(lemma).casefold())
    return sorted(set(out))


def _errors(report: dict[str, Any]) -> dict[str, int]:
    errors = report.get("errors_by_category") or report.get("errors") or {}
    if isinstance(errors, dict) and "by_category" in errors:  # simulations/report.py
        errors = errors["by_category"]
    if isinstance(errors, list):
        counts: Counter[str] = Counter()
        for e in errors:
            if isinstance(e, dict):
                counts[str(e.get("category", "other"))] += int(e.get("count", 1))
        return dict(counts)
    return {str(k): int(v) for k, v in errors.items() if isinstance(v, int | float) and k not in ("total", "per_100_words")}


def _clean(text: Any, limit: int = 100) -> str:
    return "".join(c for c in str(text) if ord(c) >= 32)[:limit]


def normalise_report(report: dict[str, Any]) -> dict[str, Any]:
    """The measures of one simulation report that readiness uses, in one shape."""
    if not isinstance(report, dict):
        raise InvalidInput("A simulation report must be a JSON object.")
    try:
        skills = _skill_bands(report)
        goals = _goals(report)
        terms = [_clean(t) for t in _terms(report)][:200]
        errors = {_clean(k, 40): max(0, min(v, 10_000)) for k, v in list(_errors(report).items())[:20]}
    except (TypeError, ValueError, AttributeError, OverflowError):
        raise InvalidInput("This simulation report is not in the shape of a Työkieli session report.") from None
    if not skills:
        raise InvalidInput("This simulation report has no skill levels, so it cannot count as evidence.")
    goals = {k: max(0, min(int(v), 1000)) for k, v in goals.items()}
    if goals["reached"] > goals["total"]:
        raise InvalidInput("This simulation report reaches more goals than it has.")
    return {
        "skills": {k: {"cefr": v["cefr"], "why": _clean(v.get("why") if isinstance(v.get("why"), str) else "", 500)}
                   for k, v in skills.items()},
        "goals": goals,
        "terms_used": terms,
        "errors": errors,
        "scenario": _clean(report.get("scenario") or report.get("scenario_id") or ""),
    }


class EvidenceService:
    """Stores evidence and turns it into per-skill estimates. `feedback` checks a written text and
    returns issues with a `category`; `analyse` returns (level CEFR, words, lemmas) of a text;
    `finished_reports(user_id)` lists finished simulation sessions of a user as
    (session id, task id, finished_at, report); all three are optional."""

    def __init__(
        self,
        db: Database,
        feedback: Callable[[str], list[dict[str, Any]]] | None = None,
        analyse: Callable[[str], tuple[str, int, list[str]]] | None = None,
        finished_reports: Callable[[int], Iterable[tuple[str, str, datetime, dict[str, Any]]]] | None = None,
        max_text_chars: int = 20_000,
    ) -> None:
        self.db = db
        self._feedback = feedback
        self._analyse = analyse
        self._finished_reports = finished_reports
        self.max_text_chars = max_text_chars

    def add_simulation(self, participant_id: int, report: dict[str, Any], *, source: str = "", task: str = "",
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
        data = {
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
        data = {"skills": {k: {"cefr": v, "why": f"observation: {situation} {result}"} for k, v in skills.items()},
                "goals": {"reached": 0, "total": 0}, "terms_used": [], "errors": {}, "scenario": "",
                "situation": situation[:100], "result": result}
        return self._store(participant_id, "observation", source, task, data, when)

    def _store(self, participant_id: int, kind: str, source: str, task: str, data: dict[str, Any],
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
        return EvidenceItem(row.id, row.kind, row.source, row.task, _aware(row.recorded_at), dict(row.data or {}))


def estimate_skills(items: list[EvidenceItem], teacher: dict[str, str] | None = None,
                    self_assessment: dict[str, str] | None = None,
                    teacher_at: datetime | None = None) -> dict[str, SkillEstimate]:
    """Per skill: the recency-weighted estimate and how many observations stand behind it."""
    observations: dict[str, list[tuple[datetime, float, float, str]]] = {s: [] for s in SKILLS}
    for item in items:
        for skill, band in (item.data.get("skills") or {}).items():
            n = level_number(_band(band))
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
