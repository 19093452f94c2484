"""Tab "Harjoittele" (practise): choose a job task, a scenario and a level, talk with the partner,
get a hint, see feedback beside each turn, listen to the partner, finish for a report, look back at
your own sessions. Teachers also author scenarios here (ui/scenario_authoring.py).

Uses the same service objects as the API (`services.simulations`, `services.speech`, …).
"""

from __future__ import annotations

import logging
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr
import numpy as np

from service.container import Services
from service.practice.extras import streamed_turn, task_titles
from ui import practice_render as R
from ui import scenario_authoring
from ui.common import current_user, error_message

log = logging.getLogger("tyokieli.ui")

LEVELS = ["A1", "A2", "B1", "B2"]
CONCURRENT_TURNS = 8
SIGN_IN = "Kirjaudu sisään ensin. (Sign in first.)"
NO_SESSION = "Aloita ensin harjoitus. (Start a conversation first.)"


def _message(exc: Exception) -> str:
    return error_message(exc, "practice tab")


def _notice(text: str | None) -> Any:
    return gr.update(value=f"⚠️ {R.safe(text)}" if text else "", visible=bool(text))


def read_wav(path: Path) -> tuple[int, np.ndarray]:
    """A WAV file as (sample rate, samples): Gradio then serves it without touching our data folder."""
    with wave.open(str(path)) as w:
        rate, frames = w.getframerate(), w.readframes(w.getnframes())
    return rate, np.frombuffer(frames, dtype=np.int16)


def task_choices(services: Services) -> list[tuple[str, str]]:
    titles = task_titles()
    tasks = sorted({s["task"] for s in services.simulations.scenarios()["scenarios"]})
    return [(f"{titles[t][0]} ({titles[t][1]})" if t in titles else t, t) for t in tasks]


def scenario_choices(services: Services, task: str | None) -> list[tuple[str, str]]:
    if not task:
        return []
    out = []
    for s in services.simulations.scenarios(task)["scenarios"]:
        marks = (" 📞" if s.get("kind") == "phone" else "") + (" ⚠️" if s.get("problem") else "")
        out.append((f"{s['title']} ({s.get('title_en', '')}){marks}", s["id"]))
    return out


def history_choices(services: Services, user_id: int) -> list[tuple[str, str]]:
    """The learner's own sessions, each named by its scenario's title (not its id)."""
    titles = {s["id"]: s["title"] for s in services.simulations.scenarios()["scenarios"]}
    return R.history_choices(services.simulations.history(user_id), titles)


def scenario_intro(scenario: dict[str, Any]) -> str:
    partner, learner = scenario.get("partner", {}), scenario.get("learner", {})
    return (f"### {R.safe(scenario.get('title'))}\n*{R.safe(scenario.get('title_en'))}*\n\n"
            f"{R.safe(scenario.get('setting'))} *({R.safe(scenario.get('setting_en'))})*\n\n"
            f"Sinä olet (you are): **{R.safe(learner.get('role'))}** ({R.safe(learner.get('role_en'))}) · "
            f"Puhut (you talk to): **{R.safe(partner.get('role'))}** ({R.safe(partner.get('role_en'))})")


def build(services: Services) -> None:
    gr.Markdown("Harjoittele työn keskusteluja. Valitse työtehtävä, harjoitus ja taso. "
                "*Practise the conversations of your job: choose a task, a scenario and a level.*")
    with gr.Row():
        task = gr.Dropdown(choices=task_choices(services), value=None, label="Työtehtävä (job task)",
                           elem_id="practice-task")  # no task pre-chosen: choosing one fills the scenarios
        scenario = gr.Dropdown(choices=[], label="Harjoitus (scenario)", elem_id="practice-scenario")
        level = gr.Radio(LEVELS, value="A2", label="Taso (level)", elem_id="practice-level")
    start = gr.Button("Aloita keskustelu (start)", variant="primary", elem_id="practice-start")
    notice = gr.Markdown(visible=False, elem_id="practice-notice")
    intro = gr.Markdown(elem_id="practice-intro")
    with gr.Row():
        with gr.Column(scale=3):
            chat = gr.Chatbot(label="Keskustelu (conversation)", elem_id="practice-chat", height=420,
                              feedback_options=None, allow_tags=False, sanitize_html=True)
            text = gr.Textbox(label="Sinun vuorosi (your turn)", placeholder="Kirjoita suomeksi… (write in Finnish)",
                              elem_id="practice-text", max_length=5000)
            with gr.Row():
                send = gr.Button("Lähetä (send)", variant="primary", elem_id="practice-send")
                hint = gr.Button("Vihje (hint)", elem_id="practice-hint")
                listen = gr.Button("Kuuntele (listen)", elem_id="practice-listen")
                slow = gr.Checkbox(label="Hitaasti (slowly)", value=True, elem_id="practice-slow")
                finish = gr.Button("Lopeta ja katso raportti (finish)", variant="stop", elem_id="practice-finish")
            mic = gr.Audio(sources=["microphone"], type="filepath", label="Puhu (speak)",
                           visible=services.transcriber is not None, elem_id="practice-mic")
            audio = gr.Audio(label="Kumppanin puhe (partner's voice)", autoplay=True, interactive=False,
                             elem_id="practice-audio")
        with gr.Column(scale=2):
            goals = gr.Markdown(elem_id="practice-goals")
            feedback = gr.Markdown(elem_id="practice-feedback")
            hint_out = gr.Markdown(elem_id="practice-hint-text")
            with gr.Accordion("Selitä omalla kielelläsi (explain in your language)", open=False,
                              visible=services.explainer is not None):
                explain_item = gr.Dropdown(choices=[], label="Palaute (feedback item)", elem_id="practice-explain-item")
                explain_lang = gr.Textbox(value="English", label="Kieli (language)", max_length=40)
                explain = gr.Button("Selitä (explain)", elem_id="practice-explain")
                explain_out = gr.Markdown(elem_id="practice-explain-text")
    report = gr.Markdown(elem_id="practice-report")
    with gr.Accordion("Omat harjoitukset (my practice history)", open=False):
        history = gr.Dropdown(choices=[], label="Harjoitus (session)", elem_id="practice-history")
        with gr.Row():
            refresh = gr.Button("Päivitä (refresh)", elem_id="practice-history-refresh")
            show = gr.Button("Näytä (show)", elem_id="practice-history-show")

    session = gr.State(None)
    last_partner = gr.State("")
    issues = gr.State([])  # [(learner text, feedback issue)] of this session, for explanations

    def user_or_none(request: gr.Request | None) -> Any:
        return current_user(services, request)

    def on_task(task_id: str | None) -> Any:
        return gr.update(choices=scenario_choices(services, task_id), value=None)

    def on_scenario(scenario_id: str | None) -> tuple[Any, Any]:
        if not scenario_id:
            return "", gr.update()
        try:
            sc = services.simulations.scenario(scenario_id)
        except Exception as exc:
            return _message(exc), gr.update()
        levels = sc.get("levels") or LEVELS
        return scenario_intro(sc), gr.update(choices=levels, value="A2" if "A2" in levels else levels[0])

    def begin(scenario_id: str | None, lvl: str | None, request: gr.Request) -> tuple[Any, ...]:
        keep = (gr.update(),) * 9
        user = user_or_none(request)
        if user is None:
            return (_notice(SIGN_IN),) + keep
        if not scenario_id:
            return (_notice("Valitse ensin harjoitus. (Choose a scenario first.)"),) + keep
        try:
            started = services.simulations.start(user.id, scenario_id, lvl or None)
        except Exception as exc:
            return (_notice(_message(exc)),) + keep
        p = started["partner_turn"]
        return (_notice(p.get("notice")), started["id"], p["text"], [],
                [R.partner_message(p["text"], p.get("text_en"))], R.goals_markdown(started.get("goals", [])),
                "", "", "", gr.update(choices=[], value=None))

    begin_outputs = [notice, session, last_partner, issues, chat, goals, feedback, hint_out, report, explain_item]

    def say(value: str, sid: str | None, messages: list[dict[str, Any]], found: list[Any],
            request: gr.Request) -> Iterator[tuple[Any, ...]]:
        keep = (gr.update(),) * 8
        user = user_or_none(request)
        if user is None or not sid:
            yield (_notice(SIGN_IN if user is None else NO_SESSION),) + keep
            return
        shown = list(messages or []) + [R.learner_message(value or "")]
        out: dict[str, Any] | None = None
        try:
            for item in streamed_turn(services, user.id, sid, value or ""):
                if isinstance(item, str):  # the LLM partner's line as it is being written
                    yield (gr.update(), "", shown + [R.partner_message(item, None)]) + (gr.update(),) * 6
                else:
                    out = item
        except Exception as exc:
            yield (_notice(_message(exc)),) + keep
            return
        assert out is not None
        learner = out.get("learner_turn") or {"text": value or "", "kind": "answer"}
        messages = list(messages or []) + [R.learner_message(learner["text"])]
        note = R.feedback_message(learner["text"], out.get("feedback") or [])
        if note:
            messages.append(note)
        p = out["partner_turn"]
        messages.append(R.partner_message(p["text"], p.get("text_en"), p.get("notice")))
        found = list(found or []) + [(learner["text"], f) for f in out.get("feedback") or []]
        choices = [(f"{i + 1}. {f.get('message', '')[:80]}", i) for i, (_, f) in enumerate(found)]
        notices = [n for n in out.get("notices") or [] if n != p.get("notice")]
        finished_report = ""
        if out.get("finished"):
            finished_report = R.report_markdown(services.simulations.get(user.id, sid).get("report"))
        yield (_notice(" ".join(notices) or None), "", messages, p["text"], found,
               R.goals_markdown(out.get("goals", [])),
               R.turn_feedback_markdown(learner["text"], out.get("feedback") or [], learner.get("kind", "answer")),
               finished_report, gr.update(choices=choices))

    say_outputs = [notice, text, chat, last_partner, issues, goals, feedback, report, explain_item]

    def ask_hint(sid: str | None, request: gr.Request) -> tuple[Any, Any]:
        user = user_or_none(request)
        if user is None or not sid:
            return _notice(SIGN_IN if user is None else NO_SESSION), gr.update()
        try:
            return _notice(None), R.hint_markdown(services.simulations.hint(user.id, sid))
        except Exception as exc:
            return _notice(_message(exc)), gr.update()

    def speak(line: str, slowly: bool) -> tuple[Any, Any]:
        if not line:
            return _notice(NO_SESSION), None
        try:
            return _notice(None), read_wav(services.speech.synthesize(line, slow=bool(slowly)))
        except Exception as exc:
            return _notice(_message(exc)), None

    def transcribe(path: str | None) -> tuple[Any, Any]:
        if not path or services.transcriber is None:
            return _notice(None), gr.update()
        try:
            return _notice(None), services.transcriber.transcribe(Path(path))
        except Exception as exc:
            return _notice(_message(exc)), gr.update()

    def end(sid: str | None, request: gr.Request) -> tuple[Any, Any, Any]:
        user = user_or_none(request)
        if user is None or not sid:
            return _notice(SIGN_IN if user is None else NO_SESSION), gr.update(), gr.update()
        try:
            done = services.simulations.finish(user.id, sid)
            past = history_choices(services, user.id)
        except Exception as exc:
            return _notice(_message(exc)), gr.update(), gr.update()
        return _notice(None), R.report_markdown(done.get("report")), gr.update(choices=past)

    def load_history(request: gr.Request) -> Any:
        user = user_or_none(request)
        return gr.update(choices=history_choices(services, user.id) if user else [])

    def show_session(sid: str | None, request: gr.Request) -> tuple[Any, ...]:
        user = user_or_none(request)
        if user is None or not sid:
            return (_notice(SIGN_IN if user is None else NO_SESSION),) + (gr.update(),) * 5
        try:
            past = services.simulations.get(user.id, sid)
        except Exception as exc:
            return (_notice(_message(exc)),) + (gr.update(),) * 5
        partner_lines = [t["text"] for t in past["transcript"] if t.get("role") == "partner"]
        return (_notice(None), None if past.get("finished") else past["id"], R.transcript_messages(past["transcript"]),
                R.goals_markdown(past.get("goals", [])), R.report_markdown(past.get("report")),
                partner_lines[-1] if partner_lines else "")

    def explain_issue(index: int | None, language: str, found: list[Any]) -> str:
        if services.explainer is None or index is None or not found or not 0 <= int(index) < len(found):
            return "Valitse palaute. (Choose a feedback item.)"
        learner_text, issue = found[int(index)]
        try:
            result = services.explainer.explain(issue, language or "English", learner_text)
        except Exception as exc:
            return _message(exc)
        out = R.safe(result.get("explanation", ""))
        return f"ℹ️ {R.safe(result['notice'])}\n\n{out}" if result.get("notice") else out

    task.change(on_task, task, scenario)
    scenario.change(on_scenario, scenario, [intro, level])
    # Turns of different learners run side by side (a slow model must not hold up everyone); turns on
    # one session are still serialised by the simulation service.
    busy: dict[str, Any] = {"concurrency_limit": CONCURRENT_TURNS, "concurrency_id": "practice-turns"}
    start.click(begin, [scenario, level], begin_outputs, **busy)
    send.click(say, [text, session, chat, issues], say_outputs, **busy)
    text.submit(say, [text, session, chat, issues], say_outputs, **busy)
    hint.click(ask_hint, session, [notice, hint_out])
    listen.click(speak, [last_partner, slow], [notice, audio], concurrency_limit=CONCURRENT_TURNS)
    mic.stop_recording(transcribe, mic, [notice, text])
    finish.click(end, session, [notice, report, history])
    refresh.click(load_history, None, history)
    show.click(show_session, history, [notice, session, chat, goals, report, last_partner])
    explain.click(explain_issue, [explain_item, explain_lang, issues], explain_out)

    root = gr.context.Context.root_block
    if root is not None:
        root.load(load_history, None, history)
        root.load(lambda: gr.update(choices=task_choices(services)), None, task)

    scenario_authoring.build(services, begin, level, begin_outputs)
