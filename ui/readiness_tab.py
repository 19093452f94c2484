"""Tab "Valmius" (readiness): the coach's participant list with a readiness heatmap (tasks × skills),
a participant page with progress over time, the progress plan, recommended demonstrations and the
report download. A participant sees their own page and plan, and sets their self-assessment."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from service.coach.participants import SKILL_NAMES, SKILLS, ParticipantIn
from service.container import Services
from service.core.auth import CurrentUser
from service.core.labels import CEFR_LEVELS
from ui import readiness_render as R
from ui.common import current_user, deep_link, error_message, notice

log = logging.getLogger("tyokieli.ui")
STAFF = ("coach", "teacher", "admin")
NOT_SIGNED_IN = "Kirjaudu sisään. (Sign in first.)"
CHOOSE = "Valitse osallistuja. (Choose a participant.)"


def _error(exc: Exception) -> str:
    return error_message(exc, "readiness tab")


_notice = notice


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def build(services: Services) -> None:
    gr.Markdown("Onko osallistuja valmis työkokeiluun tai näyttöön? *Is the participant ready for a work trial or "
                "a competence demonstration?*")
    error = gr.Markdown(visible=False, elem_id="ready-error")
    # The chooser has a line of its own (on a phone a row would squeeze it between the buttons).
    chooser = gr.Dropdown([], label="Osallistuja (participant)", elem_id="ready-participant")
    with gr.Row():
        refresh = gr.Button("Päivitä lista (refresh list)", elem_id="ready-refresh", scale=1)
        open_btn = gr.Button("Avaa (open)", variant="primary", elem_id="ready-open", scale=1)
    summary = gr.Markdown(elem_id="ready-summary")  # the chosen participant first: one line per target
    with gr.Accordion("Kaikki osallistujat (all participants)", open=True, elem_id="ready-all"):
        # Markdown, not gr.HTML: Gradio 6's HTML component evaluates templates as JavaScript, which the UI's CSP forbids
        heatmap = gr.Markdown(elem_id="ready-heatmap")
    with gr.Accordion("Uusi osallistuja (new participant)", open=False, elem_id="ready-new"):
        new_name = gr.Textbox(label="Nimi tai nimimerkki (name or pseudonym)", elem_id="ready-new-name")
        new_languages = gr.Textbox(label="Kielet, pilkulla erotettuna (languages, comma-separated)", elem_id="ready-new-languages")
        new_targets = gr.Dropdown(_target_choices(services, None), multiselect=True, label="Tavoitetehtävät (target tasks)",
                                  elem_id="ready-new-targets")
        new_place = gr.Textbox(label="Työkokeilupaikka (work-trial place)", elem_id="ready-new-place")
        new_tasks = gr.Textbox(label="Työtehtävät, yksi per rivi (work-trial tasks, one per line)", lines=3,
                               elem_id="ready-new-tasks")
        new_account = gr.Textbox(label="Osallistujan käyttäjätunnus (participant's user name, optional)",
                                 elem_id="ready-new-account")
        create = gr.Button("Lisää (add)", elem_id="ready-create")

    progress = gr.Plot(label="Edistyminen (progress over time)", elem_id="ready-progress")
    plan = gr.Markdown(elem_id="ready-plan")
    with gr.Accordion("Oma arvio (self-assessment)", open=False, elem_id="ready-self"):
        with gr.Row():
            self_levels = [gr.Dropdown(list(CEFR_LEVELS), label=f"{SKILL_NAMES[s][0]} ({s})", elem_id=f"ready-self-{s}")
                           for s in SKILLS]
        save_self = gr.Button("Tallenna oma arvio (save self-assessment)", elem_id="ready-self-save")
    with gr.Accordion("Suositellut näytöt (recommended demonstrations)", open=True):
        trial_tasks = gr.Textbox(label="Työkokeilun tehtävät suomeksi, yksi per rivi (work-trial tasks, one per line)",
                                 lines=3, elem_id="ready-trial-tasks")
        recommend = gr.Button("Hae tutkinnon osat (find units)", elem_id="ready-recommend")
        recs = gr.Markdown(elem_id="ready-recs")
    with gr.Row():
        fmt = gr.Dropdown([("PDF", "pdf"), ("HTML", "html"), ("JSON", "json")], value="pdf", label="Muoto (format)",
                          elem_id="ready-format")
        make_report = gr.Button("Tee raportti (make report)", elem_id="ready-report")
    download = gr.File(label="Lataa raportti (download report)", elem_id="ready-download")

    def overview(request: gr.Request) -> tuple[Any, Any, Any]:
        user = current_user(services, request)
        if user is None:
            return _notice(NOT_SIGNED_IN), "", gr.update()
        try:
            rows = services.readiness.overview(user)
        except Exception as exc:
            return _notice(_error(exc)), "", gr.update()
        choices = [(f"{r['name']} (#{r['id']})", str(r["id"])) for r in rows]
        value = choices[0][1] if user.role == "participant" and choices else None
        linked = deep_link(request, "participant")  # /ui?participant=ID opens that participant
        if linked and any(v == linked for _, v in choices):
            value = linked
        html = R.heatmap_html([dict(r) for r in rows]) if user.role in STAFF else ""
        notice = ""
        if user.role == "participant" and not rows:
            notice = "Valmentaja ei ole vielä lisännyt sinua. (Your coach has not added you yet.)"
        return _notice(notice), html, gr.update(choices=choices, value=value)

    page_outputs = [error, summary, progress, plan, trial_tasks, *self_levels]

    def show(pid: str | None, request: gr.Request) -> list[Any]:
        keep = [gr.update()] * (len(page_outputs) - 1)
        user = current_user(services, request)
        if user is None:
            return [_notice(NOT_SIGNED_IN), *keep]
        if not pid:
            return [_notice(CHOOSE), *keep]
        return _show(user, pid, keep)

    def changed(pid: str | None, request: gr.Request) -> list[Any]:
        keep = [gr.update()] * (len(page_outputs) - 1)
        user = current_user(services, request)
        if user is None or not pid:  # the list was refreshed and nobody is chosen yet
            return [gr.update(), *keep]
        return _show(user, pid, keep)

    def _show(user: CurrentUser, pid: str, keep: list[Any]) -> list[Any]:
        try:
            return _page(services, user, int(pid))
        except Exception as exc:
            return [_notice(_error(exc)), *keep]

    form = [new_name, new_languages, new_targets, new_place, new_tasks, new_account]

    def add(name: str, languages: str, targets: list[str] | None, place: str, tasks: str, account: str,
            request: gr.Request) -> tuple[Any, ...]:
        keep = (gr.update(),) * (2 + len(form))
        user = current_user(services, request)
        if user is None:
            return (_notice(NOT_SIGNED_IN), *keep)
        try:
            body = ParticipantIn(name=name, languages=[x.strip() for x in (languages or "").split(",") if x.strip()],
                                 target_tasks=targets or [], work_trial_place=place or "",
                                 work_trial_tasks=_lines(tasks), user=(account or "").strip() or None)
            created = services.participants.create(user, body)
        except Exception as exc:
            return (_notice(_error(exc)), *keep)
        _, html, dropdown = overview(request)
        cleared: tuple[Any, ...] = ("", "", [], "", "", "")  # the form is empty again for the next participant
        return (gr.update(value=f"✓ Lisätty: {created.name} (added)", visible=True), html,
                gr.update(choices=dropdown["choices"], value=str(created.id)), *cleared)

    def save_self_assessment(pid: str | None, l1: str | None, l2: str | None, l3: str | None, l4: str | None,
                             l5: str | None, request: gr.Request) -> Any:
        user = current_user(services, request)
        if user is None or not pid:
            return _notice(NOT_SIGNED_IN if user is None else CHOOSE)
        levels = {s: v for s, v in zip(SKILLS, (l1, l2, l3, l4, l5), strict=True) if v}
        try:
            services.participants.update(user, int(pid), ParticipantIn(self_assessment=levels))
        except Exception as exc:
            return _notice(_error(exc))
        return gr.update(value="✔ Tallennettu. (Saved.)", visible=True)

    def find_units(pid: str | None, tasks: str, request: gr.Request) -> tuple[Any, Any]:
        user = current_user(services, request)
        if user is None:
            return _notice(NOT_SIGNED_IN), gr.update()
        try:
            result = services.recommendations.recommend(user, _lines(tasks), int(pid) if pid else None)
        except Exception as exc:
            return _notice(_error(exc)), gr.update()
        return _notice(""), R.recommendations_markdown(result, admin=user.role == "admin")

    def report(pid: str | None, kind: str, request: gr.Request) -> tuple[Any, Any]:
        user = current_user(services, request)
        if user is None or not pid:
            return _notice(NOT_SIGNED_IN if user is None else CHOOSE), None
        try:
            content, _, name = services.reports.export(user, int(pid), kind or "pdf")
        except Exception as exc:
            return _notice(_error(exc)), None
        path = Path(tempfile.mkdtemp(prefix="tyokieli-report-")) / name
        path.write_bytes(content)
        return _notice(""), str(path)

    gr.on(None, overview, outputs=[error, heatmap, chooser])
    refresh.click(overview, outputs=[error, heatmap, chooser])
    open_btn.click(show, inputs=chooser, outputs=page_outputs)
    chooser.change(changed, inputs=chooser, outputs=page_outputs)
    create.click(add, inputs=form, outputs=[error, heatmap, chooser, *form])

    def own_targets(request: gr.Request) -> Any:
        return gr.update(choices=_target_choices(services, current_user(services, request)))

    new_targets.focus(own_targets, outputs=new_targets)
    save_self.click(save_self_assessment, inputs=[chooser, *self_levels], outputs=error)
    recommend.click(find_units, inputs=[chooser, trial_tasks], outputs=[error, recs])
    make_report.click(report, inputs=[chooser, fmt], outputs=[error, download])


def _target_choices(services: Services, user: CurrentUser | None) -> list[tuple[str, str]]:
    """The shipped tasks and the stored profiles this user may read (none when nobody is signed in)."""
    try:
        return [(title, cid) for cid, title in services.targets.choices_for(user)]
    except Exception:  # a task corpus that cannot be read must not break the whole UI
        log.exception("could not list target tasks")
        return []


def _page(services: Services, user: CurrentUser, pid: int) -> list[Any]:
    participant = services.participants.get(user, pid)
    result = services.readiness.readiness(user, pid)
    figure = R.progress_figure([dict(p) for p in services.readiness.history(user, pid)])
    plan = services.plans.plan(user, pid)
    own = participant.self_assessment
    return [_notice(""), R.readiness_markdown(dict(result)), figure, R.plan_markdown(dict(plan)),
            "\n".join(participant.work_trial_tasks), *[own.get(s) for s in SKILLS]]
