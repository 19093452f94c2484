"""Tab "Haku" (Qualification search)."""

from __future__ import annotations

import gradio as gr

from service.container import Services


def build(services: Services) -> None:
    gr.Markdown("Tämä osa avautuu pian. *This part opens soon.*")
