"""General-Finnish word frequency (wordfreq, Zipf scale) and frequency bands."""

from __future__ import annotations

from functools import lru_cache

ZIPF_COMMON = 4.0  # about once in 100,000 words or more often
ZIPF_RARE = 3.0  # less than once in a million words


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of a word form in general Finnish (0 = unseen, 7 = the most common words)."""
    from wordfreq import zipf_frequency  # loads its data file on first use

    if not word:
        return 0.0
    return float(zipf_frequency(word.lower(), "fi"))


def lemma_zipf(lemma: str, form: str | None = None) -> float:
    """wordfreq counts word forms; a lemma is usually its own most common form, so take the larger."""
    best = zipf(lemma)
    if form:
        best = max(best, zipf(form))
    return best


def zipf_band(value: float) -> str:
    if value >= 5.0:
        return "very_common"
    if value >= ZIPF_COMMON:
        return "common"
    if value >= ZIPF_RARE:
        return "less_common"
    return "rare"
