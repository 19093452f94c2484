"""The ASGI guards `create_app` puts in front of everything: request size limits on the stream
(service/core/body_limit.py), the UI sign-in back-off and sessions (service/core/ui_guard.py), and
a Content-Security-Policy for the API docs that allows exactly the inline scripts FastAPI serves."""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.core.addresses import parse_networks
from service.core.body_limit import BodyLimit
from service.core.settings import Settings
from service.core.signin import SignInGuard
from service.core.ui_guard import UiGuard
from service.core.ui_sessions import UiSessions

UPLOAD_PATH = re.compile(r"^/ui/(gradio_api/)?upload/?$")
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)
CDN = "https://cdn.jsdelivr.net"


def body_limits(settings: Settings) -> tuple[int, int]:
    """(any request, a Gradio upload). The largest valid API body is an upload or a text at the
    limit (each character up to 4 bytes of UTF-8, 6 when JSON-escaped), plus room for fields."""
    api = max(settings.max_upload_bytes, settings.max_text_chars * 6) + 64 * 1024
    return api, settings.max_upload_bytes + 64 * 1024


def docs_csp(html: bytes) -> str:
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode() + "'"
        for m in _INLINE_SCRIPT.finditer(html)
    )
    return (f"default-src 'none'; script-src {CDN} {hashes}; style-src {CDN} 'unsafe-inline'; "
            "img-src 'self' data: https://fastapi.tiangolo.com; connect-src 'self'; font-src 'self' data:; "
            "worker-src blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'")


class DocsPolicy:
    """/docs and /redoc: FastAPI's pages with their inline start-up script allowed by its hash."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].rstrip("/") not in ("/docs", "/redoc"):
            await self.app(scope, receive, send)
            return
        held: list[Message] = []

        async def hold(message: Message) -> None:
            held.append(message)

        await self.app(scope, receive, hold)
        start = next((m for m in held if m["type"] == "http.response.start"), None)
        if start is None:
            return
        body = b"".join(m.get("body", b"") for m in held if m["type"] == "http.response.body")
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-security-policy"]
        headers.append((b"content-security-policy", docs_csp(body).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def install_guards(app: FastAPI, sessions: UiSessions, settings: Settings) -> None:
    """Added last, so they run first: size limits outermost, then the UI guard, then the docs' CSP."""
    guard = SignInGuard(sessions.db, settings.sign_in_attempts_per_minute)
    app.add_middleware(DocsPolicy)
    app.add_middleware(UiGuard, sessions=sessions, guard=guard, trusted=parse_networks(settings.trusted_proxies),
                       secure_cookies=settings.environment == "production")
    api, upload = body_limits(settings)
    app.add_middleware(BodyLimit, limit_for=lambda path: upload if UPLOAD_PATH.match(path) else api)
