"""Graded Finnish texts (A1–C1) written for Työkieli, CC BY 4.0 (corpora/graded/README.md): the
calibration and evaluation set of the level model (scripts/fit_level_model.py, eval/eval_level.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

GRADED = Path(__file__).parent / "graded" / "texts.yaml"


@dataclass(frozen=True)
class GradedText:
    id: str
    level: str
    genre: str
    text: str


def load_graded_texts(path: Path = GRADED) -> list[GradedText]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [GradedText(str(t["id"]), str(t["level"]), str(t["genre"]), " ".join(str(t["text"]).split()))
            for t in data["texts"]]
