"""`tyokieli vocabulary …`: a task's word list with the forms the job uses (for teachers to print) and
its exercises. With --json each command prints one JSON document on stdout."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Literal

import typer

from service.core.errors import TyokieliError

vocabulary_app = typer.Typer(help="Words and phrases of a task: word list and exercises.", no_args_is_help=True)
TargetArg = Annotated[str, typer.Argument(help="A shipped task id or profile:<id>.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]


def _catalogue(target: str):  # type: ignore[no-untyped-def]
    from service.container import build_services
    from service.core.settings import Settings

    services = build_services(Settings())
    try:
        return services.vocabulary.word_list(target)
    except TyokieliError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(2) from None
    finally:
        services.close()


@vocabulary_app.command("words")
def words(target: TargetArg, as_json: JsonOpt = False) -> None:
    """The word list of a task: each word with its class, gloss and the forms the texts use."""
    from service.vocabulary.wordlist import word_list_markdown

    catalogue, cards = _catalogue(target)
    if as_json:
        data = {"target": catalogue.target, "title": catalogue.title, "cards": [
            {"lemma": c.lemma, "pos": c.pos, "gloss": c.gloss,
             "forms": [{"form": f.form, "sentence": f.sentence} for f in c.forms]} for c in cards]}
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        return
    typer.echo(word_list_markdown(catalogue.title, cards), nl=False)


@vocabulary_app.command("exercises")
def exercises(target: TargetArg,
              kind: Annotated[str, typer.Option("--kind", help="cloze, choice, listen or situation")] = "cloze",
              as_json: JsonOpt = False) -> None:
    """The exercises of a task's cards (e.g. to print a cloze sheet)."""
    if kind not in ("cloze", "choice", "listen", "situation"):
        typer.echo("error: --kind is cloze, choice, listen or situation", err=True)
        raise typer.Exit(2)
    from service.container import build_services
    from service.core.settings import Settings

    services = build_services(Settings())
    try:
        catalogue = services.vocabulary.catalogues.get(target)
        chosen: Literal["cloze", "choice", "listen", "situation"] = kind  # type: ignore[assignment]
        items = [(card, item) for card in catalogue.cards
                 for item in services.vocabulary.catalogues.exercises(catalogue, card, chosen)]
    except TyokieliError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(2) from None
    finally:
        services.close()
    if as_json:
        sys.stdout.write(json.dumps({"target": catalogue.target, "exercises": [
            {"card": card.lemma, "kind": item.kind, "prompt": item.prompt, "expected": item.expected,
             "choices": list(item.choices) or None} for card, item in items]}, ensure_ascii=False) + "\n")
        return
    for n, (_card, item) in enumerate(items, 1):
        extra = f"   [{' / '.join(item.choices)}]" if item.choices else ""
        typer.echo(f"{n}. {item.prompt}{extra}")
