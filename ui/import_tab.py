"""Tab "Tutkinnot" (qualifications) for admins: import a qualification live from ePerusteet by its id
or koulutuskoodi; the search index and the recommendations use it from the next search on."""

from __future__ import annotations

from typing import Any

import gradio as gr

from service.container import Services
from ui.common import current_user, error_message


def import_one(services: Services, ref: str, user_role: str | None) -> str:
    if user_role != "admin":
        return "Vain ylläpitäjä voi tuoda tutkintoja. *(Only an admin imports qualifications.)*"
    ref = (ref or "").strip()
    if not ref.isdigit():
        return "Kirjoita ePerusteet-tunnus tai koulutuskoodi (numero). *(Write an ePerusteet id or a koulutuskoodi.)*"
    try:
        if len(ref) == 6:
            out = services.search.import_eperusteet(koulutuskoodi=ref)
        else:
            out = services.search.import_eperusteet(peruste_id=int(ref))
    except Exception as exc:
        return error_message(exc, "import tab")
    return (f"✓ Tuotu: **{out['name']}** ({out['units']} tutkinnon osaa). Haku käyttää sitä seuraavasta "
            "hausta alkaen. *(Imported; the search uses it from the next search on.)*")


def qualifications_markdown(services: Services) -> str:
    rows = services.search.qualifications()
    return "\n".join(f"- {q['name']} ({q['units']} osaa, id {q['id']})" for q in rows) or "- –"


def build(services: Services) -> None:
    gr.Markdown("Tuo tutkinto ePerusteista: tunnus (id) tai koulutuskoodi (kuusi numeroa). "
                "*(Import a qualification from ePerusteet by its id or its six-digit koulutuskoodi.)*")
    ref = gr.Textbox(label="Tunnus tai koulutuskoodi (id or koulutuskoodi)", max_lines=1, elem_id="import-ref")
    go = gr.Button("Tuo (import)", variant="primary", elem_id="import-go")
    result = gr.Markdown(elem_id="import-result")
    listing = gr.Markdown(elem_id="import-list")

    def run(text: str, request: gr.Request) -> list[Any]:
        user = current_user(services, request)
        return [import_one(services, text, user.role if user else None), qualifications_markdown(services)]

    def load() -> str:
        return qualifications_markdown(services)

    root = gr.context.Context.root_block
    if root is not None:
        root.load(load, None, listing)
    go.click(run, ref, [result, listing])
