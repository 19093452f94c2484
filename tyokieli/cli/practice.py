"""`tyokieli simulate`: play a scenario from standard input, on the same engine the API uses."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from service.practice.partners import run_offline
from tyokieli.cli.common import JsonOpt, build, emit_json, fail, run_service


def simulate(
    scenario: Annotated[str, typer.Argument(help="Scenario id (see GET /api/v1/scenarios).")],
    level: Annotated[str, typer.Option(help="A1, A2, B1 or B2.")] = "A2",
    as_json: JsonOpt = False,
) -> None:
    """Play a scenario: each line on standard input is one learner turn; prints the transcript and report."""
    if level not in ("A1", "A2", "B1", "B2"):
        raise fail(f"unknown level '{level}': choose A1, A2, B1 or B2")
    try:
        lines = sys.stdin.buffer.read().decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise fail("standard input is not UTF-8 text; save it as UTF-8 and try again.") from None
    result = run_service(lambda: run_offline(build().simulations.engine, scenario, level, lines))
    if as_json:
        emit_json(result)
        return
    for turn in result["transcript"]:
        who = "  you" if turn["role"] == "learner" else "partner"
        typer.echo(f"{who}: {turn['text']}")
        for issue in turn.get("feedback", []):
            typer.echo(f"         ! {issue.get('message', '')} / {issue.get('message_en', '')}")
    report = result["report"]
    typer.echo(f"\ngoals {report['goals_reached']}/{report['goals_total']}")
    for c in report["criteria"]:
        typer.echo(f"  {c['name_en']}: {c['band'] or '-'}")
