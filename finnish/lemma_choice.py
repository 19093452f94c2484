"""Second opinion on ambiguous lemmas for key terms. Some Finnish forms belong to two words
(lavat: lava or lapa; raitoja: raita or raito) and the parser's choice is sometimes the rarer word.
Among Voikko's readings with the same word class, case and number, prefer the lemma the texts
themselves use unambiguously elsewhere, then the more frequent word in general Finnish."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from finnish.frequency import zipf
from finnish.model import Analysis, Token

_CLASSES = {"NOUN": {"nimisana", "nimisana_laatusana"}, "ADJ": {"laatusana", "nimisana_laatusana"}}
MIN_ZIPF_GAIN = 0.3  # a clearly more frequent word, not a coin toss


def _alternatives(voikko: Any, tok: Token) -> list[str]:
    classes = _CLASSES.get(tok.upos)
    if not classes:
        return []
    case, number = tok.feats.get("Case"), tok.feats.get("Number")
    return list(dict.fromkeys(
        r.baseform.lower() for r in voikko.analyse(tok.text)
        if r.word_class in classes and (case is None or r.case == case) and (number is None or r.number == number)
    ))


def choose_lemmas(analyses: Sequence[Analysis], voikko: Any) -> list[Analysis]:
    """The analyses with ambiguous lemmas settled; tokens that are not ambiguous stay as they are."""
    options: dict[tuple[int, int], list[str]] = {}
    sure: Counter[str] = Counter()
    for ai, a in enumerate(analyses):
        for ti, tok in enumerate(a.tokens):
            alts = _alternatives(voikko, tok)
            if len(alts) > 1 and tok.lemma.lower() in alts:
                options[(ai, ti)] = alts
            elif tok.upos in _CLASSES:
                sure[tok.lemma.lower()] += 1
    if not options:
        return list(analyses)
    changed: dict[int, dict[int, Token]] = {}
    for (ai, ti), alts in options.items():
        tok = analyses[ai].tokens[ti]
        current = tok.lemma.lower()

        best = max(alts, key=lambda lemma, cur=current: (  # type: ignore[misc]
            sure[lemma] > 0, zipf(lemma) + (MIN_ZIPF_GAIN if lemma == cur else 0.0)))
        if best != current:
            changed.setdefault(ai, {})[ti] = replace(tok, lemma=best)
    out = []
    for ai, a in enumerate(analyses):
        if ai not in changed:
            out.append(a)
            continue
        tokens = tuple(changed[ai].get(ti, t) for ti, t in enumerate(a.tokens))
        out.append(Analysis(text=a.text, tokens=tokens, sentences=a.sentences))
    return out
