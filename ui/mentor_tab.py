"""Tab "Ohjattavani" (my mentees) for workplace mentors, phone-first: pick a participant, read the
agreed goals, the task's profile packet and the progress, and record how a situation went at work.
Everything goes through the mentor service, which checks the consent on each call."""

from __future__ import annotations

from typing import Any

import gradio as gr

from service.coach.participants import SKILL_NAMES
from service.container import Services
from service.workplace.mentors import RESULT_NAMES
from service.workplace.schemas import ObservationIn
from service.workplace.shapes import MentorView
from ui.common import current_user, error_message, notice

NONE_YET = ("Sinulla ei ole vielä ohjattavia. Osallistuja tai valmentaja kutsuu sinut. "
            "*(No participants yet: the participant or their coach invites you.)*")
RESULTS = [(f"{fi} ({en})", key) for key, (fi, en) in RESULT_NAMES.items()]


def view_markdown(view: MentorView) -> str:
    p, packet = view["progress"], view["packet"]
    goals = "\n".join(f"- {g}" for g in view["goals"]) or "- –"
    skills = ", ".join(f"{SKILL_NAMES[s][0]} {lv or '–'}" for s, lv in p["skills"].items() if s in SKILL_NAMES)
    situations = "\n".join(f"- {s['label']} *({s['label_en']})*" for s in packet["situations"]) or "- –"
    return (f"### {view['name']}: {view['title']}\n\n**Tavoitteet (goals)**\n{goals}\n\n"
            f"**Edistyminen (progress)**: {p['sessions']} harjoitusta (sessions) · sanoja {p['words_known']}/"
            f"{p['words_total']} (words) · havaintoja {p['observations']} (observations)\n\n{skills}\n\n"
            f"**Tilanteet työssä (situations)**\n{situations}\n\n"
            f"**Tärkeät sanat (key words)**: {', '.join(packet['key_terms'][:15]) or '–'}")


def build(services: Services) -> None:
    message = gr.Markdown(visible=False, elem_id="mentor-notice")
    chooser = gr.Dropdown(label="Ohjattava (participant)", choices=[], elem_id="mentor-participant")
    info = gr.Markdown(NONE_YET, elem_id="mentor-view")
    with gr.Group(elem_id="mentor-observe"):
        situation = gr.Dropdown(label="Tilanne (situation)", choices=[], elem_id="mentor-situation")
        result = gr.Radio(RESULTS, label="Miten meni? (how did it go?)", elem_id="mentor-result")
        note = gr.Textbox(label="Huomio (note, optional)", max_lines=3, max_length=500, elem_id="mentor-note")
        save = gr.Button("Tallenna havainto (save observation)", variant="primary", elem_id="mentor-save")

    def mine(request: gr.Request) -> list[Any]:
        user = current_user(services, request)
        if user is None or user.role != "mentor":
            return [notice(None), gr.update(choices=[]), NONE_YET]
        people = services.mentors.my_participants(user)
        choices = [(f"{p['name']}: {p['title']}", f"{p['id']}|{p['target']}") for p in people]
        return [notice(None), gr.update(choices=choices, value=choices[0][1] if choices else None),
                gr.update() if choices else NONE_YET]

    def show(choice: str | None, request: gr.Request) -> list[Any]:
        user = current_user(services, request)
        if user is None or not choice:
            return [gr.update(), gr.update(choices=[])]
        try:
            view = services.mentors.view(user, int(choice.split("|", 1)[0]))
        except Exception as exc:
            return [error_message(exc, "mentor tab"), gr.update(choices=[])]
        options = [(f"{s['label']} ({s['label_en']})", s["id"]) for s in view["packet"]["situations"]]
        return [view_markdown(view), gr.update(choices=options, value=None)]

    def record(choice: str | None, where: str | None, how: str | None, text: str, request: gr.Request) -> list[Any]:
        user = current_user(services, request)
        if user is None or not choice or not where or not how:
            return [notice("Valitse tilanne ja miten meni. *(Choose a situation and how it went.)*"), gr.update()]
        pid, target = choice.split("|", 1)
        try:
            body = ObservationIn.model_validate({"target": target, "situation": where, "result": how,
                                                 "note": text or ""})
            services.mentors.observe(user, int(pid), body)
        except Exception as exc:
            return [notice(error_message(exc, "mentor tab")), gr.update()]
        return [gr.update(value="✓ Havainto tallennettu. *(Observation saved.)*", visible=True), ""]

    root = gr.context.Context.root_block
    if root is not None:
        root.load(mine, None, [message, chooser, info])
    chooser.change(show, chooser, [info, situation])
    save.click(record, [chooser, situation, result, note], [message, note]).then(show, chooser, [info, situation])
