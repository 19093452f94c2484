"""The analysis data model shared by every room: tokens with offsets, sentences, the whole analysis."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    lemma: str
    upos: str
    feats: dict[str, str] = field(default_factory=dict)
    compound_parts: tuple[str, ...] = ()
    dep: str = ""
    head: int = -1  # index of the head token within Analysis.tokens; -1 for the root / unknown
    sentence: int = 0
    known: bool = True  # Voikko recognises the word form (punctuation and numbers count as known)

    def feat(self, name: str) -> str | None:
        return self.feats.get(name)

    @property
    def is_word(self) -> bool:
        return self.upos not in {"PUNCT", "SYM", "NUM", "X", "SPACE"} and any(c.isalpha() for c in self.text)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["compound_parts"] = list(self.compound_parts)
        return data


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    first_token: int
    last_token: int  # exclusive

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Analysis:
    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]

    def sentence_tokens(self, index: int) -> tuple[Token, ...]:
        s = self.sentences[index]
        return self.tokens[s.first_token : s.last_token]

    @property
    def words(self) -> list[Token]:
        return [t for t in self.tokens if t.is_word]

    def to_dict(self) -> dict[str, Any]:
        return {
            "tokens": [t.to_dict() for t in self.tokens],
            "sentences": [s.to_dict() for s in self.sentences],
        }
