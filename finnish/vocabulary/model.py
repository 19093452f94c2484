"""Typed models of the vocabulary trainer's language side: cards, the words an exercise removes from
a sentence, exercise items and the checker's verdicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Result = Literal["right", "wrong_form", "typo", "wrong_word"]
CardKind = Literal["word", "term", "phrase"]
ExerciseKind = Literal["cloze", "choice", "listen", "situation"]
EXERCISE_KINDS: tuple[ExerciseKind, ...] = ("cloze", "choice", "listen", "situation")


@dataclass(frozen=True, slots=True)
class FormUse:
    """One form of a card's word as a text of the task uses it, with the sentence it comes from."""

    form: str
    sentence: str


@dataclass(frozen=True, slots=True)
class TargetWord:
    """One word an exercise asks for: its form in the sentence, lemma, part of speech and what the
    context fixes (number fixed by agreement; an object whose total case may also be partitive)."""

    form: str
    lemma: str
    upos: str
    case: str | None = None
    number: str | None = None
    number_fixed: bool = True
    object_case_free: bool = False
    total_singular: str | None = None  # a free total object's singular case here (Nom after a command, else Gen)
    also_cases: tuple[str, ...] = ()  # other cases the gap takes (an existential subject: Nom or Par)
    tense_free: bool = False  # the sentence's only finite verb: present or past both fit
    exact: bool = False  # a negative verb form (älä sekoita): only this form


@dataclass(frozen=True, slots=True)
class ClozeItem:
    """A sentence of the task with the card's word (or multiword term) removed."""

    sentence: str
    prompt: str  # the sentence with ___ where the word was
    words: tuple[TargetWord, ...]

    @property
    def expected(self) -> str:
        return " ".join(w.form for w in self.words)


@dataclass(frozen=True, slots=True)
class VocabCard:
    key: str  # stable within a target: a hash of the headword
    lemma: str
    pos: str  # UPOS of a word, or PHRASE
    kind: CardKind
    forms: tuple[FormUse, ...]
    gloss: str | None = None
    band: str = ""
    phrase_kind: str = ""
    pattern: str = ""
    pattern_en: str = ""
    cloze: tuple[ClozeItem, ...] = ()

    @property
    def inflected(self) -> bool:
        """At least one attested form differs from the headword."""
        return any(f.form.casefold() != self.lemma.casefold() for f in self.forms)


@dataclass(frozen=True, slots=True)
class Explanation:
    fi: str
    en: str


@dataclass(frozen=True, slots=True)
class Verdict:
    result: Result
    expected: str
    explanation: Explanation
    needed: str = field(default="")  # the generated form named in a wrong_form explanation
