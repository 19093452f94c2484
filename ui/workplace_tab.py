"""Tab "Alkukartoitus" (intake) for coaches: the intake mapping done with the participant (languages,
education and work, prior competence, support needs, goals, a Finnish self-assessment) and what it
changes in the plan, in Finnish with English; and inviting the workplace mentor for one target task
with the participant's consent. Everything goes through the intake and mentor services."""

from __future__ import annotations

from typing import Any

import gradio as gr

from service.coach.participants import SKILL_NAMES
from service.container import Services
from service.core.labels import CEFR_LEVELS
from service.workplace.schemas import IntakeIn, MentorIn
from ui.common import current_user, error_message, notice

SELF_SKILLS = ("speaking", "listening", "reading", "writing")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def languages(text: str) -> list[dict[str, str]]:
    """'arabia: äidinkieli, englanti B2' → [{language, level}] (level after ':' or the last word)."""
    out = []
    for part in (text or "").replace("\n", ",").split(","):
        part = part.strip()
        if not part:
            continue
        name, _, level = part.partition(":") if ":" in part else part.rpartition(" ")
        out.append({"language": (name or level).strip(), "level": level.strip() if name else ""})
    return out


def tailoring_markdown(result: dict[str, Any]) -> str:
    plan = result["tailoring"].get("plan") or {}
    reasons = plan.get("reasons") or []
    if not reasons:
        return "Alkukartoitus tallennettu. Suunnitelma ei muutu. *(Intake saved; the plan does not change.)*"
    lines = "\n".join(f"- {r['fi']} *({r['en']})*" for r in reasons)
    return f"✓ Alkukartoitus tallennettu. *(Intake saved.)*\n\n**Näin suunnitelma muuttuu (how the plan changes)**\n{lines}"


def build(services: Services) -> None:
    message = gr.Markdown(visible=False, elem_id="intake-notice")
    with gr.Row(equal_height=True):
        chooser = gr.Dropdown([], label="Osallistuja (participant)", elem_id="intake-participant", scale=3)
        refresh = gr.Button("Päivitä lista (refresh list)", elem_id="intake-refresh", scale=1, min_width=100,
                            size="sm")
    with gr.Group(elem_id="intake-form"):
        langs = gr.Textbox(label="Kielet ja taso (languages and level), esim. arabia: äidinkieli, englanti: B2",
                           max_length=600, elem_id="intake-languages")
        history = gr.Textbox(label="Koulutus ja työhistoria, yksi per rivi (education and work history)", lines=2,
                             max_length=3000, elem_id="intake-history")
        prior = gr.Textbox(label="Aiempi osaaminen, yksi per rivi (prior competence)", lines=2, max_length=3000,
                           elem_id="intake-prior")
        needs = gr.Textbox(label="Tuen tarpeet ja työkyky, yksi per rivi (support needs, work capacity)", lines=2,
                           max_length=3000, elem_id="intake-needs")
        goals = gr.Textbox(label="Tavoitteet, yksi per rivi (goals)", lines=2, max_length=3000, elem_id="intake-goals")
        with gr.Row():
            levels = [gr.Dropdown(list(CEFR_LEVELS), value=None, label=f"{SKILL_NAMES[s][0]} ({s})", elem_id=f"intake-self-{s}",
                                  min_width=160) for s in SELF_SKILLS]  # two a row on a phone
        save = gr.Button("Tallenna alkukartoitus (save intake)", variant="primary", elem_id="intake-save")
    result = gr.Markdown(elem_id="intake-result")
    with gr.Group(elem_id="mentor-invite"):
        mentor = gr.Textbox(label="Työpaikkaohjaajan käyttäjätunnus (mentor's user name)", max_length=200,
                            elem_id="invite-user")
        target = gr.Dropdown([], label="Tehtävä (target task)", elem_id="invite-target")
        consent = gr.Checkbox(label="Osallistuja on antanut suostumuksen (the participant has consented)",
                              elem_id="invite-consent")
        invite = gr.Button("Kutsu ohjaaja (invite mentor)", elem_id="invite-save")
    invited = gr.Markdown(elem_id="invite-result")

    def load(request: gr.Request) -> Any:
        user = current_user(services, request)
        if user is None or user.role not in ("coach", "admin"):
            return gr.update(choices=[])
        people = services.participants.list(user)
        return gr.update(choices=[(p.name, p.id) for p in people], value=people[-1].id if people else None)

    def targets(pid: int | None, request: gr.Request) -> Any:
        user = current_user(services, request)
        if user is None or pid is None:
            return gr.update(choices=[])
        try:
            tasks = services.participants.get(user, int(pid)).target_tasks
        except Exception:
            return gr.update(choices=[])
        return gr.update(choices=[(services.targets.title(t), t) for t in tasks], value=tasks[0] if tasks else None)

    def store(pid: int | None, lang: str, hist: str, pri: str, need: str, goal: str, speaking: str | None,
              listening: str | None, reading: str | None, writing: str | None, request: gr.Request) -> list[Any]:
        lv = (speaking, listening, reading, writing)
        user = current_user(services, request)
        if user is None or pid is None:
            return [notice("Valitse osallistuja. *(Choose a participant.)*"), gr.update()]
        try:
            body = IntakeIn.model_validate({
                "languages": languages(lang), "work_history": _lines(hist), "prior_competence": _lines(pri),
                "support_needs": _lines(need), "goals": _lines(goal),
                "self_assessment": {s: v for s, v in zip(SELF_SKILLS, lv, strict=True) if v}})
            out = services.intake.put(user, int(pid), body)
        except Exception as exc:
            return [notice(error_message(exc, "intake tab")), gr.update()]
        return [notice(None), tailoring_markdown(dict(out))]

    def send(pid: int | None, name: str, task: str | None, ok: bool, request: gr.Request) -> list[Any]:
        user = current_user(services, request)
        if user is None or pid is None or not name or not task:
            return [notice("Valitse osallistuja, ohjaaja ja tehtävä. *(Choose participant, mentor and task.)*"),
                    gr.update()]
        if not ok:
            return [notice("Ohjaaja kutsutaan vain osallistujan suostumuksella. *(Only with the participant's "
                           "consent.)*"), gr.update()]
        try:
            services.mentors.invite(user, int(pid), MentorIn(user=name.strip(), target=task, consent=True))
        except Exception as exc:
            return [notice(error_message(exc, "intake tab")), gr.update()]
        return [notice(None), f"✓ {name.strip()} on nyt työpaikkaohjaaja. *({name.strip()} is now the mentor.)*"]

    root = gr.context.Context.root_block
    if root is not None:
        root.load(load, None, chooser)
    refresh.click(load, None, chooser)
    chooser.change(targets, chooser, target)
    save.click(store, [chooser, langs, history, prior, needs, goals, *levels], [message, result])
    invite.click(send, [chooser, mentor, target, consent], [message, invited])
