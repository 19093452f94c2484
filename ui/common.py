"""Small helpers shared by the UI tabs."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import gradio as gr
from pydantic import ValidationError

from service.container import Services
from service.core.auth import CurrentUser
from service.core.ui_sessions import gradio_token
from ui.messages import validation_message, with_finnish

log = logging.getLogger("tyokieli.ui")
SOMETHING_WENT_WRONG = "Jokin meni vikaan. Yritä uudelleen. (Something went wrong; please try again.)"
ROLE_NAMES = {
    "participant": ("osallistuja", "participant"), "teacher": ("opettaja", "teacher"),
    "coach": ("valmentaja", "coach"), "mentor": ("mentori", "mentor"), "admin": ("ylläpitäjä", "admin"),
}


def current_user(services: Services, request: Any) -> CurrentUser | None:
    """The signed-in user of a Gradio event: the UI session of the browser's sign-in cookie, bound
    to the user's id and session version (service/core/ui_sessions.py), never the name alone. None
    when the session has ended (revoked, erased, password or role changed, expired)."""
    if request is None:
        return None
    return services.ui_sessions.resolve(gradio_token(_request_cookies(request)))


def _request_cookies(request: Any) -> dict[str, str]:
    inner = getattr(request, "request", None)
    cookies = getattr(inner, "cookies", None) if inner is not None else None
    if isinstance(cookies, Mapping):
        return {str(k): str(v) for k, v in cookies.items()}
    from http.cookies import SimpleCookie

    headers = getattr(inner, "headers", None) or {}
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(str(headers.get("cookie", "")))
    except Exception:  # a malformed cookie header: signed out
        return {}
    return {k: v.value for k, v in jar.items()}


def bilingual(fi: str, en: str) -> str:
    return f"{fi} ({en})"


def error_message(exc: Exception, where: str, fallback: str = SOMETHING_WENT_WRONG) -> str:
    """What a person sees for an error in a tab: our domain errors carry a message written for
    people; anything else is logged (type only, never learner text) and gets a plain apology."""
    if isinstance(exc, ValidationError):
        return validation_message(exc)
    text = getattr(exc, "message", None)
    if text:
        return with_finnish(str(text))
    log.exception("%s error: %s", where, type(exc).__name__)
    return fallback


def notice(text: str | None) -> Any:
    """A warning line that is hidden when there is nothing to say."""
    return gr.update(value=f"⚠️ {text}" if text else "", visible=bool(text))


def deep_link(request: Any, name: str) -> str | None:
    """A query parameter of the page's address (`/ui?participant=7`), for opening an item directly."""
    params = getattr(request, "query_params", None) if request is not None else None
    value = params.get(name) if params is not None else None
    return str(value).strip() or None if value else None
