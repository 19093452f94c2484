"""The `tyokieli` command. With --json every command prints exactly one JSON document on stdout;
logs and messages go to stderr."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from service.core.errors import TyokieliError
from service.core.settings import Settings

app = typer.Typer(help="Työkieli — the Finnish of one concrete job task.", no_args_is_help=True, add_completion=False)
users_app = typer.Typer(help="Users and API tokens.", no_args_is_help=True)
index_app = typer.Typer(help="Search indexes.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(index_app, name="index")
db_app = typer.Typer(help="Database backup and restore.", no_args_is_help=True)
app.add_typer(db_app, name="db")
participants_app = typer.Typer(help="Participants' data: export and erase (GDPR).", no_args_is_help=True)
app.add_typer(participants_app, name="participants")
from tyokieli.vocabulary_cli import vocabulary_app  # noqa: E402 - its own module (issue 15)

app.add_typer(vocabulary_app, name="vocabulary")

log = logging.getLogger("tyokieli")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def load_settings() -> Settings:
    try:
        return Settings()
    except Exception as exc:  # pydantic's message names the setting at fault
        raise fail(f"invalid settings: {exc}") from None


def build(settings: Settings | None = None) -> Any:
    from service.container import build_services

    return build_services(settings or load_settings())


def read_text_arg(source: str) -> str:
    """Reads FILE, or stdin for '-'. Text that is not UTF-8 is refused with one clear line."""
    try:
        if source == "-":
            data = sys.stdin.buffer.read()
        else:
            path = Path(source)
            if not path.is_file():
                raise fail(f"no such file: {source}")
            data = path.read_bytes()
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise fail(f"{'standard input' if source == '-' else source} is not UTF-8 text; save it as UTF-8 and try again.") from None


def run_service(action: Any) -> Any:
    try:
        return action()
    except TyokieliError as exc:
        raise fail(exc.message) from None


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="More log output on stderr.")] = False) -> None:
    logging.basicConfig(
        stream=sys.stderr, level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on (TYOKIELI_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (TYOKIELI_PORT).")] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes (TYOKIELI_WORKERS).")] = None,
) -> None:
    """Serve the API at /api/v1, the docs at /docs and the UI at /ui."""
    import uvicorn

    settings = load_settings()
    host = host or settings.host
    port = port or settings.port
    workers = workers or settings.workers
    logging.getLogger("tyokieli").setLevel(logging.INFO)
    typer.echo(f"Työkieli: http://{host}:{port}/ui  (API docs: http://{host}:{port}/docs)", err=True)
    if workers > 1:
        # One app, built (and migrated) in the master; the workers fork from it and share its models.
        from tyokieli.app import create_app
        from tyokieli.server import serve_workers

        app_ = create_app(settings)
        serve_workers(app_, app_.state.services, host, port, workers)
    else:
        from tyokieli.app import create_app, warm_up_in_background

        app_ = create_app(settings)
        warm_up_in_background(app_)
        uvicorn.run(app_, host=host, port=port, log_level="info")


@app.command()
def analyse(
    source: Annotated[str, typer.Argument(help="A UTF-8 text file, or - for standard input.")],
    as_json: JsonOpt = False,
) -> None:
    """Analyse a Finnish text: tokens, lemmas, word classes, forms, sentences and level."""
    from service.language.analysis import AnalysisService

    settings = load_settings()
    text = read_text_arg(source)
    from finnish.analyser import get_analyzer

    service = AnalysisService(get_analyzer(settings.analyser, settings.spacy_model), settings.max_text_chars)
    result = run_service(lambda: service.analyse(text))
    if as_json:
        emit_json(result)
        return
    level = result["level"]
    typer.echo(f"{len(result['sentences'])} sentences, {level['words']} words, level {level['cefr']}")
    for r in level["reasons"]:
        typer.echo(f"  - {r['message_en']}")
    for t in result["tokens"]:
        feats = "|".join(f"{k}={v}" for k, v in t["feats"].items())
        parts = "+".join(t["compound_parts"])
        typer.echo(f"{t['start']:>6}-{t['end']:<6} {t['text']:<20} {t['lemma']:<20} {t['upos']:<6} {feats} {parts}")


@app.command()
def feedback(
    text: Annotated[str, typer.Argument(help="The learner's text itself, or - to read it from standard input.")],
    register: Annotated[str, typer.Option(help="written, or spoken (accepts everyday spoken Finnish).")] = "written",
    as_json: JsonOpt = False,
) -> None:
    """Feedback on a learner's Finnish: spelling, agreement, object case, government and more."""
    from finnish.analyser import get_analyzer
    from service.language.feedback import FeedbackService

    settings = load_settings()
    if text == "-":
        text = read_text_arg("-")
    from finnish.feedback import FeedbackEngine

    engine = FeedbackEngine(get_analyzer(settings.analyser, settings.spacy_model))
    service = FeedbackService(engine, settings.max_text_chars)
    result = run_service(lambda: service.feedback(text, register))
    if as_json:
        emit_json(result)
        return
    if not result["issues"]:
        typer.echo("Ei huomautettavaa. (No issues found.)")
    for i in result["issues"]:
        fix = f" → {', '.join(i['suggestions'][:3])}" if i["suggestions"] else ""
        typer.echo(f"{i['start']:>5}-{i['end']:<5} [{i['severity']}] {i['category']}: '{text[i['start']:i['end']]}'{fix}")
        typer.echo(f"             {i['message']}")
        typer.echo(f"             {i['message_en']}")


@app.command()
def profile(
    files: Annotated[list[str], typer.Argument(help="Workplace texts: .txt, .md, .docx or .pdf files, or - for stdin.")],
    title: Annotated[str, typer.Option("--title", help="The job task, e.g. 'Toimiston siivous'.")],
    situation: Annotated[list[str] | None, typer.Option("--situation", help="A situation id (repeatable).")] = None,
    description: Annotated[str, typer.Option("--description", help="What the task involves.")] = "",
    as_json: JsonOpt = False,
) -> None:
    """A task-language profile of a job task from its texts (as POST /api/v1/profiles/analyse)."""
    from finnish.analyser import get_analyzer
    from service.profiles.ingest import Ingest, Upload
    from service.profiles.service import ProfileService

    settings = load_settings()
    pasted: list[str] = []
    uploads: list[Upload] = []
    for source in files:
        if source == "-":
            pasted.append(read_text_arg("-"))
            continue
        path = Path(source)
        if not path.is_file():
            raise fail(f"no such file: {source}")
        uploads.append(Upload(path.name, path.read_bytes()))
    service = ProfileService(
        None,  # type: ignore[arg-type]  # building a profile stores nothing
        get_analyzer(settings.analyser, settings.spacy_model),
        Ingest(settings.max_upload_bytes, settings.max_text_chars),
    )
    result = run_service(
        lambda: service.analyse(title, pasted, uploads=uploads, situations=situation or [], description=description)
    )
    if as_json:
        emit_json(result.model_dump(mode="json"))
        return
    typer.echo(f"Kieliprofiili: {result.title}")
    typer.echo("Key terms: " + ", ".join(f"{t.lemma} ({t.count})" for t in result.key_terms[:20]))
    for p in result.phrases[:10]:
        typer.echo(f"  [{p.kind}] {p.text}")
    for skill, target in result.skills.model_dump().items():
        typer.echo(f"  {skill}: {target['cefr']} — {target['why_en']}")


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="User name (also the UI sign-in name).")],
    role: Annotated[str, typer.Option(help="participant, teacher, coach, admin or mentor.")],
    password: Annotated[
        bool, typer.Option("--password", help="Set a password for signing in to the UI: read from the "
                           "TYOKIELI_NEW_PASSWORD environment variable if set, otherwise asked for.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Create a user and print an API token once (it is stored only as a hash)."""
    secret = None
    if password:
        secret = os.environ.get("TYOKIELI_NEW_PASSWORD") or typer.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    services = build()
    user, token = run_service(lambda: services.users.add_user(name, role, secret))
    if as_json:
        emit_json({"id": user.id, "name": user.name, "role": user.role, "token": token})
    else:
        typer.echo(f"User '{user.name}' ({user.role}) created. API token (shown only now):", err=True)
        typer.echo(token)


@users_app.command("password")
def users_password(name: Annotated[str, typer.Argument(help="User name.")]) -> None:
    """Set a user's UI password (from TYOKIELI_NEW_PASSWORD if set, otherwise asked for)."""
    services = build()
    user = services.users.by_name(name)
    if user is None:
        raise fail(f"no user called '{name}'")
    secret = os.environ.get("TYOKIELI_NEW_PASSWORD") or typer.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    run_service(lambda: services.users.set_password(user.id, secret))
    typer.echo(f"Password set for '{name}'.", err=True)


@users_app.command("list")
def users_list(as_json: JsonOpt = False) -> None:
    """List users: role, whether a UI password is set, and how many API tokens are live."""
    rows = build().users.list_users()
    if as_json:
        emit_json({"users": rows})
        return
    for r in rows:
        typer.echo(f"{r['id']:>5}  {r['name']:<30} {r['role']:<12} password={'yes' if r['password'] else 'no':<4} tokens={r['live_tokens']}")


@users_app.command("token")
def users_token(
    name: Annotated[str, typer.Argument(help="User name.")],
    label: Annotated[str, typer.Option(help="What the token is for, e.g. the machine.")] = "cli",
    as_json: JsonOpt = False,
) -> None:
    """Issue a new API token for a user and print it once (it is stored only as a hash)."""
    services = build()
    user = services.users.by_name(name)
    if user is None:
        raise fail(f"no user called '{name}'")
    token = run_service(lambda: services.users.issue_token(user.id, label))
    if as_json:
        emit_json({"id": user.id, "name": user.name, "role": user.role, "token": token})
    else:
        typer.echo(f"New API token for '{user.name}' (shown only now):", err=True)
        typer.echo(token)


@users_app.command("revoke")
def users_revoke(
    token: Annotated[str | None, typer.Argument(help="The token, or - to read it from standard input.")] = None,
    user: Annotated[str | None, typer.Option("--user", help="Revoke every token of this user instead.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Revoke one API token, or every token of a user (--user NAME)."""
    if (token is None) == (user is None):
        raise fail("give either a TOKEN (or - for standard input) or --user NAME")
    services = build()
    if user is not None:
        found = services.users.by_name(user)
        if found is None:
            raise fail(f"no user called '{user}'")
        count = run_service(lambda: services.users.revoke_user_tokens(found.id))
    else:
        secret = sys.stdin.readline().strip() if token == "-" else (token or "")
        if not services.users.revoke_token(secret):
            raise fail("no live token like that (unknown or already revoked)")
        count = 1
    if as_json:
        emit_json({"revoked": count})
    else:
        typer.echo(f"Revoked {count} token(s).", err=True)


@db_app.command("backup")
def db_backup(
    path: Annotated[Path, typer.Argument(help="The backup file to write.")],
    as_json: JsonOpt = False,
) -> None:
    """Back up the whole database to PATH while the server keeps running."""
    from service.core.backup import backup

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
    from service.core.backup import restore

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
    from service.coach.participants import SKILLS, SYSTEM_USER

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
    from service.coach.participants import SYSTEM_USER

    content, _, _ = run_service(lambda: build().reports.export(SYSTEM_USER, participant_id, fmt))
    try:
        out.write_bytes(content)
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror}") from None
    if as_json:
        emit_json({"participant": participant_id, "format": fmt, "file": str(out), "bytes": len(content)})
    else:
        typer.echo(f"Wrote {out} ({len(content):,} bytes).", err=True)


# Index builders register here (name → callable(settings, progress: bool) → summary dict).
INDEX_BUILDERS: dict[str, Any] = {}


def _build_qualification_index(settings: Settings, progress: bool = False, force: bool = False) -> Any:
    from service.search.service import build_search_index

    return _lower_room_errors(lambda: build_search_index(settings, progress=progress, force=force))


INDEX_BUILDERS["qualifications"] = _build_qualification_index


def _lower_room_errors(action: Any) -> Any:
    """Errors of corpora/retrieval (import, index, embedder) as one line on stderr."""
    from corpora.eperusteet import EperusteetError
    from corpora.qualifications import CorpusError
    from retrieval.build import SearchIndexError
    from retrieval.embedder import EmbedderError

    try:
        return run_service(action)
    except (EperusteetError, CorpusError, SearchIndexError, EmbedderError) as exc:
        raise fail(str(exc)) from None


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="A work task in everyday Finnish, e.g. 'Autan asukkaita ruokailussa'.")],
    k: Annotated[int, typer.Option("-k", help="How many units (1–50).")] = 10,
    as_json: JsonOpt = False,
) -> None:
    """Search the qualification units for a work task (as GET /api/v1/search)."""
    from finnish.analyser import get_analyzer
    from service.search.service import SearchService

    settings = load_settings()
    settings.ensure_dirs()
    service = SearchService(settings, get_analyzer(settings.analyser, settings.spacy_model, settings.analysis_cache_size))
    result = _lower_room_errors(lambda: service.search(query, k))
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


import_app = typer.Typer(help="Import data.", no_args_is_help=True)
app.add_typer(import_app, name="import")


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
    from finnish.analyser import get_analyzer
    from service.search.service import API_BASE, SearchService

    settings = load_settings()
    settings.ensure_dirs()
    service = SearchService(settings, get_analyzer("fake"))  # importing needs no Finnish analysis
    result = _lower_room_errors(
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
    summary = {}
    for name, builder in INDEX_BUILDERS.items():
        summary[name] = run_service(lambda b=builder: b(settings, progress=not as_json, force=force))
    if as_json:
        emit_json(summary)
    else:
        for name, info in summary.items():
            typer.echo(f"{name}: {info}", err=True)
        if not summary:
            typer.echo("No indexes to build.", err=True)


@app.command()
def simulate(
    scenario: Annotated[str, typer.Argument(help="Scenario id (see GET /api/v1/scenarios).")],
    level: Annotated[str, typer.Option(help="A1, A2, B1 or B2.")] = "A2",
    as_json: JsonOpt = False,
) -> None:
    """Play a scenario: each line on standard input is one learner turn; prints the transcript and report."""
    from service.practice.partners import run_offline

    settings = load_settings()
    if level not in ("A1", "A2", "B1", "B2"):
        raise fail(f"unknown level '{level}': choose A1, A2, B1 or B2")
    try:
        lines = sys.stdin.buffer.read().decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise fail("standard input is not UTF-8 text; save it as UTF-8 and try again.") from None
    result = run_service(lambda: run_offline(settings, scenario, level, lines))
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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
