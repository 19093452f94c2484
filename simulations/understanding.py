"""What a goal means beyond its words: its polarity (learned from its examples) and, per scenario,
the fact sheet that answers the learner's questions.

A goal's examples show which of its words may be said in the negative ("Olen sairas, en pääse
töihin" allows *päästä* negated, not *sairas*). A turn that negates a word of the goal that its
examples never negate contradicts the goal ("Minä en ole sairas."); a negative goal ("Se ei
onnistu tänään.") needs the negation and is contradicted by saying its negated words positively.
"""

from __future__ import annotations

from dataclasses import dataclass

from finnish.model import Analysis
from finnish.polarity import Polarity, polarity
from simulations.scenario import Answer, Goal

# Words too common to carry a goal's meaning (also in goals._FUNCTION_LEMMAS).
FUNCTION_LEMMAS = {
    "olla", "ja", "minä", "sinä", "hän", "se", "tämä", "ei", "että", "kun", "jos", "mutta", "tai", "me", "te",
    "he", "nyt", "vain", "myös", "niin", "kyllä", "joo", "no", "sitten", "voida", "tulla", "mennä", "saada",
    "mä", "sä", "oo", "mikään", "mitään", "vielä", "enää", "tänään", "aikoa",
}


def similar(word: str, vocabulary: set[str]) -> bool:
    """The same word, or one sharing a long stem ("kipee" ~ "kipeä", "suojatakki" ~ "suojatakkia")."""
    if word in vocabulary:
        return True
    if len(word) < 4:
        return False
    for other in vocabulary:
        n = max(4, min(len(word), len(other)) - 2)
        if len(other) >= 4 and word[:n] == other[:n]:
            return True
    return False


@dataclass(frozen=True)
class GoalPolarity:
    mode: str  # positive | negative | any
    vocabulary: frozenset[str]  # the goal's lemmas and its examples' content words
    negated_ok: frozenset[str]  # words its examples say in the negative
    positive_ok: frozenset[str]  # words its examples say in the positive

    def contradicted(self, pol: Polarity, analysis: Analysis) -> bool:
        if self.mode == "any":
            return False
        negated = pol.lemmas(analysis, negated=True) - FUNCTION_LEMMAS
        if self.mode == "negative":
            if not pol.negative:
                return True
            positive = pol.lemmas(analysis, negated=False) - FUNCTION_LEMMAS
            return any(similar(w, set(self.negated_ok)) and not similar(w, set(self.positive_ok)) for w in positive)
        return any(similar(w, set(self.vocabulary)) and not similar(w, set(self.negated_ok)) for w in negated)


def goal_polarity(goal: Goal, analyses: list[Analysis]) -> GoalPolarity:
    """The polarity profile of a goal from the analyses of its examples."""
    negated_ok: set[str] = set()
    positive_ok: set[str] = set()
    every_negated = bool(analyses)
    for a in analyses:
        pol = polarity(a)
        every_negated &= pol.negative
        negated_ok |= pol.lemmas(a, negated=True)
        positive_ok |= pol.lemmas(a, negated=False)
    mode = goal.polarity or ("negative" if every_negated else "positive")
    vocabulary = ({lemma.lower() for lemma in goal.lemmas} | negated_ok | positive_ok) - FUNCTION_LEMMAS
    return GoalPolarity(mode, frozenset(vocabulary), frozenset(negated_ok - FUNCTION_LEMMAS),
                        frozenset(positive_ok - FUNCTION_LEMMAS))


def match_answer(answers: list[Answer], lemmas: set[str], sims: dict[str, float], threshold: float) -> Answer | None:
    """The fact-sheet entry a question asks about: most `about` words named, then the closest example."""
    best: tuple[int, float, Answer] | None = None
    for answer in answers:
        hits = sum(1 for word in answer.about if _names(lemmas, word.lower()))
        sim = sims.get(answer.id, 0.0)
        if hits == 0 and sim < threshold:
            continue
        if best is None or (hits, sim) > best[:2]:
            best = (hits, sim, answer)
    return best[2] if best else None


def _names(lemmas: set[str], word: str) -> bool:
    return word in lemmas or (len(word) >= 4 and any(w.endswith(word) and len(w) > len(word) for w in lemmas))
