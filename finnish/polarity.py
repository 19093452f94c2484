"""Polarity from the parse: which words of a turn are said in the negative.

Finnish negates with the negation verb (*en, et, ei, emme, ette, eivät*; imperative *älä, älkää*;
with the clitic *enkä, eikä* …), tagged `Polarity=Neg` (lemma *ei*), which attaches as `aux` to the
predicate it negates; the negated part is that predicate with its dependents, except coordinated or
adverbial clauses of their own ("Olen sairas, en pääse töihin": only *pääse töihin* is negated).
When the negation verb carries dependents itself (an elliptic "…mutta en käsineitä"), those are
negated. *ilman* ("without") negates the noun phrase it marks. Without a usable parse (no heads)
the words after the negation up to the clause's end count as negated.
"""

from __future__ import annotations

from dataclasses import dataclass

from finnish.model import Analysis, Token

# dependents that are clauses of their own and do not fall under the negation of their head
_OWN_CLAUSE = {"conj", "parataxis", "advcl", "acl:relcl", "acl", "discourse", "vocative", "punct", "cc"}
_CLAUSE_END = {",", ";", ".", "!", "?", "–", "-", "mutta", "vaan", "ja", "tai", "koska", "kun", "että"}
_SEGMENT_END = {",", ";", ".", "!", "?", "–", "mutta", "vaan"}
_NEG_FORMS = {"en", "et", "ei", "emme", "ette", "eivät", "älä", "älkää", "älkäämme", "enkä", "etkä", "eikä",
              "emmekä", "ettekä", "eivätkä", "äläkä", "älkääkä", "emmä", "enää"}


@dataclass(frozen=True)
class Polarity:
    negations: tuple[int, ...]  # token indices of negation words (ei-verb forms, ilman)
    negated: frozenset[int]  # token indices said in the negative

    @property
    def negative(self) -> bool:
        return bool(self.negations)

    def lemmas(self, analysis: Analysis, negated: bool) -> set[str]:
        """Lower-cased lemmas and word forms of the words inside (negated=True) or outside the negation."""
        out: set[str] = set()
        for i, t in enumerate(analysis.tokens):
            if t.is_word and (i in self.negated) == negated and i not in self.negations:
                out.add(t.lemma.lower())
                out.add(t.text.lower())
                out.update(p.lower() for p in t.compound_parts)
        return out


def is_negation(t: Token) -> bool:
    word = t.text.lower()
    if word == "enää":
        return False
    if t.feats.get("Polarity") == "Neg" and t.lemma.lower() == "ei":
        return True
    return word in _NEG_FORMS and t.upos in {"AUX", "VERB", "CCONJ", "ADV", "INTJ", ""}


def _children(tokens: tuple[Token, ...]) -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for i, t in enumerate(tokens):
        if 0 <= t.head < len(tokens) and t.head != i:
            kids.setdefault(t.head, []).append(i)
    return kids


def _subtree(root: int, kids: dict[int, list[int]], tokens: tuple[Token, ...], skip: set[int]) -> set[int]:
    out, todo = {root}, [root]
    while todo:
        for child in kids.get(todo.pop(), []):
            if child in out or child in skip or tokens[child].dep.split(":")[0] in {"conj", "parataxis", "advcl"} \
                    or tokens[child].dep in _OWN_CLAUSE:
                continue
            out.add(child)
            todo.append(child)
    return out


def _linear(i: int, tokens: tuple[Token, ...]) -> set[int]:
    out: set[int] = set()
    for j in range(i + 1, len(tokens)):
        if tokens[j].text.lower() in _CLAUSE_END or tokens[j].sentence != tokens[i].sentence:
            break
        out.add(j)
    return out


def polarity(analysis: Analysis) -> Polarity:
    tokens = analysis.tokens
    kids = _children(tokens)
    parsed = any(t.head >= 0 for t in tokens) and len(tokens) > 1
    negations: list[int] = []
    negated: set[int] = set()
    for i, t in enumerate(tokens):
        if t.text.lower() == "ilman" and t.upos in {"ADP", "ADV", ""}:
            negations.append(i)
            target = t.head if parsed and t.dep == "case" and 0 <= t.head < len(tokens) else None
            negated |= _subtree(target, kids, tokens, {i}) if target is not None else _linear(i, tokens)
        elif is_negation(t):
            negations.append(i)
            negated |= _scope(i, tokens, kids, parsed)
    return Polarity(tuple(negations), frozenset(negated - set(negations)))


def _scope(i: int, tokens: tuple[Token, ...], kids: dict[int, list[int]], parsed: bool) -> set[int]:
    t = tokens[i]
    nxt = tokens[i + 1].text if i + 1 < len(tokens) else "."
    if nxt in {",", ".", "!", "?", "–"}:
        return set()  # "Ei, vaan kaksitoista." / "Ei." – an answer word, it negates nothing after it
    if not parsed:
        return _linear(i, tokens)
    own = [c for c in kids.get(i, []) if tokens[c].dep not in _OWN_CLAUSE]
    if own:  # elliptic "…mutta en käsineitä": the negation verb carries what it negates
        scope = _subtree(i, kids, tokens, set()) - {i}
    elif not 0 <= t.head < len(tokens):
        scope = _linear(i, tokens)
    else:
        scope = _subtree(t.head, kids, tokens, set())
    return scope - _outside_segment(i, tokens)


def _outside_segment(i: int, tokens: tuple[Token, ...]) -> set[int]:
    """Tokens beyond the commas (or *mutta/vaan*) around token i: "En tiedä vielä, ehkä kaksi
    päivää" negates only *tiedä vielä*, whatever the parser attached after the comma."""
    lo = i
    while lo > 0 and tokens[lo - 1].text.lower() not in _SEGMENT_END and tokens[lo - 1].sentence == tokens[i].sentence:
        lo -= 1
    hi = i
    while hi + 1 < len(tokens) and tokens[hi + 1].text.lower() not in _SEGMENT_END \
            and tokens[hi + 1].sentence == tokens[i].sentence:
        hi += 1
    return {j for j in range(len(tokens)) if j < lo or j > hi}
