"""The Gradio Blocks app: one tab per job, built from the same services as the API."""

from __future__ import annotations

import importlib
from typing import Any

import gradio as gr
from fastapi import FastAPI

from service.container import Services

# (module, Finnish title, English title); each module has build(services) and owns its tab.
TABS = [
    ("ui.practice_tab", "Harjoittele", "Practise"),
    ("ui.profile_tab", "Kieliprofiili", "Task-language profile"),
    ("ui.readiness_tab", "Valmius", "Readiness"),
    ("ui.search_tab", "Haku", "Qualification search"),
    ("ui.analysis_tab", "Analyysi", "Analysis"),
]


def build_blocks(services: Services) -> gr.Blocks:
    with gr.Blocks(title="Työkieli", analytics_enabled=False) as blocks:
        gr.Markdown("# Työkieli\nTyön suomi — *the Finnish of your job*")
        for module_name, fi, en in TABS:
            with gr.Tab(f"{fi} ({en})", elem_id=f"tab-{fi.lower()}"):
                module: Any = importlib.import_module(module_name)
                module.build(services)
    return blocks


def mount_ui(app: FastAPI, services: Services) -> FastAPI:
    blocks = build_blocks(services)

    def auth(username: str, password: str) -> bool:
        return services.users.check_password(username, password) is not None

    return gr.mount_gradio_app(
        app,
        blocks,
        path="/ui",
        auth=auth,
        auth_message="Kirjaudu sisään Työkieli-tunnuksella. (Sign in with your Työkieli user name and password.)",
        ssr_mode=False,
        show_error=False,
        footer_links=[],
    )
