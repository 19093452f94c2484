"""Builds the vocabulary service from what the container already has (one analyser, one Voikko,
one omorfi generator, the coach's targets, the partner's Speaker, finished simulations)."""

from __future__ import annotations

from collections.abc import Callable

from corpora.glossary import Glossary
from finnish.analyser import CachedAnalyser
from finnish.generator import build_generator
from finnish.vocabulary.checker import AnswerChecker
from finnish.voikko import VoikkoTools
from service.coach.targets import TaskTargets
from service.core.auth import CurrentUser
from service.core.db import Database
from service.vocabulary.catalogue import Catalogues
from service.vocabulary.mistakes import FinishedReports, MistakeCards
from service.vocabulary.service import VocabularyService
from service.vocabulary.store import VocabularyStore
from simulations.speech import Speaker


def build_vocabulary(db: Database, targets: TaskTargets, analyser: CachedAnalyser, voikko: VoikkoTools,
                     speech: Speaker, finished_reports: FinishedReports | None, new_per_day: int,
                     check_profile: Callable[[int, CurrentUser], object] | None = None) -> VocabularyService:
    checker = AnswerChecker(voikko, build_generator())
    store = VocabularyStore(db)
    return VocabularyService(Catalogues(targets, analyser, checker, Glossary()), store,
                             MistakeCards(store, voikko, finished_reports), speech, new_per_day=new_per_day,
                             check_profile=check_profile)
