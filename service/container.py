"""The service objects of one running Työkieli, built once from Settings and shared by the API,
the UI and the CLI."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from finnish.analyser import CachedAnalyzer, get_analyzer
from service.analysis import AnalysisService
from service.audit import AuditLog
from service.auth import UserService
from service.privacy import PrivacyService
from service.ratelimit import RateLimiter
from service.settings import Settings
from service.storage.db import Database

log = logging.getLogger("tyokieli")


@dataclass
class Services:
    settings: Settings
    db: Database
    analyser: CachedAnalyzer
    users: UserService
    analysis: AnalysisService
    audit: AuditLog
    rate_limiter: RateLimiter
    privacy: PrivacyService
    # The coach view (service/coach.py): set in __post_init__, typed Any to keep this module light.
    targets: Any = field(init=False, default=None)
    participants: Any = field(init=False, default=None)
    evidence: Any = field(init=False, default=None)
    readiness: Any = field(init=False, default=None)
    plans: Any = field(init=False, default=None)
    recommendations: Any = field(init=False, default=None)
    reports: Any = field(init=False, default=None)
    # Conversation simulations (service/simulations.py); partner chosen by settings.partner.
    simulations: Any = field(init=False, default=None)
    # Practice extras (service/practice.py): authored scenarios, speech, transcription, explanations.
    scenarios: Any = field(init=False, default=None)
    speech: Any = field(init=False, default=None)
    transcriber: Any = field(init=False, default=None)
    explainer: Any = field(init=False, default=None)
    # Task-language profiles (service/profiles.py): build, store with versions, export.
    profiles: Any = field(init=False, default=None)
    # Qualification search (service/search.py): the hybrid index loads lazily on first search.
    search: Any = field(init=False, default=None)
    # Learner feedback (service/feedback.py): Voikko + our grammar rules; omorfi loads on first need.
    feedback: Any = field(init=False, default=None)

    def __post_init__(self) -> None:
        from service.search import SearchService

        self.search = SearchService(self.settings, self.analyser)
        from service.feedback import FeedbackService

        self.feedback = FeedbackService(self.analyser, self.settings.max_text_chars)
        from service.profiles import build_profile_service

        self.profiles = build_profile_service(self)
        from service.coach import attach_coach_view
        from service.practice import attach_practice
        from service.simulations import build_simulation_service

        self.simulations = build_simulation_service(self)
        attach_coach_view(self)
        attach_practice(self)

    def close(self) -> None:
        self.db.dispose()


def build_services(settings: Settings, *, migrate: bool = True) -> Services:
    settings.ensure_dirs()
    db = Database(settings.resolved_database_url)
    if migrate:
        db.migrate()
    analyser = get_analyzer(settings.analyser, settings.spacy_model, settings.analysis_cache_size)
    return Services(
        settings=settings,
        db=db,
        analyser=analyser,
        users=UserService(db, settings.token_ttl_days),
        analysis=AnalysisService(analyser, settings.max_text_chars),
        audit=AuditLog(db),
        rate_limiter=RateLimiter(db),
        privacy=PrivacyService(db, AuditLog(db)),
    )
