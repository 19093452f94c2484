"""A first CEFR estimate (A1–C2) of how hard a Finnish text is to read, with its reasons.

How it works: five measurable features each add points — mean sentence length in words, the
share of rare words (general-Finnish Zipf < 3 from wordfreq), the share of long words (13+
letters, mostly compounds and derivations), subordinate clauses per sentence (from the spaCy-fi
parse) and the share of participles and passives among verbs. The points map onto A1–C2 by
thresholds tuned on plain workplace instructions (A1–A2), shift notes and notices (A2–B1),
official guidance (B2) and legal prose (C1–C2).

Where it is weak: it measures the text's surface, not its topic knowledge or idioms; very short
texts (under ~30 words) give an unreliable estimate (the result says so); lists and tables read
as very short sentences and look easier than they are; spelling mistakes count as rare words.

The fitted model: when data/level_model.json (finnish.level_model, fitted on the graded texts of
corpora/graded/ by scripts/fit_level_model.py) says it beat this heuristic in cross-validation,
estimate_level uses it instead. Its features are rates per word and per sentence
(finnish.level_features), so a short sentence dense with nominalisations and participles is not
easy; each reason's points are then that feature's push on the level (coefficient × standardised
value, in levels, negative = easier), its score the level index (A1 = 0 … C2 = 5), and a last
reason names the hardest sentence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from finnish.frequency import ZIPF_RARE, lemma_zipf
from finnish.labels import CEFR_LEVELS
from finnish.level_features import LONG_WORD, MESSAGES, SUBORDINATE, features_of, sentence_features
from finnish.level_model import LevelModel, shipped_model
from finnish.model import Analysis

_THRESHOLDS = (1.2, 2.4, 3.8, 5.3, 7.0)  # points at which the next level starts


@dataclass(frozen=True)
class LevelReason:
    feature: str
    value: float
    points: float
    message: str
    message_en: str


@dataclass(frozen=True)
class LevelEstimate:
    cefr: str
    score: float
    reliable: bool
    words: int
    sentences: int
    reasons: list[LevelReason] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _clamp(value: float, high: float) -> float:
    return max(0.0, min(high, value))


def level_from_score(score: float) -> str:
    for level, threshold in zip(CEFR_LEVELS, _THRESHOLDS, strict=False):
        if score < threshold:
            return level
    return CEFR_LEVELS[-1]


def heuristic_level(analysis: Analysis) -> LevelEstimate:
    """The first estimate: points per feature, thresholds tuned by hand (the module docstring)."""
    words = analysis.words
    n_words = len(words)
    n_sent = max(1, sum(1 for i in range(len(analysis.sentences)) if any(t.is_word for t in analysis.sentence_tokens(i))))
    if n_words == 0:
        return LevelEstimate("A1", 0.0, False, 0, 0, [
            LevelReason("words", 0, 0, "Tekstissä ei ole sanoja.", "The text has no words."),
        ])

    mean_len = n_words / n_sent
    rare = sum(1 for t in words if t.upos != "PROPN" and lemma_zipf(t.lemma, t.text) < ZIPF_RARE) / n_words
    long_share = sum(1 for t in words if len(t.text) >= LONG_WORD) / n_words
    subordinate = sum(1 for t in analysis.tokens if t.dep in SUBORDINATE) / n_sent
    verbs = [t for t in analysis.tokens if t.upos in {"VERB", "AUX"}]
    part_pass = (
        sum(1 for t in verbs if t.feats.get("VerbForm") == "Part" or t.feats.get("Voice") == "Pass") / len(verbs)
        if verbs
        else 0.0
    )

    reasons = [
        LevelReason(
            "sentence_length", round(mean_len, 1), _clamp((mean_len - 5) / 5, 3.0),
            f"Virkkeissä on keskimäärin {mean_len:.1f} sanaa.",
            f"Sentences have {mean_len:.1f} words on average.",
        ),
        LevelReason(
            "rare_words", round(rare, 3), _clamp(rare * 10, 2.5),
            f"Harvinaisia sanoja on {rare:.0%}.",
            f"{rare:.0%} of the words are rare in general Finnish.",
        ),
        LevelReason(
            "long_words", round(long_share, 3), _clamp(long_share * 8, 2.0),
            f"Pitkiä sanoja (vähintään {LONG_WORD} kirjainta) on {long_share:.0%}.",
            f"{long_share:.0%} of the words are long ({LONG_WORD}+ letters, often compounds).",
        ),
        LevelReason(
            "subordinate_clauses", round(subordinate, 2), _clamp(subordinate * 0.8, 1.5),
            f"Sivulauseita on {subordinate:.1f} virkettä kohden.",
            f"{subordinate:.1f} subordinate clauses per sentence.",
        ),
        LevelReason(
            "participles_passives", round(part_pass, 3), _clamp(part_pass * 2, 1.0),
            f"Partisiippeja ja passiiveja on {part_pass:.0%} verbeistä.",
            f"{part_pass:.0%} of the verbs are participles or passives.",
        ),
    ]
    score = round(sum(r.points for r in reasons), 2)
    reliable = n_words >= 30
    if not reliable:
        reasons.append(LevelReason(
            "text_length", n_words, 0.0,
            "Teksti on lyhyt, joten arvio on epävarma.",
            "The text is short, so the estimate is uncertain.",
        ))
    reasons.sort(key=lambda r: -r.points)
    return LevelEstimate(level_from_score(score), score, reliable, n_words, n_sent, reasons)


def estimate_level(analysis: Analysis) -> LevelEstimate:
    """The level of a text with its reasons: the fitted model when it is shipped and beat the heuristic."""
    model = shipped_model()
    if model is None or not model.use_model or not analysis.words:
        return heuristic_level(analysis)
    return model_level(analysis, model)


def _reason(name: str, value: float, points: float) -> LevelReason:
    fi, en = MESSAGES[name]
    return LevelReason(name, round(value, 3), round(points, 2), fi.format(v=value), en.format(v=value))


HARDEST_MIN_WORDS = 5


def _hardest_sentence(analysis: Analysis, model: LevelModel,
                      per_sentence: list[tuple[int, dict[str, float]]]) -> LevelReason | None:
    scored = [(model.score(values), index) for index, values in per_sentence
              if values["sentence_length"] >= HARDEST_MIN_WORDS]  # not a heading
    if len(scored) < 2:
        return None
    score, index = max(scored)
    s = analysis.sentences[index]
    text = " ".join(analysis.text[s.start : s.end].split())
    text = text if len(text) <= 80 else text[:79].rsplit(" ", 1)[0] + " …"
    level = CEFR_LEVELS[int(min(len(CEFR_LEVELS) - 1, max(0, round(score))))]
    return LevelReason("hardest_sentence", index, 0.0, f"Vaikein virke ({level}): {text}",
                       f"The hardest sentence ({level}): {text}")


def model_level(analysis: Analysis, model: LevelModel) -> LevelEstimate:
    values = features_of(analysis)
    pushes = model.contributions(values)
    reasons = sorted((_reason(name, values[name], pushes[name]) for name in model.features), key=lambda r: -r.points)
    per_sentence = sentence_features(analysis)
    hardest = _hardest_sentence(analysis, model, per_sentence)
    n_words = len(analysis.words)
    n_sent = len(per_sentence) or 1
    reliable = n_words >= 30
    if not reliable:
        reasons.append(LevelReason(
            "text_length", n_words, 0.0,
            "Teksti on lyhyt, joten arvio on epävarma.",
            "The text is short, so the estimate is uncertain.",
        ))
    if hardest is not None:
        reasons.append(hardest)
    score = round(model.score(values), 2)
    return LevelEstimate(CEFR_LEVELS[model.level_index(values)], score, reliable, n_words, n_sent, reasons)
