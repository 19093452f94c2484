"""The language commands: `analyse`, `feedback`, `profile` (as the analysis, feedback and profile routes)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from service.profiles.ingest import Upload
from tyokieli.cli.common import JsonOpt, build, emit_json, fail, read_text_arg, run_service


def analyse(
    source: Annotated[str, typer.Argument(help="A UTF-8 text file, or - for standard input.")],
    as_json: JsonOpt = False,
) -> None:
    """Analyse a Finnish text: tokens, lemmas, word classes, forms, sentences and level."""
    text = read_text_arg(source)
    services = build()
    result = run_service(lambda: services.analysis.analyse(text))
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


def feedback(
    text: Annotated[str, typer.Argument(help="The learner's text itself, or - to read it from standard input.")],
    register: Annotated[str, typer.Option(help="written, or spoken (accepts everyday spoken Finnish).")] = "written",
    as_json: JsonOpt = False,
) -> None:
    """Feedback on a learner's Finnish: spelling, agreement, object case, government and more."""
    if text == "-":
        text = read_text_arg("-")
    services = build()
    result = run_service(lambda: services.feedback.feedback(text, register))
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


def profile(
    files: Annotated[list[str], typer.Argument(help="Workplace texts: .txt, .md, .docx or .pdf files, or - for stdin.")],
    title: Annotated[str, typer.Option("--title", help="The job task, e.g. 'Toimiston siivous'.")],
    situation: Annotated[list[str] | None, typer.Option("--situation", help="A situation id (repeatable).")] = None,
    description: Annotated[str, typer.Option("--description", help="What the task involves.")] = "",
    as_json: JsonOpt = False,
) -> None:
    """A task-language profile of a job task from its texts (as POST /api/v1/profiles/analyse)."""
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
    services = build()
    result = run_service(  # built, not stored
        lambda: services.profiles.analyse(title, pasted, uploads=uploads, situations=situation or [], description=description)
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
