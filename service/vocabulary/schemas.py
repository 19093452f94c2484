"""Request and response models of the vocabulary API (`/api/v1/vocabulary/...`)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from finnish.vocabulary.checker import MAX_ANSWER_CHARS

CardState = Literal["new", "learning", "known"]


class FormOut(BaseModel):
    form: str
    sentence: str


class CardOut(BaseModel):
    id: str
    lemma: str
    pos: str = Field(description="UPOS of a word (NOUN, VERB …) or PHRASE")
    forms: list[FormOut] = Field(description="the forms the task's own texts use, with the sentence of each")
    gloss: str | None = Field(default=None, description="English gloss from FreeDict, matched by lemma and word class")
    audio_url: str | None = None
    state: CardState
    due: datetime | None = None
    source: Literal["profile", "simulation"] = "profile"


class CardsOut(BaseModel):
    target: str
    title: str
    cards: list[CardOut]


class ExerciseOut(BaseModel):
    id: str
    card: str
    kind: Literal["cloze", "choice", "listen", "situation"]
    prompt: str = Field(description="a cloze prompt is the workplace sentence with ___ where the word was")
    headword: str
    choices: list[str] | None = None
    audio_url: str | None = None


class ExercisesOut(BaseModel):
    target: str
    exercises: list[ExerciseOut]


class ReviewIn(BaseModel):
    exercise: str = Field(min_length=1, max_length=400)
    answer: str = Field(max_length=MAX_ANSWER_CHARS, description=f"1–{MAX_ANSWER_CHARS} characters")

    @field_validator("answer")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("Vastaus puuttuu: kirjoita sana. (The answer is empty: write the word.)")
        return value


class Explanation(BaseModel):
    fi: str
    en: str


class ReviewOut(BaseModel):
    result: Literal["right", "wrong_form", "typo", "wrong_word"]
    expected: str
    explanation: Explanation
    next_due: datetime
    card: str
    state: CardState


class SummaryOut(BaseModel):
    reviewed_today: int
    right_today: int
    new_today: int
    due_now: int
    remaining: int
    fi: str
    en: str


class SessionOut(BaseModel):
    target: str
    items: list[ExerciseOut] = Field(description="today's exercises: due cards first, then new ones")
    due: int
    new: int
    summary: SummaryOut


class StatsOut(BaseModel):
    target: str
    total: int
    new: int
    learning: int
    known: int
    due_now: int
    reviews: int
    right_share: float | None
    known_words: list[str]
