"""Response schemas of the language routes (`/api/v1/analysis`, `/api/v1/feedback`).

A feedback issue is `finnish.feedback_model.FeedbackIssue` itself (`IssueOut`): the same in `/feedback`,
in a simulation turn and in a session transcript."""

from __future__ import annotations

from finnish.feedback_model import FeedbackIssue
from service.core.schemas import Schema

# The one shape of a feedback issue, from the rule that finds it to the JSON that leaves (also in a
# simulation turn and a session transcript): the language layer's dataclass itself.
IssueOut = FeedbackIssue


class FeedbackResponse(Schema):
    issues: list[IssueOut]


class TokenOut(Schema):
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


class SentenceOut(Schema):
    start: int
    end: int


class LevelReasonOut(Schema):
    feature: str
    value: float
    points: float
    message: str
    message_en: str


class LevelOut(Schema):
    cefr: str
    score: float
    reliable: bool
    words: int
    sentences: int
    reasons: list[LevelReasonOut]


class AnalysisResponse(Schema):
    tokens: list[TokenOut]
    sentences: list[SentenceOut]
    level: LevelOut
