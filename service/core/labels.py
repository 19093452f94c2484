"""The names the UI and the reports show for the language layer's categories, skills, levels,
bands, cases, situations, readiness statuses and confidence: one place in `service` that the UI imports
(it never imports `finnish` itself). The tables themselves live in `finnish/` (finnish/labels.py)."""

from __future__ import annotations

from finnish.labels import (
    CATEGORY_LABELS,
    CEFR_LEVELS,
    CONFIDENCE_NAMES,
    PRACTICE_LEVELS,
    SEVERITY_NAMES,
    SKILL_NAMES,
    SKILLS,
    STATUS_NAMES,
    CategoryLabel,
    category_label,
)
from finnish.profile import BAND_NAMES, TaskProfile
from finnish.situations import catalogue, situation
from finnish.terms import NUMBER_NAMES, case_fi, upos_fi

__all__ = ["BAND_NAMES", "CATEGORY_LABELS", "CEFR_LEVELS", "CONFIDENCE_NAMES", "NUMBER_NAMES", "PRACTICE_LEVELS",
           "SEVERITY_NAMES", "SKILLS", "SKILL_NAMES", "STATUS_NAMES", "CategoryLabel", "TaskProfile", "case_fi",
           "catalogue", "category_label", "situation", "upos_fi"]
