"""The cohort and mentor tabs: their renderings from real service data, and that both build."""

from __future__ import annotations

from datetime import UTC, datetime

import gradio as gr

from service.coach.participants import ParticipantIn
from tests.service.coach_factories import report
from ui import cohort_render as C
from ui import cohort_tab, mentor_tab
from ui.app import visible_tabs
from ui.mentor_tab import view_markdown


def test_cohort_plots_and_table_come_from_the_cohort_data(services) -> None:  # type: ignore[no-untyped-def]
    coach = services.users.add_user("ui-coach", "coach")[0]
    p = services.participants.create(coach, ParticipantIn(name="Amina", target_tasks=["cleaning-office"]))
    services.evidence.add_simulation(p.id, report("A2", bands={"speaking": "A2"}, task="cleaning-office"),
                                     when=datetime.now(UTC))
    data = services.cohort.cohort(coach)
    assert C.table(data)[0][:3] == ["Amina", data["participants"][0]["tasks"][0]["title"], "vähän näyttöä"]
    assert "**1** osallistujaa" in C.summary_markdown(data)
    bars = C.activity_figure(data).axes[0].patches
    assert sum(b.get_height() for b in bars) == 1  # one session this week, no cards
    assert len(C.skills_figure(data).axes) == 1


def test_mentor_view_shows_goals_progress_and_situations_only(services) -> None:  # type: ignore[no-untyped-def]
    view = {"name": "Amina", "title": "Toimiston siivous", "goals": ["Kysyn apua."],
            "progress": {"sessions": 3, "words_known": 4, "words_total": 30, "observations": 1, "status": "almost",
                         "skills": {"speaking": "A2", "reading": None}},
            "packet": {"situations": [{"id": "asking_for_help", "label": "Avun pyytäminen", "label_en": "Asking for help"}],
                       "key_terms": ["imuri", "moppi"], "phrases": [], "skills": {}}}
    text = view_markdown(view)
    assert "Kysyn apua." in text and "3 harjoitusta" in text and "Avun pyytäminen" in text and "imuri" in text


def test_tabs_build_and_only_mentors_and_coaches_see_them(services) -> None:  # type: ignore[no-untyped-def]
    with gr.Blocks():
        cohort_tab.build(services)
        mentor_tab.build(services)
    assert [t.key for t in visible_tabs("mentor")] == ["mentor"]
    assert "cohort" in [t.key for t in visible_tabs("coach")]
    assert "cohort" not in [t.key for t in visible_tabs("participant")]


def test_the_import_tab_refuses_non_admins_and_explains_bad_input(services) -> None:  # type: ignore[no-untyped-def]
    from ui.import_tab import import_one

    assert "Vain ylläpitäjä" in import_one(services, "381141", "coach")
    assert "numero" in import_one(services, "kokki", "admin")
    assert [t.key for t in visible_tabs("admin")].count("import") == 1
    assert "import" not in [t.key for t in visible_tabs("coach")]
