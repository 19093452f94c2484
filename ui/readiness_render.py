"""Pure rendering for the "Valmius" tab: the readiness heatmap, the participant's readiness, plan
and recommendations as HTML/Markdown, and the progress data for the plots."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from service.participants import SKILL_NAMES, SKILLS
from service.readiness import STATUS_NAMES

COLOURS = {"ready": "#a5d6a7", "almost": "#fff59d", "not_yet": "#ef9a9a", "not_enough_evidence": "#e0e0e0"}
SYMBOLS = {"ready": "✔", "almost": "≈", "not_yet": "✘", "not_enough_evidence": "?"}


def status_text(status: str) -> str:
    fi, en = STATUS_NAMES[status]
    return f"{fi} ({en})"


def legend() -> str:
    return " ".join(
        f"<span style='background:{COLOURS[s]};padding:0 .4em;border-radius:3px'>{SYMBOLS[s]} {html.escape(status_text(s))}</span>"
        for s in COLOURS)


def heatmap_html(rows: list[dict[str, Any]]) -> str:
    """Participants × target tasks (rows) and skills (columns), each cell coloured by its status."""
    if not rows:
        return "<p>Ei osallistujia. (No participants yet.)</p>"
    head = "".join(f"<th>{html.escape(SKILL_NAMES[s][0])}<br><small>{s}</small></th>" for s in SKILLS)
    body = []
    for row in rows:
        name = html.escape(row["name"])
        if not row["tasks"]:
            body.append(f"<tr><td>{name}</td><td><i>ei tavoitetehtävää (no target task)</i></td>"
                        + "<td></td>" * len(SKILLS) + f"<td>{row['evidence_count']}</td></tr>")
            continue
        for task in row["tasks"]:
            cells = "".join(
                f"<td class='cell-{task['skills'][s]}' title='{html.escape(status_text(task['skills'][s]))}' "
                f"style='background:{COLOURS[task['skills'][s]]};text-align:center'>{SYMBOLS[task['skills'][s]]}</td>"
                for s in SKILLS)
            body.append(f"<tr data-participant='{row['id']}'><td>{name}</td><td>{html.escape(task['title'])}</td>"
                        f"{cells}<td>{row['evidence_count']}</td></tr>")
    return (f"<div id='ready-heatmap-table'><table style='border-collapse:collapse'><tr><th>Osallistuja (participant)</th>"
            f"<th>Tehtävä (task)</th>{head}<th>Näyttöä (evidence)</th></tr>{''.join(body)}</table>"
            f"<p>{legend()}</p></div>")


def readiness_markdown(result: dict[str, Any]) -> str:
    lines = [f"## {result['name']}", f"{result['summary']['fi']} *({result['summary']['en']})*"]
    if not result["tasks"]:
        lines.append("Osallistujalla ei ole tavoitetehtävää. *(No target task yet.)*")
    for task in result["tasks"]:
        lines.append(f"### {task['title']}: {status_text(task['status'])}")
        lines.append("| Taito (skill) | Tila (status) | Arvio (estimate) | Tavoite (target) | Näyttöä (evidence) | Varmuus (confidence) |")
        lines.append("|---|---|---|---|---|---|")
        for s in SKILLS:
            info = task["skills"][s]
            lines.append(f"| {SKILL_NAMES[s][0]} ({s}) | {SYMBOLS[info['status']]} {status_text(info['status'])} | "
                         f"{info['estimate'] or '–'} | {info['target'] or '–'} | {info['evidence_count']} | {info['confidence']} |")
        voc, goals = task["vocabulary"], task["goals"]
        if voc["total"]:
            lines.append(f"**Työn sanat (key terms used):** {voc['covered']}/{voc['total']}"
                         + (f" — puuttuu *(missing)*: {', '.join(voc['missing'][:10])}" if voc["missing"] else ""))
        if goals["total"]:
            lines.append(f"**Tavoitteet harjoituksissa (goals reached):** {goals['reached']}/{goals['total']}")
        lines.append("**Miksi? (why)**")
        for s in SKILLS:
            for r in task["skills"][s]["reasons"]:
                lines.append(f"- {SKILL_NAMES[s][0]}: {r['fi']} *({r['en']})*")
    return "\n".join(lines)


def plan_markdown(plan: dict[str, Any]) -> str:
    lines = ["### Suunnitelma (progress plan)",
             f"Päivitetty näytön mukaan: {plan['based_on_evidence']} kpl. *(Follows the evidence: {plan['based_on_evidence']} items.)*"]
    for step in plan["steps"]:
        lines.append(f"- **{step['due']}** {step['fi']} *({step['en']})*")
    if plan["words"]:
        lines.append("**Sanat (words):** " + ", ".join(w["lemma"] for w in plan["words"]))
    if plan["phrases"]:
        lines.append("**Fraasit (phrases):** " + " · ".join(ph["text"] for ph in plan["phrases"]))
    return "\n".join(lines)


def recommendations_markdown(result: dict[str, Any]) -> str:
    lines = ["### Suositellut näytöt (recommended demonstrations)",
             f"*{result['note']['fi']} ({result['note']['en']})*"]
    for r in result["recommendations"]:
        ready = r["language_readiness"]
        lines.append(f"#### {r['unit_name']} ({r['unit_code']}) — {r['qualification_name']}")
        lines.append(f"**Kielivalmius (language readiness):** {status_text(ready['status'])}. "
                     f"{ready['reasons'][0]['fi']} *({ready['reasons'][0]['en']})*")
        demands = r["language_demands"]
        skills = ", ".join(SKILL_NAMES[s][0] for s in demands["skills"]) or "–"
        lines.append(f"**Kielen vaatimukset (language demands):** {skills}; tavoite {demands['target']} "
                     f"*({demands['note']['en']})*")
        if r["demonstration"]:
            lines.append(f"**Näyttö (how competence is shown):** {r['demonstration'][:600]}"
                         + ("…" if len(r["demonstration"]) > 600 else ""))
        if r["supported_criteria"]:
            lines.append("**Näyttö tukee jo (evidence already supports):**")
            lines += [f"- {c['criterion']} — *{c['because']['fi']}*" for c in r["supported_criteria"][:6]]
    for q in result["not_in_corpus"]:
        lines.append(f"- **{q['name']}**: {q['note']['fi']} `{q['import_command']}` *({q['note']['en']})*")
    if not result["recommendations"] and not result["not_in_corpus"]:
        lines.append("Ei osumia. *(No matching units.)*")
    lines.append("\n*Lähde (source): Opetushallitus, ePerusteet*")
    return "\n".join(lines)


def progress_frames(history: list[dict[str, Any]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(estimates per skill over time, goal completion over time) for the two line plots."""
    est_rows, goal_rows = [], []
    for i, point in enumerate(history, start=1):
        for s in SKILLS:
            if point.get(s) is not None:
                est_rows.append({"näyttö (evidence #)": i, "taso (level 1=A1 … 6=C2)": point[s],
                                 "taito (skill)": f"{SKILL_NAMES[s][0]} ({s})"})
        if point.get("goal_share") is not None:
            goal_rows.append({"näyttö (evidence #)": i, "tavoitteet % (goals %)": round(100 * point["goal_share"])})
    est = pd.DataFrame(est_rows, columns=["näyttö (evidence #)", "taso (level 1=A1 … 6=C2)", "taito (skill)"])
    goals = pd.DataFrame(goal_rows, columns=["näyttö (evidence #)", "tavoitteet % (goals %)"])
    return est, goals
