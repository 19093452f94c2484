"""The one helper for structured LLM output.

A model answers with text; we want a pydantic object. `call_structured` asks, extracts the JSON
object from the answer, validates it and, when the answer does not fit, asks again with the reason —
a bounded number of times. Time-outs and endpoint errors are not retried here (the caller falls back
at once: a learner should not wait for several time-outs). Logs carry the number of attempts and the
error type, never the prompt or the answer (they contain learner text).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

log = logging.getLogger("tyokieli.llm")

T = TypeVar("T", bound=BaseModel)


class LLMError(Exception):
    """The language model could not give a usable answer."""


class LLMUnavailable(LLMError):
    """The endpoint timed out, refused or failed."""


class LLMOutputInvalid(LLMError):
    """Every attempt answered with output that does not fit the expected shape."""

    def __init__(self, message: str, attempts: int) -> None:
        super().__init__(message)
        self.attempts = attempts


@dataclass(frozen=True)
class StructuredResult(Generic[T]):
    value: T
    attempts: int
    seconds: float  # wall-clock time of all attempts together


_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.S)


def extract_json_object(text: str) -> str:
    """The JSON object inside a model answer: bare, fenced in ``` or with words around it."""
    text = (text or "").strip()
    fenced = _FENCE.search(text)
    if fenced:
        text = fenced.group(1).strip()
    start = text.find("{")
    if start < 0:
        raise ValueError("the answer holds no JSON object")
    depth, in_string, escaped = 0, False, False
    for i in range(start, len(text)):
        ch = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return text[start : i + 1]
    raise ValueError("the JSON object in the answer is not closed")


def parse_structured(text: str, schema: type[T]) -> T:
    """Validates one answer against `schema`; raises ValueError with a short reason."""
    try:
        return schema.model_validate(json.loads(extract_json_object(text)))
    except json.JSONDecodeError as exc:
        raise ValueError(f"the answer is not valid JSON ({exc.msg})") from None
    except ValidationError as exc:
        fields = ", ".join(".".join(str(p) for p in e["loc"]) or "(root)" for e in exc.errors()[:5])
        raise ValueError(f"the JSON does not fit the schema (fields: {fields})") from None


def _is_unavailable(exc: BaseException) -> bool:
    # openai and langchain-core errors, by name: this module does not need either package.
    names = {k.__name__ for k in type(exc).__mro__}
    return bool(names & {"APIError", "OpenAIError", "ModelError", "TimeoutError", "ConnectionError", "HTTPError"})


def call_structured(
    complete: Callable[[Sequence[Any]], str],
    messages: Sequence[Any],
    schema: type[T],
    *,
    max_retries: int,
    correction: Callable[[str, str], Sequence[Any]] | None = None,
    check: Callable[[T], str | None] | None = None,
) -> StructuredResult[T]:
    """Asks `complete(messages)` for an answer that validates as `schema`.

    `max_retries` extra attempts follow an unusable answer; `correction(answer, reason)` gives the
    messages appended before a retry (by default none: the same prompt is asked again).
    `check(value)` may reject a well-formed answer for what it says (a reason string) or accept it (None).
    Raises LLMUnavailable on time-outs and endpoint errors, LLMOutputInvalid when no attempt fits.
    """
    history = list(messages)
    started = time.perf_counter()
    reason = ""
    attempts = 0
    for attempt in range(1, max_retries + 2):
        attempts = attempt
        try:
            answer = complete(history)
        except Exception as exc:
            if _is_unavailable(exc):
                log.warning("llm call failed (%s) after %.2f s", type(exc).__name__, time.perf_counter() - started)
                raise LLMUnavailable(type(exc).__name__) from exc
            raise
        try:
            value = parse_structured(answer, schema)
            rejected = check(value) if check is not None else None
            if rejected:
                raise ValueError(rejected)
        except ValueError as exc:
            reason = str(exc)
            log.info("llm answer rejected on attempt %d: %s", attempt, reason)
            if correction is not None:
                history = history + list(correction(answer, reason))
            continue
        return StructuredResult(value, attempt, time.perf_counter() - started)
    raise LLMOutputInvalid(f"no usable answer after {attempts} attempts: {reason}", attempts)
