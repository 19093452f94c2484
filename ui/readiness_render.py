"""Pure rendering for the "Valmius" tab: the readiness heatmap, the participant's readiness, plan
and recommendations as HTML/Markdown, and the progress data for the plots."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from service.coach.participants import SKILL_NAMES, SKILLS
from service.core.escape import md
from service.core.labels import CONFIDENCE_NAMES, STATUS_NAMES

COLOURS = {"ready": "#a5d6a7", "almost": "#fff59d", "not_yet": "#ef9a9a", "not_enough_evidence": "#e0e0e0"}
SYMBOLS = {"ready": "✔", "almost": "≈", "not_yet": "✘", "not_enough_evidence": "?"}


def status_text(status: str) -> str:
    fi, en = STATUS_NAMES[status]
    return f"{fi} ({en})"


def confidence_text(value: str) -> str:
    fi, en = CONFIDENCE_NAMES.get(value, (value, value))
    return f"{fi} ({en})"


def legend() -> str:
    return " ".join(
        f"<span style='background:{COLOURS[s]};padding:0 .4em;border-radius:3px'>{SYMBOLS[s]} {html.escape(status_text(s))}</span>"
        for s in COLOURS)


def heatmap_html(rows: list[dict[str, Any]]) -> str:
    """Participants × target tasks (rows) and skills (columns), each cell coloured by its status."""
    if not rows:
        return "<p>Ei osallistujia. (No participants yet.)</p>"
    # nowrap: a skill name broken mid-word ("puhumine / n") is hard to read; the table scrolls instead
    head = "".join(f"<th style='white-space:nowrap'>{html.escape(SKILL_NAMES[s][0])}<br><small>{s}</small></th>"
                   for s in SKILLS)
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
    return (f"<div id='ready-heatmap-table' style='overflow-x:auto'><table style='border-collapse:collapse'><tr><th>Osallistuja (participant)</th>"
            f"<th>Tehtävä (task)</th>{head}<th>Näyttöä (evidence)</th></tr>{''.join(body)}</table>"
            f"<p>{legend()}</p></div>")


# worst first: the weakest skill of a target is the first of these, then the largest level gap
STATUS_ORDER = ("not_yet", "not_enough_evidence", "almost", "ready")
LEVEL_RANK = {lvl: i for i, lvl in enumerate(("A1", "A2", "B1", "B2", "C1", "C2"))}


def weakest_skill(task: dict[str, Any]) -> str:
    def badness(s: str) -> tuple[int, int]:
        info = task["skills"][s]
        gap = LEVEL_RANK.get(info.get("target") or "", 0) - LEVEL_RANK.get(info.get("estimate") or "", 0)
        return STATUS_ORDER.index(info["status"]), -gap

    return min(SKILLS, key=badness)


def next_step(task: dict[str, Any]) -> tuple[str, str]:
    """The next step for a target, in plain words (Finnish, English)."""
    skill = weakest_skill(task)
    info = task["skills"][skill]
    fi_skill, en_skill = SKILL_NAMES[skill]
    if info["status"] == "ready":
        return "Valmis näyttöön: sovi työkokeilu tai näyttö.", "Ready: arrange the work trial or demonstration."
    if info["status"] == "not_enough_evidence":
        return (f"Tarvitaan lisää näyttöä taidosta: {fi_skill}.", f"More evidence needed for {en_skill}.")
    target = info.get("target") or "–"
    return (f"Harjoittele: {fi_skill} ({info.get('estimate') or '–'} → {target}).",
            f"Practise {en_skill} ({info.get('estimate') or '–'} → {target}).")


def summary_lines(result: dict[str, Any]) -> list[str]:
    """One line per target task: status, the weakest skill and the next step."""
    lines = []
    for task in result["tasks"]:
        skill = weakest_skill(task)
        fi, en = next_step(task)
        lines.append(f"- {SYMBOLS[task['status']]} **{md(task['title'])}**: {status_text(task['status'])} · "
                     f"heikoin *(weakest)*: {SKILL_NAMES[skill][0]} · seuraavaksi *(next)*: {fi} *({en})*")
    return lines


def readiness_markdown(result: dict[str, Any]) -> str:
    """The summary first (one line per target); the tables and reasons folded under it."""
    blocks = [f"## {md(result['name'])}", f"{result['summary']['fi']} *({result['summary']['en']})*"]
    if not result["tasks"]:
        blocks.append("Osallistujalla ei ole tavoitetehtävää. *(No target task yet.)*")
        return "\n\n".join(blocks)
    blocks.append("\n".join(summary_lines(result)))
    blocks.append("<details class='tk-details'><summary>Näytä perustelut "
                  "<i>(show the details: skills, evidence, reasons)</i></summary>\n\n"
                  + details_markdown(result) + "\n\n</details>")
    return "\n\n".join(blocks)


def details_markdown(result: dict[str, Any]) -> str:
    blocks = []
    for task in result["tasks"]:
        blocks.append(f"### {md(task['title'])}: {status_text(task['status'])}")
        table = ["| Taito (skill) | Tila (status) | Arvio (estimate) | Tavoite (target) | Näyttöä (evidence) | Varmuus (confidence) |",
                 "|---|---|---|---|---|---|"]
        for s in SKILLS:
            info = task["skills"][s]
            table.append(f"| {SKILL_NAMES[s][0]} ({s}) | {SYMBOLS[info['status']]} {status_text(info['status'])} | "
                         f"{info['estimate'] or '–'} | {info['target'] or '–'} | {info['evidence_count']} | {confidence_text(info['confidence'])} |")
        blocks.append("\n".join(table))
        voc, goals = task["vocabulary"], task["goals"]
        if voc["total"]:
            blocks.append(f"**Työn sanat (key terms used):** {voc['covered']}/{voc['total']}"
                          + (f" — puuttuu *(missing)*: {md(', '.join(voc['missing'][:10]))}" if voc["missing"] else ""))
        if goals["total"]:
            blocks.append(f"**Tavoitteet harjoituksissa (goals reached):** {goals['reached']}/{goals['total']}")
        reasons = [f"- {SKILL_NAMES[s][0]}: {r['fi']} *({r['en']})*" for s in SKILLS for r in task["skills"][s]["reasons"]]
        blocks.append("**Miksi? (why)**")
        blocks.append("\n".join(reasons))
    return "\n\n".join(blocks)


def plan_markdown(plan: dict[str, Any]) -> str:
    blocks = ["### Suunnitelma (progress plan)",
              f"Päivitetty näytön mukaan: {plan['based_on_evidence']} kpl. *(Follows the evidence items: {plan['based_on_evidence']}.)*",
              "\n".join(f"- **{md(step['due'])}** {md(step['fi'])} *({md(step['en'])})*" for step in plan["steps"])]
    if plan["words"]:
        blocks.append("**Sanat (words):** " + ", ".join(md(w["lemma"]) for w in plan["words"]))
    if plan["phrases"]:
        blocks.append("**Fraasit (phrases):**\n" + "\n".join(f"- {md(ph['text'])}" for ph in plan["phrases"]))
    targets = {(f["task"], f["skill"]): f["target_reason"] for f in plan.get("focus") or [] if f.get("target_reason")}
    if targets:
        blocks.append("**Miksi tämä tavoitetaso? (why this target level)**\n"
                      + "\n".join(f"- {md(r['why']['fi'])} *({md(r['why']['en'])})*" for r in targets.values()))
    tailoring = plan.get("tailoring") or {}
    if tailoring.get("reasons"):
        blocks.append("**Alkukartoituksen mukaan (tailored to the intake)**\n"
                      + "\n".join(f"- {md(r['fi'])} *({md(r['en'])})*" for r in tailoring["reasons"]))
    return "\n\n".join(blocks)


def missing_qualifications(missing: list[dict[str, Any]], admin: bool) -> str:
    """First in the view: which qualification is not in the material yet, and what to do about it."""
    lines = []
    for q in missing:
        name = html.escape(str(q.get("name", "")))
        lines.append(f"> **Tutkinto puuttuu: {name}.** Sen tutkinnon osia ei voi vielä suositella, koska tutkinto ei "
                     f"ole Työkielen aineistossa. *(The qualification {name} is not in Työkieli's material yet, so its "
                     f"units cannot be recommended.)*")
        if admin:
            lines.append(f"> Tuo se näin *(import it with)*: `{html.escape(str(q.get('import_command', '')))}`")
        else:
            lines.append(f"> **Pyydä ylläpitäjää tuomaan tutkinto.** Lähetä hänelle tämä viesti: *\"Tuo Työkieleen "
                         f"tutkinto {name}.\"* *(Ask an admin to import it: send them this message.)*")
    return "\n>\n".join(lines)


def recommendations_markdown(result: Mapping[str, Any], admin: bool = False) -> str:
    blocks = ["### Suositellut näytöt (recommended demonstrations)"]
    if result["not_in_corpus"]:
        blocks.append(missing_qualifications(result["not_in_corpus"], admin))
    blocks.append(f"*{result['note']['fi']} ({result['note']['en']})*")
    for r in result["recommendations"]:
        ready = r["language_readiness"]
        blocks.append(f"#### {md(r['unit_name'])} ({md(r['unit_code'])}) — {md(r['qualification_name'])}")
        blocks.append(f"**Kielivalmius (language readiness):** {status_text(ready['status'])}. "
                      f"{ready['reasons'][0]['fi']} *({ready['reasons'][0]['en']})*")
        demands = r["language_demands"]
        skills = ", ".join(SKILL_NAMES[s][0] for s in demands["skills"]) or "–"
        blocks.append(f"**Kielen vaatimukset (language demands):** {skills}; tavoite {demands['target']} "
                      f"*({demands['note']['en']})*")
        if r["demonstration"]:
            blocks.append(f"**Näyttö (how competence is shown):** {r['demonstration'][:600]}"
                          + ("…" if len(r["demonstration"]) > 600 else ""))
        if r["supported_criteria"]:
            blocks.append("**Näyttö tukee jo (evidence already supports):**\n"
                          + "\n".join(f"- {c['criterion']} — *{c['because']['fi']}*" for c in r["supported_criteria"][:6]))
    if not result["recommendations"] and not result["not_in_corpus"]:
        blocks.append("Ei osumia. *(No matching units.)*")
    blocks.append("*Lähde (source): Opetushallitus, ePerusteet*")
    return "\n\n".join(blocks)


def progress_figure(history: list[dict[str, Any]]) -> Any:
    """Estimates per skill (A1=1 … C2=6) and goal completion after each piece of evidence, as a
    matplotlib figure: Gradio sends it as an image, so it needs no script evaluation (the UI's CSP
    forbids the eval that the Vega-based plots use)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(9, 3.2), layout="constrained")
    left, right = fig.subplots(1, 2)
    xs = list(range(1, len(history) + 1))
    for s in SKILLS:
        points = [(x, p[s]) for x, p in zip(xs, history, strict=True) if p.get(s) is not None]
        if points:
            left.plot([x for x, _ in points], [y for _, y in points], marker="o", label=f"{SKILL_NAMES[s][0]} ({s})")
    left.set_ylim(0.8, 6.2)
    left.set_yticks(range(1, 7), ["A1", "A2", "B1", "B2", "C1", "C2"])
    left.set_xlabel("näyttö nro (evidence #)")
    left.set_title("Arviot ajan mittaan (estimates over time)", fontsize=10)
    if left.lines:
        left.legend(fontsize=7, loc="upper left")
    goals = [(x, 100 * p["goal_share"]) for x, p in zip(xs, history, strict=True) if p.get("goal_share") is not None]
    right.plot([x for x, _ in goals], [y for _, y in goals], marker="s", color="tab:green")
    right.set_ylim(-5, 105)
    right.set_xlabel("näyttö nro (evidence #)")
    right.set_ylabel("%")
    right.set_title("Tavoitteet harjoituksissa (goals reached)", fontsize=10)
    for ax in (left, right):
        ax.grid(alpha=0.3)
        if xs:
            ax.set_xticks(xs)
    return fig
