"""Tab "Edistymiseni" (my progress): a participant's own readiness in plain words (one line per
target task: how it goes, the weakest skill, what to practise next), the plan from the coach's
evidence, and the participant's own self-assessment."""

from __future__ import annotations

from typing import Any

import gradio as gr

from service.coach.participants import SKILL_NAMES, SKILLS, ParticipantIn
from service.container import Services
from service.core.labels import CEFR_LEVELS
from ui import readiness_render as R
from ui.common import current_user, error_message, notice

NOT_ADDED = ("Valmentaja ei ole vielä lisännyt sinua. Kun hän lisää sinut, näet täällä edistymisesi. "
             "*(Your coach has not added you yet.)*")


def own_page(services: Services, request: Any) -> tuple[int | None, str, str, list[str | None]]:
    """(participant id, summary, plan, self-assessment levels) of the signed-in participant."""
    user = current_user(services, request)
    rows = services.readiness.overview(user) if user is not None else []
    if user is None or not rows:
        return None, NOT_ADDED, "", [None] * len(SKILLS)
    pid = int(rows[0]["id"])
    result = services.readiness.readiness(user, pid)
    plan = services.plans.plan(user, pid)
    own = services.participants.get(user, pid).self_assessment
    return pid, R.readiness_markdown(dict(result)), R.plan_markdown(dict(plan)), [own.get(s) for s in SKILLS]


def build(services: Services) -> None:
    message = gr.Markdown(visible=False, elem_id="progress-notice")
    summary = gr.Markdown(elem_id="progress-summary")
    plan = gr.Markdown(elem_id="progress-plan")
    with gr.Accordion("Oma arvio: mitä osaat nyt? (self-assessment)", open=False, elem_id="progress-self"):
        levels = [gr.Dropdown(list(CEFR_LEVELS), label=f"{SKILL_NAMES[s][0]} ({SKILL_NAMES[s][1]})",
                              elem_id=f"progress-self-{s}") for s in SKILLS]
        save = gr.Button("Tallenna (save)", elem_id="progress-self-save")
    pid = gr.State(None)

    def load(request: gr.Request) -> list[Any]:
        try:
            found, text, steps, own = own_page(services, request)
        except Exception as exc:
            return [notice(error_message(exc, "progress tab")), None, gr.update(), gr.update(),
                    *[gr.update()] * len(SKILLS)]
        return [notice(None), found, text, steps, *own]

    def store(participant: int | None, l1: str | None, l2: str | None, l3: str | None, l4: str | None,
              l5: str | None, request: gr.Request) -> Any:
        user = current_user(services, request)
        if user is None or participant is None:
            return notice(NOT_ADDED)
        chosen = {s: v for s, v in zip(SKILLS, (l1, l2, l3, l4, l5), strict=True) if v}
        try:
            services.participants.update(user, participant, ParticipantIn(self_assessment=chosen))
        except Exception as exc:
            return notice(error_message(exc, "progress tab"))
        return gr.update(value="✓ Tallennettu. (Saved.)", visible=True)

    root = gr.context.Context.root_block
    if root is not None:
        root.load(load, None, [message, pid, summary, plan, *levels])
    save.click(store, [pid, *levels], message)
