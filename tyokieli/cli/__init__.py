"""The `tyokieli` command, one module per command group. With --json every command prints exactly one
JSON document on stdout; logs and messages go to stderr. Commands that need services build the same
container as the API and the UI (`tyokieli.cli.common.build`)."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from tyokieli.cli import language, practice, search, serve
from tyokieli.cli.data import db_app, participants_app
from tyokieli.cli.search import INDEX_BUILDERS, import_app, index_app
from tyokieli.cli.users import users_app
from tyokieli.vocabulary_cli import vocabulary_app

__all__ = ["INDEX_BUILDERS", "app", "main"]

app = typer.Typer(help="Työkieli — the Finnish of one concrete job task.", no_args_is_help=True, add_completion=False)
for command in (serve.serve, language.analyse, language.feedback, language.profile, search.search, practice.simulate):
    app.command()(command)
app.add_typer(users_app, name="users")
app.add_typer(index_app, name="index")
app.add_typer(db_app, name="db")
app.add_typer(participants_app, name="participants")
app.add_typer(vocabulary_app, name="vocabulary")
app.add_typer(import_app, name="import")


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="More log output on stderr.")] = False) -> None:
    logging.basicConfig(
        stream=sys.stderr, level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


def main() -> None:
    app()
