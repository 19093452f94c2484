"""Tab "Analyysi": paste Finnish text, see feedback on it (errors marked in the text, with the
explanation and the suggestion beside them), its tokens, sentences and level."""

from __future__ import annotations

from typing import Any

import gradio as gr

from service.container import Services
from service.core.errors import TyokieliError
from service.core.labels import (
    CATEGORY_LABELS,
    NUMBER_NAMES,
    SEVERITY_NAMES,
    case_fi,
    category_label,
    upos_fi,
)
from service.language.shapes import AnalysisResult

TOKEN_COLUMNS = ["Sana (word)", "Perusmuoto (lemma)", "Sanaluokka (word class)", "Sijamuoto (case)",
                 "Luku (number)", "Persoona (person)", "Yhdyssanan osat (compound parts)"]


def token_rows(result: AnalysisResult) -> list[list[str]]:
    rows = []
    for t in result["tokens"]:
        feats = t["feats"]
        rows.append([
            t["text"], t["lemma"], upos_fi(t["upos"]), case_fi(feats.get("Case")),
            NUMBER_NAMES.get(feats.get("Number", ""), ("", ""))[0], feats.get("Person", ""),
            " + ".join(t["compound_parts"]),
        ])
    return rows


def level_markdown(result: AnalysisResult) -> str:
    level = result["level"]
    lines = [
        f"**Virkkeitä (sentences):** {len(result['sentences'])} · **Sanoja (words):** {level['words']}",
        f"### Tason arvio (level estimate): {level['cefr']}",
    ]
    for r in level["reasons"]:
        lines.append(f"- {r['message']} — *{r['message_en']}*")
    return "\n".join(lines)


# category → (Finnish, English) for the marks in the text and the list beside it
EMPTY = "Teksti puuttuu: kirjoita ensin suomenkielinen teksti. (The text is empty: write some Finnish text first.)"


def issue_label(issue: dict[str, Any]) -> str:
    label = category_label(issue["category"])
    fi, en = label.fi, label.en
    return f"{fi} ({en})" if issue.get("severity", "error") == "error" else f"{SEVERITY_NAMES['hint'][0]}: {fi}"


def label_colours() -> dict[str, str]:
    """Every mark's colour: errors red, hints amber (Gradio would otherwise pick colours at random)."""
    colours = {}
    for category in CATEGORY_LABELS:
        colours[issue_label({"category": category, "severity": "error"})] = "#c62828"
        colours[issue_label({"category": category, "severity": "hint"})] = "#b26a00"
    return colours


def feedback_segments(text: str, issues: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    """The text cut into (piece, label) for gr.HighlightedText: marked pieces are the words at
    fault. Where two issues overlap, the first (errors before hints) keeps the mark."""
    ordered = sorted(issues, key=lambda i: (i["severity"] != "error", i["start"]))
    taken: list[tuple[int, int, str]] = []
    for i in ordered:
        if i["end"] <= i["start"] or i.get("severity") == "info":
            continue
        if all(i["end"] <= s or i["start"] >= e for s, e, _ in taken):
            taken.append((i["start"], i["end"], issue_label(i)))
    segments: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, label in sorted(taken):
        if start > pos:
            segments.append((text[pos:start], None))
        segments.append((text[start:end], label))
        pos = end
    if pos < len(text):
        segments.append((text[pos:], None))
    return segments


def feedback_markdown(text: str, issues: list[dict[str, Any]]) -> str:
    if not issues:
        return "✅ Ei huomautettavaa. *No issues found.*"
    lines = ["### Palaute (feedback)"]
    for i in issues:
        words = text[i["start"]:i["end"]]
        fix = f" → **{' / '.join(i['suggestions'][:3])}**" if i["suggestions"] else ""
        sev = SEVERITY_NAMES.get(i.get("severity", "error"), ("", ""))[0]
        lines.append(f"- ~~{words}~~{fix} ({sev}) — {i['message']}  \n  *{i['message_en']}*")
    return "\n".join(lines)


def build(services: Services) -> None:
    gr.Markdown("Kirjoita tai liitä suomenkielinen teksti. *Write or paste a Finnish text.*")
    text = gr.Textbox(label="Teksti (text)", lines=6, elem_id="analysis-text")
    button = gr.Button("Analysoi (analyse)", variant="primary", elem_id="analysis-run")
    error = gr.Markdown(visible=False, elem_id="analysis-error")
    marked = gr.HighlightedText(label="Palaute tekstissä (feedback in the text)", combine_adjacent=False,
                                show_legend=False, color_map=label_colours(), elem_id="analysis-feedback")
    feedback_list = gr.Markdown(elem_id="analysis-feedback-list")
    summary = gr.Markdown(elem_id="analysis-summary")
    table = gr.Dataframe(headers=TOKEN_COLUMNS, interactive=False, wrap=True, elem_id="analysis-tokens")

    def run(value: str) -> tuple[Any, Any, Any, Any, Any]:
        value = value or ""
        if not value.strip():
            return gr.update(value=f"⚠️ {EMPTY}", visible=True), [], "", "", []
        try:
            result = services.analysis.analyse(value)
        except TyokieliError as exc:
            return gr.update(value=f"⚠️ {exc.message}", visible=True), [], "", "", []
        feedback = getattr(services, "feedback", None)
        issues = feedback.feedback(value)["issues"] if feedback is not None else []
        return (gr.update(visible=False), feedback_segments(value, issues), feedback_markdown(value, issues),
                level_markdown(result), token_rows(result))

    button.click(run, inputs=text, outputs=[error, marked, feedback_list, summary, table])
