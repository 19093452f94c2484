"""Small helpers shared by the UI tabs."""

from __future__ import annotations

from typing import Any

from service.auth import CurrentUser
from service.container import Services


def current_user(services: Services, request: Any) -> CurrentUser | None:
    """The signed-in user of a Gradio event (Gradio's login checks our own user store)."""
    name = getattr(request, "username", None) if request is not None else None
    return services.users.by_name(name) if name else None


def bilingual(fi: str, en: str) -> str:
    return f"{fi} ({en})"
