"""What the search service answers (TypedDicts: JSON objects with named keys, read as dicts by the
routes, the UI, the CLI and the coach, checked key by key by mypy), and the one free-form type of
this room."""

from __future__ import annotations

from typing import Any, TypedDict

# A qualification unit record as JSON: corpora.qualifications' UnitRecord `model_dump` (the
# qualification, the unit with its requirements, assessment targets and criteria, demonstration),
# nested as ePerusteet writes it. Its schema is the corpora model (and UnitRecordOut on the wire);
# here it is passed through whole. The one free-form mapping of service/search.
UnitRecordJSON = dict[str, Any]


class Hit(TypedDict):
    """retrieval.hybrid.UnitHit as JSON."""

    qualification: str
    qualification_name: str
    unit_code: str
    unit_name: str
    score: float
    snippet: str
    matches: list[str]


class MissingNote(TypedDict):
    """A qualification the search text names that the corpus lacks, with the command to import it."""

    qualification_name: str
    message: str
    message_en: str
    import_command: str


class SearchResult(TypedDict):
    query: str
    results: list[Hit]
    notes: list[MissingNote]


class QualificationEntry(TypedDict):
    id: str
    name: str
    diary_number: str
    units: int
    valid_from: str | None
    valid_until: str | None


class Imported(TypedDict):
    id: str
    name: str
    units: int
    file: str


class IndexSummary(TypedDict, total=False):
    """What `tyokieli index build` reports (retrieval.build.build_index)."""

    status: str  # built | up to date
    chunks: int | None
    fingerprint: str | None
    seconds: float
    embedder: str
