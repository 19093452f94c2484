"""Tab "Portfolio" for participants: choose what the competence portfolio shows, see it, and share it
with a link that needs no account, expires, and can be revoked."""

from __future__ import annotations

from typing import Any

import gradio as gr

from service.container import Services
from service.workplace.schemas import LinkIn
from ui.common import current_user, error_message, notice

PARTS = [("Harjoitellut tehtävät (tasks)", "tasks"), ("Taidot ja näyttö (skills and evidence)", "skills"),
         ("Sanat (words)", "words"), ("Työpaikan havainnot (mentor observations)", "observations"),
         ("Tutkinnon osat (qualification units)", "units")]


def build(services: Services) -> None:
    message = gr.Markdown(visible=False, elem_id="portfolio-notice")
    gr.Markdown("Valitse, mitä portfoliossa näkyy. Linkki toimii ilman tunnusta ja vanhenee. "
                "*(Choose what the portfolio shows; the link needs no account and expires.)*")
    include = gr.CheckboxGroup(PARTS, value=[v for _, v in PARTS], label="Portfolioon (in the portfolio)",
                               elem_id="portfolio-include")
    days = gr.Slider(1, 90, value=30, step=1, label="Linkki toimii päivää (the link works, days)",
                     elem_id="portfolio-days")
    share = gr.Button("Luo jakolinkki (create a share link)", variant="primary", elem_id="portfolio-share")
    link = gr.Markdown(elem_id="portfolio-link")

    def create(parts: list[str], n: float, request: gr.Request) -> list[Any]:
        user = current_user(services, request)
        own = services.participants.own(user) if user is not None else None
        if user is None or own is None:
            return [notice("Portfolio on osallistujan oma. *(The portfolio is the participant's own.)*"), ""]
        if not parts:
            return [notice("Valitse ainakin yksi osa. *(Choose at least one part.)*"), ""]
        try:
            out = services.portfolio.create_link(user, own.id, LinkIn.model_validate({"days": int(n), "include": parts}))
        except Exception as exc:
            return [notice(error_message(exc, "portfolio tab")), ""]
        url = out["url"]  # a path on this server
        return [notice(None), f"✓ Jakolinkki *(share link)*, voimassa {out['expires'][:10]} asti *(until)*:\n\n"
                              f"[{url}]({url})"]

    share.click(create, [include, days], [message, link])
