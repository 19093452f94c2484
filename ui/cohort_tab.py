"""Tab "Ryhmä" (cohort) for coaches and admins: the summary, two plots (activity per week; skill
statuses per task) with the table beside them, and the CSV export."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from service.container import Services
from ui import cohort_render as C
from ui.common import current_user, error_message, notice


def build(services: Services) -> None:
    message = gr.Markdown(visible=False, elem_id="cohort-notice")
    summary = gr.Markdown(elem_id="cohort-summary")
    with gr.Row(equal_height=False, elem_id="cohort-row"):  # a phone: plots, then the table below them
        with gr.Column(scale=3, min_width=300):
            activity = gr.Plot(label="Aktiivisuus (activity)", show_label=False, elem_id="cohort-activity")  # the figure has its title
            skills = gr.Plot(label="Taidot tehtävittäin (skills per task)", show_label=False, elem_id="cohort-skills")
        with gr.Column(scale=2, min_width=300):
            rows = gr.Dataframe(headers=C.HEADERS, interactive=False, wrap=True, elem_id="cohort-table")
    with gr.Row():
        refresh = gr.Button("Päivitä (refresh)", elem_id="cohort-refresh")
        export = gr.Button("Lataa CSV (download CSV)", elem_id="cohort-csv")
    download = gr.File(label="CSV", visible=False, elem_id="cohort-file")

    def load(request: gr.Request) -> list[Any]:
        user = current_user(services, request)
        if user is None or user.role not in ("coach", "admin"):
            return [notice(None), gr.update(), gr.update(), gr.update(), gr.update()]
        try:
            data = services.cohort.cohort(user)
        except Exception as exc:
            return [notice(error_message(exc, "cohort tab")), gr.update(), gr.update(), gr.update(), gr.update()]
        return [notice(None), C.summary_markdown(data), C.activity_figure(data), C.skills_figure(data),
                C.table(data)]

    def csv_file(request: gr.Request) -> Any:
        user = current_user(services, request)
        if user is None:
            return gr.update(visible=False)
        try:
            text = services.cohort.csv(user)
        except Exception:
            return gr.update(visible=False)
        path = Path(tempfile.mkdtemp(prefix="cohort-")) / "ryhma.csv"
        path.write_text(text, encoding="utf-8")
        return gr.update(value=str(path), visible=True)

    outputs = [message, summary, activity, skills, rows]
    root = gr.context.Context.root_block
    if root is not None:
        root.load(load, None, outputs)
    refresh.click(load, None, outputs)
    export.click(csv_file, None, download)
