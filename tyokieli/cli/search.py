"""Qualifications: `tyokieli search`, `import eperusteet`, `index build`."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any

import typer

from finnish.analyser import build_analyser
from service.core.settings import Settings
from service.search.service import API_BASE, SearchService, build_search_index
from tyokieli.cli.common import JsonOpt, build, emit_json, load_settings, lower_room_errors, run_service

import_app = typer.Typer(help="Import data.", no_args_is_help=True)
index_app = typer.Typer(help="Search indexes.", no_args_is_help=True)

# Index builders register here (name → callable(settings, progress, force) → summary).
INDEX_BUILDERS: dict[str, Callable[..., Any]] = {}


def _build_qualification_index(settings: Settings, progress: bool = False, force: bool = False) -> Any:
    return lower_room_errors(lambda: build_search_index(settings, progress=progress, force=force))


INDEX_BUILDERS["qualifications"] = _build_qualification_index


def search(
    query: Annotated[str, typer.Argument(help="A work task in everyday Finnish, e.g. 'Autan asukkaita ruokailussa'.")],
    k: Annotated[int, typer.Option("-k", help="How many units (1–50).")] = 10,
    as_json: JsonOpt = False,
) -> None:
    """Search the qualification units for a work task (as GET /api/v1/search)."""
    services = build()
    result = lower_room_errors(lambda: services.search.search(query, k))
    if as_json:
        emit_json(result)
        return
    for i, r in enumerate(result["results"], 1):
        typer.echo(f"{i:>2}. {r['unit_code']} {r['unit_name']} — {r['qualification_name']} ({r['score']:.1f})")
        typer.echo(f"    {r['snippet']}")
    for note in result["notes"]:
        typer.echo(f"\n{note['message']}\n{note['message_en']}")
    if not result["results"]:
        typer.echo("No matching units.", err=True)


@import_app.command("eperusteet")
def import_eperusteet(
    path: Annotated[str | None, typer.Argument(help="An ePerusteet JSON document (/api/external/peruste/{id}).")] = None,
    peruste_id: Annotated[int | None, typer.Option("--id", help="Fetch this peruste id from the live ePerusteet API.")] = None,
    koulutuskoodi: Annotated[str | None, typer.Option("--koulutuskoodi", help="Fetch by education code, e.g. 381141.")] = None,
    api: Annotated[str, typer.Option("--api", help="ePerusteet external API base URL.")] = "",
    as_json: JsonOpt = False,
) -> None:
    """Import a qualification from ePerusteet (file or live API) into the data directory; the search index
    is rebuilt on next use or with `tyokieli index build`."""
    settings = load_settings()
    settings.ensure_dirs()
    service = SearchService(settings, build_analyser("fake"))  # importing needs no Finnish analysis
    result = lower_room_errors(
        lambda: service.import_eperusteet(path, peruste_id, koulutuskoodi, base_url=api or API_BASE)
    )
    if as_json:
        emit_json(result)
    else:
        typer.echo(f"Imported {result['name']} ({result['units']} units) → {result['file']}", err=True)


@index_app.command("build")
def index_build(
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when nothing changed.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Build every search index (rebuilds only what changed)."""
    settings = load_settings()
    settings.ensure_dirs()
    summary: dict[str, Any] = {}
    for name, builder in INDEX_BUILDERS.items():
        summary[name] = run_service(partial(builder, settings, progress=not as_json, force=force))
    if as_json:
        emit_json(summary)
    else:
        for name, info in summary.items():
            typer.echo(f"{name}: {info}", err=True)
        if not summary:
            typer.echo("No indexes to build.", err=True)
