"""Numbers, clock times, days and colours in a Finnish turn, as values.

Numbers come in digits ("12", "12,5") or in words, standard or spoken, nominative or inflected
("kaksitoista", "kakstoista", "kahtatoista", "kahdelta", "kakskyt", "sata viisikymmentä").
Clock times come as "14.00", "14:30", "klo 14", "kello kaksi", "puoli kolme", "varttia yli
kaksi", "varttia vaille kolme", "kahdelta"; a time is minutes after midnight and is compared on a
12-hour dial ("kello kaksi" is 2.00 or 14.00).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from finnish.model import Analysis, Token

# Units 1–9: spoken and standard nominatives, and the stems their inflected forms are built on.
_UNIT_WORDS: dict[str, int] = {
    "yksi": 1, "yks": 1, "kaksi": 2, "kaks": 2, "kolme": 3, "kolm": 3, "neljä": 4, "nelj": 4,
    "viisi": 5, "viis": 5, "kuusi": 6, "kuus": 6, "seitsemän": 7, "seittemän": 7, "seitsemä": 7,
    "kahdeksan": 8, "kaheksan": 8, "kahdeksa": 8, "yhdeksän": 9, "yheksän": 9, "yhdeksä": 9,
    "yhde": 1, "yhte": 1, "kahde": 2, "kahte": 2, "kahta": 2, "yhtä": 1, "kolmee": 3,
    "neljää": 4, "viide": 5, "viitt": 5, "kuude": 6, "kuutt": 6, "seitsemää": 7,
}
_UNIT = "|".join(sorted(_UNIT_WORDS, key=len, reverse=True))
# case endings of a number word (standard and spoken); matched after a unit or tens stem
_END = r"(?:n|a|ä|ta|tä|en|ään|een|lla|llä|lta|ltä|lle|ssa|ssä|sta|stä|ksi|nä|t|s)?"
_TEEN = re.compile(rf"^({_UNIT}){_END}(?:toista|toist|tois)$")
_TENS = re.compile(rf"^({_UNIT})?{_END}(?:kymmentä|kymment|kymmen|kyt|kymmene{_END})({_UNIT})?{_END}$")
_HUNDREDS = re.compile(rf"^({_UNIT})?{_END}(?:sataa|sata|sada{_END}|sadan)$")
_PLAIN = re.compile(rf"^({_UNIT}){_END}$")
_WHOLE: dict[str, float] = {"kymmenen": 10, "kymppi": 10, "kympin": 10, "kymmene": 10, "kymmeneltä": 10,
                          "kymmenelle": 10, "kymmenessä": 10, "kymmentä": 10, "tuhat": 1000, "tuhatta": 1000,
                          "puolitoista": 1.5, "nolla": 0, "sata": 100, "sataa": 100, "pari": 2, "paria": 2}
_DIGITS = re.compile(r"^\d+(?:[,.]\d+)?$")
_CLOCK = re.compile(r"\b(?:klo\.?\s*|kello\s+)?([01]?\d|2[0-3])[.:]([0-5]\d)\b")
_ABLATIVE = re.compile(r"(lta|ltä)$")


@dataclass(frozen=True)
class NumberMention:
    value: float
    first: int  # token index of the first word of the number
    last: int  # token index of its last word
    text: str


@dataclass(frozen=True)
class TimeMention:
    minutes: int  # after midnight (0–1439)
    first: int
    last: int
    text: str


def word_value(word: str) -> float | None:
    """The value of one number word or digit string, or None if it is not one."""
    w = word.lower().strip(".,!?:;")
    if not w:
        return None
    if _DIGITS.fullmatch(w):
        return float(w.replace(",", "."))
    if w in _WHOLE:
        return _WHOLE[w]
    if w in _UNIT_WORDS:
        return _UNIT_WORDS[w]
    if m := _TEEN.fullmatch(w):
        return 10 + _UNIT_WORDS[m.group(1)]
    if m := _TENS.fullmatch(w):
        tens = _UNIT_WORDS[m.group(1)] if m.group(1) else 1
        return 10 * tens + (_UNIT_WORDS[m.group(2)] if m.group(2) else 0)
    if m := _HUNDREDS.fullmatch(w):
        return 100 * (_UNIT_WORDS[m.group(1)] if m.group(1) else 1)
    if m := _PLAIN.fullmatch(w):
        return _UNIT_WORDS[m.group(1)]
    return None


def _token_value(t: Token) -> float | None:
    value = word_value(t.text)
    if value is None and (t.upos == "NUM" or t.feats.get("NumType") == "Card"):
        value = word_value(t.lemma)
    return value


def numbers(analysis: Analysis) -> list[NumberMention]:
    """Numbers in the turn; adjacent number words add up ("sata viisikymmentä" = 150)."""
    out: list[NumberMention] = []
    tokens = analysis.tokens
    i = 0
    while i < len(tokens):
        value = _token_value(tokens[i])
        if value is None or tokens[i].lemma.lower() == "puoli":
            i += 1
            continue
        first, total = i, value
        while i + 1 < len(tokens) and (nxt := _token_value(tokens[i + 1])) is not None and nxt < total \
                and not _DIGITS.fullmatch(tokens[i + 1].text):
            total += nxt
            i += 1
        out.append(NumberMention(total, first, i, analysis.text[tokens[first].start: tokens[i].end]))
        i += 1
    return out


def _hour(t: Token | None) -> int | None:
    if t is None:
        return None
    value = _token_value(t)
    if value is None or value != int(value) or not 0 <= value <= 24:
        return None
    return int(value)


def times(analysis: Analysis) -> list[TimeMention]:
    """Clock times in the turn (digits, 'kello N', 'puoli N', 'varttia yli/vaille N', 'N:lta')."""
    out: list[TimeMention] = []
    toks = list(analysis.tokens)
    text = analysis.text
    for m in _CLOCK.finditer(text):
        first = next((i for i, t in enumerate(toks) if t.end > m.start()), 0)
        last = next((i for i, t in reversed(list(enumerate(toks))) if t.start < m.end()), first)
        out.append(TimeMention(int(m.group(1)) * 60 + int(m.group(2)), first, last, m.group(0).strip()))
    used = {i for mention in out for i in range(mention.first, mention.last + 1)}
    for i, t in enumerate(toks):
        if i in used:
            continue
        word = t.text.lower()
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        after = toks[i + 2] if i + 2 < len(toks) else None
        found: tuple[int, int] | None = None
        if word in {"kello", "klo"} and (h := _hour(nxt)) is not None:
            found = (h * 60, i + 1)
        elif word == "puoli" and (h := _hour(nxt)) is not None:
            found = ((h - 1) % 24 * 60 + 30, i + 1)
        elif word == "varttia" and nxt is not None and nxt.text.lower() in {"yli", "vaille", "vailla"} \
                and (h := _hour(after)) is not None:
            found = (h * 60 + 15 if nxt.text.lower() == "yli" else (h - 1) % 24 * 60 + 45, i + 2)
        elif _ABLATIVE.search(word) and (h := _hour(t)) is not None and 1 <= h <= 24:
            found = (h % 24 * 60, i)  # "kahdelta", "kymmeneltä": at two, at ten
        if found is not None:
            minutes, last = found
            out.append(TimeMention(minutes, i, last, text[t.start: toks[last].end]))
            used.update(range(i, last + 1))
    return sorted(out, key=lambda m: m.first)


def same_time(a: int, b: int) -> bool:
    """Equal on a 12-hour dial: 'kello kaksi' matches 14.00."""
    return a % 720 == b % 720


def parse_clock(value: str) -> int:
    """'14:00' / '14.00' / '9' → minutes after midnight (for times stated as data)."""
    m = re.fullmatch(r"\s*(\d{1,2})(?:[.:](\d{2}))?\s*", value)
    if not m:
        raise ValueError(f"not a clock time: {value!r} (write e.g. 14:00)")
    return int(m.group(1)) * 60 + int(m.group(2) or 0)


DAYS = ("maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai")
COLOURS = ("punainen", "sininen", "keltainen", "vihreä", "musta", "valkoinen", "harmaa", "ruskea",
           "oranssi", "violetti", "liila", "pinkki", "vaaleanpunainen", "turkoosi", "beige")
# spoken or short forms that lemmatise poorly
_DAY_STEMS = {"maanantai": "maanantai", "tiistai": "tiistai", "keskiviikko": "keskiviikko", "torstai": "torstai",
              "perjantai": "perjantai", "lauantai": "lauantai", "sunnuntai": "sunnuntai", "maanantaina": "maanantai"}


def day_of(t: Token) -> str | None:
    for word in (t.lemma.lower(), t.text.lower()):
        for day in DAYS:
            if word.startswith(day) or word.startswith(_DAY_STEMS.get(day, day)):
                return day
    return None
