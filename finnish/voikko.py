"""Voikko (libvoikko + voikko-fi) behind a small thread-safe wrapper.

Voikko returns several readings per word form and the first is often wrong (leviä → levä), so
`best_reading` picks the one that agrees with spaCy's part of speech and morphology.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

CLASS_TO_UPOS: dict[str, tuple[str, ...]] = {
    "nimisana": ("NOUN",),
    "laatusana": ("ADJ",),
    "nimisana_laatusana": ("NOUN", "ADJ"),
    "teonsana": ("VERB", "AUX"),
    "seikkasana": ("ADV",),
    "asemosana": ("PRON", "DET"),
    "suhdesana": ("ADP",),
    "huudahdussana": ("INTJ",),
    "sidesana": ("CCONJ", "SCONJ"),
    "etunimi": ("PROPN",),
    "sukunimi": ("PROPN",),
    "paikannimi": ("PROPN",),
    "nimi": ("PROPN",),
    "lukusana": ("NUM",),
    "kieltosana": ("AUX", "VERB"),
    "lyhenne": ("NOUN", "PROPN", "X"),
}

SIJAMUOTO_TO_CASE: dict[str, str] = {
    "nimento": "Nom",
    "omanto": "Gen",
    "osanto": "Par",
    "olento": "Ess",
    "tulento": "Tra",
    "sisaolento": "Ine",
    "sisaeronto": "Ela",
    "sisatulento": "Ill",
    "ulkoolento": "Ade",
    "ulkoeronto": "Abl",
    "ulkotulento": "All",
    "vajanto": "Abe",
    "keinonto": "Ins",
    "seuranto": "Com",
    "kerrontosti": "Sti",
}

_WORDBASE = re.compile(r"\+([^(+]*)\(([^)]*)\)")

NUMBER_TO_UD = {"singular": "Sing", "plural": "Plur"}


@dataclass(frozen=True, slots=True)
class Reading:
    baseform: str
    word_class: str
    case: str | None
    number: str | None
    person: str | None
    mood: str | None
    tense: str | None
    negative: str | None
    wordbases: str
    structure: str
    raw: tuple[tuple[str, str], ...]

    @classmethod
    def from_voikko(cls, a: dict[str, Any]) -> Reading:
        return cls(
            baseform=a.get("BASEFORM", ""),
            word_class=a.get("CLASS", ""),
            case=SIJAMUOTO_TO_CASE.get(a.get("SIJAMUOTO", "")),
            number=NUMBER_TO_UD.get(a.get("NUMBER", "")),
            person=a.get("PERSON"),
            mood=a.get("MOOD"),
            tense=a.get("TENSE"),
            negative=a.get("NEGATIVE"),
            wordbases=a.get("WORDBASES", "") or "",
            structure=a.get("STRUCTURE", "") or "",
            raw=tuple(sorted((k, str(v)) for k, v in a.items())),
        )

    @property
    def upos_candidates(self) -> tuple[str, ...]:
        return CLASS_TO_UPOS.get(self.word_class, ())


def compound_parts(surface: str, reading: Reading) -> tuple[str, ...]:
    """The parts of a compound, as lemma-like strings: potilashuoneessa → (potilas, huone).

    WORDBASES lists each morpheme as +surface(base); derivational suffixes have a base that starts
    with '+' and belong to the part before them. The last part is read off the baseform, so it is
    in its dictionary form even when the surface is inflected.
    """
    pieces = _WORDBASE.findall(reading.wordbases)
    components: list[list[str]] = []
    for surf, base in pieces:
        if base.startswith("+") and components:
            components[-1].append(surf)
        else:
            components.append([surf])
    if len(components) < 2:
        return ()
    heads = ["".join(c) for c in components[:-1]]
    prefix = "".join(heads)
    baseform = reading.baseform.lower()
    if baseform.startswith(prefix.lower()) and len(baseform) > len(prefix):
        last = baseform[len(prefix) :]
    else:
        bases = [base for _, base in pieces if not base.startswith("+")]
        last = bases[-1].lower() if bases else "".join(components[-1]).lower()
    return tuple(p.lower() for p in heads) + (last,)


class VoikkoTools:
    """Spell checking, suggestions, analyses and grammar checking for Finnish. Thread-safe."""

    def __init__(self) -> None:
        import libvoikko  # heavy native library: imported where it is used

        self._lock = threading.Lock()
        self._voikko = libvoikko.Voikko("fi")
        self._analyse_cached = lru_cache(maxsize=200_000)(self._analyse_uncached)
        self._spell_cached = lru_cache(maxsize=200_000)(self._spell_uncached)

    def _analyse_uncached(self, word: str) -> tuple[Reading, ...]:
        with self._lock:
            raw = self._voikko.analyze(word)
        return tuple(Reading.from_voikko(a) for a in raw)

    def _spell_uncached(self, word: str) -> bool:
        with self._lock:
            return bool(self._voikko.spell(word))

    def analyse(self, word: str) -> tuple[Reading, ...]:
        if not word or len(word) > 100:
            return ()
        return self._analyse_cached(word)

    def spell(self, word: str) -> bool:
        if not word or len(word) > 100:
            return False
        return self._spell_cached(word)

    def suggest(self, word: str) -> list[str]:
        if not word or len(word) > 100:
            return []
        with self._lock:
            return list(self._voikko.suggest(word))

    def grammar_errors(self, text: str) -> list[Any]:
        with self._lock:
            return list(self._voikko.grammarErrors(text, "fi"))

    def grammar_error_explanation(self, error: Any, language: str = "fi") -> str:
        return str(getattr(error, "shortDescription", "") or "")

    def is_known_lemma(self, lemma: str) -> bool:
        """A real Finnish dictionary form: Voikko reads it as a baseform, or (for derivations such as
        -minen nouns, whose Voikko baseform is the verb) accepts it as a word in the nominative."""
        readings = self.analyse(lemma)
        return any(r.baseform.lower() == lemma.lower() or r.case == "Nom" for r in readings)

    def best_reading(
        self, word: str, upos: str | None = None, feats: dict[str, str] | None = None, lemma: str | None = None
    ) -> Reading | None:
        readings = self.analyse(word)
        if not readings:
            return None
        feats = feats or {}

        def score(r: Reading) -> int:
            s = 0
            if upos and upos in r.upos_candidates:
                s += 4
            if feats.get("Case") and r.case == feats["Case"]:
                s += 2
            if feats.get("Number") and r.number == feats["Number"]:
                s += 1
            if feats.get("Person") and r.person == feats["Person"]:
                s += 1
            if lemma and r.baseform.lower() == lemma.lower():
                s += 3
            return s

        return max(readings, key=score)  # max keeps the first of equals: Voikko's own order breaks ties
