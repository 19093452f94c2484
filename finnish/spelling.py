"""Spelling: Voikko checks every word; its suggestions are re-ranked for learners.

Learners of Finnish mostly miss sound distinctions: consonant length (kk/k, pp/p, tt/t, ll/l),
vowel length, ä/a ö/o y/u, consonant gradation, and a missing or extra letter. We add candidates
made by exactly those edits (kept only if Voikko accepts them) and rank all candidates by how
learner-like the edit is, then by general-Finnish word frequency (wordfreq), so the right
correction is usually among the first three.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from finnish.feedback_model import FeedbackIssue, Register
from finnish.frequency import zipf
from finnish.language_id import english_like
from finnish.model import Analysis, Token
from finnish.slips import slip_variants, slip_weight
from finnish.voikko import VoikkoTools
from finnish.yamlio import load_yaml

COLLOQUIAL_FILE = Path(__file__).resolve().parent / "data" / "colloquial.yaml"
_FRONT_BACK = str.maketrans({"ä": "a", "ö": "o", "y": "u", "Ä": "A", "Ö": "O", "Y": "U"})
_SWAPS = {"ä": "a", "a": "ä", "ö": "o", "o": "ö", "y": "u", "u": "y"}
_GRADATION = [("kk", "k"), ("pp", "p"), ("tt", "t"), ("k", ""), ("p", "v"), ("t", "d"), ("nk", "ng"),
              ("mp", "mm"), ("lt", "ll"), ("rt", "rr"), ("nt", "nn")]
MAX_SUGGESTIONS = 5


@lru_cache(maxsize=1)
def colloquial_forms() -> dict[str, str]:
    data = load_yaml(COLLOQUIAL_FILE.read_text(encoding="utf-8")) or {}
    return {str(k).lower(): str(v) for k, v in data.items()}


def skeleton(word: str) -> str:
    """The word as a learner may hear it: no length, no front/back vowel difference."""
    w = word.lower().translate(_FRONT_BACK)
    out: list[str] = []
    for c in w:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def edit_distance(a: str, b: str) -> int:
    """Damerau–Levenshtein (optimal string alignment) distance."""
    a, b = a.lower(), b.lower()
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def learner_variants(word: str) -> set[str]:
    """Words one typical learner slip away: a letter doubled or undoubled, ä/a ö/o y/u swapped,
    a gradation pair exchanged."""
    out: set[str] = set()
    if len(word) > 24:
        return out
    for i, c in enumerate(word):
        if c.isalpha():
            out.add(word[: i + 1] + c + word[i + 1 :])  # double it
            if i + 1 < len(word) and word[i + 1] == c:
                out.add(word[:i] + word[i + 1 :])  # undouble it
            if c.lower() in _SWAPS:
                swap = _SWAPS[c.lower()]
                out.add(word[:i] + (swap.upper() if c.isupper() else swap) + word[i + 1 :])
    for strong, weak in _GRADATION:
        if strong and strong in word:
            out.add(word.replace(strong, weak, 1))
        if weak and weak in word:
            out.add(word.replace(weak, strong, 1))
    out.discard(word)
    return out


def rank_suggestions(word: str, candidates: list[str]) -> list[str]:
    """Orders candidates for a learner: learner-like edits first, then closeness, then frequency."""
    sk = skeleton(word)

    def score(item: tuple[int, str]) -> float:
        rank, cand = item
        s = -0.3 * rank - 1.5 * edit_distance(word, cand) + 0.6 * zipf(cand)
        kind = slip_weight(word, cand)
        s += max(kind, 3.0 if skeleton(cand) == sk else 0.0)
        if " " in cand or "-" in cand:
            s -= 1.0
        return s

    lower = word[:1].islower()
    unique = list(dict.fromkeys(c for c in candidates if c and c != word and not (lower and c[:1].isupper())))
    return [c for _, c in sorted(enumerate(unique), key=score, reverse=True)]


def suggest(word: str, voikko: VoikkoTools) -> list[str]:
    candidates = list(voikko.suggest(word))
    candidates += learner_candidates(word, voikko)
    return rank_suggestions(word, candidates)[:MAX_SUGGESTIONS]


def _whole_word(token: Token, analysis: Analysis) -> str:
    """The word as written between spaces: spaCy splits "ettei" into "ett" + "ei", "EU:lle" too."""
    text = analysis.text
    start, end = token.start, token.end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end].strip(".,!?;:()\"'…")


def _sentence_initial(token: Token, analysis: Analysis) -> bool:
    before = analysis.text[: token.start].rstrip(" \t\"'(«»”“-–")
    return not before or before[-1] in ".!?:\n"


def _skip(token: Token, analysis: Analysis, voikko: VoikkoTools, known_words: frozenset[str]) -> bool:
    """Voikko's verdict stands unless there is positive evidence that the word is fine: a
    capitalised word inside a sentence (a name), a word of the task or scenario, an abbreviation,
    a number. spaCy's reading of the word (a numeral, a foreign word, a name) is no such evidence:
    "yhdesta" tagged NUM or "Tidän" tagged PROPN at a sentence start are still checked."""
    text = token.text
    if token.upos in {"PUNCT", "SYM", "SPACE"} or not any(c.isalpha() for c in text):
        return True
    if any(c.isdigit() for c in text) or len(text) > 60 or "@" in text or "/" in text:
        return True
    if text.lower() in known_words:
        return True
    whole = _whole_word(token, analysis)
    if whole != text and (voikko.spell(whole) or whole.lower() in known_words):
        return True
    if "-" in text and voikko.spell(text.rsplit("-", 1)[1]) and not text.rsplit("-", 1)[0].islower():
        return True  # CE-merkintä, Mulberry-huivi: an abbreviation or a name joined to a known word
    if text.isupper() and len(text) > 1:
        return True  # abbreviations: HACCP, TES
    if text[:1].isupper() and not _sentence_initial(token, analysis):
        return True  # a name the dictionary does not know, inside a sentence: Ahmed, Lidl
    if text[:1].isupper() and token.upos == "PROPN":
        return not learner_candidates(text, voikko)  # "Ahmed tulee": a name unless one slip away from a word
    return False


def learner_candidates(word: str, voikko: VoikkoTools) -> list[str]:
    """The words Voikko accepts that are one typical learner slip away from `word`."""
    return sorted(v for v in learner_variants(word) | slip_variants(word) if voikko.spell(v))


def check_spelling(analysis: Analysis, voikko: VoikkoTools, register: Register = "written",
                   known_words: frozenset[str] = frozenset()) -> list[FeedbackIssue]:
    """Spelling and register issues. `known_words` (lower-case) are the task's or scenario's own
    words: positive evidence that a word Voikko does not know is right here."""
    issues: list[FeedbackIssue] = []
    colloquial = colloquial_forms()
    for tok in analysis.tokens:
        if _skip(tok, analysis, voikko, known_words):
            continue
        low = tok.text.lower()
        standard = colloquial.get(low)
        spoken_guess = (register == "spoken" and tok.feat("Style") == "Coll" and not voikko.spell(tok.text)
                        and not learner_candidates(tok.text, voikko))
        if standard is not None or spoken_guess:
            if register == "spoken":
                issues.append(FeedbackIssue(
                    tok.start, tok.end, "style", "register.spoken",
                    f"\"{tok.text}\" on puhekieltä. Se on hyvä puheessa. Kirjakielessä: {standard or '…'}.",
                    f"\"{tok.text}\" is spoken Finnish, fine in speech. In writing: {standard or '…'}.",
                    [standard] if standard else [], example="", severity="info",
                ))
            else:
                issues.append(FeedbackIssue(
                    tok.start, tok.end, "style", "register.colloquial",
                    f"\"{tok.text}\" on puhekieltä. Kirjoita: {standard or '…'}.",
                    f"\"{tok.text}\" is spoken Finnish. In writing use: {standard or '…'}.",
                    [_keep_capital(standard, tok.text)] if standard else [], example="Minä olen töissä.", severity="hint",
                ))
            continue
        if voikko.spell(tok.text):
            continue
        if english_like(tok.text):
            issues.append(FeedbackIssue(
                tok.start, tok.end, "vocabulary", "vocabulary.foreign_word",
                f"\"{tok.text}\" ei ole suomea. Mikä sana on suomeksi? Kysy tai katso sanakirjasta.",
                f"\"{tok.text}\" is not Finnish (it looks English). Find the Finnish word, e.g. in a dictionary.",
                [], example="",
            ))
            continue
        suggestions = suggest(tok.text, voikko)
        first = f" Ehkä: {', '.join(suggestions[:3])}?" if suggestions else ""
        first_en = f" Maybe: {', '.join(suggestions[:3])}?" if suggestions else ""
        issues.append(FeedbackIssue(
            tok.start, tok.end, "spelling", "spelling.unknown_word",
            f"Sana \"{tok.text}\" on ehkä kirjoitettu väärin.{first}",
            f"The word \"{tok.text}\" may be misspelt.{first_en}",
            suggestions, example="",
        ))
    return issues


def _keep_capital(form: str, original: str) -> str:
    return form[:1].upper() + form[1:] if original[:1].isupper() else form
