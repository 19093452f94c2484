"""Is this text Finnish? A cheap check before the feedback rules run on it, so that English or
Arabic text gets one clear note instead of a spelling error on every word.

Signals: the share of letters outside the Latin script; the share of words Voikko recognises;
the share of words that are much more frequent in English than in Finnish (wordfreq). Learner
Finnish is full of misspellings, so a text counts as not Finnish only when the evidence is clear.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from finnish.frequency import zipf
from finnish.voikko import VoikkoTools

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LATIN_EXTRA = set("åäöšžÅÄÖŠŽ")


@dataclass(frozen=True)
class LanguageGuess:
    is_finnish: bool
    reason: str
    known_share: float
    english_share: float
    foreign_script_share: float


def _is_latin(c: str) -> bool:
    if c in _LATIN_EXTRA or c.isascii():
        return True
    return "LATIN" in unicodedata.name(c, "")


def english_like(word: str) -> bool:
    """Much more common in English than in Finnish (hello, kitchen, gloves)."""
    from wordfreq import zipf_frequency

    low = word.lower()
    return zipf_frequency(low, "en") >= 3.0 and zipf_frequency(low, "en") > zipf(low) + 1.0


def guess_language(text: str, voikko: VoikkoTools) -> LanguageGuess:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return LanguageGuess(False, "no_letters", 0.0, 0.0, 0.0)
    foreign = sum(1 for c in letters if not _is_latin(c)) / len(letters)
    words = _WORD.findall(text)
    if foreign > 0.3:
        return LanguageGuess(False, "script", 0.0, 0.0, foreign)
    known = sum(1 for w in words if voikko.spell(w)) / len(words)
    unknown = [w for w in words if not voikko.spell(w)]
    english = sum(1 for w in words if english_like(w)) / len(words)
    english_unknown = sum(1 for w in unknown if english_like(w)) / len(words)
    if len(words) >= 3 and english_unknown >= 0.4 and known < 0.6:
        return LanguageGuess(False, "english", known, english, foreign)
    if len(words) < 3 and english_unknown == 1.0 and known == 0.0:
        return LanguageGuess(False, "english", known, english, foreign)
    return LanguageGuess(True, "finnish", known, english, foreign)


def is_finnish(text: str, voikko: VoikkoTools) -> bool:
    return guess_language(text, voikko).is_finnish
