"""Routes of the competence portfolio: the owner's page and PDF, the shared links, and the public
read-only page behind a link (no account; a revoked or expired link answers 404 with a plain page)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from fastapi.responses import HTMLResponse, JSONResponse

from service.core.deps import ServicesDep, UserDep
from service.core.errors import NotFound
from service.workplace.portfolio import SECTIONS, LinkView, Portfolio
from service.workplace.portfolio_render import not_found_page, to_html, to_pdf
from service.workplace.schemas import LinkIn, LinkListOut, LinkOut, PortfolioOut, Section

router = APIRouter(tags=["portfolio"])
ParticipantId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The participant's id")]
LinkId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The link's id")]
Format = Literal["json", "html", "pdf"]


def _render(data: Portfolio, fmt: str, *, shared: bool = False) -> Response:
    if fmt == "pdf":
        return Response(to_pdf(data), media_type="application/pdf",
                        headers={"Content-Disposition": 'attachment; filename="osaamiskansio.pdf"'})
    if fmt == "html":
        return HTMLResponse(to_html(data, shared=shared))
    return JSONResponse(data)


@router.get("/api/v1/participants/{participant_id}/portfolio", response_model=PortfolioOut,
            response_model_exclude_unset=True,  # the sections not chosen stay out of the answer
            responses={200: {"content": {"text/html": {}, "application/pdf": {}},
                             "description": "JSON, or the page (format=html) or the PDF (format=pdf)"}})
def portfolio(participant_id: ParticipantId, services: ServicesDep, user: UserDep,
              format: Format = Query(default="json", description="json, html or pdf"),  # noqa: A002
              include: list[Section] | None = Query(default=None, description="The parts (default: all)"),
              ) -> Response | Portfolio:
    """The participant's competence portfolio: tasks practised, Finnish per skill with its evidence,
    work words used, workplace observations, supported qualification units. The participant, their
    coach or an admin."""
    chosen = tuple(s for s in SECTIONS if include is None or s in include)
    data = services.portfolio.build(user, participant_id, chosen)
    return data if format == "json" else _render(data, format)


@router.post("/api/v1/participants/{participant_id}/portfolio/links", status_code=201, response_model=LinkOut)
def create_link(participant_id: ParticipantId, body: LinkIn, services: ServicesDep, user: UserDep) -> LinkView:
    """Share the chosen parts by a read-only link that expires after `days` (the participant).
    `url` is a path on this server that needs no sign-in."""
    return services.portfolio.create_link(user, participant_id, body)


@router.get("/api/v1/participants/{participant_id}/portfolio/links", response_model=LinkListOut)
def list_links(participant_id: ParticipantId, services: ServicesDep, user: UserDep) -> dict[str, list[LinkView]]:
    """The participant's links (without their secret part)."""
    return {"links": services.portfolio.links(user, participant_id)}


@router.delete("/api/v1/participants/{participant_id}/portfolio/links/{link_id}", status_code=204)
def revoke_link(participant_id: ParticipantId, link_id: LinkId, services: ServicesDep, user: UserDep) -> Response:
    """Revoke a link: from now on it answers 404."""
    services.portfolio.revoke(user, participant_id, link_id)
    return Response(status_code=204)


@router.get("/portfolio/{token}", include_in_schema=False)
def shared_portfolio(token: str, services: ServicesDep,
                     format: Literal["html", "pdf"] = Query(default="html")) -> Response:  # noqa: A002
    """The shared portfolio page (no account). Revoked or expired → 404 with a plain page."""
    try:
        data = services.portfolio.shared(token)
    except NotFound:
        return HTMLResponse(not_found_page(), status_code=404)
    response = _render(data, format, shared=True)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
