"""Reading a learner turn: what kind of turn it is (answer, repair request, empty, English,
off-topic), its intents, and which scenario goals it reaches — by lemma overlap with the goal's
lemmas and by embedding similarity to the goal's example utterances.

The embedder is anything with `embed_batch(texts) -> vectors` (e.g. retrieval's sentence-transformers
embedder). The default is a small character-trigram embedder: no model, no download, tolerant of
Finnish inflection, good enough to back up the lemma rules.
"""

from __future__ import annotations

import re
import threading
import zlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from finnish.analyser import Analyser
from finnish.model import Analysis
from finnish.polarity import Polarity, polarity
from simulations.facts import FactCheck, check_facts
from simulations.report_model import Misread
from simulations.scenario import Fact, Goal, Scenario
from simulations.understanding import GoalPolarity, goal_polarity, match_answer, similar


class Embedder(Protocol):
    def embed_batch(self, texts: list[str]) -> Sequence[Sequence[float]]: ...


class TrigramEmbedder:
    """Hashed character trigrams of lower-cased words, L2-normalised (dimension `dim`)."""

    def __init__(self, dim: int = 1024) -> None:
        self.dim = dim

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                padded = f"#{word}#"
                for i in range(len(padded) - 2):
                    out[row, zlib.crc32(padded[i : i + 3].encode()) % self.dim] += 1.0
        return _normalised(out)


def _normalised(vectors: Any) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    return float((_normalised(a) @ _normalised(b).T)[0, 0])


# Requests to repeat or rephrase ("Anteeksi? / En ymmärrä / Voitko toistaa hitaammin?").
_REPAIR = re.compile(
    r"^(anteeksi|sori)\s*\?+$|^(mitä|häh|siis)\s*[?!.]*$"
    r"|en\s+(ymmärrä|ymmärtänyt|ymmärtäny|tajua|tajunnut|kuullut|kuule)"
    r"|(voitko|voisitko|voiko|voitteko|voisitteko)\s+(sanoa|toistaa|puhua)"
    r"|\btoista(a|tko|kaa)?\b|\bhitaammin\b|\buudestaan\b|\buudelleen\b|mitä\s+(se\s+)?tarkoittaa|mitä\s+sanoit"
    r"|^anteeksi\s*,?\s*mitä",
    re.IGNORECASE,
)
_ENGLISH = {
    "the", "a", "an", "is", "are", "am", "i", "you", "it", "to", "and", "what", "how", "do", "don't", "dont",
    "not", "can", "my", "your", "this", "that", "of", "in", "for", "with", "have", "please", "yes",
    "hello", "thanks", "thank", "sorry", "speak", "english", "understand", "we", "they", "be", "was", "sick",
    "know", "don", "t", "want", "like", "where", "when", "why", "who", "here", "there", "today", "tomorrow", "help",
}
# Words too common to show that a turn is about the situation.
_FUNCTION_LEMMAS = {
    "olla", "ja", "minä", "sinä", "hän", "se", "tämä", "ei", "että", "kun", "jos", "mutta", "tai", "me", "te",
    "he", "nyt", "vain", "myös", "niin", "kyllä", "joo", "no", "sitten", "voida", "tulla", "mennä", "saada",
}
_INTENT_LEMMAS: dict[str, set[str]] = {
    "thanks": {"kiitos", "kiittää", "kiitti", "kiitoksia"},
    "apology": {"anteeksi", "pahoitella", "sori", "valitettavasti"},
    "confirm": {"kyllä", "joo", "juu", "selvä", "okei", "ok", "ymmärtää", "sopia", "käydä", "totta", "hyvä"},
    "farewell": {"näkemiin", "kuulemiin", "heippa", "moikka", "nähdä", "hei hei"},
    "request": {"voisitko", "voitko", "saada", "pyytää", "haluta", "tarvita", "voida"},
}
# A greeting opens the turn ("Hei, …", "Hyvää päivää"); "päivää" later in a turn is a word of time.
_GREETING_OPENERS = {"hei", "moi", "moikka", "terve", "huomenta", "päivää", "iltaa", "hyvää", "tervehdys", "heippa"}
_QUESTION_LEMMAS = {"mikä", "missä", "mihin", "mistä", "milloin", "kuka", "miten", "miksi", "paljonko", "kuinka",
                    "montako", "millainen", "kumpi", "mitä"}
_CLITIC_Q = re.compile(r"\w+(ko|kö)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Misunderstanding:
    goal: str
    fact: str
    said: str  # the learner's words
    expected: str  # the right value, as the partner says it

    def to_dict(self) -> Misread:
        return {"goal": self.goal, "fact": self.fact, "said": self.said, "expected": self.expected}


@dataclass
class TurnReading:
    kind: str  # answer | repair | empty | english | off_topic | misunderstood | question
    intents: list[str] = field(default_factory=list)
    new_goals: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)  # goal id → best evidence (0–1)
    words: int = 0
    question: bool = False
    misunderstood: list[Misunderstanding] = field(default_factory=list)
    contradicted: list[str] = field(default_factory=list)  # goals the turn's polarity contradicts
    answer: str | None = None  # kind "question": the fact-sheet entry asked about ("" = none fits)


@dataclass(frozen=True)
class ScenarioData:
    """Everything reading a turn needs of one scenario, computed once (see GoalTracker.warm)."""

    examples: dict[str, np.ndarray]  # goal id → example vectors
    vocab: set[str]
    polarity: dict[str, GoalPolarity]
    answers: dict[str, np.ndarray]  # answer id → example question vectors


def _lemmas(analysis: Analysis) -> set[str]:
    out: set[str] = set()
    for t in analysis.words:
        out.add(t.lemma.lower())
        out.add(t.text.lower())
        out.update(p.lower() for p in t.compound_parts)
    return out


def _has_lemma(turn: set[str], lemma: str) -> bool:
    lemma = lemma.lower()
    if lemma in turn:
        return True
    # a compound whose head is the lemma: "lääkärintodistus" shows "todistus"
    return len(lemma) >= 4 and any(w.endswith(lemma) and len(w) > len(lemma) for w in turn)


class GoalTracker:
    def __init__(self, analyser: Analyser, embedder: Embedder | None = None, threshold: float = 0.8) -> None:
        self.analyser = analyser
        self.embedder = embedder or TrigramEmbedder()
        self.threshold = threshold
        self._cache: dict[tuple[str, int], ScenarioData] = {}
        self._lock = threading.Lock()

    def warm(self, scenarios: Sequence[Scenario]) -> int:
        """Computes what reading turns needs for every scenario now (at start-up), so that the first
        turn of a session is as fast as the later ones. Returns the number of scenarios warmed."""
        for scenario in scenarios:
            self._scenario_data(scenario)
        return len(scenarios)

    def _scenario_data(self, scenario: Scenario) -> ScenarioData:
        key = (scenario.id, scenario.version)
        with self._lock:
            hit = self._cache.get(key)
        if hit is not None:
            return hit
        examples = {g.id: _normalised(self.embedder.embed_batch(list(g.examples))) for g in scenario.goals}
        answers = {a.id: _normalised(self.embedder.embed_batch(list(a.examples))) for a in scenario.answers if a.examples}
        texts = [p.fi for p in scenario.phrases] + [n.say.text(lv) for n in scenario.nodes for lv in n.say.levels]
        texts += [a.say.text(lv) for a in scenario.answers for lv in a.say.levels]
        vocab = {lemma.lower() for g in scenario.goals for lemma in g.lemmas} | {k.lower() for k in scenario.key_terms}
        vocab |= {w.lower() for a in scenario.answers for w in a.about}
        pols: dict[str, GoalPolarity] = {}
        examples_texts = [e for g in scenario.goals for e in g.examples]
        analysed = iter(self._analyse_all(examples_texts + texts))
        for g in scenario.goals:
            mine = [next(analysed) for _ in g.examples]
            pols[g.id] = goal_polarity(g, mine)
            for a in mine:
                vocab |= _lemmas(a)
        for a in analysed:
            vocab |= _lemmas(a)
        data = ScenarioData(examples, vocab - _FUNCTION_LEMMAS, pols, answers)
        with self._lock:
            self._cache[key] = data
        return data

    def _analyse_all(self, texts: list[str]) -> list[Analysis]:
        many = getattr(self.analyser, "analyse_many", None)  # batched parse when the analyser has it
        return list(many(texts)) if many is not None else [self.analyser.analyse(t) for t in texts]

    def intents(self, analysis: Analysis) -> tuple[list[str], bool]:
        lemmas = _lemmas(analysis)
        text = analysis.text.lower()
        found = [name for name, words in _INTENT_LEMMAS.items() if lemmas & words or any(" " in w and w in text for w in words)]
        first = analysis.words[0].text.lower() if analysis.words else ""
        if first in _GREETING_OPENERS and not text.startswith("hei hei"):
            found.insert(0, "greeting")
        question = "?" in text or bool(lemmas & _QUESTION_LEMMAS) or any(
            t.feats.get("Clitic") in {"Ko", "Kö"} or (_CLITIC_Q.fullmatch(t.text) and i == 0)
            for i, t in enumerate(analysis.words)
        )
        if question:
            found.append("question")
        return found, question

    def goal_evidence(self, goal: Goal, lemmas: set[str], intents: list[str], sims: list[float],
                      spoken: Collection[str] = ()) -> float:
        """1.0 by the lemma/intent rule, else the best similarity. `spoken`: words Voikko does not know
        (spoken forms, "kipee"), which count for a goal lemma sharing their stem ("kipeä")."""
        score = max(sims, default=0.0) if sims else 0.0
        by_rule = False
        if goal.lemmas or goal.intents:
            hits = sum(1 for lemma in goal.lemmas
                       if _has_lemma(lemmas, lemma) or (spoken and similar(lemma.lower(), set(spoken))))
            lemma_ok = not goal.lemmas or hits >= goal.min_lemmas
            intent_ok = not goal.intents or any(i in intents for i in goal.intents)
            by_rule = lemma_ok and intent_ok
        return 1.0 if by_rule else score

    def read(self, scenario: Scenario, text: str, reached: Sequence[str] = (),
             heard: Collection[str] | None = None) -> TurnReading:
        """Reads one learner turn. `heard`: the nodes the partner has spoken so far (their facts are
        checked); None checks the facts of every node."""
        stripped = (text or "").strip()
        if not stripped or not any(c.isalnum() for c in stripped):
            return TurnReading(kind="empty")
        analysis = self.analyser.analyse(stripped)
        words = analysis.words
        intents, question = self.intents(analysis)
        reading = TurnReading(kind="answer", intents=intents, words=len(words), question=question)
        if _REPAIR.search(stripped) and len(words) <= 8:
            reading.kind = "repair"
            return reading
        # the parse may file English words as X or NUM ("I"), so count plain letter runs here
        lowered = re.findall(r"[^\W\d_]+", stripped.lower())
        english = sum(1 for w in lowered if w in _ENGLISH)
        unknown = sum(1 for t in analysis.tokens if t.text.isalpha() and not t.known)
        if lowered and (english / len(lowered) >= 0.4 or (unknown / len(lowered) >= 0.6 and english >= 1)):
            reading.kind = "english"
            return reading
        data = self._scenario_data(scenario)
        lemmas = _lemmas(analysis)
        pol = polarity(analysis)
        # a one- or two-word turn is too short for similarity to mean anything ("Hei" ~ "Kiitos, hei hei")
        vec = _normalised(self.embedder.embed_batch([stripped]))[0] if len(words) >= 3 else None
        facts = [f for n in scenario.nodes if heard is None or n.id in heard for f in n.facts]
        spoken = {t.text.lower() for t in words if not t.known and len(t.text) >= 5}
        checks = check_facts(facts, analysis, pol) if facts else []
        for goal in scenario.goals:
            sims = [float(x) for x in data.examples[goal.id] @ vec] if vec is not None else []
            score = self._judge(goal, self.goal_evidence(goal, lemmas, intents, sims, spoken), data.polarity[goal.id],
                                analysis, pol, [f for f in facts if f.goal == goal.id],
                                [c for c in checks if c.fact.goal == goal.id], reading)
            reading.scores[goal.id] = round(score, 3)
            if score >= self.threshold and goal.id not in reached:
                reading.new_goals.append(goal.id)
        reading.misunderstood = [m for m in reading.misunderstood if m.goal not in reached]
        if reading.misunderstood:
            reading.kind = "misunderstood"
            return reading
        if question and not reading.new_goals:
            self._answer(scenario, data, stripped, lemmas, reading)
            if reading.kind == "question":
                return reading
        # only words Voikko knows count: colloquial speech ("mä oon kipee") is not off-topic
        content = {t.lemma.lower() for t in words if t.known and t.lemma.lower() not in _FUNCTION_LEMMAS and t.upos != "PROPN"}
        if not reading.new_goals and not intents and len(content) >= 3 and not (lemmas & data.vocab):
            reading.kind = "off_topic"
        return reading

    def _judge(self, goal: Goal, score: float, gp: GoalPolarity, analysis: Analysis, pol: Polarity,
               stated: list[Fact], checks: list[FactCheck], reading: TurnReading) -> float:
        """The evidence after polarity and facts: a contradicting turn reaches nothing (score 0); a
        goal that repeats stated facts needs at least one of them right, and all of them right is enough."""
        wrong = [c for c in checks if c.status == "contradicted"]
        for c in wrong:
            reading.misunderstood.append(Misunderstanding(goal.id, c.fact.id, c.said, c.fact.say))
        if wrong:
            return 0.0
        if gp.contradicted(pol, analysis):
            reading.contradicted.append(goal.id)
            return 0.0
        if not stated:
            return score
        if not checks:
            return min(score, self.threshold - 0.01)
        return 1.0 if len(checks) == len(stated) else score

    def _answer(self, scenario: Scenario, data: ScenarioData, text: str, lemmas: set[str], reading: TurnReading) -> None:
        if not scenario.answers and scenario.unknown_answer is None:
            return
        vec = _normalised(self.embedder.embed_batch([text]))[0]
        sims = {aid: float(np.max(m @ vec)) for aid, m in data.answers.items()}
        found = match_answer(list(scenario.answers), lemmas - _FUNCTION_LEMMAS, sims, self.threshold)
        reading.kind, reading.answer = "question", found.id if found else ""
