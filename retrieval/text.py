"""Finnish text → index terms: lemmas and compound parts of content words (via our analyser)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from finnish.analyser import Analyser
from finnish.model import Analysis

CONTENT_UPOS = {"NOUN", "VERB", "ADJ", "PROPN", "ADV", "X"}
STOP_LEMMAS = {"olla", "voida", "tulla", "myös", "esim", "esimerkiksi", "mm", "ym", "jne", "tarvittaessa", "sekä"}
STEM = 5  # a prefix term joins derivations the lemmas keep apart: siivota / siivous / siivooja


def lemma_terms(analyser: Analyser, text: str) -> list[str]:
    """Content-word lemmas, each followed by its compound parts (potilashuone → potilas, huone)."""
    light = getattr(analyser, "lemmatize", None)  # no dependency parse: the terms do not use it
    return terms_of(light(text) if light is not None else analyser.analyse(text))


def terms_of(analysis: Analysis) -> list[str]:
    terms: list[str] = []
    for tok in analysis.tokens:
        if tok.upos not in CONTENT_UPOS or not any(c.isalpha() for c in tok.text):
            continue
        lemma = tok.lemma.lower().strip("-#")
        if not lemma or lemma in STOP_LEMMAS or len(lemma) < 2:
            continue
        terms.append(lemma)
        terms.extend(p for p in tok.compound_parts if len(p) > 2 and p != lemma)
    return terms


def lexical_terms(terms: Sequence[str]) -> list[str]:
    """Lemmas plus a prefix-stem term for longer words."""
    out = list(terms)
    out.extend("~" + t[:STEM] for t in terms if len(t) > STEM + 1)
    return out


def analyse_all(analyser: Analyser, texts: Iterable[str], batch: int = 256, progress: object = None) -> list[list[str]]:
    """Terms of many texts, batched through the analyser (spaCy's pipe) when it can."""
    texts = list(texts)
    many = getattr(analyser, "lemmatize_many", None) or getattr(analyser, "analyse_many", None)
    out: list[list[str]] = []
    for start in range(0, len(texts), batch):
        part = texts[start : start + batch]
        analyses = many(part) if many is not None else [analyser.analyse(t) for t in part]
        out.extend(terms_of(a) for a in analyses)
        if progress is not None:
            progress.update(len(part))  # type: ignore[attr-defined]
    return out
