"""Teacher authoring inside the "Harjoittele" tab: write or edit a scenario as YAML for a job task,
save it (every save is a new version), test-play the draft in the chat above, publish it.

Shown only to teachers and admins; every action is checked again by `services.scenarios`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr
import yaml

from service.container import Services
from service.core.errors import NotFound
from service.scenarios.service import parse_scenario_text
from ui import practice_render as R
from ui.common import current_user

AUTHORS = ("teacher", "admin")


def _msg(exc: Exception) -> str:
    return f"⚠️ {R.safe(getattr(exc, 'message', None) or 'Jokin meni vikaan. (Something went wrong.)')}"


def as_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)


def build(services: Services, begin: Callable[..., tuple[Any, ...]], level: Any, begin_outputs: list[Any]) -> None:
    """`begin(scenario_id, level, request)` starts a session in the practice chat; its results go to
    `begin_outputs`. Test-play starts the author's draft there."""
    with gr.Accordion("Opettajalle: tee oma harjoitus (for teachers: author a scenario)", open=False,
                      visible=False, elem_id="author-panel") as panel:
        gr.Markdown("Aloita valmiista harjoituksesta tai omasta. Muokkaa YAML-tekstiä, tallenna luonnos, testaa ja "
                    "julkaise. *Start from a shipped or your own scenario, edit the YAML, save a draft, test-play it, "
                    "then publish it to participants.*")
        with gr.Row():
            template = gr.Dropdown(choices=[], label="Pohja (template: shipped scenario)", elem_id="author-template")
            mine = gr.Dropdown(choices=[], label="Omat harjoitukset (my scenarios)", elem_id="author-mine")
            load = gr.Button("Avaa (open)", elem_id="author-open")
        editor = gr.Code(language="yaml", lines=24, label="Harjoitus (scenario, YAML)", elem_id="author-yaml")
        with gr.Row():
            save = gr.Button("Tallenna luonnos (save draft)", elem_id="author-save")
            test = gr.Button("Testaa (test-play)", elem_id="author-test")
            publish = gr.Button("Julkaise (publish)", variant="primary", elem_id="author-publish")
        status = gr.Markdown(elem_id="author-status")

    def author(request: gr.Request) -> Any:
        user = current_user(services, request)
        return user if user is not None and user.role in AUTHORS else None

    def mine_choices(user: Any) -> list[tuple[str, str]]:
        return [(f"{m['title']} · v{m['version']} · {'julkaistu / published' if m['status'] == 'published' else 'luonnos / draft'}",
                 m["id"]) for m in services.scenarios.mine(user)]

    def on_load(request: gr.Request) -> tuple[Any, Any, Any]:
        user = author(request)
        if user is None:
            return gr.update(visible=False), gr.update(), gr.update()
        shipped = sorted(services.scenarios.shipped_ids())
        return gr.update(visible=True), gr.update(choices=shipped), gr.update(choices=mine_choices(user))

    def open_scenario(template_id: str | None, own_id: str | None, request: gr.Request) -> tuple[str, Any]:
        user = author(request)
        if user is None:
            return "⚠️ Vain opettajille. (Teachers only.)", gr.update()
        try:
            if own_id:
                return f"Avattu (opened): {R.safe(own_id)}", as_yaml(services.scenarios.latest(user, own_id)["scenario"])
            if template_id:
                data = services.simulations.scenario(template_id)
                data.update({"id": f"{template_id}-oma", "version": 1})
                return "Pohja avattu: vaihda id ja otsikko. (Template opened: change the id and title.)", as_yaml(data)
        except Exception as exc:
            return _msg(exc), gr.update()
        return "Valitse pohja tai oma harjoitus. (Choose a template or one of yours.)", gr.update()

    def store(text: str, request: gr.Request, publish_now: bool) -> tuple[str, Any]:
        user = author(request)
        if user is None:
            return "⚠️ Vain opettajille. (Teachers only.)", gr.update()
        try:
            data = parse_scenario_text(text or "")
            scenario_id = str(data.get("id", ""))
            try:
                services.scenarios.latest(user, scenario_id)
                saved = services.scenarios.update(user, scenario_id, data, publish=publish_now)
            except NotFound:
                saved = services.scenarios.create(user, data, publish=publish_now)
        except Exception as exc:
            return _msg(exc), gr.update()
        state = "julkaistu (published)" if saved["status"] == "published" else "luonnos (draft)"
        return (f"✅ Tallennettu (saved): **{R.safe(saved['id'])}** versio (version) {saved['version']}, {state}.",
                gr.update(choices=mine_choices(user), value=saved["id"]))

    def save_scenario(text: str, request: gr.Request) -> tuple[str, Any]:
        return store(text, request, publish_now=False)

    def publish_scenario(text: str, request: gr.Request) -> tuple[str, Any]:
        return store(text, request, publish_now=True)

    def test_play(text: str, level: str | None, request: gr.Request) -> tuple[Any, ...]:
        user = author(request)
        try:
            if user is None:
                raise PermissionError
            scenario_id = str(parse_scenario_text(text or "").get("id", ""))
            play_id = services.scenarios.test_play_id(user, scenario_id)
        except Exception as exc:
            message = "Tallenna ensin. (Save first.)" if isinstance(exc, NotFound) else _msg(exc)
            return (message,) + (gr.update(),) * len(begin_outputs)
        return ("Testaat luonnosta yllä. (You are test-playing the draft above.)",) + begin(play_id, level, request)

    load.click(open_scenario, [template, mine], [status, editor])
    save.click(save_scenario, editor, [status, mine])
    publish.click(publish_scenario, editor, [status, mine])
    test.click(test_play, [editor, level], [status, *begin_outputs])
    root = gr.context.Context.root_block
    if root is not None:
        root.load(on_load, None, [panel, template, mine])
