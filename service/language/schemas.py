"""Response schemas of the language routes (`/api/v1/analysis`, `/api/v1/feedback`).

`IssueOut` is the one JSON shape of a feedback issue (`finnish.feedback_model.FeedbackIssue`): the same
in `/feedback`, in a simulation turn and in a session transcript."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from service.core.schemas import Schema


class IssueOut(Schema):
    start: int = Field(description="Character offset of the words at fault")
    end: int
    category: str = Field(description="spelling, agreement, object_case, government, numeral, postposition, "
                                      "missing_verb, repetition, punctuation, style or vocabulary")
    rule: str
    message: str = Field(description="Plain Finnish")
    message_en: str
    suggestions: list[str]
    example: str = ""
    severity: Literal["error", "hint", "info"] = "error"


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
