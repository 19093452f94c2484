"""The readiness report of one participant, for the coach's meeting with the employer: JSON (the
export), HTML and PDF (fpdf2 with the DejaVu font when it is installed, so Finnish letters and
dashes print). The report holds readiness, the plan and — when the search index is ready, so that a
report never waits for an index build — recommended demonstrations; never learner text."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypedDict

from finnish.labels import CONFIDENCE_NAMES, STATUS_NAMES
from service.coach.participants import SKILL_NAMES, SKILLS, ParticipantService
from service.coach.plan import PlanService
from service.coach.plan_shapes import PlanData
from service.coach.readiness import ReadinessService
from service.coach.recommendation_shapes import RecommendationsData
from service.coach.recommendations import RecommendationService
from service.coach.shapes import Readiness
from service.core.auth import CurrentUser
from service.core.errors import InvalidInput, TyokieliError
from service.core.pdf import new_pdf

FORMATS = {"json": "application/json", "html": "text/html; charset=utf-8", "pdf": "application/pdf"}


class ReportParticipant(TypedDict):
    id: int
    name: str
    languages: list[str]
    target_tasks: list[str]
    work_trial_place: str
    work_trial_tasks: list[str]
    self_assessment: dict[str, str]
    teacher_assessment: dict[str, str]


class ReportData(TypedDict):
    """The report as its JSON export; HTML and PDF are drawn from it. `plan` and `recommendations`
    are the plan and recommendation services' own JSON (typed where those services are)."""

    generated_at: str
    participant: ReportParticipant
    coaches: list[str]
    readiness: Readiness
    plan: PlanData
    recommendations: RecommendationsData | None


class ReportService:
    def __init__(self, participants: ParticipantService, readiness: ReadinessService, plans: PlanService,
                 recommendations: RecommendationService | None = None, search_ready: Callable[[], bool] | None = None) -> None:
        self.participants = participants
        self.readiness = readiness
        self.plans = plans
        self.recommendations = recommendations
        self._search_ready = search_ready or (lambda: True)

    def data(self, user: CurrentUser, participant_id: int) -> ReportData:
        participant = self.participants.get(user, participant_id)
        readiness = self.readiness.readiness(user, participant_id)
        plan = self.plans.plan(user, participant_id)
        recs = None
        if self.recommendations is not None and participant.work_trial_tasks and self._search_ready():
            try:
                recs = self.recommendations.recommend(user, None, participant_id, k=5)
            except TyokieliError:  # search not available here: the report goes out without it
                pass
        return {
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "participant": {
                "id": participant.id, "name": participant.name, "languages": participant.languages,
                "target_tasks": participant.target_tasks, "work_trial_place": participant.work_trial_place,
                "work_trial_tasks": participant.work_trial_tasks, "self_assessment": participant.self_assessment,
                "teacher_assessment": participant.teacher_assessment,
            },
            "coaches": [c.name for c in participant.coaches],
            "readiness": readiness, "plan": plan, "recommendations": recs,
        }

    def export(self, user: CurrentUser, participant_id: int, fmt: str) -> tuple[bytes, str, str]:
        """(content, media type, file name)."""
        if fmt not in FORMATS:
            raise InvalidInput(f"Unknown report format '{fmt}': choose pdf, html or json.")
        data = self.data(user, participant_id)
        self.participants.record(user, "export", participant_id)
        name = f"valmius-{_slug(data['participant']['name'])}-{data['generated_at'][:10]}.{fmt}"
        if fmt == "json":
            return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"), FORMATS[fmt], name
        if fmt == "html":
            return to_html(data).encode("utf-8"), FORMATS[fmt], name
        return to_pdf(data), FORMATS[fmt], name


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold().translate(str.maketrans("äöå", "aoa"))).strip("-")[:40] or "osallistuja"


def _status(status: str) -> str:
    fi, en = STATUS_NAMES[status]
    return f"{fi} ({en})"


def sections(data: ReportData) -> list[tuple[str, list[str] | list[list[str]]]]:
    """The report as (heading, lines) or (heading, table rows) — one layout for HTML and PDF."""
    p = data["participant"]
    out: list[tuple[str, Any]] = []
    out.append(("Osallistuja (participant)", [
        f"Nimi (name): {p['name']}",
        f"Kielet (languages): {', '.join(p['languages']) or '–'}",
        f"Työkokeilupaikka (work-trial place): {p['work_trial_place'] or '–'}",
        f"Työtehtävät (work-trial tasks): {'; '.join(p['work_trial_tasks']) or '–'}",
        f"Valmentaja (coach): {', '.join(data['coaches']) or '–'}",
        f"Raportti tehty (generated): {data['generated_at'][:10]}",
        f"{data['readiness']['summary']['fi']} ({data['readiness']['summary']['en']})",
    ]))
    for task in data["readiness"]["tasks"]:
        rows = [["Taito (skill)", "Tila (status)", "Arvio (estimate)", "Tavoite (target)", "Näyttöä (evidence)",
                 "Varmuus (confidence)"]]
        for skill in SKILLS:
            s = task["skills"][skill]
            rows.append([f"{SKILL_NAMES[skill][0]} ({skill})", _status(s["status"]), s["estimate"] or "–",
                         s["target"] or "–", str(s["evidence_count"]),
                         "{} ({})".format(*CONFIDENCE_NAMES.get(s["confidence"], (s["confidence"],) * 2))])
        out.append((f"Valmius: {task['title']} — {_status(task['status'])}", rows))
        voc, goals = task["vocabulary"], task["goals"]
        lines = []
        if voc["total"]:
            lines.append(f"Työn sanoja käytetty (key terms used): {voc['covered']}/{voc['total']}"
                         + (f" — puuttuu (missing): {', '.join(voc['missing'][:10])}" if voc["missing"] else ""))
        if goals["total"]:
            lines.append(f"Harjoitusten tavoitteet (simulation goals reached): {goals['reached']}/{goals['total']}")
        for skill in SKILLS:
            for r in task["skills"][skill]["reasons"]:
                lines.append(f"{SKILL_NAMES[skill][0]}: {r['fi']} ({r['en']})")
        out.append(("Perustelut (reasons)", lines))
    plan = data["plan"]
    out.append(("Suunnitelma (progress plan)", [f"{s['due']}: {s['fi']} ({s['en']})" for s in plan["steps"]]
                + ([f"Sanat (words): {', '.join(w['lemma'] for w in plan['words'])}"] if plan["words"] else [])
                + ([f"Fraasit (phrases): {' / '.join(ph['text'] for ph in plan['phrases'])}"] if plan["phrases"] else [])))
    recs = data.get("recommendations")
    if recs:
        lines = []
        for unit in recs["recommendations"]:
            lines.append(f"{unit['qualification_name']}: {unit['unit_name']} ({unit['unit_code']}) — "
                         f"kielivalmius (language readiness): {_status(unit['language_readiness']['status'])}; "
                         f"tuetut kriteerit (supported criteria): {len(unit['supported_criteria'])}")
        for q in recs["not_in_corpus"]:
            lines.append(f"{q['name']}: ei aineistossa (not in the corpus) — {q['import_command']}")
        lines.append("Lähde (source): Opetushallitus, ePerusteet")
        out.append(("Suositellut tutkinnon osat (recommended units)", lines))
    return out


def to_html(data: ReportData) -> str:
    e = html.escape
    parts = [f"<!doctype html><html lang=\"fi\"><head><meta charset=\"utf-8\"><title>Valmiusraportti — "
             f"{e(data['participant']['name'])}</title><style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}"
             "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .5em}"
             ".ready{background:#c8e6c9}.almost{background:#fff3c4}.not_yet{background:#ffcdd2}"
             ".not_enough_evidence{background:#e0e0e0}</style></head><body>",
             "<h1>Valmiusraportti <small>(readiness report)</small></h1>"]
    for heading, body in sections(data):
        parts.append(f"<h2>{e(heading)}</h2>")
        if body and isinstance(body[0], list):
            rows = body
            parts.append("<table><tr>" + "".join(f"<th>{e(c)}</th>" for c in rows[0]) + "</tr>")
            for row in rows[1:]:
                css = next((k for k in STATUS_NAMES if row[1].startswith(STATUS_NAMES[k][0] + " (")), "")
                parts.append(f"<tr class=\"{css}\">" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>")
            parts.append("</table>")
        else:
            parts.append("<ul>" + "".join(f"<li>{e(str(line))}</li>" for line in body) + "</ul>")
    parts.append("</body></html>")
    return "".join(parts)


def to_pdf(data: ReportData) -> bytes:
    pdf, family, clean = new_pdf()
    pdf.set_title(clean(f"Valmiusraportti - {data['participant']['name']}"))
    pdf.add_page()
    pdf.set_font(family, "B", 16)
    pdf.multi_cell(0, 9, clean("Valmiusraportti (readiness report)"), new_x="LMARGIN", new_y="NEXT")
    for heading, body in sections(data):
        pdf.ln(2)
        pdf.set_font(family, "B", 12)
        pdf.multi_cell(0, 7, clean(heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 9)
        if body and isinstance(body[0], list):
            with pdf.table(col_widths=(34, 40, 22, 22, 20, 22), text_align="LEFT") as table:
                for row in body:
                    r = table.row()
                    for cell in row:
                        r.cell(clean(str(cell)))
        else:
            for line in body:
                pdf.multi_cell(0, 5, clean(f"• {line}" if family == "DejaVu" else f"- {line}"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
