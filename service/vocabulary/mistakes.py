"""From practice to cards: after a finished simulation of the task, the key terms the learner did not
use and the words they got wrong become due cards ("Harjoittele nämä sanat"). A wrong word that is a
key term makes that card due; another word becomes the learner's own card, made from their sentence
with the correction in place."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from finnish.voikko import CLASS_TO_UPOS, VoikkoTools
from service.practice.shapes import ErrorExample, FinishedReport, Report
from service.vocabulary.catalogue import Catalogue
from service.vocabulary.store import VocabularyStore

log = logging.getLogger("tyokieli")
FinishedReports = Callable[[int], Iterable[FinishedReport]]
CONTENT_CLASSES = {"nimisana", "laatusana", "nimisana_laatusana", "teonsana", "seikkasana"}


# Stored reports are read defensively: one of an older version may lack a part or hold another shape.
def _examples(report: Report) -> list[ErrorExample]:
    errors = report.get("errors") or {}
    out: list[ErrorExample] = []
    for cat in errors.get("by_category") or [] if isinstance(errors, dict) else []:
        if isinstance(cat, dict) and cat.get("category") != "punctuation":
            out += [e for e in cat.get("examples") or [] if isinstance(e, dict)]
    return out


def _not_used(report: Report) -> list[str]:
    terms = report.get("key_terms") or {}
    return [str(t).casefold() for t in (terms.get("not_used") or [] if isinstance(terms, dict) else [])]


class MistakeCards:
    def __init__(self, store: VocabularyStore, voikko: VoikkoTools, finished_reports: FinishedReports | None) -> None:
        self.store = store
        self.voikko = voikko
        self._finished = finished_reports

    def _correction(self, example: ErrorExample) -> tuple[str, str, str, str] | None:
        """(lemma, UPOS, corrected form, corrected sentence) of one wrong word, or None."""
        suggestions = [s for s in example.get("suggestions") or [] if isinstance(s, str) and s.strip()]
        words, turn = str(example.get("words") or ""), str(example.get("turn") or "")
        if not suggestions or not words or len(suggestions[0].split()) != 1:
            return None
        fix = suggestions[0].strip()
        readings = [r for r in self.voikko.analyse(fix) if r.word_class in CONTENT_CLASSES]
        if not readings:
            return None
        upos = CLASS_TO_UPOS.get(readings[0].word_class, ("NOUN",))[0]
        sentence = turn.replace(words, fix, 1) if words in turn else fix
        return readings[0].baseform, upos, fix, sentence

    def sync(self, user_id: int, catalogue: Catalogue) -> int:
        """Reads the learner's finished simulations of this target not read before; returns how many
        cards became due."""
        if self._finished is None:
            return 0
        seen = self.store.synced_sessions(user_id)
        by_lemma = {c.lemma.casefold(): c.key for c in catalogue.cards}
        made = 0
        for row in self._finished(user_id):
            session, report = str(row.get("id") or ""), row.get("report") or {}
            task = str(row.get("task") or report.get("task") or "")
            if not session or session in seen or task != catalogue.target or not isinstance(report, dict):
                continue
            keys = [by_lemma[t] for t in _not_used(report) if t in by_lemma]
            for example in _examples(report):
                found = self._correction(example)
                if found is None:
                    continue
                lemma, upos, fix, sentence = found
                if lemma.casefold() in by_lemma:
                    keys.append(by_lemma[lemma.casefold()])
                    continue
                own = self.store.add_own_card(user_id, catalogue.target, lemma, upos, fix, sentence)
                if own is not None:
                    keys.append(f"p{own}")
            made += self.store.make_due(user_id, catalogue.target, keys)
            self.store.mark_synced(user_id, session)
        return made
