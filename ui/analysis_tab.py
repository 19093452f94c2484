"""Tab "Analyysi": paste Finnish text, see tokens, sentences and the text's level."""

from __future__ import annotations

from typing import Any

import gradio as gr

from finnish.terms import NUMBER_NAMES, case_fi, upos_fi
from service.container import Services
from service.errors import TyokieliError

TOKEN_COLUMNS = ["Sana (word)", "Perusmuoto (lemma)", "Sanaluokka (word class)", "Sijamuoto (case)",
                 "Luku (number)", "Persoona (person)", "Yhdyssanan osat (compound parts)"]


def token_rows(result: dict[str, Any]) -> list[list[str]]:
    rows = []
    for t in result["tokens"]:
        feats = t["feats"]
        rows.append([
            t["text"], t["lemma"], upos_fi(t["upos"]), case_fi(feats.get("Case")),
            NUMBER_NAMES.get(feats.get("Number", ""), ("", ""))[0], feats.get("Person", ""),
            " + ".join(t["compound_parts"]),
        ])
    return rows


def level_markdown(result: dict[str, Any]) -> str:
    level = result["level"]
    lines = [
        f"**Virkkeitä (sentences):** {len(result['sentences'])} · **Sanoja (words):** {level['words']}",
        f"### Tason arvio (level estimate): {level['cefr']}",
    ]
    for r in level["reasons"]:
        lines.append(f"- {r['message']} — *{r['message_en']}*")
    return "\n".join(lines)


def build(services: Services) -> None:
    gr.Markdown("Kirjoita tai liitä suomenkielinen teksti. *Write or paste a Finnish text.*")
    text = gr.Textbox(label="Teksti (text)", lines=6, elem_id="analysis-text")
    button = gr.Button("Analysoi (analyse)", variant="primary", elem_id="analysis-run")
    error = gr.Markdown(visible=False, elem_id="analysis-error")
    summary = gr.Markdown(elem_id="analysis-summary")
    table = gr.Dataframe(headers=TOKEN_COLUMNS, interactive=False, wrap=True, elem_id="analysis-tokens")

    def run(value: str) -> tuple[Any, Any, Any]:
        try:
            result = services.analysis.analyse(value or "")
        except TyokieliError as exc:
            return gr.update(value=f"⚠️ {exc.message}", visible=True), "", []
        return gr.update(visible=False), level_markdown(result), token_rows(result)

    button.click(run, inputs=text, outputs=[error, summary, table])
