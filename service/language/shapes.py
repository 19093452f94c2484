"""What the language services answer: TypedDicts (JSON objects with named keys), read as dicts by the
routes, the UI, the CLI and the coach, checked key by key by mypy. The routes' schemas (`schemas.py`)
describe the same objects on the wire."""

from __future__ import annotations

from typing import TypedDict

from finnish.feedback_model import FeedbackIssueData
from finnish.level import LevelEstimate
from finnish.model import Analysis


class FeedbackResult(TypedDict):
    issues: list[FeedbackIssueData]


class TokenData(TypedDict):
    text: str
    start: int
    end: int
    lemma: str
    upos: str
    feats: dict[str, str]
    compound_parts: list[str]
    dep: str
    head: int
    sentence: int
    known: bool


class SentenceData(TypedDict):
    start: int
    end: int


class LevelReasonData(TypedDict):
    feature: str
    value: float
    points: float
    message: str
    message_en: str


class LevelData(TypedDict):
    cefr: str
    score: float
    reliable: bool
    words: int
    sentences: int
    reasons: list[LevelReasonData]


class AnalysisResult(TypedDict):
    tokens: list[TokenData]
    sentences: list[SentenceData]
    level: LevelData


def analysis_result(analysis: Analysis, level: LevelEstimate) -> AnalysisResult:
    """An analysis and its level estimate as JSON, field by field."""
    return {
        "tokens": [{"text": t.text, "start": t.start, "end": t.end, "lemma": t.lemma, "upos": t.upos,
                    "feats": dict(t.feats), "compound_parts": list(t.compound_parts), "dep": t.dep, "head": t.head,
                    "sentence": t.sentence, "known": t.known} for t in analysis.tokens],
        "sentences": [{"start": s.start, "end": s.end} for s in analysis.sentences],
        "level": {"cefr": level.cefr, "score": level.score, "reliable": level.reliable, "words": level.words,
                  "sentences": level.sentences,
                  "reasons": [{"feature": r.feature, "value": r.value, "points": r.points, "message": r.message,
                               "message_en": r.message_en} for r in level.reasons]},
    }
