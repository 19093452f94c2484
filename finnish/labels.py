"""The one fi/en label table: what the learner, the teacher and the coach read for a feedback category,
a severity, a skill, a readiness status, a confidence and a practice level. Every screen and report
takes its words from here (the UI through `service.core.labels`), so one category never has two
Finnish names.

A feedback category has a plain name for A1–A2 learners ("verbin muoto") and its grammar term for
teachers, coaches and learners who want the term ("kongruenssi"), each with English beside it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from finnish.feedback_model import CATEGORIES, Category


@dataclass(frozen=True)
class CategoryLabel:
    fi: str  # plain Finnish, for learners
    en: str
    term_fi: str  # the grammar term (lower case; capitalise at the start of a line)
    term_en: str


CATEGORY_LABELS: dict[Category, CategoryLabel] = {
    "spelling": CategoryLabel("kirjoitusasu", "spelling", "oikeinkirjoitus", "spelling"),
    "agreement": CategoryLabel("verbin muoto", "agreement", "kongruenssi", "agreement"),
    "object_case": CategoryLabel("objektin muoto", "object case", "objektin sija", "object case"),
    "government": CategoryLabel("sijamuoto", "case after a word", "verbin rektio", "verb + case"),
    "numeral": CategoryLabel("numero + sana", "number + noun", "numeraali", "numbers"),
    "postposition": CategoryLabel("kanssa, jälkeen …", "postposition", "postpositio", "postposition"),
    "missing_verb": CategoryLabel("verbi puuttuu", "missing verb", "verbi puuttuu", "missing verb"),
    "repetition": CategoryLabel("sama sana kahdesti", "repeated word", "toisto", "repetition"),
    "punctuation": CategoryLabel("välimerkit", "punctuation", "välimerkit", "punctuation"),
    "style": CategoryLabel("tyyli", "style", "tyyli", "style"),
    "vocabulary": CategoryLabel("sanasto", "vocabulary", "sanasto", "vocabulary"),
}
assert set(CATEGORY_LABELS) == set(CATEGORIES)


def category_label(category: str) -> CategoryLabel:
    """The label of a category; an unknown one (from an old stored report) is named by its id."""
    found = CATEGORY_LABELS.get(category)  # type: ignore[call-overload]
    return found if found is not None else CategoryLabel(category, category, category, category)


SEVERITY_NAMES: dict[str, tuple[str, str]] = {
    "error": ("virhe", "error"), "hint": ("vinkki", "hint"), "info": ("tieto", "note"),
}

Skill = Literal["speaking", "listening", "reading", "writing", "interaction"]
SKILLS: tuple[Skill, ...] = ("speaking", "listening", "reading", "writing", "interaction")
SKILL_NAMES: dict[str, tuple[str, str]] = {
    "speaking": ("puhuminen", "speaking"),
    "listening": ("kuullun ymmärtäminen", "listening"),
    "reading": ("luetun ymmärtäminen", "reading"),
    "writing": ("kirjoittaminen", "writing"),
    "interaction": ("vuorovaikutus", "interaction"),
}

# readiness of a skill or a task for the work trial or the competence demonstration
STATUS_NAMES: dict[str, tuple[str, str]] = {
    "ready": ("valmis", "ready"),
    "almost": ("melkein valmis", "almost ready"),
    "not_yet": ("ei vielä", "not yet"),
    "not_enough_evidence": ("liian vähän näyttöä", "not enough evidence"),
}
CONFIDENCE_NAMES: dict[str, tuple[str, str]] = {
    "low": ("vähäinen", "low"), "medium": ("kohtalainen", "medium"), "high": ("hyvä", "high"),
}

# CEFR levels: every level a text or a profile target can have, and those a practice scenario is written for
CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
PracticeLevel = Literal["A1", "A2", "B1", "B2"]
PRACTICE_LEVELS: tuple[PracticeLevel, ...] = ("A1", "A2", "B1", "B2")
