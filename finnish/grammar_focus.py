"""Grammar focus of a task: the cases and verb forms that its texts use more than general Finnish
does (reference shares from UD Finnish-TDT, data/grammar_features.yaml), ranked by log-likelihood."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from finnish.keyness import log_likelihood
from finnish.model import Analysis, Token
from finnish.profile import GrammarFocus
from finnish.terms import CASE_QUESTIONS
from finnish.yamlio import load_yaml

DATA = Path(__file__).parent / "data"
NOMINAL = {"NOUN", "PROPN", "ADJ", "PRON", "DET", "NUM"}
VERBAL = {"VERB", "AUX"}
MIN_COUNT = 2
MIN_RATIO = 1.3


class FeatureDef(BaseModel):
    feature: str
    group: Literal["nominal", "verbal"]
    name: str
    name_en: str
    hint: str = ""
    reference_share: float


class FeatureFile(BaseModel):
    features: list[FeatureDef]


@lru_cache(maxsize=1)
def features() -> list[FeatureDef]:
    raw = load_yaml((DATA / "grammar_features.yaml").read_text(encoding="utf-8"))
    return FeatureFile.model_validate(raw).features


def _has(tok: Token, feature: str) -> bool:
    key, _, value = feature.partition("=")
    return tok.feats.get(key) == value


def grammar_focus(analyses: Sequence[Analysis], limit: int = 8) -> list[GrammarFocus]:
    nominals = [t for a in analyses for t in a.tokens if t.upos in NOMINAL and "Case" in t.feats]
    verbs = [t for a in analyses for t in a.tokens if t.upos in VERBAL]
    scored: list[tuple[float, GrammarFocus]] = []
    for f in features():
        pool = nominals if f.group == "nominal" else verbs
        if not pool:
            continue
        hits = [t for t in pool if _has(t, f.feature)]
        share = len(hits) / len(pool)
        ratio = share / f.reference_share if f.reference_share else 0.0
        if len(hits) < MIN_COUNT or ratio < MIN_RATIO:
            continue
        forms = Counter(t.text.lower() for t in hits)
        name = f.name
        case = f.feature.removeprefix("Case=")
        if f.group == "nominal" and case in CASE_QUESTIONS:
            name = f"{f.name} ({CASE_QUESTIONS[case]})"
        scored.append((
            log_likelihood(len(hits), len(pool), f.reference_share),
            GrammarFocus(
                feature=f.feature, name=name, name_en=f.name_en, count=len(hits), share=round(share, 3),
                reference_share=round(f.reference_share, 3), ratio=round(ratio, 2),
                examples=[w for w, _ in forms.most_common(4)],
            ),
        ))
    scored.sort(key=lambda x: -x[0])
    return [g for _, g in scored[:limit]]
