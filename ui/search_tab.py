"""Tab "Haku" (qualification search): a coach types a work-trial task in everyday Finnish and sees the
qualification units that match, best first; choosing one shows its requirements, how competence is
demonstrated and the assessment criteria. Source: Opetushallitus, ePerusteet."""

from __future__ import annotations

import logging
from typing import Any

import gradio as gr

from service.container import Services
from service.core.errors import TyokieliError
from service.search.shapes import SearchResult
from ui.common import current_user, error_message
from ui.readiness_render import missing_qualifications

log = logging.getLogger("tyokieli.ui")

RESULT_COLUMNS = ["Tutkinnon osa (unit)", "Koodi (code)", "Tutkinto (qualification)", "Osuma (match)", "Pisteet (score)"]
EMPTY = ("Hakuteksti puuttuu: kirjoita työtehtävä, esimerkiksi: Autan asukkaita ruokailussa. "
         "(The search text is empty: describe a work task, e.g. 'Autan asukkaita ruokailussa'.)")
SOURCE = "Lähde: Opetushallitus, ePerusteet. *Source: Finnish National Agency for Education, ePerusteet.*"


def result_rows(result: SearchResult) -> list[list[Any]]:
    return [[r["unit_name"], r["unit_code"], r["qualification_name"], r["snippet"], round(float(r["score"]), 1)]
            for r in result["results"]]


def unit_choices(result: SearchResult) -> list[tuple[str, str]]:
    return [(f"{r['unit_name']} ({r['unit_code']}) – {r['qualification_name']}", f"{r['qualification']}:{r['unit_code']}")
            for r in result["results"]]


def notes_markdown(result: SearchResult, admin: bool = False) -> str:
    """A missing qualification first, in coach words (an admin also sees the import command)."""
    missing = [{"name": n["qualification_name"], "import_command": n.get("import_command", "")}
               for n in result.get("notes", [])]
    lines = [missing_qualifications(missing, admin)] if missing else []
    if not result["results"]:
        lines.append("Ei osumia. Kokeile muita sanoja. *No matching units; try other words.*")
    return "\n\n".join(lines)


def unit_markdown(record: dict[str, Any]) -> str:
    unit = record["unit"]
    credits = f", {unit['credits']:g} osp" if unit.get("credits") else ""
    valid = record.get("valid_from") or "?"
    lines = [
        f"### {unit['name']} ({unit['code']}{credits})",
        f"**{record['qualification_name']}** · diaarinumero {record['diary_number']} · voimassa {valid} alkaen",
        "",
        "#### Ammattitaitovaatimukset (what the holder can do)",
    ]
    for group in unit.get("requirement_groups", []):
        if group.get("heading"):
            lines.append(f"**{group['heading']}**")
        lines.extend(f"- {r}" for r in group["requirements"])
    lines += ["", "#### Näin osaaminen osoitetaan (how competence is demonstrated)", unit.get("demonstration") or "–"]
    if unit.get("assessment"):
        lines += ["", "#### Arvioinnin kohteet ja kriteerit (assessment targets and criteria)"]
        for t in unit["assessment"]:
            lines.append(f"<details><summary>{t['target']}</summary>\n")
            for level in t["levels"]:
                lines.append(f"*{level['level']}*: " + " ".join(level["criteria"]))
                lines.append("")
            lines.append("</details>")
    lines += ["", SOURCE]
    return "\n".join(lines)


def _message(exc: Exception) -> str:
    return error_message(exc, "search tab", "Haku ei onnistunut. Yritä uudelleen. (The search failed; please try again.)")


def build(services: Services) -> None:
    gr.Markdown("Kirjoita työtehtävä omin sanoin, esimerkiksi *Autan asukkaita ruokailussa*. Näet tutkinnon osat, "
                "joissa osaamisen voi näyttää. *Describe a work-trial task in everyday Finnish to find the "
                "qualification units where the competence can be recognised and demonstrated.*")
    with gr.Row():
        query = gr.Textbox(label="Työtehtävä (work task)", lines=2, scale=4, elem_id="search-query")
        k = gr.Slider(1, 50, value=10, step=1, label="Tuloksia (results)", scale=1, elem_id="search-k")
    button = gr.Button("Hae (search)", variant="primary", elem_id="search-run")
    error = gr.Markdown(visible=False, elem_id="search-error")
    notes = gr.Markdown(elem_id="search-notes")
    table = gr.Dataframe(headers=RESULT_COLUMNS, interactive=False, wrap=True, elem_id="search-results",
                         column_widths=["20%", "9%", "20%", "43%", "8%"])  # the score stays in view
    pick = gr.Dropdown(label="Näytä tutkinnon osa (show a unit)", choices=[], elem_id="search-unit-pick")
    unit = gr.Markdown(elem_id="search-unit")

    def run(text: str, count: float, request: gr.Request) -> tuple[Any, ...]:
        user = current_user(services, request)
        try:
            if not (text or "").strip():
                raise TyokieliError(EMPTY)
            result = services.search.search(text or "", int(count))
        except Exception as exc:
            return (gr.update(value=f"⚠️ {_message(exc)}", visible=True), "", [], gr.update(choices=[], value=None), "")
        choices = unit_choices(result)
        first = choices[0][1] if choices else None
        return (gr.update(visible=False), notes_markdown(result, admin=user is not None and user.is_admin),
                result_rows(result),
                gr.update(choices=choices, value=first), show(first))

    def show(choice: str | None) -> str:
        if not choice:
            return ""
        qualification, _, code = choice.partition(":")
        try:
            return unit_markdown(services.search.unit(code, qualification))
        except Exception as exc:
            return f"⚠️ {_message(exc)}"

    outputs = [error, notes, table, pick, unit]
    button.click(run, inputs=[query, k], outputs=outputs)
    query.submit(run, inputs=[query, k], outputs=outputs)
    pick.change(show, inputs=pick, outputs=unit)
