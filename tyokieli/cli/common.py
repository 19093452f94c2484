"""What every command shares: settings, the one service container, JSON output, one-line errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from corpora.eperusteet import EperusteetError
from corpora.qualifications import CorpusError
from retrieval.build import SearchIndexError
from retrieval.embedder import EmbedderError
from service.container import Services, build_services
from service.core.errors import TyokieliError
from service.core.settings import Settings

T = TypeVar("T")
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


def build(settings: Settings | None = None) -> Services:
    """The same container the API and the UI use (service.container.build_services)."""
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


def run_service(action: Callable[[], T]) -> T:
    try:
        return action()
    except TyokieliError as exc:
        raise fail(exc.message) from None


def lower_room_errors(action: Callable[[], T]) -> T:
    """Errors of corpora/retrieval (import, index, embedder) as one line on stderr."""
    try:
        return run_service(action)
    except (EperusteetError, CorpusError, SearchIndexError, EmbedderError) as exc:
        raise fail(str(exc)) from None
