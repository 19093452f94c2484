"""Tab "Harjoittele" (practise), phone first: choose a conversation (the choice folds away when it
starts), then the chat fills the screen with a goals line above it and the text box, Lähetä,
Vihje, Kuuntele and Lopeta right under it. Feedback is a mark in the learner's own bubble; a hint
is a bubble in the chat; a new partner line plays by itself (a setting turns it off) and a tap
on a partner bubble plays it again. The report opens in place of the chat, with a way back.
English is behind one toggle that the browser remembers. Teachers also author scenarios here
(ui/scenario_authoring.py).

Uses the same service objects as the API (`services.simulations`, `services.speech`, …).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from service.container import Services
from service.practice.extras import task_titles
from ui import practice_render as R
from ui import scenario_authoring
from ui.common import deep_link
from ui.practice_events import PracticeEvents, say_notice

LEVELS = ["A1", "A2", "B1", "B2"]
CONCURRENT_TURNS = 8
OPTIONS = [("English", "english"), ("Ääni itsestään", "autoplay"), ("Hitaasti", "slow")]
DEFAULT_OPTIONS = ["autoplay", "slow"]


def task_choices(services: Services) -> list[tuple[str, str]]:
    titles = task_titles()
    tasks = sorted({s["task"] for s in services.simulations.scenarios()["scenarios"]})
    return [(f"{titles[t][0]} ({titles[t][1]})" if t in titles else t, t) for t in tasks]


def scenario_choices(services: Services, task: str | None) -> list[tuple[str, str]]:
    if not task:
        return []
    out = []
    for s in services.simulations.scenarios(task)["scenarios"]:
        marks = (" · puhelu" if s.get("kind") == "phone" else "") + (" · ongelmatilanne" if s.get("problem") else "")
        out.append((f"{s['title']} ({s.get('title_en', '')}){marks}", s["id"]))
    return out


def scenario_intro(scenario: dict[str, Any]) -> str:
    partner, learner = scenario.get("partner", {}), scenario.get("learner", {})
    return (f"**{R.safe(scenario.get('title'))}** *({R.safe(scenario.get('title_en'))})*  \n"
            f"{R.safe(scenario.get('setting'))} *({R.safe(scenario.get('setting_en'))})*  \n"
            f"Sinä olet *(you are)*: **{R.safe(learner.get('role'))}** · "
            f"Puhut *(you talk to)*: **{R.safe(partner.get('role'))}**")


@dataclass
class Parts:
    setup: Any
    task: Any
    scenario: Any
    level: Any
    intro: Any
    start: Any
    chat_view: Any
    goals: Any
    chat: Any
    notice: Any
    text: Any
    counter: Any
    send: Any
    hint: Any
    listen: Any
    finish: Any
    options: Any
    restart: Any
    confirm: Any
    confirm_yes: Any
    confirm_no: Any
    mic: Any
    audio: Any
    report_view: Any
    back: Any
    report: Any
    history: Any
    show: Any


def _setup(services: Services) -> dict[str, Any]:
    with gr.Accordion("Valitse harjoitus (choose a conversation)", open=True, elem_id="practice-setup") as setup:
        task = gr.Dropdown(choices=task_choices(services), value=None, label="Työtehtävä (job task)",
                           elem_id="practice-task", elem_classes="tk-wrap")
        scenario = gr.Dropdown(choices=[], label="Harjoitus (conversation)", elem_id="practice-scenario",
                               elem_classes="tk-wrap")
        level = gr.Radio(LEVELS, value="A2", label="Taso (level)", elem_id="practice-level")
        intro = gr.Markdown(elem_id="practice-intro")
        start = gr.Button("Aloita keskustelu (start)", variant="primary", elem_id="practice-start")
    return {"setup": setup, "task": task, "scenario": scenario, "level": level, "intro": intro, "start": start}


def _chat(services: Services, limit: int) -> dict[str, Any]:
    with gr.Column(elem_id="practice-chat-view") as chat_view:
        goals = gr.Markdown(elem_id="practice-goals", sanitize_html=True)
        chat = gr.Chatbot(show_label=False, elem_id="practice-chat", height="60dvh", feedback_options=None,
                          allow_tags=False, sanitize_html=True, buttons=[], autoscroll=True,
                          group_consecutive_messages=False)
        notice = gr.Markdown(visible=False, elem_id="practice-notice")
        text = gr.Textbox(show_label=False, placeholder="Kirjoita suomeksi… (write in Finnish)", lines=1, max_lines=4,
                          elem_id="practice-text")
        counter = gr.Markdown(R.counter_text(0, limit), elem_id="practice-counter")
        with gr.Row(elem_id="practice-controls"):
            send = gr.Button("Lähetä", variant="primary", elem_id="practice-send", min_width=0)
            hint = gr.Button("Vihje", elem_id="practice-hint", min_width=0)
            listen = gr.Button("Kuuntele", elem_id="practice-listen", min_width=0)
            finish = gr.Button("Lopeta", variant="stop", elem_id="practice-finish", min_width=0)
        with gr.Row(elem_id="practice-options", equal_height=True):
            options = gr.CheckboxGroup(OPTIONS, value=list(DEFAULT_OPTIONS), show_label=False, container=False,
                                       elem_id="practice-settings", scale=4, min_width=0)
            restart = gr.Button("Aloita alusta", size="sm", elem_id="practice-restart", min_width=0)
        with gr.Row(visible=False, elem_id="practice-confirm") as confirm:
            gr.Markdown("Aloitetaanko alusta? Tämä keskustelu suljetaan näkymästä. *(Start again? This chat is cleared "
                        "from the screen; it stays in your history.)*")
            confirm_yes = gr.Button("Kyllä, alusta (yes)", variant="stop", size="sm", elem_id="practice-confirm-yes")
            confirm_no = gr.Button("Ei (no)", size="sm", elem_id="practice-confirm-no")
        mic = gr.Audio(sources=["microphone"], type="filepath", label="Puhu (speak)",
                       visible=services.transcriber is not None, elem_id="practice-mic")
        audio = gr.Audio(show_label=False, autoplay=True, interactive=False, elem_id="practice-audio")
    return {"chat_view": chat_view, "goals": goals, "chat": chat, "notice": notice, "text": text,
            "counter": counter, "send": send, "hint": hint, "listen": listen, "finish": finish, "options": options,
            "restart": restart, "confirm": confirm, "confirm_yes": confirm_yes,
            "confirm_no": confirm_no, "mic": mic, "audio": audio}


def _report_and_history() -> dict[str, Any]:
    with gr.Column(visible=False, elem_id="practice-report-view") as report_view:
        back = gr.Button("← Takaisin keskusteluun (back to the chat)", size="sm", elem_id="practice-back")
        report = gr.Markdown(elem_id="practice-report")
    with gr.Accordion("Omat harjoitukset (my practice history)", open=False, elem_id="practice-history-panel"):
        history = gr.Dropdown(choices=[], label="Harjoitus (session)", elem_id="practice-history", elem_classes="tk-wrap")
        show = gr.Button("Näytä (show)", elem_id="practice-history-show")
    return {"report_view": report_view, "back": back, "report": report, "history": history, "show": show}


def build(services: Services) -> None:
    events = PracticeEvents(services)
    parts = Parts(**_setup(services), **_chat(services, events.limit), **_report_and_history())
    session, turns, goals = gr.State(None), gr.State([]), gr.State([])
    spoken = gr.State(0)  # partner lines already played by themselves
    prefs = gr.BrowserState(list(DEFAULT_OPTIONS), storage_key="tyokieli-practice", secret="tyokieli-ui-preferences")
    begin_outputs = [parts.notice, session, turns, goals, parts.chat, parts.goals, parts.setup, parts.chat_view,
                     parts.report_view]
    _wire_turns(services, events, parts, session, turns, goals, spoken, begin_outputs)
    _wire_audio_and_views(events, parts, session, turns, goals, begin_outputs)
    _wire_preferences(services, parts, prefs, turns, goals, events)
    scenario_authoring.build(services, events.begin, parts.level, begin_outputs)


def _wire_turns(services: Services, events: PracticeEvents, p: Parts, session: Any, turns: Any, goals: Any,
                spoken: Any, begin_outputs: list[Any]) -> None:
    def on_task(task_id: str | None) -> Any:
        return gr.update(choices=scenario_choices(services, task_id), value=None)

    def on_scenario(scenario_id: str | None) -> tuple[Any, Any]:
        if not scenario_id:
            return "", gr.update()
        try:
            sc = services.simulations.scenario(scenario_id)
        except Exception as exc:
            return events._message(exc), gr.update()
        levels = sc.get("levels") or LEVELS
        return scenario_intro(sc), gr.update(choices=levels, value="A2" if "A2" in levels else levels[0])

    # Turns of different learners run side by side (a slow model must not hold up everyone); turns on
    # one session are still serialised by the simulation service.
    busy: dict[str, Any] = {"concurrency_limit": CONCURRENT_TURNS, "concurrency_id": "practice-turns"}
    p.task.input(on_task, p.task, p.scenario)  # not on a deep link's choice
    p.scenario.change(on_scenario, p.scenario, [p.intro, p.level])
    p.start.click(events.start, [p.scenario, p.level, p.options], begin_outputs, **busy).then(
        events.autoplay, [turns, p.options, spoken], [p.notice, p.audio, spoken])
    say_outputs = [p.notice, p.text, turns, goals, p.chat, p.goals, p.chat_view, p.report_view, p.report]
    for trigger in (p.send.click, p.text.submit):
        trigger(events.say, [p.text, session, turns, goals, p.options], say_outputs, **busy).then(
            events.autoplay, [turns, p.options, spoken], [p.notice, p.audio, spoken]).then(
            events.counter, p.text, p.counter, queue=False).then(
            events.load_history, None, p.history, queue=False)  # a session the turn finished is listed at once
    p.text.input(events.counter, p.text, p.counter, queue=False, show_progress="hidden", trigger_mode="always_last")
    p.hint.click(events.hint, [session, turns, p.options], [p.notice, turns, p.chat])


def _wire_audio_and_views(events: PracticeEvents, p: Parts, session: Any, turns: Any, goals: Any,
                          begin_outputs: list[Any]) -> None:
    p.listen.click(events.speak_last, [turns, p.options], [p.notice, p.audio], concurrency_limit=CONCURRENT_TURNS)
    p.chat.select(events.replay, [turns, p.options], [p.notice, p.audio], concurrency_limit=CONCURRENT_TURNS)
    p.mic.stop_recording(events.transcribe, p.mic, [p.notice, p.text])
    p.finish.click(events.finish, session, [p.notice, p.report, p.chat_view, p.report_view, p.history])
    p.back.click(lambda: (gr.update(visible=True), gr.update(visible=False)), None, [p.chat_view, p.report_view])
    p.restart.click(lambda: gr.update(visible=True), None, p.confirm)
    p.confirm_no.click(lambda: gr.update(visible=False), None, p.confirm)
    p.confirm_yes.click(lambda: (None, [], [], [], "", gr.update(open=True), gr.update(visible=False),
                                 say_notice(None)),
                        None, [session, turns, goals, p.chat, p.goals, p.setup, p.confirm, p.notice])
    p.show.click(events.show_session, [p.history, p.options],
                 [p.notice, session, turns, goals, p.chat, p.goals, p.report, p.chat_view, p.report_view])
    root = gr.context.Context.root_block
    if root is not None:
        root.load(events.load_history, None, p.history)


def _wire_preferences(services: Services, p: Parts, prefs: Any, turns: Any, goals: Any,
                      events: PracticeEvents) -> None:
    def restore(saved: list[str] | None, request: gr.Request) -> tuple[Any, ...]:
        known = {key for _, key in OPTIONS}
        settings = [o for o in saved if o in known] if isinstance(saved, list) else list(DEFAULT_OPTIONS)
        wanted = deep_link(request, "scenario")
        task_update: Any = gr.update(choices=task_choices(services))
        scenario_update: Any = gr.update()
        if wanted:  # /ui?scenario=ID: its task and the scenario are chosen, ready to start
            found = [s for s in services.simulations.scenarios()["scenarios"] if s["id"] == wanted]
            if found:
                task_update = gr.update(choices=task_choices(services), value=found[0]["task"])
                scenario_update = gr.update(choices=scenario_choices(services, found[0]["task"]), value=wanted)
        return settings, task_update, scenario_update

    root = gr.context.Context.root_block
    if root is not None:
        root.load(restore, prefs, [p.options, p.task, p.scenario])
    p.options.input(lambda chosen: list(chosen or []), p.options, prefs, queue=False)
    p.options.change(events.rerender, [turns, goals, p.options], [p.chat, p.goals], queue=False)
