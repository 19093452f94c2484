"""What the "Harjoittele" controls do. Each handler returns plain values or gr.update()s for the
components listed beside it in ui/practice_tab.py; a message for the learner goes to the notice
right above the text box, a hint into the chat, never to the top of the page."""

from __future__ import annotations

import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr
import numpy as np

from service.container import Services
from service.core.auth import CurrentUser
from service.practice.extras import Voice, partner_voice, streamed_turn
from service.practice.shapes import TurnResult
from ui import practice_render as R
from ui.common import current_user, error_message

SIGN_IN = "Kirjaudu sisään ensin. (Sign in first.)"
NO_SESSION = "Aloita ensin keskustelu. (Start a conversation first.)"
CHOOSE = "Valitse ensin harjoitus. (Choose a conversation first.)"
EMPTY = "Kirjoita ensin jotain. (Write something first.)"
Turns = list[dict[str, Any]]
Options = list[str] | None  # the chosen settings: "english", "autoplay", "slow"


def chosen(options: Options, name: str) -> bool:
    return name in (options or [])


def say_notice(text: str | None) -> Any:
    return gr.update(value=f"⚠ {R.esc(text)}" if text else "", visible=bool(text))


def too_long(limit: int) -> str:
    return f"Viesti on liian pitkä: enintään {limit} merkkiä. Lyhennä sitä. (The message is too long: at most {limit} characters.)"


def read_wav(path: Path) -> tuple[int, np.ndarray]:
    """A WAV file as (sample rate, samples): Gradio then serves it without touching our data folder."""
    with wave.open(str(path)) as w:
        rate, frames = w.getframerate(), w.readframes(w.getnframes())
    return rate, np.frombuffer(frames, dtype=np.int16)


class PracticeEvents:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.limit = int(services.simulations.engine.max_turn_chars)

    def _user(self, request: gr.Request | None) -> CurrentUser | None:
        return current_user(self.services, request)

    def _message(self, exc: Exception) -> str:
        return error_message(exc, "practice tab")

    # ---- starting: outputs notice, session, turns, goals state, chat, goals, setup, chat view, report view
    def begin(self, scenario_id: str | None, lvl: str | None, request: gr.Request) -> tuple[Any, ...]:
        return self._start(scenario_id, lvl, False, request)

    def start(self, scenario_id: str | None, lvl: str | None, options: Options, request: gr.Request) -> tuple[Any, ...]:
        return self._start(scenario_id, lvl, chosen(options, "english"), request)

    def _start(self, scenario_id: str | None, lvl: str | None, english: bool, request: gr.Request) -> tuple[Any, ...]:
        keep = (gr.update(),) * 8
        user = self._user(request)
        if user is None or not scenario_id:
            return (say_notice(SIGN_IN if user is None else CHOOSE),) + keep
        try:
            started = self.services.simulations.start(user.id, scenario_id, lvl or None)
        except Exception as exc:
            return (say_notice(self._message(exc)),) + keep
        p = started["partner_turn"]
        turns: Turns = [{"role": "partner", "text": p["text"], "text_en": p.get("text_en"), "notice": p.get("notice"), "text_standard": p.get("text_standard"),
                         "voice": self._voice(scenario_id)}]
        goals = started.get("goals", [])
        return (say_notice(None), started["id"], turns, goals, R.chat_messages(turns, english),
                R.goals_line(goals, english), gr.update(open=False), gr.update(visible=True), gr.update(visible=False))

    # ---- a turn: outputs notice, text, turns, goals state, chat, goals, chat view, report view, report
    def say(self, value: str, sid: str | None, turns: Turns, goals: list[Any], options: Options,
            request: gr.Request) -> Iterator[tuple[Any, ...]]:
        keep, english = (gr.update(),) * 8, chosen(options, "english")
        user, value = self._user(request), value or ""
        problem = SIGN_IN if user is None else NO_SESSION if not sid else EMPTY if not value.strip() else None
        if problem is None and len(value) > self.limit:
            problem = too_long(self.limit)
        if problem or user is None or sid is None:
            yield (say_notice(problem),) + keep
            return
        shown = list(turns or []) + [{"role": "learner", "text": value, "feedback": [], "kind": "pending"}]
        out: TurnResult | None = None
        try:
            for item in streamed_turn(self.services, user.id, sid, value):
                if isinstance(item, str):  # the LLM partner's line as it is being written
                    partial = shown + [{"role": "partner", "text": item}]
                    yield (gr.update(), "", gr.update(), gr.update(), R.chat_messages(partial, english)) + keep[:4]
                else:
                    out = item
        except Exception as exc:
            yield (say_notice(self._message(exc)),) + keep
            return
        assert out is not None
        yield self._after_turn(user, sid, list(turns or []), value, out, english)

    def _after_turn(self, user: CurrentUser, sid: str, turns: Turns, value: str, out: TurnResult,
                    english: bool) -> tuple[Any, ...]:
        learner = out.get("learner_turn") or {"text": value, "kind": "answer"}
        turns.append({"role": "learner", "text": learner["text"], "feedback": out.get("feedback") or [],
                      "kind": learner.get("kind", "answer"), "understanding": out.get("understanding") or []})
        p = out["partner_turn"]
        voice = next((t.get("voice") for t in turns if t.get("role") == "partner" and t.get("voice")), None)
        turns.append({"role": "partner", "text": p["text"], "text_en": p.get("text_en"), "notice": p.get("notice"),
                      "voice": voice, "text_standard": p.get("text_standard")})
        notices = [n for n in out.get("notices") or [] if n != p.get("notice")]
        goals = out.get("goals", [])
        report: Any = gr.update()
        views: tuple[Any, Any] = (gr.update(), gr.update())
        if out.get("finished"):
            report = R.report_markdown(self.services.simulations.get(user.id, sid).get("report"))
            views = (gr.update(visible=False), gr.update(visible=True))
        return (say_notice(" ".join(notices) or None), "", turns, goals, R.chat_messages(turns, english),
                R.goals_line(goals, english), *views, report)

    # ---- hint: outputs notice, turns, chat
    def hint(self, sid: str | None, turns: Turns, options: Options, request: gr.Request) -> tuple[Any, Any, Any]:
        english, user = chosen(options, "english"), self._user(request)
        if user is None or not sid:
            return say_notice(SIGN_IN if user is None else NO_SESSION), gr.update(), gr.update()
        try:
            found = self.services.simulations.hint(user.id, sid)
        except Exception as exc:
            return say_notice(self._message(exc)), gr.update(), gr.update()
        turns = list(turns or []) + [{"role": "hint", "hint": found}]
        return say_notice(None), turns, R.chat_messages(turns, english)

    def rerender(self, turns: Turns, goals: list[Any], options: Options) -> tuple[Any, Any]:
        english = chosen(options, "english")
        return R.chat_messages(list(turns or []), english), R.goals_line(list(goals or []), english)

    def _voice(self, scenario_id: str) -> Voice:
        """The partner's voice (a man's or a woman's) from the scenario's persona."""
        try:
            partner = self.services.simulations.scenario(scenario_id).get("partner") or {}
        except Exception:  # a draft being test-played may not be listed: the default voice
            return "female"
        return partner_voice(str(partner.get("persona") or ""))

    # ---- audio: outputs notice, audio
    def speak(self, turn: dict[str, Any] | None, slowly: bool) -> tuple[Any, Any]:
        line = str((turn or {}).get("text") or "")
        if not line:
            return say_notice(NO_SESSION), None
        voice = (turn or {}).get("voice")
        try:
            path = self.services.speech.synthesize(line, slow=bool(slowly), partner=voice if voice in ("male", "female") else None)
            return say_notice(None), read_wav(path)
        except Exception as exc:
            return say_notice(self._message(exc)), None

    def speak_last(self, turns: Turns, options: Options) -> tuple[Any, Any]:
        partner = [t for t in turns or [] if t.get("role") == "partner"]
        return self.speak(partner[-1] if partner else None, chosen(options, "slow"))

    def autoplay(self, turns: Turns, options: Options, spoken: int | None) -> tuple[Any, Any, int]:
        """After a new partner line: its voice, unless the learner turned autoplay off. `spoken` counts
        the partner lines already played, so a refused turn neither replays the last line nor hides
        the notice that says why it was refused. Outputs notice, audio, spoken."""
        partner = [t for t in turns or [] if t.get("role") == "partner"]
        done = int(spoken or 0) if len(partner) >= int(spoken or 0) else 0  # a new conversation starts at 0
        if not partner or len(partner) == done or not chosen(options, "autoplay"):
            return gr.update(), gr.update(), len(partner)
        message, audio = self.speak(partner[-1], chosen(options, "slow"))
        return (message if audio is None else gr.update()), audio, len(partner)

    def replay(self, turns: Turns, options: Options, evt: gr.SelectData) -> tuple[Any, Any]:
        """A tap on a partner bubble plays that line again."""
        index = evt.index[0] if isinstance(evt.index, list | tuple) else evt.index
        if not isinstance(index, int) or not 0 <= index < len(turns or []) or turns[index].get("role") != "partner":
            return gr.update(), gr.update()
        return self.speak(turns[index], chosen(options, "slow"))

    def transcribe(self, path: str | None) -> tuple[Any, Any]:
        if not path or self.services.transcriber is None:
            return say_notice(None), gr.update()
        try:
            return say_notice(None), self.services.transcriber.transcribe(Path(path))
        except Exception as exc:
            return say_notice(self._message(exc)), gr.update()

    def counter(self, value: str) -> str:
        return R.counter_text(len(value or ""), self.limit)

    # ---- the report in place of the chat: outputs notice, report, chat view, report view, history
    def finish(self, sid: str | None, request: gr.Request) -> tuple[Any, ...]:
        user = self._user(request)
        if user is None or not sid:
            return (say_notice(SIGN_IN if user is None else NO_SESSION),) + (gr.update(),) * 4
        try:
            done = self.services.simulations.finish(user.id, sid)
            past = self.history_choices(user.id)
        except Exception as exc:
            return (say_notice(self._message(exc)),) + (gr.update(),) * 4
        return (say_notice(None), R.report_markdown(done.get("report")), gr.update(visible=False),
                gr.update(visible=True), gr.update(choices=past))

    def history_choices(self, user_id: int) -> list[tuple[str, str]]:
        """The learner's own sessions, each named by its scenario's title (not its id)."""
        titles = {s["id"]: s["title"] for s in self.services.simulations.scenarios()["scenarios"]}
        return R.history_choices(self.services.simulations.history(user_id), titles)

    def load_history(self, request: gr.Request) -> Any:
        user = self._user(request)
        return gr.update(choices=self.history_choices(user.id) if user else [])

    # ---- an earlier session: outputs notice, session, turns, goals state, chat, goals, report, chat view, report view
    def show_session(self, sid: str | None, options: Options, request: gr.Request) -> tuple[Any, ...]:
        english, user = chosen(options, "english"), self._user(request)
        if user is None or not sid:
            return (say_notice(SIGN_IN if user is None else NO_SESSION),) + (gr.update(),) * 8
        try:
            past = self.services.simulations.get(user.id, sid)
        except Exception as exc:
            return (say_notice(self._message(exc)),) + (gr.update(),) * 8
        turns = R.turns_from_transcript(past["transcript"])
        goals = past.get("goals", [])
        finished = bool(past.get("finished"))
        return (say_notice(None), None if finished else past["id"], turns, goals, R.chat_messages(turns, english),
                R.goals_line(goals, english), R.report_markdown(past.get("report")),
                gr.update(visible=not finished), gr.update(visible=finished))
