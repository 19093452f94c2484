"""Wires the coach view (participants, evidence, readiness, plan, recommendations, reports) onto the
services of one app. The other features are looked up lazily on `services`, so the coach view
works — with less evidence — while a feature is missing, and uses it as soon as it is there."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from service.errors import Unavailable
from service.evidence import EvidenceService
from service.participants import ParticipantService
from service.plan import PlanService
from service.readiness import ReadinessService
from service.recommendations import RecommendationService
from service.reports import ReportService
from service.targets import TaskTargets

log = logging.getLogger("tyokieli")


def _as_dict(obj: Any) -> dict[str, Any] | None:
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj
    for attr in ("model_dump", "to_dict"):
        if hasattr(obj, attr):
            return getattr(obj, attr)()  # type: ignore[no-any-return]
    return None


def _stored_profile(services: Any, pid: str) -> dict[str, Any] | None:
    store = getattr(services, "profiles", None)
    if store is None or not hasattr(store, "get"):
        return None
    try:
        found = _as_dict(store.get(int(pid) if pid.isdigit() else pid))
    except Exception:  # unknown id (its NotFound) or a store that is not ready
        return None
    if found and isinstance(found.get("profile"), dict):
        return found["profile"]  # type: ignore[no-any-return]
    return found


def _stored_titles(services: Any) -> list[tuple[str, str]]:
    store = getattr(services, "profiles", None)
    lister = getattr(store, "list_profiles", None) if store is not None else None
    if lister is None:
        return []
    try:
        rows = lister()
    except TypeError:
        return []
    out = []
    for row in rows or []:
        d = _as_dict(row) or {}
        if "id" in d and d.get("title"):
            out.append((str(d["id"]), str(d["title"])))
    return out


def _analyse_text(services: Any, text: str) -> tuple[str, int, list[str]]:
    from finnish.level import estimate_level

    analysis = services.analyser.analyze(text)
    level = estimate_level(analysis)
    lemmas = [t.lemma.casefold() for t in analysis.words if t.upos in {"NOUN", "VERB", "ADJ", "ADV", "PROPN"}]
    return level.cefr, len(analysis.words), lemmas


def _feedback(services: Any, text: str) -> list[dict[str, Any]]:
    engine = getattr(services, "feedback", None)
    if engine is None:
        raise Unavailable("Written texts cannot be assessed yet: the feedback engine is not available.")
    result = engine.check(text)
    issues = result.get("issues", []) if isinstance(result, dict) else getattr(result, "issues", result)
    return [d for d in (_as_dict(i) for i in issues or []) if d]


def _finished_reports(services: Any, user_id: int) -> Iterable[tuple[str, str, datetime, dict[str, Any]]]:
    sims = getattr(services, "simulations", None)
    finder = getattr(sims, "finished_reports", None) if sims is not None else None
    if finder is None:
        return []
    out = []
    for row in finder(user_id):
        d = _as_dict(row) or {}
        report = _as_dict(d.get("report")) or {}
        when = d.get("finished_at") or d.get("updated_at") or datetime.now(UTC)
        if isinstance(when, str):
            when = datetime.fromisoformat(when)
        out.append((str(d.get("id", "")), str(d.get("task") or report.get("task") or ""), when, report))
    return out


def _scenarios(services: Any, task: str) -> list[dict[str, Any]]:
    sims = getattr(services, "simulations", None)
    if sims is None:
        return []
    return list(sims.scenarios(task).get("scenarios", []))


def _built_profile(services: Any, task_id: str) -> dict[str, Any] | None:
    """A shipped task without a pre-built profile: the profile service builds one (once per process)."""
    store = getattr(services, "profiles", None)
    if store is None or not hasattr(store, "from_task"):
        return None
    return _as_dict(store.from_task(task_id))


def _search(services: Any, query: str, k: int) -> list[dict[str, Any]]:
    searcher = getattr(services, "search", None)
    if searcher is None:
        raise Unavailable("Qualification search is not available here: build the index with `tyokieli index build`.")
    found = searcher.search(query, k)
    if isinstance(found, dict):
        found = found.get("results", [])
    return [d for d in (_as_dict(h) for h in found or []) if d]


def _search_ready(services: Any) -> bool:
    """True when searching needs no index build first (a report must not wait minutes for one)."""
    searcher = getattr(services, "search", None)
    config = getattr(searcher, "config", None)
    if searcher is None or config is None:
        return searcher is not None
    try:
        from retrieval.build import is_current

        return bool(is_current(config, searcher.analyser))
    except Exception:
        return False


def _corpus_dirs(services: Any) -> tuple[Path, ...] | None:
    for owner in (getattr(services, "search", None), services.settings):
        dirs = getattr(owner, "corpus_dirs", None) or getattr(owner, "qualification_dirs", None)
        if dirs:
            return tuple(dirs)
    return None


def _unit(services: Any, code: str, qualification: str) -> Any:
    from corpora.qualifications import get_unit

    return get_unit(code, qualification, _corpus_dirs(services))


def _missing(services: Any, text: str) -> list[dict[str, str]]:
    from corpora.known_qualifications import named_but_missing
    from corpora.qualifications import load_qualifications

    included = [q.name for q in load_qualifications(_corpus_dirs(services))]
    return [{"name": q.name, "name_en": q.name_en, "import_command": q.import_command}
            for q in named_but_missing(text, included)]


def _text_level(services: Any, text: str) -> str:
    from finnish.level import estimate_level

    return estimate_level(services.analyser.analyze(text)).cefr


def attach_coach_view(services: Any) -> None:
    """Sets services.targets, .participants, .evidence, .readiness, .plans, .recommendations, .reports."""
    targets = TaskTargets(stored=lambda pid: _stored_profile(services, pid),
                          stored_titles=lambda: _stored_titles(services),
                          build=lambda task_id: _built_profile(services, task_id))
    services.targets = targets
    services.participants = ParticipantService(
        services.db, resolve_task=targets.resolve, audit=lambda: getattr(services, "audit", None)
    )
    services.evidence = EvidenceService(
        services.db,
        feedback=lambda text: _feedback(services, text),
        analyse=lambda text: _analyse_text(services, text),
        finished_reports=lambda user_id: _finished_reports(services, user_id),
        max_text_chars=min(services.settings.max_text_chars, 20_000),
    )
    services.readiness = ReadinessService(services.participants, services.evidence, targets)
    services.plans = PlanService(services.readiness, scenarios=lambda task: _scenarios(services, task))
    services.recommendations = RecommendationService(
        services.readiness,
        search=lambda query, k: _search(services, query, k),
        unit=lambda code, qualification: _unit(services, code, qualification),
        missing=lambda text: _missing(services, text),
        text_level=lambda text: _text_level(services, text),
    )
    services.reports = ReportService(services.participants, services.readiness, services.plans, services.recommendations,
                                     search_ready=lambda: _search_ready(services))
