"""HTML/Markdown for the "Harjoittele" chat: one bubble per turn. Feedback is a mark in the
learner's own bubble (tap to open: the right sentence, the reason in plain Finnish, the grammar
term in brackets); a partner bubble carries its English only when the learner turns English on;
a hint is a bubble of its own. Goals are one compact line.

Everything that came from a learner or a partner (scripted or LLM) is escaped here, before it
reaches the browser: HTML is shown as text and Markdown syntax does nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from service.core.labels import CATEGORY_LABELS
from ui.practice_report import CATEGORY_NAMES, history_choices, report_markdown, safe

__all__ = ["CATEGORY_NAMES", "history_choices", "report_markdown", "safe"]

_SENTENCE_END = re.compile(r"[.!?]")
_SAY = re.compile(r"\s*\bSano:\s[^.!?]*[.!?]?")
_SAY_EN = re.compile(r"\s*\bSay:\s[^.!?]*[.!?]?")
LABELS: dict[str, Any] = {str(k): v for k, v in CATEGORY_LABELS.items()}  # category → plain Finnish label and grammar term
MAX_MARKS = 3  # more marks than this in one bubble is discouraging; the report lists every one


def esc(text: Any) -> str:
    """Untrusted text → inline Markdown/HTML on one line that shows exactly these characters. Each
    bubble is one paragraph that starts with an inline tag, so Markdown applies everywhere in it
    (a block-level tag at the start would switch Markdown off and show the escapes)."""
    return safe(" ".join(str(text or "").split()))


def _en(text: Any, english: bool) -> str:
    return f" <i class='tk-en'>({esc(text)})</i>" if english and text else ""


def _spans(text: str, feedback: list[dict[str, Any]]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for issue in feedback:
        start, end = int(issue.get("start", 0) or 0), int(issue.get("end", 0) or 0)
        if 0 <= start < end <= len(text) and all(end <= s or start >= e for s, e in spans):
            spans.append((start, end))
    return sorted(spans)


def _piece(text: str) -> str:
    return safe(re.sub(r"\s", " ", text))  # spaces kept: they part the words


def marked_text(text: str, feedback: list[dict[str, Any]]) -> str:
    """The learner's words with the words at fault underlined."""
    out, at = [], 0
    for start, end in _spans(text, feedback):
        out += [_piece(text[at:start]), f"<mark class='tk-err'>{_piece(text[start:end])}</mark>"]
        at = end
    out.append(_piece(text[at:]))
    return "".join(out).strip()


def corrected_sentence(text: str, issue: dict[str, Any]) -> str | None:
    """The sentence of the mistake with the first suggestion in place of the words at fault."""
    start, end = int(issue.get("start", 0) or 0), int(issue.get("end", 0) or 0)
    suggestions = [s for s in issue.get("suggestions") or [] if s]
    if not suggestions or not 0 <= start < end <= len(text):
        return None
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    left = max([e for e in ends if e <= start], default=0)
    right = min([e for e in ends if e >= end], default=len(text))
    fixed = text[left:start] + suggestions[0] + text[end:right]
    return " ".join(fixed.split())


def feedback_detail(text: str, issue: dict[str, Any], english: bool) -> str:
    """One mark: «words» as the summary; inside, Sano: *right sentence* — why (grammar term)."""
    start, end = int(issue.get("start", 0) or 0), int(issue.get("end", 0) or 0)
    words = text[start:end] if 0 <= start < end <= len(text) else ""
    names = LABELS.get(str(issue.get("category")))
    term_fi, term_en = (names.term_fi, names.term_en) if names else ("", "")
    plain = names.fi if names else "katso"
    label = f"{esc(plain[:1].upper() + plain[1:])}: «{esc(words)}»" if words else esc(plain)
    parts = []
    fixed = corrected_sentence(text, issue)
    if fixed:
        parts.append(f"<div>Sano: <i><b>{esc(fixed)}</b></i></div>")
    message, message_en = str(issue.get("message", "")), str(issue.get("message_en", ""))
    if fixed:  # the whole right sentence is already above: the message's own "Sano: …" would repeat it
        message, message_en = _SAY.sub("", message).strip() or message, _SAY_EN.sub("", message_en).strip() or message_en
    why = esc(message)
    if issue.get("example"):
        why += f" Esimerkki: <i>{esc(issue['example'])}</i>"
    term = f" <span class='tk-term'>({esc(term_fi.lower())})</span>" if term_fi else ""
    parts.append(f"<div>{why}{term}</div>")
    if english:
        en = esc(message_en)
        parts.append(f"<div class='tk-en'>{en}{f' ({esc(term_en.lower())})' if term_en else ''}</div>")
    return (f"<details class='tk-fb'><summary><span class='tk-dot'>●</span> {label}</summary>"
            f"{''.join(parts)}</details>")


def learner_html(turn: dict[str, Any], english: bool) -> str:
    text, feedback = str(turn.get("text") or ""), list(turn.get("feedback") or [])
    if not text.strip():
        return "<i>(tyhjä vuoro)</i>" + _en("empty turn", english)
    body = f"<span class='tk-said'>{marked_text(text, feedback)}</span>"
    if feedback:
        body += "".join(feedback_detail(text, f, english) for f in feedback[:MAX_MARKS])
    elif turn.get("kind", "answer") == "answer" and not turn.get("understanding"):
        body += "<div class='tk-fb-ok'>✓ Hyvä</div>"
    return body + understanding_html(list(turn.get("understanding") or []), english)


def partner_html(turn: dict[str, Any], english: bool) -> str:
    body = ""
    if turn.get("notice"):
        body += f"<span class='tk-notice'>{esc(turn['notice'])}</span>"
    body += f"<span class='tk-said'>{spoken_line_html(str(turn.get('text', '')), turn.get('text_standard'), True)}</span>"
    if english and turn.get("text_en"):
        body += f"<div class='tk-en'>{esc(turn['text_en'])}</div>"
    return body + "<div class='tk-partner-replay'>▶ napauta: kuuntele uudelleen" + _en("tap to listen again", english) + "</div>"


def hint_html(hint: dict[str, Any], english: bool) -> str:
    lines = [f"<b>Vihje:</b> {esc(hint.get('text', ''))}"]
    if english and hint.get("text_en"):
        lines.append(f"<span class='tk-en'>{esc(hint['text_en'])}</span>")
    examples = [e for e in hint.get("examples") or [] if e][:3]
    if examples:
        lines.append("Voit sanoa: " + " · ".join(f"<i>{esc(e)}</i>" for e in examples))
    phrases = [p for p in hint.get("phrases") or [] if p.get("fi")][:4]
    if phrases:
        lines.append("Sanoja: " + " · ".join(esc(p["fi"]) + _en(p.get("en"), english) for p in phrases))
    return "<span class='tk-hint'>" + "<br>".join(lines) + "</span>"


def chat_messages(turns: list[dict[str, Any]], english: bool) -> list[dict[str, Any]]:
    """The chat, one message per turn (the message index is the turn index: a tap replays it)."""
    out = []
    for turn in turns:
        role = turn.get("role")
        if role == "learner":
            out.append({"role": "user", "content": learner_html(turn, english)})
        elif role == "hint":
            out.append({"role": "assistant", "content": hint_html(turn.get("hint") or {}, english)})
        else:
            out.append({"role": "assistant", "content": partner_html(turn, english)})
    return out


def goals_line(goals: Sequence[Mapping[str, Any]], english: bool) -> str:
    """Tavoitteet 1/3 ●○○ · Seuraavaksi: … — one line, symbols every font has."""
    required = [g for g in goals if g.get("required", True)] or goals
    if not required:
        return ""
    done = sum(1 for g in required if g.get("reached"))
    dots = "".join("●" if g.get("reached") else "○" for g in required)
    line = f"**Tavoitteet {done}/{len(required)}** <span class='tk-dots'>{dots}</span>"
    todo = next((g for g in required if not g.get("reached")), None)
    if todo is None:
        return line + " · Kaikki tehty! Voit lopettaa." + _en("all done: you can finish", english)
    return line + f" · Seuraavaksi: {esc(todo.get('description', ''))}" + _en(todo.get("description_en"), english)


def turns_from_transcript(transcript: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for t in transcript:
        if t.get("role") == "learner":
            out.append({"role": "learner", "text": t.get("text", ""), "feedback": t.get("feedback") or [],
                        "kind": t.get("kind", "answer"), "understanding": t.get("understanding") or []})
        else:
            out.append({"role": "partner", "text": t.get("text", ""), "text_en": t.get("text_en"),
                        "notice": t.get("notice"), "text_standard": t.get("text_standard")})
    return out


def counter_text(length: int, limit: int) -> str:
    over = " tk-over" if length > limit else ""
    extra = " — liian pitkä, lyhennä. <i class='tk-en'>(too long: shorten it)</i>" if length > limit else ""
    return f"<span class='tk-count{over}'>{length} / {limit}{extra}</span>"


# -- issue 14: misunderstood facts and the spoken/standard toggle (self-contained helpers) ------------

def understanding_html(items: list[dict[str, Any]], english: bool) -> str:
    """A clear correction under the learner's bubble for every misunderstood fact of the turn
    (the turn response's `understanding`): what the learner said, struck through, and what is right."""
    if not items:
        return ""
    rows = []
    for item in items:
        rows.append(f"<span class='tk-misunderstood'>❗ <s>{esc(item.get('said'))}</s> → "
                    f"<b>{esc(item.get('expected'))}</b></span>")
    head = "Tarkista tieto" + (" <i class='tk-en'>(check the fact)</i>" if english else "")
    return f"<span class='tk-understanding'>{head}: " + " · ".join(rows) + "</span>"


def spoken_line_html(text: str, standard: str | None, show_standard: bool) -> str:
    """A partner line of a spoken-register scenario; with the toggle on, its standard Finnish beside it."""
    line = esc(text)
    if show_standard and standard and standard.strip() != text.strip():
        line += f" <span class='tk-standard'>(yleiskielellä: {esc(standard)})</span>"
    return line
