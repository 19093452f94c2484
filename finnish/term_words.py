"""Is a key term's lemma a Finnish word? And if spaCy's lemma is not, which word is it?

A term is kept when its lemma is
- a dictionary headword (the Kotus list, passed in as a check, since finnish/ cannot import corpora/),
- a compound of headwords: the last part a headword and every earlier part a headword, a headword
  in an inflected compound-initial form (työn-, lasten-: Voikko's baseform is a headword) or a
  -nen adjective's stem (yleis-, ihmis-), the parts covering the whole lemma; a hyphenated compound
  whose last piece is a word (the earlier pieces are written out verbatim: oravat-ryhmä, wc-istuin),
- or a form the texts themselves spell out (a new coinage or product name the dictionary lacks),
  at least four letters and not an abbreviation.

spaCy's lemma is sometimes no word at all (työmääräimestä → "työmääräime") or a rare headword read
from a common word's form. Where Voikko reads the form with the same word class as another lemma
that is a word, the lemma whose forms actually occur in the texts wins (Voikko's readings of every
candidate word counted), then the more frequent one; a spaCy lemma that is a word is replaced only
by a clearly more frequent word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from finnish.frequency import zipf
from finnish.model import Analysis, Token
from finnish.voikko import compound_parts

HeadwordCheck = Callable[[str, Sequence[str]], bool]
_CLASSES = {"NOUN": {"nimisana", "nimisana_laatusana"}, "ADJ": {"laatusana", "nimisana_laatusana"},
            "VERB": {"teonsana"}}
MIN_SPELLED = 4
MIN_ZIPF_GAIN = 1.0  # a headword spaCy chose is replaced only by a much more common word


_SPELLED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # letters, inner hyphens (not "opiskelija-")


def spelled_forms(analyses: Iterable[Analysis]) -> frozenset[str]:
    """The word forms the texts write out (lower-cased), abbreviations and word fragments left out."""
    return frozenset(
        t.text.lower() for a in analyses for t in a.tokens
        if t.is_word and len(t.text) >= MIN_SPELLED and t.feats.get("Abbr") != "Yes" and _SPELLED.fullmatch(t.text)
    )


@dataclass(frozen=True)
class WordCheck:
    is_headword: HeadwordCheck  # (lemma, parts) → bool; called with no parts as a plain lookup
    voikko: Any | None = None
    spelled: frozenset[str] = frozenset()

    def in_dictionary(self, word: str) -> bool:
        return bool(word) and "-" not in word and self.is_headword(word.lower(), ())

    def _first_part_ok(self, part: str) -> bool:
        if len(part) < 2 or not part.isalpha():
            return False
        if self.in_dictionary(part) or (part.endswith("s") and self.in_dictionary(part[:-1] + "nen")):
            return True
        return self.voikko is not None and any(self.in_dictionary(r.baseform) for r in self.voikko.analyse(part))

    def _voikko_parts(self, word: str) -> tuple[str, ...]:
        if self.voikko is None:
            return ()
        for reading in self.voikko.analyse(word):
            if reading.baseform.lower() == word.lower():
                parts = compound_parts(word, reading)
                if parts:
                    return parts
        return ()

    def is_compound_of_headwords(self, lemma: str, parts: Sequence[str] = ()) -> bool:
        """Tries the parts Voikko gave the text's form, then the parts of the lemma itself."""
        lemma = lemma.lower()
        given = [p.strip("-").lower() for p in parts if p.strip("-")]
        return (bool(given) and self._covers(lemma, given)) or self._covers(lemma, list(self._voikko_parts(lemma)))

    def _covers(self, lemma: str, parts: list[str]) -> bool:
        if len(parts) < 2 or not lemma.endswith(parts[-1]) or not self.in_dictionary(parts[-1]):
            return False
        firsts = _segments(lemma[: len(lemma) - len(parts[-1])], parts[:-1])
        return firsts is not None and all(self._first_part_ok(p) for p in firsts)

    def _is_hyphen_compound(self, lemma: str) -> bool:
        *firsts, last = lemma.lower().split("-")
        return bool(firsts and last) and all(len(p) >= 1 and p.isalnum() for p in firsts) and self.is_word(last)

    def is_word(self, lemma: str, parts: Sequence[str] = ()) -> bool:
        """A headword, a compound of headwords or a hyphenated compound ending in a word."""
        lemma = lemma.lower()
        if "-" in lemma:
            return self._is_hyphen_compound(lemma)
        return self.in_dictionary(lemma) or self.is_compound_of_headwords(lemma, parts)

    def keeps(self, lemma: str, parts: Sequence[str] = ()) -> bool:
        """Whether a term with this lemma may rank: a word, or a form the texts spell out."""
        return self.is_word(lemma, parts) or lemma.lower() in self.spelled


def _segments(head: str, parts: Sequence[str]) -> list[str] | None:
    """`head` cut where each part starts; letters Voikko's parts leave out join the part before
    (pist|lämpö → pisto|lämpö) or form a first part of their own (yleis|puhdistus)."""
    starts, pos = [], 0
    for part in parts:
        at = head.find(part, pos)
        if at < 0:
            return None
        starts.append(at)
        pos = at + len(part)
    if pos != len(head):
        return None
    cuts = ([0] if starts and starts[0] > 0 else []) + starts + [len(head)]
    return [head[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _readings(voikko: Any, tok: Token) -> list[Any]:
    classes = _CLASSES.get(tok.upos)
    return [r for r in voikko.analyse(tok.text) if classes and r.word_class in classes]


def repair_lemmas(analyses: Sequence[Analysis], check: WordCheck) -> list[Analysis]:
    """The analyses with each content word's lemma a word where Voikko can tell which word it is."""
    if check.voikko is None:
        return list(analyses)
    support: Counter[str] = Counter()
    for a in analyses:
        for tok in a.tokens:
            support.update({r.baseform.lower() for r in _readings(check.voikko, tok)})
    out = []
    for a in analyses:
        tokens = tuple(_repaired(tok, check, support) for tok in a.tokens)
        out.append(a if tokens == a.tokens else Analysis(text=a.text, tokens=tokens, sentences=a.sentences))
    return out


def _repaired(tok: Token, check: WordCheck, support: Counter[str]) -> Token:
    readings = _readings(check.voikko, tok) if tok.is_word else []
    lemma = tok.lemma.lower()
    if not readings or lemma in {r.baseform.lower() for r in readings}:
        return tok
    words = [r for r in readings if check.is_word(r.baseform, compound_parts(tok.text, r))]
    if not words:
        return tok
    best = max(words, key=lambda r: (support[r.baseform.lower()], zipf(r.baseform.lower())))
    base = best.baseform.lower()
    if check.is_word(lemma, tok.compound_parts) and zipf(base) < zipf(lemma) + MIN_ZIPF_GAIN:
        return tok
    return replace(tok, lemma=base, compound_parts=compound_parts(tok.text, best))
