"""Domain errors and their translation to HTTP at the edge.

Services raise these (or the errors of lower rooms, registered with `register_error`); routes never
build error responses by hand. Every message is one a person understands.
"""

from __future__ import annotations

from typing import Any


class TyokieliError(Exception):
    status_code = 400

    def __init__(self, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra


class InvalidInput(TyokieliError):
    status_code = 422


class TooLarge(TyokieliError):
    status_code = 413


class Unauthorized(TyokieliError):
    status_code = 401


class Forbidden(TyokieliError):
    status_code = 403


class NotFound(TyokieliError):
    status_code = 404


class Conflict(TyokieliError):
    status_code = 409


class UnsupportedMediaType(TyokieliError):
    status_code = 415


class TooManyRequests(TyokieliError):
    status_code = 429


class Unavailable(TyokieliError):
    status_code = 503


# Errors defined in lower rooms (which may not import service/) mapped to a status code.
_REGISTERED: dict[type[Exception], int] = {}


def register_error(exc_type: type[Exception], status_code: int) -> None:
    _REGISTERED[exc_type] = status_code


def registered_errors() -> tuple[type[Exception], ...]:
    return tuple(_REGISTERED)


def status_for(exc: BaseException) -> int | None:
    if isinstance(exc, TyokieliError):
        return exc.status_code
    for klass in type(exc).__mro__:
        if klass in _REGISTERED:
            return _REGISTERED[klass]
    return None


def validate_text(text: str, max_chars: int, what: str = "Text") -> str:
    """Refuses empty and oversized text with messages a person understands."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput(f"{what} is empty: write some Finnish text first.")
    if len(text) > max_chars:
        raise TooLarge(f"{what} is too long: {len(text):,} characters; the limit is {max_chars:,}.")
    return text
