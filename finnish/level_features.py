"""Measurable features of how hard a Finnish text (or one sentence) is to read, for finnish.level.

Every feature is a rate, so a short text is measured by its density, not its length: a single
sentence of officialese scores as high as a page of it. Per text and per sentence:

- sentence_length: words per sentence;
- rare_words / frequency_band: share of words rare in general Finnish (Zipf < 3, wordfreq) and the
  mean frequency band of content words (0 very common … 3 rare);
- long_words: share of words of 13+ letters; compounds: share of compound words (Voikko's parts);
- nominalisations: abstract nouns per word (-minen, -us/-ys, -uus/-yys, -isuus, -nti, deverbal -u/-y);
- participles, passives, nonfinite: per word (from the morphology);
- noun_modifiers: attributes and genitive modifiers per word (long noun phrases);
- subordinate_clauses and clause_depth: clauses per sentence and the deepest embedding (the parse).
"""

from __future__ import annotations

from collections.abc import Sequence

from finnish.frequency import ZIPF_RARE, lemma_zipf, zipf_band
from finnish.model import Analysis, Token

LONG_WORD = 13
SUBORDINATE = frozenset({"advcl", "acl", "acl:relcl", "ccomp", "csubj", "xcomp:ds", "csubj:cop"})
_CLAUSE = SUBORDINATE | {"xcomp"}
_MODIFIER = frozenset({"amod", "nmod", "nmod:gobj", "nmod:gsubj", "nmod:poss", "acl"})
_NOMINAL_SUFFIXES = ("minen", "uus", "yys", "isuus", "isyys", "nti", "us", "ys")
_NOMINAL_DERIVATIONS = frozenset({"Minen", "U", "Vs"})
_BANDS = {"very_common": 0, "common": 1, "less_common": 2, "rare": 3}

FEATURES = (
    "sentence_length", "rare_words", "frequency_band", "long_words", "compounds", "nominalisations",
    "participles", "passives", "nonfinite", "noun_modifiers", "subordinate_clauses", "clause_depth",
)
# (Finnish, English) explanations; {v} is the value as the message shows it
MESSAGES: dict[str, tuple[str, str]] = {
    "sentence_length": ("Virkkeissä on keskimäärin {v:.1f} sanaa.", "Sentences have {v:.1f} words on average."),
    "rare_words": ("Harvinaisia sanoja on {v:.0%}.", "{v:.0%} of the words are rare in general Finnish."),
    "frequency_band": ("Sanojen keskimääräinen harvinaisuus on {v:.1f}/3.",
                       "The mean rarity of the content words is {v:.1f} of 3."),
    "long_words": ("Pitkiä sanoja (vähintään 13 kirjainta) on {v:.0%}.",
                   "{v:.0%} of the words are long (13+ letters, often compounds)."),
    "compounds": ("Yhdyssanoja on {v:.0%}.", "{v:.0%} of the words are compounds."),
    "nominalisations": ("Abstrakteja johdoksia (-minen, -us, -uus …) on {v:.0%}.",
                        "{v:.0%} of the words are abstract nouns (-minen, -us, -uus …)."),
    "participles": ("Partisiippeja on {v:.0%} sanoista.", "{v:.0%} of the words are participles."),
    "passives": ("Passiivimuotoja on {v:.0%} sanoista.", "{v:.0%} of the words are passive forms."),
    "nonfinite": ("Infinitiivejä ja partisiippeja on {v:.0%} sanoista.",
                  "{v:.0%} of the words are infinitives or participles."),
    "noun_modifiers": ("Määritteitä (attribuutteja ja genetiivejä) on {v:.0%} sanoista.",
                       "{v:.0%} of the words modify a noun (long noun phrases)."),
    "subordinate_clauses": ("Sivulauseita on {v:.1f} virkettä kohden.", "{v:.1f} subordinate clauses per sentence."),
    "clause_depth": ("Sisäkkäisiä lauseita on enimmillään keskimäärin {v:.1f} tasoa.",
                     "Clauses are nested {v:.1f} levels deep on average."),
}


def _is_nominalisation(tok: Token) -> bool:
    if tok.upos != "NOUN":
        return False
    if tok.feats.get("Derivation") in _NOMINAL_DERIVATIONS:
        return True
    lemma = tok.lemma.lower()
    return len(lemma) >= 7 and lemma.endswith(_NOMINAL_SUFFIXES)


def _depth(tokens: Sequence[Token], i: int) -> int:
    """Clauses embedded above token i (a relative clause inside an adverbial clause is 2)."""
    depth, seen = 0, set()
    while 0 <= i < len(tokens) and i not in seen:
        seen.add(i)
        if tokens[i].dep in _CLAUSE:
            depth += 1
        i = tokens[i].head
    return depth


def _counts(tokens: Sequence[Token], words: Sequence[Token]) -> dict[str, float]:
    content = [t for t in words if t.upos in {"NOUN", "ADJ", "VERB", "ADV"}]
    verbal = [t for t in words if t.upos in {"VERB", "AUX"}]
    return {
        "rare_words": sum(1 for t in words if t.upos != "PROPN" and lemma_zipf(t.lemma, t.text) < ZIPF_RARE),
        "frequency_band": sum(_BANDS[zipf_band(lemma_zipf(t.lemma, t.text))] for t in content)
        * len(words) / max(1, len(content)),  # a mean over content words, scaled back to a count
        "long_words": sum(1 for t in words if len(t.text) >= LONG_WORD),
        "compounds": sum(1 for t in words if len([p for p in t.compound_parts if p.strip("-")]) >= 2),
        "nominalisations": sum(1 for t in words if _is_nominalisation(t)),
        "participles": sum(1 for t in verbal if t.feats.get("VerbForm") == "Part")
        + sum(1 for t in words if t.upos == "ADJ" and t.feats.get("VerbForm") == "Part"),
        "passives": sum(1 for t in verbal if t.feats.get("Voice") == "Pass"),
        "nonfinite": sum(1 for t in verbal if t.feats.get("VerbForm") in {"Inf", "Part"}),
        "noun_modifiers": sum(1 for t in words if t.dep in _MODIFIER),
    }


def _sentence_ranges(analysis: Analysis) -> list[tuple[int, int]]:
    ranges = [(s.first_token, s.last_token) for s in analysis.sentences]
    return [(a, b) for a, b in ranges if any(t.is_word for t in analysis.tokens[a:b])]


def features_of(analysis: Analysis, start: int = 0, end: int | None = None,
                sentences: list[tuple[int, int]] | None = None) -> dict[str, float]:
    """The feature values of the whole text, or of the tokens start:end (one sentence). `sentences`
    are the token ranges of the sentences with words (computed here when not given)."""
    end = len(analysis.tokens) if end is None else end
    spans = _sentence_ranges(analysis) if sentences is None else sentences
    ranges = [(max(a, start), min(b, end)) for a, b in spans if a < end and b > start]
    tokens = analysis.tokens
    words = [t for t in tokens[start:end] if t.is_word]
    n_words, n_sent = max(1, len(words)), max(1, len(ranges))
    out = {name: value / n_words for name, value in _counts(tokens, words).items()}
    out["sentence_length"] = len(words) / n_sent
    out["subordinate_clauses"] = sum(1 for t in tokens[start:end] if t.dep in SUBORDINATE) / n_sent
    out["clause_depth"] = sum(max((_depth(tokens, i) for i in range(a, b)), default=0) for a, b in ranges) / n_sent
    return {name: round(out[name], 4) for name in FEATURES}


def sentence_features(analysis: Analysis) -> list[tuple[int, dict[str, float]]]:
    """(sentence index, features) for every sentence with words in it."""
    out = []
    for index, s in enumerate(analysis.sentences):
        if any(t.is_word for t in analysis.tokens[s.first_token : s.last_token]):
            span = (s.first_token, s.last_token)
            out.append((index, features_of(analysis, *span, sentences=[span])))  # linear in the text
    return out
