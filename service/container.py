"""The composition root: every service object of one running Työkieli, built once from Settings by
`build_services` and shared by the API, the UI and the CLI. Every field has its real type; nothing
is attached or changed after the container is built, and each heavy component (the analyser, the
feedback engine, the partner) exists once."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from finnish.analyser import CachedAnalyser, build_analyser
from finnish.feedback import FeedbackEngine
from service.coach import wiring
from service.coach.cohort import CohortService, review_times
from service.coach.evidence import EvidenceService
from service.coach.participants import ParticipantService
from service.coach.plan import PlanService
from service.coach.readiness import ReadinessService
from service.coach.recommendations import RecommendationService
from service.coach.reports import ReportService
from service.coach.targets import TaskTargets
from service.core.audit import AuditLog
from service.core.auth import UserService
from service.core.db import Database
from service.core.privacy import PrivacyService
from service.core.ratelimit import RateLimiter
from service.core.settings import Settings
from service.core.ui_sessions import UiSessions
from service.core.workers import WorkerPool
from service.language.analysis import AnalysisService
from service.language.feedback import FeedbackService
from service.practice.extras import FeedbackExplainer, task_exists
from service.practice.partners import build_engine, build_partner
from service.practice.service import SimulationService
from service.profiles.ingest import Ingest, ParseLimits
from service.profiles.service import ProfileService
from service.scenarios.generation import ProfileBinding, ProfileScenarios
from service.scenarios.service import ScenarioAuthoring
from service.search.service import SearchService
from service.vocabulary.service import VocabularyService
from service.vocabulary.wiring import build_vocabulary
from service.workplace.intake import IntakeService
from service.workplace.mentors import MentorService
from service.workplace.portfolio import PortfolioService, supported_units
from simulations.generate.generator import ScenarioGenerator
from simulations.generate.polish import build_polisher
from simulations.library import build_library
from simulations.partners.base import Partner
from simulations.partners.llm import LLMPartner
from simulations.speech import Speaker, Transcriber, build_transcriber

log = logging.getLogger("tyokieli")


@dataclass(frozen=True)
class Services:
    settings: Settings
    db: Database
    analyser: CachedAnalyser
    users: UserService
    audit: AuditLog
    rate_limiter: RateLimiter
    privacy: PrivacyService
    # the bounded pool every CPU-heavy step runs in (the event loop only awaits it)
    workers: WorkerPool
    # UI sign-in sessions bound to user id and session version (service/core/ui_sessions.py)
    ui_sessions: UiSessions
    # language: analysis and learner feedback (Voikko + our grammar rules; omorfi loads on first need)
    analysis: AnalysisService
    feedback: FeedbackService
    # qualification search: the hybrid index loads lazily on first search
    search: SearchService
    # task-language profiles: build, store with versions, export
    profiles: ProfileService
    # practice: simulations, teacher-authored scenarios, partner speech, transcription, explanations
    simulations: SimulationService
    scenarios: ScenarioAuthoring
    # draft scenarios generated from stored profiles, and a profile's scenarios
    profile_scenarios: ProfileScenarios
    speech: Speaker
    transcriber: Transcriber | None
    explainer: FeedbackExplainer | None
    # coach: targets, participants, evidence, readiness, plan, recommendations, reports
    targets: TaskTargets
    participants: ParticipantService
    evidence: EvidenceService
    readiness: ReadinessService
    plans: PlanService
    recommendations: RecommendationService
    reports: ReportService
    # vocabulary: cards of a task, exercises, FSRS reviews per learner
    vocabulary: VocabularyService
    # workplace: mentors with consent and their observations, the intake mapping
    mentors: MentorService
    intake: IntakeService
    portfolio: PortfolioService
    cohort: CohortService

    def close(self) -> None:
        self.workers.close()
        self.db.dispose()


@dataclass(frozen=True)
class _Language:
    """The heavy shared components (each built once) and the features on them."""

    db: Database
    analyser: CachedAnalyser
    audit: AuditLog
    engine: FeedbackEngine
    feedback: FeedbackService
    search: SearchService
    profiles: ProfileService
    partner: Partner


@dataclass(frozen=True)
class _Practice:
    scenarios: ScenarioAuthoring
    simulations: SimulationService
    speech: Speaker


@dataclass(frozen=True)
class _Coach:
    sources: wiring.CoachSources
    targets: TaskTargets
    participants: ParticipantService
    evidence: EvidenceService
    vocabulary: VocabularyService
    readiness: ReadinessService
    intake: IntakeService
    plans: PlanService
    recommendations: RecommendationService
    mentors: MentorService


def _build_language(settings: Settings, migrate: bool, search: SearchService | None,
                    partner: Partner | None) -> _Language:
    db = Database(settings.resolved_database_url)
    if migrate:
        db.migrate()
    analyser = build_analyser(settings.analyser, settings.spacy_model, settings.analysis_cache_size)
    engine = FeedbackEngine(analyser)
    limits = ParseLimits(settings.max_unpacked_bytes, settings.max_paragraphs, settings.max_pdf_pages,
                         settings.max_parse_seconds)
    return _Language(
        db=db, analyser=analyser, audit=AuditLog(db), engine=engine,
        feedback=FeedbackService(engine, settings.max_text_chars),
        search=search or SearchService(settings, analyser),
        profiles=ProfileService(db, analyser, Ingest(settings.max_upload_bytes, settings.max_text_chars, limits)),
        partner=partner or build_partner(settings),
    )


def _build_practice(settings: Settings, lang: _Language) -> _Practice:
    library = build_library().view()
    binding = ProfileBinding(lang.profiles, task_exists, lang.engine)
    scenarios = ScenarioAuthoring(lang.db, shipped_ids=library.shipped_ids, task_exists=binding.task_exists,
                                  bind=binding.bind, line_check=binding.flagged)
    library.set_source("authored", scenarios)
    engine = build_engine(library, lang.analyser, lang.engine, lang.partner)
    return _Practice(
        scenarios=scenarios, simulations=SimulationService(lang.db, engine, may_play=scenarios.may_play),
        speech=Speaker(Path(settings.data_dir) / "audio", voice=settings.espeak_voice, engine="auto"),  # Suopuhe if installed
    )


def _build_coach(settings: Settings, lang: _Language, practice: _Practice) -> _Coach:
    db, profiles, audit = lang.db, lang.profiles, lang.audit
    coach = wiring.CoachSources(settings, lang.analyser, lang.feedback, lang.search, profiles, practice.simulations)
    targets = TaskTargets(stored=coach.stored_profile, stored_titles=coach.stored_titles, build=coach.built_profile,
                          readable_titles=lambda user: [(str(r["id"]), str(r["title"])) for r in profiles.list_profiles(user)])
    participants = ParticipantService(db, resolve_task=targets.resolve, audit=lambda: audit)
    evidence = EvidenceService(db, feedback=coach.feedback, analyse=coach.analyse_text,
                               finished_reports=coach.finished_reports,
                               max_text_chars=min(settings.max_text_chars, 20_000))
    vocabulary = build_vocabulary(db, targets, lang.analyser, lang.engine.voikko, practice.speech,
                                  practice.simulations.finished_reports, settings.vocabulary_new_per_day,
                                  check_profile=profiles.get)
    readiness = ReadinessService(participants, evidence, targets, known_words=vocabulary.known_lemmas)
    intake = IntakeService(db, participants, targets.title, llm=isinstance(lang.partner, LLMPartner))
    return _Coach(
        sources=coach, targets=targets, participants=participants, evidence=evidence, vocabulary=vocabulary,
        readiness=readiness, intake=intake,
        plans=PlanService(readiness, scenarios=coach.scenarios, intake=intake.data, llm=intake.llm),
        recommendations=RecommendationService(readiness, search=coach.search, corpus=coach.qualifications,
                                              missing=coach.missing, text_level=coach.text_level),
        mentors=MentorService(db, readiness, audit),
    )


def _llm_key(settings: Settings) -> str | None:
    return settings.llm_api_key.get_secret_value() if settings.llm_api_key is not None else None


def _build_generator(settings: Settings, lang: _Language) -> ScenarioGenerator:
    polisher = build_polisher(lang.engine, lang.analyser.analyse, base_url=settings.llm_base_url,
                              api_key=_llm_key(settings), model=settings.llm_model, timeout_s=settings.llm_timeout_s,
                              max_retries=settings.llm_max_retries) if settings.llm_enabled else None
    return ScenarioGenerator(lang.engine, polisher=polisher)


def build_services(
    settings: Settings,
    *,
    migrate: bool = True,
    search: SearchService | None = None,
    partner: Partner | None = None,
) -> Services:
    """The one place where the service objects are made, feature group by feature group. `search`
    and `partner` replace the configured ones (tests hand in a small index or a fake model)."""
    settings.ensure_dirs()
    lang = _build_language(settings, migrate, search, partner)
    practice = _build_practice(settings, lang)
    coach = _build_coach(settings, lang, practice)
    db, readiness = lang.db, coach.readiness
    return Services(
        settings=settings, db=db, analyser=lang.analyser, users=UserService(db, settings.token_ttl_days),
        audit=lang.audit, rate_limiter=RateLimiter(db), privacy=PrivacyService(db, lang.audit),
        workers=WorkerPool(settings.worker_threads, settings.worker_queue),
        ui_sessions=UiSessions(db, settings.ui_session_hours),
        analysis=AnalysisService(lang.analyser, settings.max_text_chars), feedback=lang.feedback, search=lang.search,
        profiles=lang.profiles, simulations=practice.simulations, scenarios=practice.scenarios,
        profile_scenarios=ProfileScenarios(lang.profiles, practice.scenarios, _build_generator(settings, lang)),
        speech=practice.speech, vocabulary=coach.vocabulary,
        transcriber=build_transcriber(settings.transcription_model, settings.llm_base_url, _llm_key(settings),
                                      settings.llm_timeout_s),
        explainer=FeedbackExplainer(lang.partner) if isinstance(lang.partner, LLMPartner) else None,
        targets=coach.targets, participants=coach.participants, evidence=coach.evidence, readiness=readiness,
        plans=coach.plans, recommendations=coach.recommendations,
        reports=ReportService(coach.participants, readiness, coach.plans, coach.recommendations,
                              search_ready=coach.sources.search_ready),
        mentors=coach.mentors, cohort=CohortService(readiness, review_times(db)),
        portfolio=PortfolioService(db, readiness, coach.mentors,
                                   supported_units(coach.recommendations.recommend, coach.sources.search_ready)),
        intake=coach.intake,
    )
