"""The Done-when walk of a task the project does not ship, in Debian Chromium at phone (390×844) and
desktop (1400×1000) width: a teacher pastes two texts of an animal boarding kennel (our own), builds
and saves the profile, generates scenarios, edits one goal in the form and publishes; a participant
whose coach set the target `profile:<id>` then has the scenario in the plan. Screenshots of each
step go to tests/ui/artefacts/ (not committed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.simulations.generate.conftest import NEW_TASKS, task_texts
from tests.ui.conftest import LiveServer, chromium, fill_login, open_tab

pytestmark = pytest.mark.browser

ARTEFACTS = Path(__file__).parent / "artefacts"
SIZES = {"phone": (390, 844), "desktop": (1400, 1000)}
TASK = "animal-boarding"
NEW_EXAMPLE = "Voitko näyttää, miten hihna laitetaan?"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def shot(page: Any, name: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=False)


def choose(page: Any, box: str, text: str) -> None:
    page.locator(f"{box} input").first.click()
    page.locator("ul.options li, [role=option]").filter(has_text=text).first.click()


def edit_goal_examples(page: Any, row: int, value: str) -> None:
    """Types into the examples cell of one goal row of the form's goal table, as a teacher would."""
    cell = page.locator(f'#editor-goals [role=gridcell][data-row="{row}"][data-col="3"]').first
    cell.scroll_into_view_if_needed()
    cell.dblclick()
    editor = page.locator("#editor-goals textarea, #editor-goals input[type=text]").first
    editor.wait_for()
    editor.press("Control+a")
    editor.type(value)
    editor.press("Enter")
    page.locator("#editor-goals").get_by_text(value, exact=False).first.wait_for()


@pytest.mark.parametrize("size", list(SIZES))
def test_a_teacher_turns_texts_of_a_new_task_into_practice_a_participant_gets(
        browser: Any, live_server: LiveServer, size: str) -> None:
    services = live_server.services
    name, password = live_server.add_user(f"opettaja-{size}", "teacher")
    width, height = SIZES[size]
    page = browser.new_context(locale="fi-FI", viewport={"width": width, "height": height}).new_page()
    page.set_default_timeout(30_000)
    fill_login(page, live_server, name, password)
    page.locator("#tk-header-text .tk-user").filter(has_text=name).wait_for()

    # 1. the teacher pastes the two texts and builds, then saves, the profile
    open_tab(page, "Kieliprofiili")
    title, description = NEW_TASKS[TASK]
    page.locator("#profile-title input, #profile-title textarea").first.fill(title)
    page.locator("#profile-description textarea").first.fill(description)
    page.locator("#profile-text textarea").first.fill("\n---\n".join(t.text for t in task_texts(TASK)))
    page.locator("#profile-build").click()
    page.locator("#profile-terms").get_by_text("hoitokortti", exact=True).first.wait_for(timeout=120_000)
    shot(page, f"walk-1-profile-built-{size}")
    page.get_by_text("Muokkaa (edit)").click()
    page.locator("#profile-save").click()
    page.locator("#profile-summary").get_by_text("versio 1", exact=False).wait_for()
    teacher = services.users.by_name(name)
    assert teacher is not None
    for _ in range(60):
        saved = [p for p in services.profiles.list_profiles(teacher) if p["title"] == title]
        if saved:
            break
        page.wait_for_timeout(500)
    assert saved, "the profile should be saved"
    pid = int(saved[0]["id"])
    page.locator("#profile-summary").scroll_into_view_if_needed()
    shot(page, f"walk-2-profile-saved-{size}")

    # 2. Harjoitukset: generate the drafts, open one, edit a goal's examples in the form, save, publish
    page.evaluate("window.scrollTo(0, 0)")
    open_tab(page, "Harjoitukset")
    page.wait_for_timeout(500)
    shot(page, f"walk-3a-editor-tab-{size}")
    page.get_by_role("button", name="Päivitä lista (refresh)").click()
    choose(page, "#editor-profile", title)
    page.locator("#editor-generate").click()
    page.locator("#editor-status").get_by_text("luonnosta", exact=False).wait_for(timeout=120_000)
    page.get_by_role("button", name="Avaa (open)").click()
    page.locator("#editor-status").get_by_text("Versio 1", exact=False).wait_for()
    shot(page, f"walk-3-draft-opened-{size}")
    edit_goal_examples(page, 1, f"Tarvitsen apua. | {NEW_EXAMPLE}")
    shot(page, f"walk-4-goal-edited-{size}")
    page.locator("#editor-save").click()
    page.locator("#editor-status").get_by_text("Tallennettu versio 2", exact=False).wait_for()
    page.locator("#editor-publish").click()
    page.locator("#editor-status").get_by_text("Julkaistu", exact=False).wait_for()
    shot(page, f"walk-5-published-{size}")

    published = [s for s in services.profile_scenarios.listing(teacher, pid)["scenarios"] if s["status"] == "published"]
    assert len(published) == 1
    scenario = services.scenarios.latest(teacher, published[0]["id"])["scenario"]
    assert scenario["version"] == 2 and scenario["profile"] == pid
    assert scenario["goals"][1]["examples"] == ["Tarvitsen apua.", NEW_EXAMPLE]

    # 3. a coach aims a participant at the profile; the participant's plan lists the scenario
    _, coach_token = services.users.add_user(f"valmentaja-{size}", "coach")
    learner_name, learner_password = live_server.add_user(f"osallistuja-{size}", "participant")
    learner_token = services.users.issue_token(services.users.by_name(learner_name).id)  # type: ignore[union-attr]
    made = httpx.post(f"{live_server.url}/api/v1/participants", headers={"Authorization": f"Bearer {coach_token}"},
                      json={"name": "Amina", "user": learner_name, "target_tasks": [f"profile:{pid}"]}, timeout=60)
    assert made.status_code == 201, made.text
    plan = httpx.get(f"{live_server.url}/api/v1/participants/{made.json()['id']}/plan",
                     headers={"Authorization": f"Bearer {learner_token}"}, timeout=60)
    assert plan.status_code == 200, plan.text
    assert published[0]["id"] in [s["id"] for s in plan.json()["scenarios"]]

    # and sees it in the browser, in the plan on their Edistymiseni tab
    participant = browser.new_context(locale="fi-FI", viewport={"width": width, "height": height}).new_page()
    participant.set_default_timeout(30_000)
    fill_login(participant, live_server, learner_name, learner_password)
    participant.locator("#tk-header-text .tk-user").filter(has_text=learner_name).wait_for()
    open_tab(participant, "Edistymiseni")
    participant.locator("#progress-plan").get_by_text(scenario["title"], exact=False).first.wait_for(timeout=60_000)
    shot(participant, f"walk-6-participant-plan-{size}")
