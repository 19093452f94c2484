"""The pure helpers behind the Kieliprofiili tab: rows out, the teacher's edits back in."""

from __future__ import annotations

import pytest

from corpora.tasks_profiles import load_task_profile, task_profile_ids
from ui import profile_render as R


@pytest.fixture
def profile() -> dict:
    assert "cleaning-office" in task_profile_ids()  # shipped: a missing profile is a failure, not a skip
    return load_task_profile("cleaning-office").model_dump(mode="json")


def test_rows_follow_the_key_terms_in_rank_order(profile: dict) -> None:
    rows = R.term_rows(profile)
    assert [r[0] for r in rows] == [t["lemma"] for t in profile["key_terms"]]
    assert len(rows[0]) == len(R.TERM_COLUMNS)


def test_chart_has_one_bar_per_skill_on_the_cefr_scale(profile: dict) -> None:
    chart = R.skill_chart(profile)
    assert len(chart) == 5
    assert chart["level"].between(1, 6).all()


def test_cleared_term_is_removed_and_new_term_added(profile: dict) -> None:
    rows = R.term_rows(profile)
    removed = rows[0][0]
    rows[0][0] = ""
    rows.append(["siivouskärry", 0, 0, "", "", "Vie siivouskärry varastoon."])
    edited = R.apply_edits(profile, title="Toimisto", notes="muistio", levels={"speaking": "C1"},
                           terms=rows, phrases=R.phrase_rows(profile))
    lemmas = [t["lemma"] for t in edited["key_terms"]]
    assert removed not in lemmas and lemmas[-1] == "siivouskärry"
    assert edited["key_terms"][-1]["examples"] == ["Vie siivouskärry varastoon."]
    assert edited["skills"]["speaking"] == {"cefr": "C1", "why": "Opettaja muutti tason.", "why_en": "Set by the teacher."}
    assert edited["title"] == "Toimisto" and edited["notes"] == "muistio"


def test_situations_can_be_chosen_from_the_catalogue(profile: dict) -> None:
    edited = R.apply_edits(profile, title="", notes="", levels={}, terms=R.term_rows(profile),
                           phrases=R.phrase_rows(profile), situation_ids=["phone_call"])
    assert [s["id"] for s in edited["situations"]] == ["phone_call"]
    assert edited["situations"][0]["label"] == "Puhelu"
    assert edited["title"] == profile["title"]


def test_summary_escapes_the_title(profile: dict) -> None:
    assert "&lt;b&gt;" in R.summary_markdown({**profile, "title": "<b>x</b>"})


def test_skill_figure_draws_one_bar_per_skill(profile: dict) -> None:
    fig = R.skill_figure(profile)
    assert len(fig.axes[0].patches) == 5


def test_pasted_texts_split_on_a_dash_line() -> None:
    assert R.split_pasted("Pese kädet.\n---\nPyyhi pöydät.\n\n -----  \n") == ["Pese kädet.", "Pyyhi pöydät."]
    assert R.split_pasted("  ") == [] and R.split_pasted(None) == []
    assert R.split_pasted("Lämpötila on 5 - 8 astetta.") == ["Lämpötila on 5 - 8 astetta."]
