"""The names the UI and the reports show for the language layer's categories, skills, levels,
bands, cases and situations: one place in `service` that the UI imports (it never imports
`finnish` itself). The tables themselves live in `finnish/`, where the categories are defined."""

from __future__ import annotations

from finnish.level import CEFR_LEVELS
from finnish.profile import BAND_NAMES, SKILL_NAMES, SKILLS, TaskProfile
from finnish.situations import catalogue, situation
from finnish.terms import NUMBER_NAMES, case_fi, upos_fi

__all__ = ["BAND_NAMES", "CEFR_LEVELS", "NUMBER_NAMES", "SKILLS", "SKILL_NAMES", "TaskProfile", "case_fi", "catalogue",
           "situation", "upos_fi"]
