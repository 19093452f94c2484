"""The profile's own words for the slots of a template: key nouns inflected by omorfi (the project's
morphological generator, never string edits), key verbs, and short sentences of its texts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from finnish.generator import FormGenerator
from finnish.profile import KeyTerm, TaskProfile

CASES = ("Nom", "Gen", "Par", "Ine", "Ela", "Ill", "Ade", "All")
MAX_SENTENCE_WORDS = 12
_WORD = re.compile(r"^[a-zåäöA-ZÅÄÖ][a-zåäö\-]{1,40}$")
_SLOT = re.compile(r"\{([a-z]+[0-9]?)(?:\.([A-Z][a-z]{2}))?\}")
_SENTENCE_KINDS = {"instruction": ("instruction",), "warning": ("warning",), "question": ("question", "request")}


@dataclass(frozen=True)
class Noun:
    lemma: str
    forms: dict[str, str]


@dataclass
class Words:
    """What one scenario's slots are filled with."""

    nouns: list[Noun] = field(default_factory=list)
    verbs: list[str] = field(default_factory=list)
    sentences: dict[str, str] = field(default_factory=dict)
    fixed: dict[str, str] = field(default_factory=dict)  # name, title

    def value(self, slot: str, case: str | None) -> str | None:
        """The text of one slot, or None when this profile cannot fill it."""
        if slot in self.fixed:
            return self.fixed[slot] if case is None else None
        if slot in self.sentences:
            return self.sentences[slot] if case is None else None
        kind, index = slot[:1], int(slot[1:] or 1) - 1 if slot[1:].isdigit() else -1
        if kind == "n" and 0 <= index < len(self.nouns):
            noun = self.nouns[index]
            return noun.lemma if case is None else noun.forms.get(case)
        if kind == "v" and 0 <= index < len(self.verbs) and case is None:
            return self.verbs[index]
        return None

    def lemmas(self) -> list[str]:
        return [n.lemma for n in self.nouns] + list(self.verbs)


def fill(text: str, words: Words, *, english: bool = False) -> str | None:
    """The text with its slots filled (English gets lemmas), or None if a slot cannot be filled."""
    missing = False

    def one(match: re.Match[str]) -> str:
        nonlocal missing
        value = words.value(match[1], None if english else match[2])
        if value is None:
            missing = True
            return ""
        return value

    out = _SLOT.sub(one, text)
    if missing:
        return None
    return _capitalise_sentences(out)


def _capitalise_sentences(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return re.sub(r"([.!?] )([a-zåäö])", lambda m: m[1] + m[2].upper(), text)


def slot_cases(texts: Iterable[str]) -> tuple[str, ...]:
    """The cases that slots in these texts ask for ({n1.Gen} → Gen), in CASES order: only these are generated."""
    wanted = {m[2] for text in texts for m in _SLOT.finditer(text) if m[2]}
    return tuple(c for c in CASES if c in wanted)


def inflect(term: KeyTerm, generator: FormGenerator, cases: Iterable[str] = CASES) -> Noun | None:
    """Every case asked for (the templates use), or None when omorfi cannot make them all (the term is skipped)."""
    forms: dict[str, str] = {"Nom": term.lemma}
    for case in cases:
        if case == "Nom":
            continue
        form = generator.nominal(term.lemma, "NOUN", case)
        if form is None and len(term.parts) >= 2:
            form = generator.compound(tuple(term.parts), "NOUN", case)
        if not form:
            return None
        forms[case] = form
    return Noun(term.lemma, forms)


def _usable(term: KeyTerm) -> bool:
    return not term.multiword and bool(_WORD.match(term.lemma)) and term.lemma == term.lemma.lower()


def candidate_terms(profile: TaskProfile, upos: str) -> list[KeyTerm]:
    """Key terms of one part of speech, strongest first."""
    terms = [t for t in profile.key_terms if t.upos == upos and _usable(t)]
    return sorted(terms, key=lambda t: -t.keyness)


def profile_sentences(profile: TaskProfile) -> dict[str, list[str]]:
    """Short, whole sentences of the profile's phrases, by slot ({instruction}, {warning}, {question})."""
    out: dict[str, list[str]] = {slot: [] for slot in _SENTENCE_KINDS}
    for phrase in profile.phrases:
        text = " ".join(phrase.text.split())
        if len(text.split()) > MAX_SENTENCE_WORDS or text[-1:] not in ".!?" or not text[:1].isupper():
            continue
        for slot, kinds in _SENTENCE_KINDS.items():
            if phrase.kind in kinds and text not in out[slot]:
                out[slot].append(text)
    return out
