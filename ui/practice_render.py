"""Markdown for the "Harjoittele" tab: chat messages, feedback, goals, hints, the report, history.

Everything that came from a learner or a partner (scripted or LLM) is escaped here, before it
reaches the browser: HTML is shown as text and Markdown syntax does nothing.
"""

from __future__ import annotations

import html
import re
from typing import Any

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")

CATEGORY_NAMES = {
    "spelling": ("Oikeinkirjoitus", "Spelling"), "agreement": ("Kongruenssi", "Agreement"),
    "object_case": ("Objektin muoto", "Object case"), "government": ("Rektio", "Verb + case"),
    "numeral": ("Numerot", "Numbers"), "postposition": ("Postpositio", "Postposition"),
    "missing_verb": ("Verbi puuttuu", "Missing verb"), "repetition": ("Toisto", "Repetition"),
    "punctuation": ("Välimerkit", "Punctuation"), "style": ("Tyyli", "Style"), "vocabulary": ("Sanasto", "Vocabulary"),
}


def safe(text: Any) -> str:
    """Untrusted text → Markdown that shows exactly these characters and nothing else."""
    # Markdown first (backslashes), then HTML: the entities made last are never broken up.
    return html.escape(_MD_SPECIAL.sub(r"\\\1", str(text or "")), quote=False)


def partner_message(text: str, text_en: str | None, notice: str | None = None) -> dict[str, Any]:
    content = safe(text)
    if text_en:
        content += f"\n\n*{safe(text_en)}*"
    if notice:
        content = f"ℹ️ {safe(notice)}\n\n{content}"
    return {"role": "assistant", "content": content}


def learner_message(text: str) -> dict[str, Any]:
    return {"role": "user", "content": safe(text) if text.strip() else "*(tyhjä vuoro / empty turn)*"}


def feedback_items(text: str, feedback: list[dict[str, Any]]) -> list[str]:
    lines = []
    for issue in feedback:
        start, end = int(issue.get("start", 0) or 0), int(issue.get("end", 0) or 0)
        words = text[start:end] if 0 <= start < end <= len(text) else ""
        fi, en = CATEGORY_NAMES.get(str(issue.get("category")), (str(issue.get("category", "")), ""))
        line = f"- **{safe(fi)}** ({safe(en)})"
        if words:
            line += f": «{safe(words)}»"
        line += f" — {safe(issue.get('message', ''))} *({safe(issue.get('message_en', ''))})*"
        suggestions = [s for s in issue.get("suggestions", []) if s][:3]
        if suggestions:
            line += " → " + ", ".join(f"**{safe(s)}**" for s in suggestions)
        lines.append(line)
    return lines


def feedback_message(text: str, feedback: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Feedback on one learner turn, shown right under it as a foldable note."""
    if not feedback:
        return None
    n = len(feedback)
    return {"role": "assistant", "content": "\n".join(feedback_items(text, feedback)),
            "metadata": {"title": f"Palaute: {n} {'huomio' if n == 1 else 'huomiota'} (feedback: {n} note{'s' if n > 1 else ''})"}}


def turn_feedback_markdown(text: str, feedback: list[dict[str, Any]], kind: str = "answer") -> str:
    if kind in ("empty", "english", "repair"):
        return ""
    if not feedback:
        return "✅ Hyvä! Ei huomautettavaa. *(Good! Nothing to correct.)*"
    return "#### Palaute viimeisestä vuorosta (feedback on your last turn)\n" + "\n".join(feedback_items(text, feedback))


def goals_markdown(goals: list[dict[str, Any]]) -> str:
    lines = ["#### Tavoitteet (goals)"]
    for g in goals:
        mark = "✅" if g.get("reached") else "⬜"
        optional = "" if g.get("required", True) else " *(vapaaehtoinen / optional)*"
        lines.append(f"- {mark} {safe(g.get('description', ''))} *({safe(g.get('description_en', ''))})*{optional}")
    return "\n".join(lines)


def hint_markdown(hint: dict[str, Any]) -> str:
    lines = [f"💡 **{safe(hint.get('text', ''))}**"]
    if hint.get("text_en"):
        lines.append(f"*{safe(hint['text_en'])}*")
    if hint.get("examples"):
        lines.append("\nEsimerkkejä (examples): " + " · ".join(safe(e) for e in hint["examples"][:3]))
    phrases = hint.get("phrases") or []
    if phrases:
        lines.append("\nHyödyllisiä fraaseja (useful phrases):")
        lines += [f"- {safe(p.get('fi', ''))} — *{safe(p.get('en', ''))}*" for p in phrases[:5]]
    return "\n".join(lines)


def report_markdown(report: dict[str, Any] | None) -> str:
    if not report:
        return ""
    lines = [f"## Raportti (report): {safe(report.get('title', ''))}",
             f"**Tavoitteet (goals): {report.get('goals_reached', 0)} / {report.get('goals_total', 0)}** · "
             f"taso (level) {safe(report.get('level', ''))}"]
    for g in report.get("goals", []):
        lines.append(f"- {'✅' if g.get('reached') else '⬜'} {safe(g.get('description', ''))} *({safe(g.get('description_en', ''))})*")
    terms = report.get("key_terms") or {}
    if terms.get("used") or terms.get("not_used"):
        lines.append("\n### Työn sanat (key terms of the job)")
        lines.append(f"Käytit (you used): {', '.join(safe(t) for t in terms.get('used', [])) or '–'}")
        lines.append(f"Harjoittele (practise): {', '.join(safe(t) for t in terms.get('not_used', [])) or '–'}")
    errors = report.get("errors") or {}
    if errors.get("by_category"):
        lines.append(f"\n### Virheet (errors): {errors.get('total', 0)}")
        for cat in errors["by_category"]:
            fi, en = CATEGORY_NAMES.get(cat.get("category", ""), (cat.get("category", ""), ""))
            example = (cat.get("examples") or [{}])[0]
            lines.append(f"- **{safe(fi)}** ({safe(en)}): {cat.get('count', 0)} — «{safe(example.get('words', ''))}» "
                         f"{safe(example.get('message', ''))}")
    inter = report.get("interaction") or {}
    if inter:
        lines.append("\n### Vuorovaikutus (interaction)")
        lines.append(f"Vuoroja (turns) {inter.get('learner_turns', 0)} · sanoja vuorossa keskimäärin (mean words per turn) "
                     f"{inter.get('mean_turn_words', 0)} · kysymyksiä (questions) {inter.get('questions', 0)} · "
                     f"toistopyyntöjä (repair requests) {inter.get('repair_requests', 0)} · vihjeitä (hints) {inter.get('hints', 0)}")
    criteria = report.get("criteria") or []
    if criteria:
        lines.append("\n### Arvio (assessment, CEFR)")
        for c in criteria:
            reasons = "; ".join(f"{safe(r.get('fi', ''))} *({safe(r.get('en', ''))})*" for r in c.get("reasons", [])[:2])
            lines.append(f"- **{safe(c.get('name', ''))}** ({safe(c.get('name_en', ''))}): {safe(c.get('band') or '–')} — {reasons}")
    steps = report.get("next_steps") or {}
    if steps:
        lines.append("\n### Seuraavaksi (next steps)")
        for g in steps.get("goals", []):
            lines.append(f"- {safe(g.get('description', ''))} — esim. (e.g.) «{safe(g.get('example', ''))}»")
        if steps.get("words"):
            lines.append(f"- Sanat (words): {', '.join(safe(w) for w in steps['words'])}")
        for s in steps.get("scenarios", []):
            why = s.get("why") or {}
            lines.append(f"- Harjoitus (scenario): **{safe(s.get('title', ''))}** ({safe(s.get('level', ''))}) — "
                         f"{safe(why.get('fi', ''))} *({safe(why.get('en', ''))})*")
    return "\n".join(lines)


def history_choices(history: dict[str, Any], titles: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """The learner's sessions for the history list; `titles` (scenario id → title) names the scenarios."""
    out = []
    for h in history.get("sessions", []):
        state = "valmis / done" if h.get("finished") else "kesken / open"
        goals = f", {h['goals_reached']}/{h['goals_total']}" if h.get("goals_total") else ""
        name = (titles or {}).get(h.get("scenario") or "") or h.get("scenario")
        out.append((f"{str(h.get('created_at', ''))[:16].replace('T', ' ')} · {name} · "
                    f"{h.get('level')} · {state}{goals}", str(h["id"])))
    return out


def transcript_messages(transcript: list[dict[str, Any]]) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    for t in transcript:
        if t.get("role") == "learner":
            messages.append(learner_message(t.get("text", "")))
            note = feedback_message(t.get("text", ""), t.get("feedback") or [])
            if note:
                messages.append(note)
        else:
            messages.append(partner_message(t.get("text", ""), t.get("text_en"), t.get("notice")))
    return messages
