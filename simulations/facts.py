"""Checking the facts a node stated against what the learner said: a comprehension check.

A fact is *confirmed* when the turn states it rightly and *contradicted* when the turn states it
wrongly (another number for the same thing, another time, day or colour, a wrong choice, a step out
of order, or the fact said in the negative: "en pue suojatakkia"). A fact the turn does not mention
is neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from finnish.model import Analysis, Token
from finnish.numbers import COLOURS, DAYS, day_of, numbers, parse_clock, same_time, times
from finnish.polarity import Polarity
from simulations.scenario import Fact

Status = Literal["confirmed", "contradicted"]
_WINDOW = 3  # words after a number that may name its unit and what it counts
_FIRST = {"ensin", "ensiksi", "aluksi", "ensimmäiseksi", "ekaksi", "eka", "ensimmäinen"}
_LAST = {"lopuksi", "viimeiseksi", "viimeisenä", "lopussa", "vikaksi"}


@dataclass(frozen=True)
class FactCheck:
    fact: Fact
    status: Status
    said: str  # the learner's words about it


def _forms(t: Token) -> set[str]:
    return {t.lemma.lower(), t.text.lower(), *(p.lower() for p in t.compound_parts)}


def _names(t: Token, lemmas: list[str]) -> bool:
    forms = _forms(t)
    for lemma in (x.lower() for x in lemmas):
        if lemma in forms or (len(lemma) >= 4 and any(f.endswith(lemma) or f.startswith(lemma) for f in forms)):
            return True
    return False


def _span(analysis: Analysis, first: int, last: int) -> str:
    toks = analysis.tokens
    return analysis.text[toks[first].start: toks[min(last, len(toks) - 1)].end]


def _check_number(fact: Fact, facts: list[Fact], a: Analysis, time_tokens: set[int]) -> FactCheck | None:
    toks = a.tokens
    related: list[tuple[float, str]] = []
    for m in numbers(a):
        if m.first in time_tokens:
            continue
        window = list(range(m.last + 1, min(len(toks), m.last + 1 + _WINDOW)))
        if not any(f.about and _names(toks[j], f.about) for f in facts for j in window):
            # "Kaalia kaksitoista kiloa": what is counted may come just before the number
            window += [j for j in range(max(0, m.first - 2), m.first) if toks[j].is_word]
        names_about = any(_names(toks[j], fact.about) for j in window) if fact.about else False
        names_unit = bool(fact.unit) and any(_names(toks[j], [fact.unit or ""]) for j in window)
        other_about = any(f is not fact and f.about and any(_names(toks[j], f.about) for j in window) for f in facts)
        if names_about or (names_unit and not other_about):
            related.append((m.value, _span(a, m.first, window[-1] if window else m.last)))
    if not related:
        return None
    right = [said for value, said in related if abs(value - float(fact.value or 0)) < 1e-6]
    if right:
        return FactCheck(fact, "confirmed", right[0])
    return FactCheck(fact, "contradicted", related[0][1])


def _check_time(fact: Fact, a: Analysis) -> FactCheck | None:
    found = times(a)
    if not found:
        return None
    expected = parse_clock(str(fact.value))
    right = [m for m in found if same_time(m.minutes, expected)]
    return FactCheck(fact, "confirmed" if right else "contradicted", (right or found)[0].text)


def _check_choice(fact: Fact, a: Analysis, pol: Polarity) -> FactCheck | None:
    """Days, colours, places, items, equipment: the right one, in the positive, or a wrong one."""
    right = [str(fact.value), *fact.accept]
    wrong = list(fact.instead)
    if fact.kind == "colour":
        wrong += [c for c in COLOURS if c not in right]
    said_right: list[int] = []
    said_wrong: list[int] = []
    for i, t in enumerate(a.tokens):
        if not t.is_word:
            continue
        if fact.kind == "day":
            day = day_of(t)
            if day is not None:
                (said_right if day in right else said_wrong).append(i)
            continue
        if _names(t, right):
            (said_wrong if i in pol.negated else said_right).append(i)
        elif wrong and _names(t, wrong) and i not in pol.negated:
            said_wrong.append(i)
    if said_right and not said_wrong:
        return FactCheck(fact, "confirmed", a.tokens[said_right[0]].text)
    if said_wrong:
        i = said_wrong[0]
        first = max(0, min([i, *[n for n in pol.negations if n < i]]))
        return FactCheck(fact, "contradicted", _span(a, first, i))
    return None


def _check_order(fact: Fact, a: Analysis, pol: Polarity) -> FactCheck | None:
    position: dict[int, int] = {}
    negated: list[int] = []
    for i, t in enumerate(a.tokens):
        for step, lemmas in enumerate(fact.steps):
            if t.is_word and _names(t, lemmas):
                if i in pol.negated:
                    negated.append(i)
                position.setdefault(step, i)
    if negated:
        return FactCheck(fact, "contradicted", _span(a, negated[0], negated[0]))
    if len(position) < 2:
        return None
    said = _span(a, min(position.values()), max(position.values()))
    steps = sorted(position, key=lambda s: position[s])
    if steps != sorted(steps):
        return FactCheck(fact, "contradicted", said)
    for marker, must in ((_FIRST, 0), (_LAST, len(fact.steps) - 1)):
        for i, t in enumerate(a.tokens):
            if t.text.lower() in marker:
                after = [s for s in steps if position[s] > i]
                if after and after[0] != must:
                    return FactCheck(fact, "contradicted", said)
    return FactCheck(fact, "confirmed", said)


def check_facts(facts: list[Fact], analysis: Analysis, pol: Polarity) -> list[FactCheck]:
    """Every fact the turn states, rightly or wrongly."""
    time_tokens = {i for m in times(analysis) for i in range(m.first, m.last + 1)}
    out: list[FactCheck] = []
    for fact in facts:
        if fact.kind == "number":
            found = _check_number(fact, facts, analysis, time_tokens)
        elif fact.kind == "time":
            found = _check_time(fact, analysis)
        elif fact.kind == "order":
            found = _check_order(fact, analysis, pol)
        else:
            found = _check_choice(fact, analysis, pol)
        if found is not None:
            out.append(found)
    return out


__all__ = ["DAYS", "FactCheck", "check_facts"]
