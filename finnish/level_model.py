"""An explainable level model: ridge regression of the level index (A1 = 0 … C1 = 4, C2 = 5) on
standardised features (finnish.level_features). Its coefficients are plain data
(data/level_model.json, fitted by scripts/fit_level_model.py on corpora/graded/), so each feature's
push on a text's level is coefficient × standardised value, and the level is the rounded sum.

Only numpy; the fit is the closed-form ridge solution (the intercept is not penalised).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).parent / "data" / "level_model.json"
MAX_INDEX = 5  # C2


@dataclass(frozen=True)
class LevelModel:
    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    coefficients: tuple[float, ...]
    intercept: float
    use_model: bool = False  # True only when the model beat the heuristic in cross-validation
    evaluation: dict[str, float] = field(default_factory=dict)
    source: str = ""

    def contributions(self, values: dict[str, float]) -> dict[str, float]:
        """Each feature's push on the level index (in levels; positive = harder)."""
        return {
            name: coef * (values.get(name, 0.0) - mean) / scale
            for name, mean, scale, coef in zip(self.features, self.means, self.scales, self.coefficients, strict=True)
        }

    def score(self, values: dict[str, float]) -> float:
        return self.intercept + sum(self.contributions(values).values())

    def level_index(self, values: dict[str, float]) -> int:
        return int(min(MAX_INDEX, max(0, round(self.score(values)))))

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n"


def fit(rows: Sequence[dict[str, float]], targets: Sequence[float], features: Sequence[str], ridge: float) -> LevelModel:
    x = np.array([[row[f] for f in features] for row in rows], dtype=float)
    y = np.array(targets, dtype=float)
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    z = (x - means) / scales
    yc = y - y.mean()
    coefs = np.linalg.solve(z.T @ z + ridge * np.eye(len(features)), z.T @ yc)
    return LevelModel(
        tuple(features), tuple(float(v) for v in means), tuple(float(v) for v in scales),
        tuple(round(float(v), 4) for v in coefs), round(float(y.mean()), 4),
    )


def cross_validated_scores(
    rows: Sequence[dict[str, float]], targets: Sequence[int], features: Sequence[str], ridge: float, folds: int = 5,
) -> list[float]:
    """Each text's score from a model fitted without it (stratified k folds: every level in every fold)."""
    order = sorted(range(len(rows)), key=lambda i: (targets[i], i))
    fold_of = {i: k % folds for k, i in enumerate(order)}
    scores = [0.0] * len(rows)
    for k in range(folds):
        train = [i for i in range(len(rows)) if fold_of[i] != k]
        model = fit([rows[i] for i in train], [targets[i] for i in train], features, ridge)
        for i in range(len(rows)):
            if fold_of[i] == k:
                scores[i] = model.score(rows[i])
    return scores


def load_model(path: Path = MODEL_FILE) -> LevelModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return LevelModel(
        features=tuple(data["features"]), means=tuple(data["means"]), scales=tuple(data["scales"]),
        coefficients=tuple(data["coefficients"]), intercept=float(data["intercept"]),
        use_model=bool(data.get("use_model", False)), evaluation=dict(data.get("evaluation", {})),
        source=str(data.get("source", "")),
    )


@lru_cache(maxsize=1)
def shipped_model() -> LevelModel | None:
    """The shipped model, or None when the file is missing (then the heuristic is used)."""
    return load_model() if MODEL_FILE.exists() else None
