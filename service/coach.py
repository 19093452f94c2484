"""Wires the coach view (participants, evidence, readiness, plan, recommendations, reports) onto the
services of one app. The other features are looked up lazily on `services`, so the coach view
works — with less evidence — while a feature is missing, and uses it as soon as it is there."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from service.errors import Unavailable
from service.evidence import EvidenceService
from service.participants import ParticipantService
from service.readiness import ReadinessService
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
    lister = getattr(store, "list", None) if store is not None else None
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


def attach_coach_view(services: Any) -> None:
    """Sets services.targets, .participants, .evidence, .readiness, .plans, .recommendations, .reports."""
    targets = TaskTargets(stored=lambda pid: _stored_profile(services, pid),
                          stored_titles=lambda: _stored_titles(services))
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
