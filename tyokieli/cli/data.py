"""`tyokieli db …` (backup, restore) and `tyokieli participants …` (export, erase, readiness, report)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from service.coach.participants import SKILLS, SYSTEM_USER
from service.core.backup import backup, restore
from tyokieli.cli.common import JsonOpt, build, emit_json, fail, load_settings, run_service

db_app = typer.Typer(help="Database backup and restore.", no_args_is_help=True)
participants_app = typer.Typer(help="Participants' data: export and erase (GDPR).", no_args_is_help=True)


@db_app.command("backup")
def db_backup(
    path: Annotated[Path, typer.Argument(help="The backup file to write.")],
    as_json: JsonOpt = False,
) -> None:
    """Back up the whole database to PATH while the server keeps running."""
    settings = load_settings()
    settings.ensure_dirs()
    result = run_service(lambda: backup(settings.resolved_database_url, path))
    if as_json:
        emit_json(result)
    else:
        typer.echo(f"Backup written: {result['path']} ({result['bytes']:,} bytes).", err=True)


@db_app.command("restore")
def db_restore(
    path: Annotated[Path, typer.Argument(help="A file made by `tyokieli db backup`.")],
    yes: Annotated[bool, typer.Option("--yes", help="Replace the current data without asking.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Replace the whole database with a backup (works while the server runs)."""
    if not yes:
        if not sys.stdin.isatty():
            raise fail("restoring replaces all current data: add --yes to confirm")
        typer.confirm("Replace ALL current data with this backup?", abort=True, err=True)
    settings = load_settings()
    settings.ensure_dirs()
    result = run_service(lambda: restore(settings.resolved_database_url, path))
    if as_json:
        emit_json(result)
    else:
        typer.echo(f"Restored from {result['path']}.", err=True)


@participants_app.command("export")
def participants_export(
    participant_id: Annotated[int, typer.Argument(help="The participant's id.")],
    as_json: JsonOpt = False,
) -> None:
    """Print everything stored about a participant as one JSON document (GDPR access)."""
    data = run_service(lambda: build().privacy.export(None, participant_id))
    emit_json(data)  # the export is JSON with or without --json


@participants_app.command("erase")
def participants_erase(
    participant_id: Annotated[int, typer.Argument(help="The participant's id.")],
    yes: Annotated[bool, typer.Option("--yes", help="Erase without asking.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Erase a participant for good: record, user account, evidence, sessions and turns."""
    if not yes:
        if not sys.stdin.isatty():
            raise fail("erasing cannot be undone: add --yes to confirm")
        typer.confirm(f"Erase participant {participant_id} and all their data for good?", abort=True, err=True)
    result = run_service(lambda: build().privacy.erase(None, participant_id))
    if as_json:
        emit_json(result)
    else:
        gone = ", ".join(f"{n} {t}" for t, n in result["erased"].items())
        typer.echo(f"Erased participant {participant_id}: {gone}.", err=True)


@participants_app.command("readiness")
def participants_readiness(
    participant_id: Annotated[int, typer.Argument(help="The participant's id.")],
    as_json: JsonOpt = False,
) -> None:
    """A participant's readiness per target task and skill, with reasons (as GET .../readiness)."""
    result = run_service(lambda: build().readiness.readiness(SYSTEM_USER, participant_id))
    if as_json:
        emit_json(result)
        return
    typer.echo(f"{result['name']}: {result['summary']['en']}")
    for task in result["tasks"]:
        typer.echo(f"{task['title']}: {task['status']}")
        for skill in SKILLS:
            s = task["skills"][skill]
            typer.echo(f"  {skill:<12} {s['status']:<20} estimate {s['estimate'] or '-':<3} target {s['target'] or '-':<3} "
                       f"evidence {s['evidence_count']}")


@participants_app.command("report")
def participants_report(
    participant_id: Annotated[int, typer.Argument(help="The participant's id.")],
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", help="pdf, html or json.")] = "pdf",
    as_json: JsonOpt = False,
) -> None:
    """Write a participant's readiness report (PDF, HTML or JSON) for the meeting with the employer."""
    content, _, _ = run_service(lambda: build().reports.export(SYSTEM_USER, participant_id, fmt))
    try:
        out.write_bytes(content)
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror}") from None
    if as_json:
        emit_json({"participant": participant_id, "format": fmt, "file": str(out), "bytes": len(content)})
    else:
        typer.echo(f"Wrote {out} ({len(content):,} bytes).", err=True)
