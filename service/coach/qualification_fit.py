"""Which qualifications fit a task, and which of their units pass the relevance threshold.

Step 1 (qualification fit): the task's words against each qualification's field (corpora/
qualification_fields.yaml, or words taken from the unit names of a qualification without an entry).
Only fitting qualifications lend units; a fitting qualification the corpus lacks is reported first.
Step 2 (units): the search service's hits for each task, kept only inside fitting qualifications, with
a relevance in 0..1 from the hit's score relative to the task's best hit, the field strength and the
words the task shares with the unit's own requirements. Units under RELEVANCE_MIN are not shown.
When no field fits at all, only units with a near-top score *and* shared requirement words pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from corpora.qualification_fields import QualificationField, fields_for, generic_unit_names, normalise
from corpora.qualifications import Qualification, Unit

SEARCH_K = 30
RELEVANCE_MIN = 0.55
FIT_MIN = 0.34  # a field with a third of the best field's words still fits (a task can span two fields)
STRICT_SCORE = 0.85  # with no fitting field: share of the best score a unit needs
STRICT_OVERLAP = 2  # … and this many requirement words shared with the task
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Stems every unit and task shares; they say nothing about relevance.
_COMMON = {"asiak", "palve", "työss", "työns", "toimi", "osaam", "ohjei", "tekee", "kanss", "erila", "työpa",
           "tarvi", "mukaa", "hänen", "heidä", "vasta", "otan ", "annan", "autan", "teen ", "käytt", "sekä ",
           "esimi", "ottaa", "tarki", "tarkistan"}


@dataclass
class QualificationFit:
    name: str
    field_fi: str
    field_en: str
    matched: list[str]
    strength: float  # 1.0 for the best-fitting field, less for the others
    qualification: str | None  # the corpus id, None when the corpus lacks it

    @property
    def in_corpus(self) -> bool:
        return self.qualification is not None


@dataclass
class UnitCandidate:
    qualification: str
    qualification_name: str
    unit: Unit
    relevance: float
    tasks: list[str] = field(default_factory=list)
    shared_words: list[str] = field(default_factory=list)


def stems(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(text.casefold()) if len(w) >= 5} - _COMMON


def unit_text(unit: Unit) -> str:
    criteria = [c for a in unit.assessment for lv in a.levels[:1] for c in lv.criteria]
    return " ".join([unit.name, *unit.requirements, *criteria])


def fit_qualifications(tasks: Sequence[str], corpus: Sequence[Qualification]) -> list[QualificationFit]:
    """Fitting qualifications, best first (empty when the task names no field we know)."""
    text = normalise(" ".join(tasks))
    ids = {q.name.casefold(): str(q.id) for q in corpus}
    scored: list[tuple[QualificationField, list[str]]] = []
    for f in fields_for(corpus):
        matched = f.matches(text)
        if matched:
            scored.append((f, matched))
    if not scored:
        return []
    best = max(len(m) for _, m in scored)
    fits = [QualificationFit(f.qualification, f.field.fi, f.field.en, sorted(set(m)), round(len(m) / best, 2),
                             ids.get(f.qualification.casefold())) for f, m in scored if len(m) / best >= FIT_MIN]
    return sorted(fits, key=lambda x: (-x.strength, not x.in_corpus, x.name))


def lending(fits: Sequence[QualificationFit]) -> dict[str, float]:
    """Corpus qualifications that may lend units, with their field strength. When the best-fitting
    field is missing from the corpus, only fields that fit as well lend units: the words of a
    workplace ('sairaalassa') do not make a cleaning task a care task."""
    top_missing = any(not f.in_corpus and f.strength >= 1.0 for f in fits)
    return {f.qualification: f.strength for f in fits
            if f.qualification is not None and (f.strength >= 1.0 or not top_missing)}


class UnitRanker:
    """Ranks units inside the fitting qualifications. `search(query, k)` returns hits with
    qualification, unit_code and score (the search service's results)."""

    def __init__(self, search: Callable[[str, int], Sequence[dict[str, object]]],
                 corpus: Callable[[], Sequence[Qualification]]) -> None:
        self._search = search
        self._corpus = corpus

    def rank(self, tasks: Sequence[str], fits: Sequence[QualificationFit]) -> list[UnitCandidate]:
        corpus = list(self._corpus())
        by_id = {str(q.id): q for q in corpus}
        generic = generic_unit_names(corpus)
        # a field that fits but is missing from the corpus still keeps other fields' units out
        strength = lending(fits)
        found: dict[tuple[str, str], UnitCandidate] = {}
        for task in tasks:
            hits = list(self._search(task, SEARCH_K))
            top = max((_score(h) for h in hits), default=0.0)  # a weak hit stays weak inside a fitting field
            task_stems = stems(task)
            for hit in hits:
                qid, code = str(hit.get("qualification", "")), str(hit.get("unit_code", ""))
                q = by_id.get(qid)
                unit = q.unit(code) if q else None
                if q is None or unit is None or top <= 0 or (fits and qid not in strength):
                    continue  # with a fitting field known, other fields lend no units
                shared = sorted(task_stems & stems(unit_text(unit)))
                if unit.name.casefold() in generic and not task_stems & stems(unit.name):
                    continue  # a common unit ('Yrityksessä toimiminen') fits no task by its field
                relevance = _relevance(_score(hit) / top, len(shared), strength.get(qid))
                if relevance < RELEVANCE_MIN:
                    continue
                cand = found.setdefault((qid, code), UnitCandidate(qid, q.name, unit, 0.0))
                cand.relevance = max(cand.relevance, relevance)
                cand.tasks.append(task)
                cand.shared_words = sorted(set(cand.shared_words) | set(shared))
        # several tasks finding one unit count for it, a little
        for cand in found.values():
            cand.relevance = round(min(1.0, cand.relevance + 0.05 * (len(cand.tasks) - 1)), 3)
        return sorted(found.values(), key=lambda c: (-c.relevance, c.unit.code))


def _score(hit: dict[str, object]) -> float:
    value = hit.get("score", 0.0)
    return float(value) if isinstance(value, int | float) else 0.0


def _relevance(share: float, shared: int, strength: float | None) -> float:
    """0..1: the hit's share of the task's best score, lifted by shared requirement words, scaled by
    how well its qualification's field fits. No fitting field: only near-top, word-sharing hits."""
    words = min(1.0, shared / 2)
    if strength is None:
        return round(share, 3) if share >= STRICT_SCORE and shared >= STRICT_OVERLAP else 0.0
    return round((0.7 * share + 0.3 * words) * (0.6 + 0.4 * strength), 3)
