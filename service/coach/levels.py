"""CEFR levels as numbers and back: A1=1 … C2=6, the Finnish sub-levels in halves (A2.2 → 2.5)."""

from __future__ import annotations

from finnish.level import CEFR_LEVELS


def level_number(cefr: object) -> float | None:
    """A1 → 1.0 … C2 → 6.0; also accepts the Finnish sub-levels (A2.1 → 2.0, A2.2 → 2.5)."""
    if not cefr:
        return None
    text = str(cefr).strip().upper()
    base = text[:2]
    if base not in CEFR_LEVELS:
        return None
    value = float(CEFR_LEVELS.index(base) + 1)
    if text.endswith(".2"):
        value += 0.5
    return value


def level_label(value: float | None) -> str | None:
    if value is None:
        return None
    index = min(len(CEFR_LEVELS) - 1, max(0, int(value + 0.25) - 1))  # 2.75 counts as the next level
    return CEFR_LEVELS[index]
