"""Qualification search: work-task descriptions in everyday Finnish → the qualification units where the
competence can be recognised and demonstrated; plus the unit records and the ePerusteet import.

The index is loaded lazily on first use (and built then if it is missing or out of date). A query that
names a qualification the corpus lacks gets a note with the import command, never made-up content.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, cast

from corpora.eperusteet import API_BASE, EperusteetError, fetch_qualification, find_peruste_id, import_file
from corpora.known_qualifications import named_but_missing
from corpora.qualifications import (
    SHIPPED_DIR,
    CorpusError,
    get_unit,
    load_qualifications,
    write_qualification,
)
from finnish.analyser import Analyser
from retrieval.build import IndexConfig, SearchIndexError, build_index, load_searcher
from retrieval.embedder import EmbedderError
from retrieval.hybrid import HybridSearcher, UnitHit
from service.core.errors import InvalidInput, NotFound, TooLarge
from service.core.settings import Settings
from service.search.shapes import (
    Hit,
    Imported,
    IndexSummary,
    MissingNote,
    QualificationEntry,
    SearchResult,
    UnitRecordJSON,
)

log = logging.getLogger("tyokieli.search")

MAX_QUERY_CHARS = 1000
MAX_K = 50
IMPORT_TIMEOUT_S = 20.0

HTTP_ERRORS: dict[type[Exception], int] = {
    SearchIndexError: 503, EmbedderError: 503, EperusteetError: 422, CorpusError: 422,
}


def index_config(settings: Settings) -> IndexConfig:
    return IndexConfig(
        index_dir=settings.resolved_index_dir,
        models_dir=settings.models_dir,
        corpus_dirs=(SHIPPED_DIR, settings.data_dir / "qualifications"),
        embedder_model=settings.embedder_model,
    )


def build_search_index(settings: Settings, progress: bool = False, force: bool = False) -> IndexSummary:
    """The `tyokieli index build` builder for the qualification index."""
    from finnish.analyser import build_analyser

    analyser = build_analyser(settings.analyser, settings.spacy_model, settings.analysis_cache_size)
    return cast(IndexSummary, build_index(index_config(settings), analyser, progress=progress, force=force))


def validate_query(q: object, k: object) -> tuple[str, int]:
    if not isinstance(q, str) or not q.strip():
        raise InvalidInput("The search text is empty: describe a work task, e.g. 'Autan asukkaita ruokailussa'.")
    if len(q) > MAX_QUERY_CHARS:
        raise TooLarge(f"The search text is too long: {len(q):,} characters; the limit is {MAX_QUERY_CHARS:,}.")
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise InvalidInput(f"k must be a whole number from 1 to {MAX_K}.")
    return " ".join(q.split()), k


def _hit(h: UnitHit) -> Hit:
    return {"qualification": h.qualification, "qualification_name": h.qualification_name, "unit_code": h.unit_code,
            "unit_name": h.unit_name, "score": h.score, "snippet": h.snippet, "matches": list(h.matches)}


class SearchService:
    def __init__(self, settings: Settings, analyser: Analyser, config: IndexConfig | None = None) -> None:
        self.settings = settings
        self.analyser = analyser
        self.config = config or index_config(settings)
        self.corpus_dirs = self.config.corpus_dirs
        self._searcher: HybridSearcher | None = None
        self._lock = threading.Lock()

    @property
    def searcher(self) -> HybridSearcher:
        with self._lock:
            if self._searcher is None:
                self._searcher = load_searcher(self.config, self.analyser)
            return self._searcher

    def use_index(self, config: IndexConfig, analyser: Analyser | None = None) -> None:
        """Searches another index from now on (after a live import, or a small index in tests)."""
        with self._lock:
            self.config = config
            self.corpus_dirs = config.corpus_dirs
            self.analyser = analyser or self.analyser
            self._searcher = None

    def use_searcher(self, searcher: HybridSearcher) -> None:
        """Searches with an already loaded searcher from now on."""
        with self._lock:
            self._searcher = searcher

    def warm_up(self) -> None:
        """Loads the index when it is already built (never starts a build: that is `tyokieli index build`)."""
        with self._lock:
            if self._searcher is None:
                try:
                    self._searcher = load_searcher(self.config, self.analyser, auto_build=False)
                except SearchIndexError:
                    return

    def missing_notes(self, text: str) -> list[MissingNote]:
        included = [q.name for q in load_qualifications(self.corpus_dirs)]
        return [
            {
                "qualification_name": q.name,
                "message": f"{q.name} ei ole mukana aineistossa. Sen voi tuoda ePerusteista komennolla: {q.import_command}",
                "message_en": f"{q.name_en or q.name} is not included in the corpus. Import it from ePerusteet with: "
                f"{q.import_command}",
                "import_command": q.import_command,
            }
            for q in named_but_missing(text, included)
        ]

    def search(self, q: object, k: object = 10) -> SearchResult:
        """`{query, results: [{qualification, qualification_name, unit_code, unit_name, score, snippet, matches}],
        notes: [...]}`; log lines hold no query text."""
        query, k = validate_query(q, k)
        hits = self.searcher.search(query, k)
        log.info("search: %d results", len(hits))
        return {"query": query, "results": [_hit(h) for h in hits], "notes": self.missing_notes(query)}

    def unit(self, code: str, qualification: str | None = None) -> UnitRecordJSON:
        """A unit's full record: requirements, assessment targets and criteria, demonstration."""
        record = get_unit(str(code), qualification, self.corpus_dirs)
        if record is None:
            raise NotFound(f"No qualification unit with the code {code}" + (f" in qualification {qualification}." if qualification else "."))
        data = record.model_dump(mode="json")
        data["unit"]["requirements"] = record.unit.requirements
        return data

    def qualifications(self) -> list[QualificationEntry]:
        return [
            {"id": str(q.id), "name": q.name, "diary_number": q.diary_number, "units": len(q.units),
             "valid_from": q.valid_from.isoformat() if q.valid_from else None,
             "valid_until": q.valid_until.isoformat() if q.valid_until else None}
            for q in load_qualifications(self.corpus_dirs)
        ]

    def import_eperusteet(self, path: str | None = None, peruste_id: int | None = None,
                          koulutuskoodi: str | None = None, base_url: str = API_BASE, transport: Any = None
                          ) -> Imported:
        """Imports one qualification into DATA_DIR/qualifications; the index rebuilds on next use."""
        if sum(x is not None for x in (path, peruste_id, koulutuskoodi)) != 1:
            raise InvalidInput("Give exactly one of: a file, --id N or --koulutuskoodi K.")
        if path is not None:
            q = import_file(Path(path))
        else:
            if peruste_id is None:
                peruste_id = find_peruste_id(str(koulutuskoodi), base_url, IMPORT_TIMEOUT_S, transport)
            q = fetch_qualification(peruste_id, base_url, IMPORT_TIMEOUT_S, transport)
        if not q.units:
            raise InvalidInput(f"'{q.name}' has no vocational units to import.")
        out = write_qualification(q, self.settings.data_dir / "qualifications")
        with self._lock:
            self._searcher = None  # the corpus changed: the next search rebuilds the index
        return {"id": str(q.id), "name": q.name, "units": len(q.units), "file": str(out)}
