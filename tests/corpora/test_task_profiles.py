"""Pre-built profiles of the shipped workplace tasks: every task has one, its obvious domain terms
rank high, general words never rank, and the shipped file matches what the builder makes today."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from corpora.tasks import load_tasks
from corpora.tasks_profiles import load_task_profile, task_profile_ids
from finnish.keyness import general_words

TOP = 15
EXPECTED_FILE = Path(__file__).resolve().parents[1] / "data" / "profile" / "expected_terms.yaml"
# Terms a Finnish teacher expects near the top of each task's profile (written from the task texts).
EXPECTED: dict[str, set[str]] = {
    k: set(v) for k, v in yaml.safe_load(EXPECTED_FILE.read_text(encoding="utf-8")).items()
}


def test_every_shipped_task_has_a_profile() -> None:
    assert {t.id for t in load_tasks()} <= set(task_profile_ids())


@pytest.mark.parametrize("task_id", sorted(EXPECTED))
def test_domain_terms_rank_high(task_id: str) -> None:
    assert task_id in task_profile_ids(), f"{task_id} is not shipped"
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
