"""The learner feedback engine: spelling (Voikko, re-ranked for learners), Voikko's grammar
checker, and our own rules for agreement, object case, government, numerals and postpositions.

Precision first: a correct sentence flagged as wrong discourages an A1 learner more than a missed
error, so rules fire only on an unambiguous parse and Voikko double-checks every form; uncertain
findings are `style` hints (severity "hint"). Words Voikko does not know get a spelling issue and
no grammar rule looks at them.

Usable from `simulations/`: it imports nothing above `finnish/`. Cheap to construct; the omorfi
generator loads on the first suggestion that needs it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from finnish.feedback_model import FeedbackIssue, Register
from finnish.generator import FormGenerator, build_generator
from finnish.language_id import guess_language
from finnish.model import Analysis
from finnish.reparse import repair_parse
from finnish.rules import RULES, voikko_grammar
from finnish.rules.base import RuleContext
from finnish.spelling import check_spelling
from finnish.voikko import VoikkoTools

log = logging.getLogger("tyokieli.feedback")

NOT_FINNISH = FeedbackIssue(
    0, 0, "style", "language.not_finnish",
    "Teksti ei näytä suomelta. Kirjoita suomeksi.",
    "The text does not look like Finnish. Please write in Finnish.",
    [], example="Minä menen töihin.", severity="hint",
)


class FeedbackEngine:
    def __init__(self, analyser: Any, voikko: VoikkoTools | None = None, generator: FormGenerator | None = None) -> None:
        self.analyser = analyser
        self._voikko = voikko or getattr(analyser, "voikko", None)
        self._generator = generator
        self._rules = RULES

    @property
    def voikko(self) -> VoikkoTools:
        if self._voikko is None:
            self._voikko = VoikkoTools()
        return self._voikko

    @property
    def generator(self) -> FormGenerator:
        if self._generator is None:
            self._generator = build_generator()
        return self._generator

    def analyse(self, text: str) -> Analysis:
        return self.analyser.analyse(text)

    def check(self, text: str, register: Register = "written", known_words: Iterable[str] = ()) -> list[FeedbackIssue]:
        """Every issue found in `text`, sorted by position; offsets point into `text` itself.
        `known_words` are the task's or scenario's own words (key terms, names): Voikko may not
        know them, and they are not flagged as misspelt."""
        if register not in ("written", "spoken"):
            raise ValueError(f"unknown register: {register!r}")
        if not text or not any(c.isalpha() for c in text):
            return []  # nothing a language check or a rule could say anything about
        # a lone surrogate cannot be encoded for spaCy or Voikko; the same-length stand-in keeps offsets
        text = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
        guess = guess_language(text, self.voikko)
        if not guess.is_finnish:
            return [_not_finnish(text)]
        analysis = repair_parse(self.analyser, self.analyse(text), self.voikko)
        ctx = RuleContext(analysis, self.voikko, self.generator, register)
        spelling = check_spelling(analysis, self.voikko, register, frozenset(w.lower() for w in known_words))
        for issue in spelling:
            ctx.claimed.update(i for i, t in enumerate(analysis.tokens) if t.start >= issue.start and t.end <= issue.end
                               and issue.category == "spelling")
        issues = list(spelling)
        for rule in self._rules:
            try:
                issues.extend(rule.check(ctx))
            except Exception:  # one rule's bug must not cost the learner every other finding
                log.exception("feedback rule %s failed", rule.__name__)
        issues.extend(_without_overlap(voikko_grammar.check(ctx), issues))
        return sorted(issues, key=lambda i: (i.start, i.end, i.category))


def _not_finnish(text: str) -> FeedbackIssue:
    stripped = text.strip()
    start = text.index(stripped[0]) if stripped else 0
    return replace(NOT_FINNISH, start=start, end=start + len(stripped))


def _without_overlap(new: list[FeedbackIssue], existing: list[FeedbackIssue]) -> list[FeedbackIssue]:
    """Voikko's findings that our own rules have not already explained at the same place."""
    out = []
    for issue in new:
        same = [e for e in existing if e.start < issue.end and issue.start < e.end and e.severity == "error"]
        if issue.category == "agreement" and same:
            continue
        out.append(issue)
    return out


def summary_counts(issues: list[FeedbackIssue]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for issue in issues:
        counts[issue.category] = counts.get(issue.category, 0) + 1
    return counts
