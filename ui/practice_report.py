"""The report of a finished conversation and the learner's own history list, as Markdown.
Untrusted text (scenario titles, learner words in examples) is escaped with `safe`."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from service.core.labels import CATEGORY_LABELS

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")

# (Finnish grammar term, English); shown in brackets only, for those who want the term
CATEGORY_NAMES = {c: (label.term_fi.capitalize(), label.term_en.capitalize()) for c, label in CATEGORY_LABELS.items()}


def safe(text: Any) -> str:
    """Untrusted text → Markdown that shows exactly these characters and nothing else."""
    return html.escape(_MD_SPECIAL.sub(r"\\\1", str(text or "")), quote=False)


def report_markdown(report: Mapping[str, Any] | None) -> str:
    """A stored report (older ones may lack newer parts, so every part is read with a default)."""
    if not report:
        return ""
    lines = [f"## Raportti (report): {safe(report.get('title', ''))}",
             f"**Tavoitteet (goals): {report.get('goals_reached', 0)} / {report.get('goals_total', 0)}** · "
             f"taso (level) {safe(report.get('level', ''))}"]
    for g in report.get("goals", []):
        lines.append(f"- {'✓' if g.get('reached') else '○'} {safe(g.get('description', ''))} *({safe(g.get('description_en', ''))})*")
    terms = report.get("key_terms") or {}
    if terms.get("used") or terms.get("not_used"):
        lines.append("\n### Työn sanat (key terms of the job)")
        lines.append(f"Käytit (you used): {', '.join(safe(t) for t in terms.get('used', [])) or '–'}  ")
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


def history_choices(history: Mapping[str, Any], titles: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """The learner's sessions for the history list; `titles` (scenario id → title) names the scenarios."""
    out = []
    for h in history.get("sessions", []):
        state = "valmis / done" if h.get("finished") else "kesken / open"
        goals = f", {h['goals_reached']}/{h['goals_total']}" if h.get("goals_total") else ""
        name = (titles or {}).get(h.get("scenario") or "") or h.get("scenario")
        out.append((f"{str(h.get('created_at', ''))[:16].replace('T', ' ')} · {name} · "
                    f"{h.get('level')} · {state}{goals}", str(h["id"])))
    return out
