"""A small model of the spelling slips learners of Finnish make, for ranking corrections.

Each candidate correction is classified by the slip that would turn it into what the learner
wrote, and each slip class has a weight: how typical it is of learners (vowel harmony, the
partitive ending, sound length and consonant gradation are; an arbitrary letter swap is a typist's
slip). `spelling.rank_suggestions` adds the weight to closeness and word frequency.
"""

from __future__ import annotations

BACK, FRONT = "aou", "äöy"
_TO_FRONT = str.maketrans(BACK + BACK.upper(), FRONT + FRONT.upper())
_TO_BACK = str.maketrans(FRONT + FRONT.upper(), BACK + BACK.upper())
VOWELS = "aeiouyäö"
# weight of each slip class in the ranking (score units: one edit of distance costs 1.5)
SLIP_WEIGHTS: dict[str, float] = {
    "harmony": 3.0, "partitive": 2.5, "length": 3.0, "gradation": 2.0, "vowel_dropped": 1.5,
}
_GRADATION = [("kk", "k"), ("pp", "p"), ("tt", "t"), ("k", ""), ("p", "v"), ("t", "d"), ("nk", "ng"),
              ("mp", "mm"), ("lt", "ll"), ("rt", "rr"), ("nt", "nn")]


def harmonised(word: str) -> set[str]:
    """The word with all its a/o/u made ä/ö/y, and the other way round (only for a word that mixes
    back and front vowels, which a native Finnish word never does)."""
    low = word.lower()
    if not (any(c in low for c in BACK) and any(c in low for c in FRONT)):
        return set()
    return {word.translate(_TO_FRONT), word.translate(_TO_BACK)}


def length_variants(word: str) -> set[str]:
    out: set[str] = set()
    for i, c in enumerate(word):
        if c.isalpha():
            out.add(word[: i + 1] + c + word[i + 1 :])
            if i + 1 < len(word) and word[i + 1] == c:
                out.add(word[:i] + word[i + 1 :])
    return out


def partitive_variants(word: str) -> set[str]:
    """museoa → museota, perunaata → perunaa, kahvita → kahvia: the -a/-ta choice of the partitive."""
    out: set[str] = set()
    low = word.lower()
    if len(low) < 3 or low[-1] not in "aä":
        return out
    if low[-2] in "tT":
        stem = word[:-2]
        out.add(stem)  # perunaata → perunaa
        out.add(stem + word[-1])  # kahvita → kahvia
    elif low[-2] in VOWELS:
        out.add(word[:-1] + "t" + word[-1])  # museoa → museota
    return out


def vowel_insertions(word: str) -> set[str]:
    """kirjotan → kirjoitan: a vowel of a diphthong left out (as in speech)."""
    return {word[:i] + v + word[i:] for i in range(1, len(word)) for v in "ie" if word[i - 1].lower() in VOWELS}


def slip_variants(word: str) -> set[str]:
    """Every form one learner slip away (harmony and length may combine: kaupasä → kaupassa)."""
    if len(word) > 24:
        return set()
    out = length_variants(word) | partitive_variants(word) | vowel_insertions(word)
    for h in harmonised(word):
        out |= {h} | length_variants(h) | partitive_variants(h)
    for strong, weak in _GRADATION:
        if strong and strong in word:
            out.add(word.replace(strong, weak, 1))
        if weak and weak in word:
            out.add(word.replace(weak, strong, 1))
    out.discard(word)
    return out


def slip_kind(written: str, intended: str) -> str | None:
    """The learner slip that turns `intended` into `written`, or None for another kind of edit."""
    w, c = written.lower(), intended.lower()
    if c in harmonised(w) or any(c in length_variants(h) or c in partitive_variants(h) for h in harmonised(w)):
        return "harmony"
    if c in partitive_variants(w):
        return "partitive"
    if c in length_variants(w):
        return "length"
    if c in vowel_insertions(w):
        return "vowel_dropped"
    if any((s in w and w.replace(s, t, 1) == c) or (t and t in w and w.replace(t, s, 1) == c) for s, t in _GRADATION):
        return "gradation"
    return None


def slip_weight(written: str, intended: str) -> float:
    kind = slip_kind(written, intended)
    return SLIP_WEIGHTS[kind] if kind else 0.0
