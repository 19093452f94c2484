"""Profiles of job tasks the project does not ship, built from our own authentic-style texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpora.kotus import kotus_words
from finnish.analyser import SpacyVoikkoAnalyser
from finnish.feedback import FeedbackEngine
from finnish.profile import ProfileText, TaskProfile
from finnish.profile_builder import build_profile
from simulations.generate.generator import ScenarioGenerator

TEXTS = Path(__file__).resolve().parents[2] / "data" / "profile_tasks"
NEW_TASKS = {
    "hotel-room": ("Hotellihuoneen siivous", "Kerrossiivooja siivoaa hotellihuoneet ja palvelee asiakkaita käytävällä."),
    "school-kitchen": ("Koulukeittiön aamuvuoro", "Ruoan valmistus koulun keittiössä ja erityisruokavaliot."),
    "bakery": ("Leipomon yövuoro ja myymälä", "Leivonta yövuorossa ja asiakkaiden palveleminen myymälässä."),
    "laundry": ("Pesulan työntekijä", "Likapyykin vastaanotto, pesu ja mankelointi; asiakkaiden puhelut."),
    "animal-boarding": ("Eläinhoitolan hoitaja", "Koirien ja kissojen hoito, ruokinta ja tarhojen siivous "
                        "eläinhoitolassa; asiakkaiden palvelu vastaanotossa ja puhelimessa."),
}


def task_texts(task: str) -> list[ProfileText]:
    return [ProfileText(text=p.read_text(encoding="utf-8"), title=p.stem) for p in sorted(TEXTS.glob(f"{task}-*.txt"))]


@pytest.fixture(scope="session")
def checker(analyser: SpacyVoikkoAnalyser) -> FeedbackEngine:
    return FeedbackEngine(analyser)


@pytest.fixture(scope="session")
def generator(checker: FeedbackEngine) -> ScenarioGenerator:
    return ScenarioGenerator(checker)


@pytest.fixture(scope="session")
def new_profiles(analyser: SpacyVoikkoAnalyser) -> dict[str, TaskProfile]:
    """The unshipped tasks, each profiled from its two texts as a teacher would."""
    out = {}
    for task, (title, description) in NEW_TASKS.items():
        out[task] = build_profile(analyser, title, task_texts(task), description=description,
                                  is_headword=kotus_words().is_headword)
    return out
