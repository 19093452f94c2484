"""The Gradio Blocks app: a header (who is signed in, sign-out) and one tab per job, each shown only
to the roles that use it, built from the same services as the API.

Deep links open a tab and an item: `/ui?participant=ID` (Valmius), `?profile=ID` (Kieliprofiili),
`?scenario=ID` (Harjoittele). Every action is checked again by the services: hiding a tab is for
clarity, not for security."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import gradio as gr
from fastapi import FastAPI
from gradio.utils import get_upload_folder

from service.container import Services
from ui import (
    analysis_tab,
    cohort_tab,
    import_tab,
    mentor_tab,
    portfolio_tab,
    practice_tab,
    profile_tab,
    progress_tab,
    readiness_tab,
    scenario_editor_tab,
    search_tab,
    vocabulary_tab,
    workplace_tab,
)
from ui.common import ROLE_NAMES, current_user
from ui.gradio_words import HEAD as GRADIO_WORDS_IN_FINNISH
from ui.signin import SIGN_IN_MESSAGE
from ui.uploads import UPLOAD_MAX_AGE_S, prepare_upload_dir, use_upload_dir

STYLE = Path(__file__).with_name("style.css")
PARTICIPANT, TEACHER, COACH, MENTOR, ADMIN = "participant", "teacher", "coach", "mentor", "admin"


@dataclass(frozen=True)
class Tab:
    module: ModuleType  # has build(services) and owns everything inside its tab
    fi: str  # the tab's title
    en: str  # its English title, shown beside the Finnish one
    roles: frozenset[str]  # who sees it (admins see every tab)
    key: str  # the tab's id in deep links and tests


def roles(*names: str) -> frozenset[str]:
    return frozenset((*names, ADMIN))


TABS: tuple[Tab, ...] = (
    # To add a tab: import its module above, then add ONE line here:
    #   Tab(<module>, "<Finnish title>", "<English title>", roles(<who sees it>), "<key>"),
    Tab(practice_tab, "Harjoittele", "Practise", roles(PARTICIPANT, TEACHER), "practice"),
    Tab(progress_tab, "Edistymiseni", "My progress", roles(PARTICIPANT), "progress"),
    Tab(portfolio_tab, "Portfolio", "Portfolio", roles(PARTICIPANT), "portfolio"),
    Tab(vocabulary_tab, "Sanasto", "Words", roles(PARTICIPANT), "vocabulary"),
    Tab(profile_tab, "Kieliprofiili", "Task-language profile", roles(TEACHER), "profile"),
    Tab(scenario_editor_tab, "Harjoitukset", "Scenario editor", roles(TEACHER), "scenario-editor"),
    Tab(readiness_tab, "Valmius", "Readiness", roles(COACH), "readiness"),
    Tab(workplace_tab, "Alkukartoitus", "Intake and mentor", roles(COACH), "intake"),
    Tab(cohort_tab, "Ryhmä", "Cohort", roles(COACH), "cohort"),
    Tab(mentor_tab, "Ohjattavani", "My mentees", roles(MENTOR), "mentor"),
    Tab(import_tab, "Tutkinnot", "Qualifications", roles(), "import"),
    Tab(search_tab, "Haku", "Qualification search", roles(TEACHER, COACH), "search"),
    Tab(analysis_tab, "Analyysi", "Text analysis", roles(TEACHER), "analysis"),
)
# ?participant=ID opens Valmius, ?profile=ID Kieliprofiili, ?scenario=ID Harjoittele
DEEP_LINKS = {"participant": "readiness", "profile": "profile", "scenario": "practice"}


def visible_tabs(role: str | None) -> list[Tab]:
    if role is None:
        return []
    return [t for t in TABS if role == ADMIN or role in t.roles]


def header_markdown(name: str, role: str) -> str:
    fi, en = ROLE_NAMES.get(role, (role, role))
    return (f"<div class='tk-brand'><b>Työkieli</b> <span class='tk-tagline'>työn suomi</span></div>"
            f"<div class='tk-who'><span class='tk-user'>{_escape(name)}</span> · "
            f"<span class='tk-role'>{fi} <i class='tk-en'>({en})</i></span> "
            f"<a class='tk-signout' href='/ui/logout' target='_self'>Kirjaudu ulos <i class='tk-en'>(sign out)</i></a></div>")


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def chosen_tab(role: str, query: dict[str, str]) -> str | None:
    """The tab a deep link asks for, if this role may see it; otherwise the role's first tab."""
    keys = [t.key for t in visible_tabs(role)]
    for param, key in DEEP_LINKS.items():
        if query.get(param) and key in keys:
            return key
    return keys[0] if keys else None


def _build_header() -> Any:
    with gr.Row(elem_id="tk-header", equal_height=True):
        return gr.Markdown("<div class='tk-brand'><b>Työkieli</b></div>", elem_id="tk-header-text",
                           sanitize_html=False)


def _build_tabs(services: Services) -> tuple[Any, list[Any]]:
    tabs: list[Any] = []
    # "wrap": on a phone every tab stays one labelled tap away (no "…" menu that hides staff tabs)
    with gr.Tabs(elem_id="tk-tabs", overflow_behavior="wrap") as tab_row:
        for spec in TABS:
            with gr.Tab(spec.fi, id=spec.key, elem_id=f"tab-{spec.key}", visible=False) as tab:
                spec.module.build(services)
            tabs.append(tab)
    return tab_row, tabs


def build_blocks(services: Services) -> gr.Blocks:
    with gr.Blocks(title="Työkieli", analytics_enabled=False) as blocks:
        header = _build_header()
        tab_row, tabs = _build_tabs(services)

        def on_load(request: gr.Request) -> list[Any]:
            user = current_user(services, request)
            if user is None:
                return [gr.update(), gr.update(), *[gr.update(visible=False) for _ in tabs]]
            shown = {t.key for t in visible_tabs(user.role)}
            if "practice" in shown:  # Festival starts now, so the first partner line does not wait for it
                services.speech.warm_up()
            query = dict(getattr(request, "query_params", {}) or {})
            return [header_markdown(user.name, user.role), gr.update(selected=chosen_tab(user.role, query)),
                    *[gr.update(visible=spec.key in shown) for spec in TABS]]

        blocks.load(on_load, None, [header, tab_row, *tabs])
    return blocks


# Gradio's queue looks for new work every 1 ms and for progress every 10 ms, on the server's event
# loop, even when nobody uses the UI; every look takes the GIL from the turns being computed
# (bench/bench_load.py: about 4% of a loaded worker). 10 ms is still instant for a click.
QUEUE_POLL_S, PROGRESS_POLL_S = 0.01, 0.05


def calm_queue(blocks: gr.Blocks) -> None:
    queue = blocks._queue
    if not hasattr(queue, "sleep_when_free") or not hasattr(queue, "progress_update_sleep_when_free"):
        raise RuntimeError("Gradio's queue no longer has its poll intervals: see ui/app.py calm_queue")
    queue.sleep_when_free = QUEUE_POLL_S
    queue.progress_update_sleep_when_free = PROGRESS_POLL_S


def mount_ui(app: FastAPI, services: Services) -> FastAPI:
    blocks = build_blocks(services)
    calm_queue(blocks)

    def auth(username: str, password: str) -> bool:
        # Gradio then maps its cookie to the name; service/core/ui_guard.py binds it to the user's
        # id and session version, and ui.common.current_user reads only that binding.
        return services.users.check_password(username, password) is not None

    uploads = prepare_upload_dir(services.settings.data_dir)
    blocks.delete_cache = (3600, UPLOAD_MAX_AGE_S)  # Gradio removes its uploaded files after a day
    mounted = gr.mount_gradio_app(
        app,
        blocks,
        path="/ui",
        auth=auth,
        auth_message=SIGN_IN_MESSAGE,
        ssr_mode=False,
        show_error=False,
        footer_links=[],
        css_paths=[STYLE],
        head=GRADIO_WORDS_IN_FINNISH,  # Gradio's own English words (upload box, table buttons) in Finnish
        max_file_size=services.settings.max_upload_bytes,
        # Outputs Gradio writes itself (the partner's voice) live in its own cache folder, cleaned by
        # delete_cache; uploads go under the data directory (use_upload_dir).
        allowed_paths=[str(get_upload_folder())],
    )
    use_upload_dir(mounted, uploads)
    return mounted
