"""The shape of one piece of learner feedback, shared by the feedback engine and its users."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NotRequired

from typing_extensions import TypedDict  # pydantic needs this one on Python 3.11

CATEGORIES = (
    "spelling", "agreement", "object_case", "government", "numeral", "postposition",
    "missing_verb", "repetition", "punctuation", "style", "vocabulary",
)
Category = Literal[
    "spelling", "agreement", "object_case", "government", "numeral", "postposition",
    "missing_verb", "repetition", "punctuation", "style", "vocabulary",
]
Register = Literal["written", "spoken"]


class FeedbackIssueData(TypedDict):
    """A FeedbackIssue as JSON: what `to_dict` gives, what a turn answers and a transcript stores.
    `category` is a plain string here because stored transcripts outlive the list of categories;
    the last three keys may be missing from data written by hand (tests, imports)."""

    start: int
    end: int
    category: str
    rule: str
    message: str
    message_en: str
    suggestions: NotRequired[list[str]]
    example: NotRequired[str]
    severity: NotRequired[Literal["error", "hint", "info"]]


@dataclass(frozen=True)
class FeedbackIssue:
    start: int  # character offsets of the words at fault in the original text
    end: int
    category: Category
    rule: str  # stable rule id, e.g. "agreement.pronoun_verb"
    message: str  # plain Finnish (A2 wording)
    message_en: str
    suggestions: list[str] = field(default_factory=list)
    example: str = ""  # a short example of the right form
    severity: Literal["error", "hint", "info"] = "error"

    def to_dict(self) -> FeedbackIssueData:
        return {"start": self.start, "end": self.end, "category": self.category, "rule": self.rule,
                "message": self.message, "message_en": self.message_en, "suggestions": list(self.suggestions),
                "example": self.example, "severity": self.severity}
