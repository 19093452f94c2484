"""Is a workplace text Finnish? A strict check for the authentic texts of a task-language profile
(learner text gets the lenient check of finnish.language_id). A word votes for Finnish when
wordfreq finds it at least as frequent in Finnish as in English and Swedish, the languages
workplace texts in Finland are most often written in besides Finnish."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]{2,}")
MIN_SHARE = 0.5
SAMPLE_WORDS = 400


@dataclass(frozen=True)
class LanguageCheck:
    finnish: bool
    share: float  # share of the sampled words that look Finnish
    words: int


@lru_cache(maxsize=100_000)
def _looks_finnish(word: str) -> bool:
    from wordfreq import zipf_frequency

    fi = zipf_frequency(word, "fi")
    if fi == 0:
        # unseen by wordfreq (long compounds, rare inflections): Finnish letters or long vowels vote
        return bool(re.search(r"[äö]|(aa|ee|ii|uu|yy|ää|öö)", word))
    return fi >= zipf_frequency(word, "en") and fi >= zipf_frequency(word, "sv")


def check_finnish(text: str) -> LanguageCheck:
    words = [w.lower() for w in _WORD.findall(text)][:SAMPLE_WORDS]
    if not words:
        return LanguageCheck(False, 0.0, 0)
    share = sum(1 for w in words if _looks_finnish(w)) / len(words)
    return LanguageCheck(share >= MIN_SHARE, round(share, 3), len(words))
