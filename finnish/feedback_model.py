"""The shape of one piece of learner feedback, shared by the feedback engine and its users."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

CATEGORIES = (
    "spelling", "agreement", "object_case", "government", "numeral", "postposition",
    "missing_verb", "repetition", "punctuation", "style", "vocabulary",
)
Category = Literal[
    "spelling", "agreement", "object_case", "government", "numeral", "postposition",
    "missing_verb", "repetition", "punctuation", "style", "vocabulary",
]
Register = Literal["written", "spoken"]


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
