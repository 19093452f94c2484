"""Fit the level model on the graded texts and ship its coefficients (finnish/data/level_model.json).

    .venv/bin/python scripts/fit_level_model.py

Cross-validates first (eval/eval_level.py's measure): the shipped file says use_model = true only
when the cross-validated model beats the current heuristic on Spearman and within-one accuracy.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.eval_level import RIDGE, beats, measure  # noqa: E402
from finnish.level_features import FEATURES  # noqa: E402
from finnish.level_model import MODEL_FILE, fit  # noqa: E402


def main() -> int:
    m = measure()
    model = replace(
        fit(m.rows, m.targets, FEATURES, RIDGE),
        use_model=beats(m),
        evaluation={
            "texts": m.n_texts, "cv_spearman": m.model.spearman, "cv_within_one": m.model.within_one,
            "cv_exact": m.model.exact, "heuristic_spearman": m.heuristic.spearman,
            "heuristic_within_one": m.heuristic.within_one, "heuristic_exact": m.heuristic.exact,
        },
        source="corpora/graded/texts.yaml (CC BY 4.0), ridge regression on standardised features, scripts/fit_level_model.py",
    )
    MODEL_FILE.write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {MODEL_FILE} (use_model={model.use_model}): {model.evaluation}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
