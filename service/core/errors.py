"""Domain errors and their translation to HTTP at the edge.

Services raise these (or the errors of lower rooms, mapped in each feature's `HTTP_ERRORS`); routes never
build error responses by hand. Every message is one a person understands.
"""

from __future__ import annotations

from collections.abc import Mapping
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


# Errors of lower rooms (which may not import service/) mapped to a status code. Each feature
# package declares its own `HTTP_ERRORS`; `service.http_errors.LOWER_ROOM_ERRORS` collects them and
# `create_app` and the CLI hand that one mapping to `status_for`.
ErrorMap = Mapping[type[Exception], int]


def status_for(exc: BaseException, lower_room_errors: ErrorMap) -> int | None:
    if isinstance(exc, TyokieliError):
        return exc.status_code
    for klass in type(exc).__mro__:
        if klass in lower_room_errors:
            return lower_room_errors[klass]
    return None


def validate_text(text: str, max_chars: int, what: str = "Text") -> str:
    """Refuses empty and oversized text with messages a person understands."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput(f"{what} is empty: write some Finnish text first.")
    if len(text) > max_chars:
        raise TooLarge(f"{what} is too long: {len(text):,} characters; the limit is {max_chars:,}.")
    return text


def not_visible(kind: str, object_id: object) -> NotFound:
    """The one answer for an object the caller may not know exists: unknown and forbidden look the
    same (404), so ids cannot be probed. `raise not_visible("participant", pid)`."""
    return NotFound(f"No {kind} {object_id} that you can see.")
