"""Tab "Kieliprofiili" (task-language profile): build a profile from a job task's title and texts
(pasted or uploaded) or open a shipped task's profile; see the sortable key-term table and the
per-skill CEFR chart; edit; save (teachers and admins); export info packets."""

from __future__ import annotations

import json
import logging
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from service.container import Services
from service.core.auth import CurrentUser
from service.core.errors import InvalidInput
from service.core.labels import CEFR_LEVELS, SKILL_NAMES, SKILLS, catalogue
from service.profiles.export import export
from service.profiles.ingest import Upload
from ui import profile_render as R
from ui.common import current_user, deep_link, error_message, notice

log = logging.getLogger("tyokieli.ui")
EDITORS = ("teacher", "admin")
NO_PROFILE = "Luo tai avaa ensin profiili. (Build or open a profile first.)"


def _error(exc: Exception) -> str:
    return error_message(exc, "profile tab")


_notice = notice


def _uploads(files: list[Any] | None) -> list[Upload]:
    out = []
    for f in files or []:
        path = Path(getattr(f, "name", f))
        out.append(Upload(path.name, path.read_bytes()))
    return out


def _saved_choices(services: Services, user: CurrentUser | None) -> list[tuple[str, str]]:
    """The stored profiles this user may read (nobody signed in: none)."""
    if user is None:
        return []
    try:
        return [(f"{p['title']} (v{p['version']}, {p['updated_by']})", str(p["id"]))
                for p in services.profiles.list_profiles(user)]
    except Exception:  # a database that is not migrated yet must not break the whole UI
        log.exception("could not list profiles")
        return []


def build(services: Services) -> None:
    gr.Markdown("Mitä suomea työtehtävä vaatii? Anna tehtävän nimi ja sen tekstit (ohjeet, tiedotteet, "
                "vuoroviestit). *Which Finnish does a job task demand? Give its title and its texts.*")
    state = gr.State(None)
    shipped = [(f"{t['title']} ({t['title_en']})", t["id"]) for t in services.profiles.shipped_tasks()]
    with gr.Row():
        task = gr.Dropdown(shipped, label="Valmis työtehtävä (shipped task)", elem_id="profile-task", scale=3)
        open_task = gr.Button("Avaa tehtävän profiili (open)", elem_id="profile-open-task", scale=1)
    with gr.Row():
        saved = gr.Dropdown([], label="Tallennetut profiilit (saved profiles)", elem_id="profile-saved", scale=3)
        open_saved = gr.Button("Avaa tallennettu (open saved)", elem_id="profile-open-saved", scale=1)
    with gr.Accordion("Uusi profiili teksteistä (new profile from texts)", open=True):
        title = gr.Textbox(label="Työtehtävä (job task)", elem_id="profile-title")
        description = gr.Textbox(label="Kuvaus (description, optional)", lines=2, elem_id="profile-description")
        pasted = gr.Textbox(label="Tekstit (paste texts; erota tekstit rivillä --- / separate texts with a line ---)",
                            lines=8, elem_id="profile-text")
        files = gr.File(label="Tiedostot (.txt, .md, .docx, .pdf)", file_count="multiple",
                        file_types=[".txt", ".md", ".docx", ".pdf"], elem_id="profile-files")
        create = gr.Button("Luo profiili (build profile)", variant="primary", elem_id="profile-build")
    with gr.Accordion("Tuo JSON-tiedosto (import a JSON export)", open=False):
        json_file = gr.File(label="Profiili (.json)", file_types=[".json"], elem_id="profile-import-file")
        do_import = gr.Button("Tuo (import)", elem_id="profile-import")
    error = gr.Markdown(visible=False, elem_id="profile-error")
    summary = gr.Markdown(elem_id="profile-summary")
    chart = gr.Plot(label="Tavoitetaso taidoittain (CEFR target per skill)", elem_id="profile-chart")
    terms = gr.Dataframe(headers=R.TERM_COLUMNS, datatype=["str", "number", "number", "str", "str", "str"],
                         interactive=True, wrap=True, column_widths=["16%", "8%", "10%", "12%", "14%", "40%"],
                         label="Avainsanat (key terms) — klikkaa otsikkoa järjestääksesi (click a header to sort)",
                         elem_id="profile-terms")
    phrases = gr.Dataframe(headers=R.PHRASE_COLUMNS, interactive=True, wrap=True, label="Fraasit (phrases)",
                           elem_id="profile-phrases")
    with gr.Accordion("Muokkaa (edit)", open=False):
        edit_title = gr.Textbox(label="Otsikko (title)", elem_id="profile-edit-title")
        situations = gr.Dropdown([(f"{d.label} ({d.label_en})", d.id) for d in catalogue().values()], multiselect=True,
                                 label="Tilanteet (situations)", elem_id="profile-situations")
        with gr.Row():
            levels = {s: gr.Dropdown(list(CEFR_LEVELS), label=f"{SKILL_NAMES[s][0]} ({s})", elem_id=f"profile-level-{s}")
                      for s in SKILLS}
        notes = gr.Textbox(label="Muistiinpanot (notes)", lines=3, elem_id="profile-notes")
    with gr.Row():
        save = gr.Button("Tallenna (save)", variant="primary", elem_id="profile-save")
        fmt = gr.Dropdown([("PDF", "pdf"), ("HTML", "html"), ("Markdown", "md"), ("JSON", "json")], value="pdf",
                          label="Muoto (format)", elem_id="profile-format")
        audience = gr.Dropdown([("Opettajalle (teacher)", "teacher"), ("Oppijalle (learner)", "learner"),
                                ("Työpaikkaohjaajalle (instructor)", "instructor")], value="teacher",
                               label="Kenelle (for whom)", elem_id="profile-audience")
        do_export = gr.Button("Vie tiedostoksi (export)", elem_id="profile-export")
    download = gr.File(label="Lataa (download)", elem_id="profile-download")

    level_inputs = [levels[s] for s in SKILLS]
    shown = [state, error, summary, chart, terms, phrases, edit_title, situations, notes, *level_inputs]

    def show(profile: dict[str, Any], message: str = "") -> list[Any]:
        return [profile, _notice(message), R.summary_markdown(profile), R.skill_figure(profile),
                R.term_rows(profile), R.phrase_rows(profile), profile["title"],
                [s["id"] for s in profile.get("situations", [])], profile.get("notes", ""),
                *[profile["skills"][s]["cefr"] for s in SKILLS]]

    def keep(message: str) -> list[Any]:
        return [gr.update(), _notice(message)] + [gr.update()] * (len(shown) - 2)

    def run_create(t: str, d: str, text: str, fs: list[Any] | None, request: gr.Request) -> list[Any]:
        user = current_user(services, request)
        if user is None or user.role not in EDITORS:
            return keep("Vain opettaja voi luoda profiilin. (Only teachers and admins can build profiles.)")
        try:
            profile = services.profiles.analyse(t or "", R.split_pasted(text),
                                                uploads=_uploads(fs), description=d or "")
        except Exception as exc:
            return keep(_error(exc))
        return show(profile.model_dump(mode="json"))

    def run_open_task(task_id: str | None) -> list[Any]:
        if not task_id:
            return keep("Valitse työtehtävä. (Choose a task.)")
        try:
            return show(services.profiles.from_task(task_id).model_dump(mode="json"))
        except Exception as exc:
            return keep(_error(exc))

    def run_open_saved(pid: Any, request: gr.Request) -> list[Any]:
        if not pid:
            return keep("Valitse profiili. (Choose a saved profile.)")
        try:
            user = current_user(services, request)
            if user is None:
                return keep("Kirjaudu sisään. (Sign in.)")
            return show(services.profiles.get(int(pid), user))  # someone else's unshared profile: 404
        except Exception as exc:
            return keep(_error(exc))

    def run_import(f: Any) -> list[Any]:
        if not f:
            return keep("Valitse JSON-tiedosto. (Choose a JSON file.)")
        try:
            raw = json.loads(Path(getattr(f, "name", f)).read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise InvalidInput("Tiedostossa ei ole profiilia. (The file does not hold a profile.)")
            profile = services.profiles.validate(raw).model_dump(mode="json")
        except (ValueError, UnicodeDecodeError):
            return keep("Tiedosto ei ole kelvollista JSONia. (The file is not valid JSON.)")
        except Exception as exc:
            return keep(_error(exc))
        return show(profile, "")  # a copy: saving stores it as a new profile

    def edited(profile: dict[str, Any] | None, t: str, sits: list[str], n: str, tt: Any, ph: Any,
               *lv: str) -> dict[str, Any]:
        assert profile is not None
        return R.apply_edits(profile, title=t, notes=n, levels=dict(zip(SKILLS, lv, strict=True)), terms=tt,
                             phrases=ph, situation_ids=sits)

    def run_save(profile: dict[str, Any] | None, t: str, sits: list[str], n: str, tt: Any, ph: Any, l1: str, l2: str,
                 l3: str, l4: str, l5: str, request: gr.Request) -> list[Any]:
        lv = (l1, l2, l3, l4, l5)
        user = current_user(services, request)
        if user is None or user.role not in EDITORS:
            return keep("Vain opettaja voi tallentaa. (Only teachers and admins can save profiles.)")
        if profile is None:
            return keep(NO_PROFILE)
        try:
            data = edited(profile, t, sits, n, tt, ph, *lv)
            if profile.get("id"):
                record = services.profiles.update(user, int(profile["id"]), data, int(profile["version"]))
            else:
                record = services.profiles.create(user, data)
        except Exception as exc:
            return keep(_error(exc))
        return show(record, "")

    def run_export(profile: dict[str, Any] | None, f: str, a: str, t: str, sits: list[str], n: str, tt: Any,
                   ph: Any, *lv: str) -> tuple[Any, Any]:
        if profile is None:
            return None, _notice(NO_PROFILE)
        try:
            data = edited(profile, t, sits, n, tt, ph, *lv)
            body, _, name = export(services.profiles.validate(data), f or "pdf", a or "teacher")
        except Exception as exc:
            return None, _notice(_error(exc))
        path = Path(tempfile.mkdtemp(prefix="tyokieli-export-")) / name
        path.write_bytes(body)
        return str(path), _notice("")

    def saved_choices(request: gr.Request) -> Any:
        return gr.update(choices=_saved_choices(services, current_user(services, request)))

    edits = [edit_title, situations, notes, terms, phrases, *level_inputs]
    create.click(run_create, inputs=[title, description, pasted, files], outputs=shown)
    open_task.click(run_open_task, inputs=task, outputs=shown)
    do_import.click(run_import, inputs=json_file, outputs=shown)
    open_saved.click(run_open_saved, inputs=saved, outputs=shown)
    saved.focus(saved_choices, outputs=saved)

    def open_linked(request: gr.Request) -> list[Any]:
        """/ui?profile=ID opens that saved profile (for the roles that have this tab)."""
        user, linked = current_user(services, request), deep_link(request, "profile")
        if user is None or user.role not in EDITORS or not linked or not linked.isdigit():
            return [gr.update()] * len(shown)
        return run_open_saved(linked, request)

    root = gr.context.Context.root_block
    if root is not None:
        root.load(open_linked, None, shown)
    save.click(run_save, inputs=[state, *edits], outputs=shown).then(saved_choices, outputs=saved)
    do_export.click(run_export, inputs=[state, fmt, audience, *edits], outputs=[download, error])
