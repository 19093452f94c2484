"""The measures kept of one piece of evidence, and how a simulation report is turned into them.

A report may come from this version's simulations (`skills`, `goals`, `key_terms`, `errors` with
`by_category`) or from older or hand-written ones (`rubric`/`criteria`, `goals_reached`,
`terms_used`, error lists); `normalise_report` reads them all into one `EvidenceData`. Only these
derived measures are stored, never the learner's text."""

from __future__ import annotations

from collections import Counter
from typing import NotRequired, TypedDict

from pydantic import JsonValue

from finnish.profile import SKILLS as PROFILE_SKILLS
from service.coach.levels import level_label, level_number
from service.core.errors import InvalidInput

SKILLS: tuple[str, ...] = tuple(PROFILE_SKILLS)
RawReport = dict[str, JsonValue]  # a report as it arrives: JSON, read by the functions below
_SKILL_ALIASES = {"spoken_interaction": "interaction", "vuorovaikutus": "interaction", "puhuminen": "speaking",
                  "kuunteleminen": "listening", "lukeminen": "reading", "kirjoittaminen": "writing",
                  "kuullun ymmärtäminen": "listening", "luetun ymmärtäminen": "reading"}


class SkillBand(TypedDict):
    cefr: str | None
    why: str


class GoalCount(TypedDict):
    reached: int
    total: int


class EvidenceData(TypedDict):
    """What is stored of one piece of evidence (the `data` column of `participant_evidence`)."""

    skills: dict[str, SkillBand]
    goals: GoalCount
    terms_used: list[str]
    errors: dict[str, int]
    scenario: str
    words: NotRequired[int]  # a written text
    situation: NotRequired[str]  # a mentor's observation
    result: NotRequired[str]


def _int(value: JsonValue) -> int:
    if isinstance(value, bool | int | float | str):
        return int(value)
    raise TypeError("not a number")


def band(value: object) -> str | None:
    """The CEFR level of a skill entry: a level itself or an object with `cefr`/`band`/`level`."""
    if isinstance(value, dict):
        value = value.get("cefr") or value.get("band") or value.get("level")
    return value if isinstance(value, str) and level_number(value) is not None else None


def _skill_bands(report: RawReport) -> dict[str, SkillBand]:
    out: dict[str, SkillBand] = {}
    skills = report.get("skills") or {}
    if not isinstance(skills, dict):
        raise TypeError("skills are not an object")
    for skill, value in skills.items():
        skill = _SKILL_ALIASES.get(skill, skill)
        level = band(value)
        if skill in SKILLS and level:
            why = (value.get("why") or value.get("reasons")) if isinstance(value, dict) else None
            out[skill] = {"cefr": level, "why": why if isinstance(why, str) else ""}
    # Rubric criteria give bands per skill when the report has no skill summary.
    per_skill: dict[str, list[float]] = {}
    criteria = report.get("rubric") or report.get("criteria") or []
    for crit in criteria if isinstance(criteria, list) else []:
        if not isinstance(crit, dict):
            continue
        skill = _SKILL_ALIASES.get(str(crit.get("skill", "")), str(crit.get("skill", "")))
        n = level_number(band(crit))
        if skill in SKILLS and n is not None:
            per_skill.setdefault(skill, []).append(n)
    for skill, values in per_skill.items():
        if skill not in out:
            out[skill] = {"cefr": level_label(sum(values) / len(values)), "why": "rubric"}
    return out


def _goals(report: RawReport) -> GoalCount:
    goals = report.get("goals")
    if isinstance(goals, list):
        reached = sum(1 for g in goals if isinstance(g, dict) and (g.get("reached") or g.get("done")))
        return {"reached": reached, "total": len(goals)}
    if isinstance(goals, dict):
        given = goals.get("reached", 0)
        count = len(given) if isinstance(given, list) else _int(given or 0)
        return {"reached": count, "total": _int(goals.get("total", 0) or count)}
    if "goals_reached" in report:
        return {"reached": _int(report["goals_reached"]),
                "total": _int(report.get("goals_total", report["goals_reached"]))}
    return {"reached": 0, "total": 0}


def _terms(report: RawReport) -> list[str]:
    terms = report.get("key_terms_used") or report.get("terms_used")
    for holder in ("key_terms", "vocabulary"):
        inner = report.get(holder)
        if terms is None and isinstance(inner, dict):
            terms = inner.get("used")
    if terms is not None and not isinstance(terms, list):
        raise TypeError("the terms used are not a list")
    out = []
    for t in terms or []:
        lemma = t.get("lemma") if isinstance(t, dict) else t
        if lemma:
            out.append(str(lemma).casefold())
    return sorted(set(out))


def _errors(report: RawReport) -> dict[str, int]:
    errors: JsonValue = report.get("errors_by_category") or report.get("errors") or {}
    if isinstance(errors, dict) and "by_category" in errors:  # simulations/report.py
        errors = errors["by_category"]
    if isinstance(errors, list):
        counts: Counter[str] = Counter()
        for e in errors:
            if isinstance(e, dict):
                counts[str(e.get("category", "other"))] += _int(e.get("count", 1))
        return dict(counts)
    if not isinstance(errors, dict):
        raise TypeError("errors are neither a list nor an object")
    return {str(k): int(v) for k, v in errors.items()
            if isinstance(v, int | float) and k not in ("total", "per_100_words")}


def _clean(text: object, limit: int = 100) -> str:
    return "".join(c for c in str(text) if ord(c) >= 32)[:limit]


def normalise_report(report: RawReport) -> EvidenceData:
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
    goals = {"reached": max(0, min(goals["reached"], 1000)), "total": max(0, min(goals["total"], 1000))}
    if goals["reached"] > goals["total"]:
        raise InvalidInput("This simulation report reaches more goals than it has.")
    return {
        "skills": {k: {"cefr": v["cefr"], "why": _clean(v["why"], 500)} for k, v in skills.items()},
        "goals": goals,
        "terms_used": terms,
        "errors": errors,
        "scenario": _clean(report.get("scenario") or report.get("scenario_id") or ""),
    }
