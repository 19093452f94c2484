"""What the coach view reads from the other features, as one typed object: stored profiles, written
feedback, finished simulations, scenarios, search and the qualification corpus. The container hands
its bound methods to the coach services, so those stay testable with plain functions."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from corpora.known_qualifications import named_but_missing
from corpora.qualifications import Qualification, UnitRecord, get_unit, load_qualifications
from finnish.analyser import CachedAnalyser
from finnish.feedback_model import FeedbackIssueData
from finnish.level import estimate_level
from retrieval.build import is_current
from service.coach.evidence import FinishedReport
from service.coach.measures import RawReport
from service.core.errors import NotFound
from service.core.settings import Settings
from service.language.feedback import FeedbackService
from service.practice.service import SimulationService
from service.profiles.service import ProfileService
from service.search.service import SearchService
from service.search.shapes import Hit
from simulations.scenario import ScenarioSummary

log = logging.getLogger("tyokieli")

CONTENT_POS = {"NOUN", "VERB", "ADJ", "ADV", "PROPN"}


class CoachSources:
    def __init__(self, settings: Settings, analyser: CachedAnalyser, feedback_service: FeedbackService,
                 search_service: SearchService, profiles: ProfileService, simulations: SimulationService) -> None:
        self.settings = settings
        self.analyser = analyser
        self._feedback = feedback_service
        self._search = search_service
        self._profiles = profiles
        self._simulations = simulations

    # -- profiles ---------------------------------------------------------------------------------
    def stored_profile(self, pid: str) -> dict[str, Any] | None:
        if not pid.isdigit():
            return None
        try:
            found = self._profiles.get(int(pid))
        except NotFound:
            return None
        inner = found.get("profile")
        return inner if isinstance(inner, dict) else found

    def stored_titles(self) -> list[tuple[str, str]]:
        return [(str(row["id"]), str(row["title"])) for row in self._profiles.list_profiles()
                if "id" in row and row.get("title")]

    def built_profile(self, task_id: str) -> dict[str, Any] | None:
        """A shipped task without a pre-built profile: the profile service builds one (once per process)."""
        return self._profiles.from_task(task_id).model_dump()

    # -- written texts and finished sessions ------------------------------------------------------
    def feedback(self, text: str) -> list[FeedbackIssueData]:
        return list(self._feedback.check(text)["issues"])

    def analyse_text(self, text: str) -> tuple[str, int, list[str]]:
        analysis = self.analyser.analyse(text)
        lemmas = [t.lemma.casefold() for t in analysis.words if t.upos in CONTENT_POS]
        return estimate_level(analysis).cefr, len(analysis.words), lemmas

    def text_level(self, text: str) -> str:
        return estimate_level(self.analyser.analyse(text)).cefr

    def finished_reports(self, user_id: int) -> Iterable[FinishedReport]:
        out: list[FinishedReport] = []
        for row in self._simulations.finished_reports(user_id):
            report = cast(RawReport, row["report"])  # a session report is JSON, read as evidence
            when = row["finished_at"] or datetime.now(UTC)
            out.append((str(row["id"]), str(row["task"] or report.get("task") or ""), when, report))
        return out

    def scenarios(self, task: str) -> list[ScenarioSummary]:
        return list(self._simulations.scenarios(task)["scenarios"])

    # -- qualifications ---------------------------------------------------------------------------
    def search(self, query: str, k: int) -> list[Hit]:
        return list(self._search.search(query, k)["results"])

    def search_ready(self) -> bool:
        """True when searching needs no index build first (a report must not wait minutes for one)."""
        try:
            return bool(is_current(self._search.config, self._search.analyser))
        except Exception:  # an unreadable index counts as not ready: the report says so
            log.warning("could not tell whether the search index is current", exc_info=True)
            return False

    def _corpus_dirs(self) -> tuple[Path, ...]:
        return tuple(self._search.corpus_dirs)

    def qualifications(self) -> list[Qualification]:
        """The qualifications of the corpus as it is now (a live import shows at once)."""
        return load_qualifications(self._corpus_dirs())

    def unit(self, code: str, qualification: str) -> UnitRecord | None:
        return get_unit(code, qualification, self._corpus_dirs())

    def missing(self, text: str) -> list[dict[str, str]]:
        included = [q.name for q in load_qualifications(self._corpus_dirs())]
        return [{"name": q.name, "name_en": q.name_en, "import_command": q.import_command}
                for q in named_but_missing(text, included)]
