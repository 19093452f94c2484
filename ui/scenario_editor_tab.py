"""Harjoitusten muokkaus (scenario editor), for teachers: generate draft scenarios from a stored
profile, edit title, setting, goals with their examples and each line per level in a form, test-play
the draft in a chat, publish. The raw YAML stays in the Kieliprofiili authoring view for experts."""

from __future__ import annotations

from typing import Any

import gradio as gr

from service.container import Services
from service.core.auth import CurrentUser
from ui.common import current_user, error_message
from ui.scenario_form import GOAL_COLUMNS, LINE_COLUMNS, flagged_text, goal_rows, line_rows, merged

EDITORS = ("teacher", "admin")
NOT_TEACHER = "Vain opettaja voi muokata harjoituksia. (Only teachers and admins can edit scenarios.)"


def _teacher(services: Services, request: Any) -> CurrentUser:
    user = current_user(services, request)
    if user is None or user.role not in EDITORS:
        raise PermissionError(NOT_TEACHER)
    return user


def _message(exc: Exception) -> str:
    if isinstance(exc, PermissionError):
        return str(exc)
    flagged = getattr(exc, "extra", {}).get("flagged") if hasattr(exc, "extra") else None
    text = error_message(exc, "scenario editor")
    return f"{text}\n{flagged_text(flagged)}" if flagged else text


def build(services: Services) -> None:
    gr.Markdown("### Harjoitukset profiilista (scenarios from a profile)")
    # the profile dropdown has a line of its own: beside two buttons a phone squeezed it to a sliver
    profile = gr.Dropdown(label="Profiili (profile)", choices=[], elem_id="editor-profile")
    with gr.Row():
        refresh = gr.Button("Päivitä lista (refresh)", scale=1, min_width=140)
        generate = gr.Button("Luo harjoitukset (generate drafts)", variant="primary", elem_id="editor-generate",
                             scale=1, min_width=140)
    with gr.Row():
        draft = gr.Dropdown(label="Harjoitus (scenario)", choices=[], elem_id="editor-draft", scale=3, min_width=280)
        open_ = gr.Button("Avaa (open)", scale=1, min_width=140)
    status = gr.Markdown(elem_id="editor-status")
    stored = gr.State({})
    title = gr.Textbox(label="Otsikko (title)", elem_id="editor-title")
    title_en = gr.Textbox(label="Otsikko englanniksi (title in English)")
    setting = gr.Textbox(label="Tilanne (setting)", lines=2)
    goals = gr.Dataframe(headers=GOAL_COLUMNS, interactive=True, wrap=True, label="Tavoitteet (goals)",
                         elem_id="editor-goals")
    lines = gr.Dataframe(headers=LINE_COLUMNS, interactive=True, wrap=True, label="Repliikit tasoittain (lines per level)",
                         elem_id="editor-lines")
    with gr.Row():
        save = gr.Button("Tallenna (save)", variant="primary", elem_id="editor-save")
        override = gr.Checkbox(label="Julkaise, vaikka rivejä on merkitty (publish despite flagged lines)")
        publish = gr.Button("Julkaise (publish)", elem_id="editor-publish")
    with gr.Accordion("Testaa (test-play)", open=False):
        chat = gr.Chatbot(label="Testikeskustelu (test conversation)", elem_id="editor-chat", allow_tags=False,
                          sanitize_html=True)
        session = gr.State("")
        start = gr.Button("Aloita testi (start)")
        turn = gr.Textbox(label="Sinun vuorosi (your turn)", elem_id="editor-turn")

    def profiles(request: gr.Request) -> Any:
        try:
            user = _teacher(services, request)
        except PermissionError as exc:
            return gr.update(), str(exc)
        rows = services.profiles.list_profiles(user)
        return gr.update(choices=[(f"{r['title']} (#{r['id']})", r["id"]) for r in rows]), ""

    def drafts(pid: Any, user: CurrentUser, chosen: str | None = None) -> Any:
        found = services.profile_scenarios.listing(user, int(pid))["scenarios"]
        choices = [(f"{s['title']} [{s.get('status', '')}]", s["id"]) for s in found]
        return gr.update(choices=choices, value=chosen or (choices[0][1] if choices else None))

    def run_generate(pid: Any, request: gr.Request) -> Any:
        try:
            user = _teacher(services, request)
            if not pid:
                return gr.update(), "Valitse profiili. (Choose a profile.)"
            made = services.profile_scenarios.generate(user, int(pid))
            return drafts(pid, user), f"Luotiin {len(made.scenarios)} luonnosta. (Made {len(made.scenarios)} drafts.)"
        except Exception as exc:
            return gr.update(), _message(exc)

    def run_open(sid: str | None, request: gr.Request) -> list[Any]:
        try:
            user = _teacher(services, request)
            if not sid:
                raise PermissionError("Valitse harjoitus. (Choose a scenario.)")
            row = services.scenarios.latest(user, sid)
        except Exception as exc:
            return [gr.update()] * 6 + [_message(exc)]
        data = row["scenario"]
        return [data, data["title"], data["title_en"], data["setting"], goal_rows(data), line_rows(data),
                f"Versio {row['version']}, {row['status']}. (Version {row['version']}, {row['status']}.)"]

    def run_save(data: dict[str, Any], t: str, te: str, st: str, g: Any, ln: Any, request: gr.Request) -> list[Any]:
        try:
            user = _teacher(services, request)
            if not data:
                raise PermissionError("Avaa ensin harjoitus. (Open a scenario first.)")
            row = services.scenarios.update(user, data["id"], merged(data, t, te, st, g, ln))
        except Exception as exc:
            return [gr.update(), _message(exc)]
        return [row["scenario"], f"Tallennettu versio {row['version']}. (Saved version {row['version']}.)"]

    def run_publish(data: dict[str, Any], force: bool, request: gr.Request) -> str:
        try:
            user = _teacher(services, request)
            row = services.scenarios.publish(user, data.get("id", ""), override_flagged=bool(force))
        except Exception as exc:
            return _message(exc)
        return f"Julkaistu versio {row['version']}. (Published version {row['version']}.)"

    def run_start(data: dict[str, Any], request: gr.Request) -> list[Any]:
        try:
            user = _teacher(services, request)
            started = services.simulations.start(user.id, services.scenarios.test_play_id(user, data.get("id", "")))
        except Exception as exc:
            return [gr.update(), "", _message(exc)]
        return [[{"role": "assistant", "content": started["partner_turn"]["text"]}], started["id"], ""]

    def run_turn(text: str, sid: str, history: list[dict[str, str]], request: gr.Request) -> list[Any]:
        try:
            user = _teacher(services, request)
            out = services.simulations.turn(user.id, sid, text)
        except Exception as exc:
            return [history, text, _message(exc)]
        history = [*history, {"role": "user", "content": text}, {"role": "assistant", "content": out["partner_turn"]["text"]}]
        done = " Keskustelu päättyi. (The conversation has finished.)" if out.get("finished") else ""
        return [history, "", done]

    refresh.click(profiles, None, [profile, status])
    generate.click(run_generate, [profile], [draft, status])
    def run_profile(pid: Any, request: gr.Request) -> Any:
        try:
            return drafts(pid, _teacher(services, request)) if pid else gr.update()
        except Exception:  # a profile that is gone: the list stays as it was
            return gr.update()

    profile.change(run_profile, [profile], [draft])
    open_.click(run_open, [draft], [stored, title, title_en, setting, goals, lines, status])
    save.click(run_save, [stored, title, title_en, setting, goals, lines], [stored, status])
    publish.click(run_publish, [stored, override], [status])
    start.click(run_start, [stored], [chat, session, status])
    turn.submit(run_turn, [turn, session, chat], [chat, turn, status])
