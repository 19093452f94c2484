"""Which qualifications fit a task, and which of their units pass the relevance threshold.

Step 1 (qualification fit): the task's words against each qualification's field (corpora/
qualification_fields.yaml, or words taken from the unit names of a qualification without an entry).
Only fitting qualifications lend units; a fitting qualification the corpus lacks is reported first.
Step 2 (units): the search service's hits for each task, kept only inside fitting qualifications, with
a relevance in 0..1 from the hit's score relative to the task's best hit, the field strength and the
words the task shares with the unit's own requirements. Units under RELEVANCE_MIN are not shown.
When no field fits at all, no unit is shown: the list is never padded from a field nobody recognised.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from corpora.qualification_fields import QualificationField, fields_for, generic_unit_names, normalise
from corpora.qualifications import Qualification, Unit

SEARCH_K = 30
RELEVANCE_MIN = 0.55
FIT_MIN = 0.34  # a field with a third of the best field's words still fits (a task can span two fields)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SENTENCE = re.compile(r"[.!?;:\n]+")
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


def activity_verbs(tasks: Sequence[str]) -> list[str]:
    """The first-person verb that opens each sentence of a task ('Siivoan', 'Myyn'): what the person
    does, as opposed to where ('kauppakeskuksessa') or for whom."""
    out = []
    for sentence in _SENTENCE.split(" ".join(tasks)):
        words = _WORD.findall(sentence.casefold())
        if words and len(words[0]) >= 3 and words[0].endswith("n"):
            out.append(words[0])
    return out


_PLACE_ENDINGS = ("ssa", "ssä", "lla", "llä")


def employer_words(tasks: Sequence[str]) -> set[str]:
    """Genitive words right before a place ('päiväkodin keittiössä', 'sairaalan käytävillä'): they
    name the employer, not the work done there, so their field words count half."""
    out = set()
    for sentence in _SENTENCE.split(" ".join(tasks)):
        words = _WORD.findall(sentence.casefold())
        for i, (word, place) in enumerate(zip(words, words[1:], strict=False)):
            if i > 0 and len(word) >= 5 and word.endswith("n") and len(place) >= 6 and place.endswith(_PLACE_ENDINGS):
                out.add(word)
    return out


def _field_weight(f: QualificationField, text: str, employer: str, verbs: str) -> tuple[list[str], float]:
    """The field's words in the task and their weight: 1 each, half for a word found only in the
    employer's name, and once more for a word in the opening verb ('Vartioin kauppakeskusta')."""
    matched = f.matches(text)
    if not matched:
        return [], 0.0
    in_work = set(f.matches(" ".join(w for w in text.split() if w.strip(".,!?;:") not in employer.split())))
    weight = sum(1.0 if m in in_work else 0.5 for m in matched)
    return matched, weight + len(f.matches(verbs))


def fit_qualifications(tasks: Sequence[str], corpus: Sequence[Qualification]) -> list[QualificationFit]:
    """Fitting qualifications, best first (empty when the task names no field we know)."""
    text = normalise(" ".join(tasks))
    verbs = " ".join(activity_verbs(tasks))
    employer = " ".join(sorted(employer_words(tasks)))
    ids = {q.name.casefold(): str(q.id) for q in corpus}
    scored: list[tuple[QualificationField, list[str], float]] = []
    for f in fields_for(corpus):
        matched, weight = _field_weight(f, text, employer, verbs)
        if matched:
            scored.append((f, matched, weight))
    if not scored:
        return []
    best = max(n for _, _, n in scored)
    fits = [QualificationFit(f.qualification, f.field.fi, f.field.en, sorted(set(m)), round(n / best, 2),
                             ids.get(f.qualification.casefold())) for f, m, n in scored if n / best >= FIT_MIN]
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

    def __init__(self, search: Callable[[str, int], Sequence[Mapping[str, object]]],
                 corpus: Callable[[], Sequence[Qualification]]) -> None:
        self._search = search
        self._corpus = corpus

    def rank(self, tasks: Sequence[str], fits: Sequence[QualificationFit]) -> list[UnitCandidate]:
        """Units of the qualifications that lend units (none when no field fits: the list is not padded
        with units of a field nobody recognised in the task)."""
        corpus = list(self._corpus())
        by_id = {str(q.id): q for q in corpus}
        generic = generic_unit_names(corpus)
        strength = lending(fits)  # a field that fits but is missing from the corpus keeps other fields' units out
        field_words = {f.qualification: f.matched for f in fits if f.qualification}
        found: dict[tuple[str, str], UnitCandidate] = {}
        for task in tasks:
            hits = list(self._search(task, SEARCH_K))
            top = max((_score(h) for h in hits), default=0.0)  # a weak hit stays weak inside a fitting field
            shares = {(str(h.get("qualification", "")), str(h.get("unit_code", ""))): _score(h) / top
                      for h in hits if top > 0}
            task_stems, text = stems(task), normalise(task)
            for qid, fit_strength in strength.items():
                q = by_id.get(qid)
                own = [w for w in field_words.get(qid, []) if w in text]  # the field words this task uses
                for unit in q.units if q else []:
                    if unit.name.casefold() in generic and not task_stems & stems(unit.name):
                        continue  # a common unit ('Yrityksessä toimiminen') fits no task by its field
                    body = unit_text(unit).casefold()
                    shared = sorted(task_stems & stems(body))
                    in_unit = sum(1 for w in own if w in body)
                    relevance = _relevance(shares.get((qid, unit.code), 0.0), len(shared), in_unit, fit_strength)
                    if relevance < RELEVANCE_MIN or q is None:
                        continue
                    cand = found.setdefault((qid, unit.code), UnitCandidate(qid, q.name, unit, 0.0))
                    cand.relevance = max(cand.relevance, relevance)
                    cand.tasks.append(task)
                    cand.shared_words = sorted(set(cand.shared_words) | set(shared))
        # several tasks finding one unit count for it, a little
        for cand in found.values():
            cand.relevance = round(min(1.0, cand.relevance + 0.05 * (len(cand.tasks) - 1)), 3)
        return sorted(found.values(), key=lambda c: (-c.relevance, c.unit.code))


def _score(hit: Mapping[str, object]) -> float:
    value = hit.get("score", 0.0)
    return float(value) if isinstance(value, int | float) else 0.0


def _relevance(share: float, shared: int, field_words: int, strength: float) -> float:
    """0..1 from three signals, scaled by how well the unit's qualification's field fits: the unit's
    search score as a share of the task's best hit, the task's words in the unit's requirements, and
    the task's field words (the ones that decided the fit) in the unit's own text."""
    words, field = min(1.0, shared / 2), min(1.0, field_words / 2)
    return round((0.7 * share + 0.15 * words + 0.15 * field) * (0.6 + 0.4 * strength), 3)
