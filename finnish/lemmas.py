"""Lemma choice beyond spaCy-fi's lemmatizer, measured on UD Finnish (eval/eval_ud.py): each rule
is used only where it raised lemma accuracy on TDT dev (tuned there, reported on TDT and FTB test).

- a word Voikko does not know that spaCy left as it is ("Arduinolla", "SodaStreamin"): strip the
  case ending spaCy's morphology names (UD lemmatises names and loans to their stem);
- several Voikko baseforms fit the form's case and number, spaCy picked a clearly rarer word
  ("vuotta": vuo → vuosi, "pyykin": pyy → pyykki): the more frequent word.

Tried and dropped (lower on TDT dev): Voikko's baseform for a clitic form spaCy left whole
("vaikkapa" → vaikka; −0.1 point: UD keeps lexicalised ones such as "sittenkin"), and the verb for
a VERB-tagged -minen/participle lemma (no change: spaCy tags those forms NOUN/ADJ).
"""

from __future__ import annotations

from collections.abc import Sequence

from finnish.frequency import zipf
from finnish.voikko import Reading, VoikkoTools

# case → endings (longest first) that the case adds to a stem, in both vowel harmonies
CASE_ENDINGS: dict[str, tuple[str, ...]] = {
    "Gen": ("n",), "Par": ("ta", "tä", "a", "ä"), "Ine": ("ssa", "ssä"), "Ela": ("sta", "stä"),
    "Ill": ("seen", "hin", "hon", "han", "hun", "hen", "hyn", "hän", "hön", "an", "en", "in", "on", "un", "yn", "än", "ön"),
    "Ade": ("lla", "llä"), "Abl": ("lta", "ltä"), "All": ("lle",), "Ess": ("na", "nä"), "Tra": ("ksi",),
}
MIN_ZIPF_GAIN = 1.0
SWITCH_UNFITTING = True


def strip_case(word: str, case: str | None) -> str | None:
    """"Arduinolla" + Ade → "Arduino"; None when no ending of that case fits."""
    for ending in CASE_ENDINGS.get(case or "", ()):
        if word.lower().endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            if case == "Ill" and len(ending) == 2 and stem[-1:].lower() != ending[0]:
                continue  # the illative repeats the stem's last vowel: Arduino+on
            return stem
    return None


def unknown_word_lemma(word: str, upos: str, feats: dict[str, str]) -> str | None:
    if upos not in {"PROPN", "NOUN"} or feats.get("Number") == "Plur" or feats.get("Case") in {None, "Nom"}:
        return None
    stem = strip_case(word, feats.get("Case"))
    if stem is None or "-" in stem or ":" in word:
        return None
    return stem if upos == "PROPN" else stem.lower()


def frequent_lemma(readings: Sequence[Reading], upos: str, feats: dict[str, str], lemma: str) -> str | None:
    if upos not in {"NOUN", "ADJ"}:
        return None
    case, number = feats.get("Case"), feats.get("Number")
    fitting = {r.baseform.lower() for r in readings
               if upos in r.upos_candidates and (case is None or r.case == case) and (number is None or r.number == number)}
    if not fitting:
        return None
    best = max(fitting, key=zipf)
    if lemma.lower() not in fitting:
        # spaCy's lemma is no reading of this case and number ("vuotta" Par read as vuo, whose
        # vuotta is an abessive): the form's own baseform, if Voikko is sure
        return best if len(fitting) == 1 and SWITCH_UNFITTING else None
    return best if zipf(best) >= zipf(lemma) + MIN_ZIPF_GAIN else None


def refine(word: str, upos: str, feats: dict[str, str], lemma: str, voikko: VoikkoTools) -> str:
    """The lemma after the rules above (the lemma unchanged where none applies)."""
    readings = voikko.analyse(word) if any(c.isalpha() for c in word) else []
    if not readings:
        if lemma.lower() == word.lower():
            return unknown_word_lemma(word, upos, feats) or lemma
        return lemma
    return frequent_lemma(readings, upos, feats, lemma) or lemma
