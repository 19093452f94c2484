"""The analysis data model shared by every room: tokens with offsets, sentences, the whole analysis."""

from __future__ import annotations

from collections.abc import Sequence
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


def _shifted(t: Token, chars: int, tokens: int, sentences: int) -> Token:
    # the constructor, not dataclasses.replace (3x slower; this runs for every token of a report)
    return Token(text=t.text, start=t.start + chars, end=t.end + chars, lemma=t.lemma, upos=t.upos, feats=t.feats,
                 compound_parts=t.compound_parts, dep=t.dep, head=t.head + tokens if t.head >= 0 else t.head,
                 sentence=t.sentence + sentences, known=t.known)


def join_analyses(analyses: Sequence[Analysis], sep: str = " ") -> Analysis:
    """The analysis of the texts joined with `sep`, built from their own analyses instead of a new
    parse: each part's offsets, token indexes (sentences' ranges, heads) and sentence indexes are
    shifted past the parts before it, so every part keeps its own sentences and parse."""
    if len(analyses) == 1:
        return analyses[0]
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    chars = 0
    for a in analyses:
        n_tok, n_sent = len(tokens), len(sentences)
        if chars == n_tok == n_sent == 0:
            tokens += a.tokens
            sentences += a.sentences
        else:
            tokens += [_shifted(t, chars, n_tok, n_sent) for t in a.tokens]
            sentences += [Sentence(s.start + chars, s.end + chars, s.first_token + n_tok, s.last_token + n_tok)
                          for s in a.sentences]
        chars += len(a.text) + len(sep)
    return Analysis(text=sep.join(a.text for a in analyses), tokens=tuple(tokens), sentences=tuple(sentences))
