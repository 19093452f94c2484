"""Text level on graded Finnish texts (corpora/graded/texts.yaml: 46 texts A1–C1, written for the
project, CC BY 4.0): the fitted ridge model (finnish.level_model) cross-validated in 5 stratified
folds — each text is scored by a model fitted without it — beside the current length-and-rare-words
heuristic (finnish.level, not fitted on these texts) on the same texts.

Figures: Spearman's rho of score against the gold level, within-one-level accuracy, exact accuracy,
and the short dense officialese texts (C1 items of one sentence) — how many come out A1–A2.
Also prints the coefficients of the model fitted on all texts (what scripts/fit_level_model.py ships).
Returns 1 when the model does not beat the heuristic on Spearman and within-one together.
"""

from __future__ import annotations

from dataclasses import dataclass

RIDGE = 10.0  # fixed before looking at the held-out folds' errors per text
FOLDS = 5


@dataclass(frozen=True)
class Figures:
    spearman: float
    within_one: float
    exact: float
    dense_easy: int  # one-sentence C1 texts estimated A1–A2


@dataclass(frozen=True)
class Measured:
    model: Figures
    heuristic: Figures
    n_texts: int
    n_dense: int
    rows: list[dict[str, float]]
    targets: list[int]


def _spearman(a: list[float], b: list[int]) -> float:
    from scipy.stats import spearmanr

    return float(spearmanr(a, b).statistic)


def _figures(scores: list[float], preds: list[int], gold: list[int], dense: list[bool]) -> Figures:
    n = len(gold)
    return Figures(
        spearman=round(_spearman(scores, gold), 3),
        within_one=round(sum(abs(p - g) <= 1 for p, g in zip(preds, gold, strict=True)) / n, 3),
        exact=round(sum(p == g for p, g in zip(preds, gold, strict=True)) / n, 3),
        dense_easy=sum(1 for p, d in zip(preds, dense, strict=True) if d and p <= 1),
    )


def measure() -> Measured:
    from corpora.graded import load_graded_texts
    from finnish.analyser import build_analyser
    from finnish.labels import CEFR_LEVELS
    from finnish.level import heuristic_level
    from finnish.level_features import FEATURES, features_of
    from finnish.level_model import MAX_INDEX, cross_validated_scores

    texts = load_graded_texts()
    analyses = build_analyser("spacy").analyse_many([t.text for t in texts])
    gold = [CEFR_LEVELS.index(t.level) for t in texts]
    dense = [t.level == "C1" and len(a.sentences) == 1 for t, a in zip(texts, analyses, strict=True)]
    rows = [features_of(a) for a in analyses]
    cv = cross_validated_scores(rows, gold, FEATURES, RIDGE, FOLDS)
    model = _figures(cv, [int(min(MAX_INDEX, max(0, round(s)))) for s in cv], gold, dense)
    heur = [heuristic_level(a) for a in analyses]
    heuristic = _figures([h.score for h in heur], [CEFR_LEVELS.index(h.cefr) for h in heur], gold, dense)
    return Measured(model, heuristic, len(texts), sum(dense), rows, gold)


def beats(m: Measured) -> bool:
    return m.model.spearman > m.heuristic.spearman and m.model.within_one >= m.heuristic.within_one


def run() -> int:
    from finnish.level_features import FEATURES
    from finnish.level_model import fit

    m = measure()
    print(f"{m.n_texts} graded texts A1–C1, {FOLDS}-fold cross-validation (model), ridge {RIDGE}")
    print(f"{'':<22} {'spearman':>9} {'within-1':>9} {'exact':>7} {'dense C1 as A1–A2':>18}")
    for name, f in (("model (CV)", m.model), ("heuristic (current)", m.heuristic)):
        print(f"{name:<22} {f.spearman:>9.3f} {f.within_one:>9.0%} {f.exact:>7.0%} {f.dense_easy:>12}/{m.n_dense}")
    full = fit(m.rows, m.targets, FEATURES, RIDGE)
    print("coefficients (levels per standard deviation), fitted on all texts:")
    for name, coef in sorted(zip(full.features, full.coefficients, strict=True), key=lambda x: -abs(x[1])):
        print(f"  {name:<20} {coef:+.3f}")
    print(f"  intercept            {full.intercept:+.3f}")
    return 0 if beats(m) else 1


if __name__ == "__main__":
    raise SystemExit(run())
