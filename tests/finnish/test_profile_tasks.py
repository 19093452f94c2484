"""Pre-built profiles of the shipped workplace tasks: every task has one, its obvious domain terms
rank high, general words never rank, and the shipped file matches what the builder makes today."""

from __future__ import annotations

import pytest

from corpora.tasks import load_tasks
from corpora.tasks_profiles import load_task_profile, task_profile_ids
from finnish.keyness import general_words

TOP = 15
# Terms a Finnish teacher expects near the top of each task's profile (written from the task texts).
EXPECTED: dict[str, set[str]] = {
    "care-mealtime": {"ruokailu", "lisäravintojuoma", "ruoka", "asukas"},
    "care-morning": {"nostolaite", "rollaattori", "asukas", "aamupala"},
    "cleaning-office": {"liina", "pyyhkiä", "siivota", "vuorokirja", "roska-astia"},
    "cleaning-patient-room": {"desinfioida", "käsine", "suojaesiliina", "desinfiointiaine", "potilas"},
    "ece-assistant": {"lapsi", "haalari", "lapanen", "lepohetki", "käsienpesu"},
    "garage-tyre-change": {"rengas", "rengashotelli", "pultti", "nosturi", "urasyvyys"},
    "kitchen-dishwashing": {"astia", "pesuaine", "huuhtelu", "lämpötila", "omavalvontalomake"},
    "kitchen-food-prep": {"jäähdytys", "lämpötila", "erityisruokavalio", "kasvis", "kylmiö"},
    "park-maintenance": {"leikkipaikka", "ajoleikkuri", "nurmikko", "trimmeri", "keinu"},
    "property-waste-snow": {"jätehuone", "hiekoittaa", "lumi", "biojäteastia", "lumityö"},
    "recycling-cashier": {"kassa", "kuitti", "alennus", "maksupääte", "vaihtoraha"},
    "recycling-sorting": {"lahjoitus", "huonekalu", "vaate", "sähkölaite", "jäteasema"},
    "retail-shelf-stocking": {"hylly", "hintalappu", "käyttöpäivä", "hävikki", "tuote"},
    "warehouse-receiving": {"rahtikirja", "lava", "trukki", "laituri", "vastaanottotarkastus"},
}


def test_every_shipped_task_has_a_profile() -> None:
    assert {t.id for t in load_tasks()} <= set(task_profile_ids())


@pytest.mark.parametrize("task_id", sorted(EXPECTED))
def test_domain_terms_rank_high(task_id: str) -> None:
    if task_id not in task_profile_ids():
        pytest.skip(f"{task_id} is not shipped")
    top = {t.lemma for t in load_task_profile(task_id).key_terms[:TOP]}
    missing = EXPECTED[task_id] - top
    assert not missing, f"{task_id}: {missing} not among the top {TOP}: {sorted(top)}"


@pytest.mark.parametrize("task_id", task_profile_ids())
def test_general_words_never_rank_in_a_shipped_profile(task_id: str) -> None:
    lemmas = {t.lemma for t in load_task_profile(task_id).key_terms}
    assert not lemmas & (general_words() | {"olla", "tehdä", "että"})


@pytest.mark.parametrize("task_id", task_profile_ids())
def test_shipped_profile_has_phrases_situations_and_targets(task_id: str) -> None:
    profile = load_task_profile(task_id)
    assert profile.task_id == task_id
    assert profile.phrases and profile.situations and profile.texts
    assert {p.kind for p in profile.phrases} & {"instruction", "warning", "obligation"}


@pytest.mark.slow
def test_shipped_profiles_match_the_builder(analyser) -> None:  # type: ignore[no-untyped-def]
    from scripts.build_task_profiles import build_task_profile

    stale = []
    for task in load_tasks():
        fresh = build_task_profile(task, analyser)
        if [t.lemma for t in fresh.key_terms] != [t.lemma for t in load_task_profile(task.id).key_terms]:
            stale.append(task.id)
    assert not stale, f"re-run scripts/build_task_profiles.py for {stale}"
