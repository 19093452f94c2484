"""The guard in front of Gradio's UI (an ASGI middleware over /ui):

- `POST /ui/login`: the sign-in back-off (service/core/signin.py) per account and per address;
  a successful sign-in binds Gradio's fresh cookie token to the user's id and session version
  (service/core/ui_sessions.py), and in production Gradio's `access-token-unsecure` cookie gets
  `Secure` as well.
- every other /ui request: a sign-in cookie without a live session is taken out of the request,
  so Gradio sees a signed-out browser (revoked, erased, password or role changed, expired).
- `GET /ui/logout` ends the session.
"""

from __future__ import annotations

import json
import re
from http.cookies import SimpleCookie

from anyio import to_thread
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.core.addresses import Network, client_address
from service.core.signin import SignInGuard
from service.core.ui_sessions import COOKIE_PREFIX, UiSessions, gradio_token

MAX_LOGIN_BODY = 64 * 1024
_SECURE = re.compile(r";\s*secure\s*(;|$)", re.IGNORECASE)


def _cookies(scope: Scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for name, value in scope["headers"]:
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header: no cookies
                return {}
    return {k: v.value for k, v in jar.items()}


def _without_sign_in_cookies(scope: Scope) -> Scope:
    headers = []
    for name, value in scope["headers"]:
        if name == b"cookie":
            kept = [c for c in value.decode("latin-1").split(";") if not c.strip().startswith(COOKIE_PREFIX)]
            value = ";".join(kept).strip().encode("latin-1")
            if not value:
                continue
        headers.append((name, value))
    return {**scope, "headers": headers}


async def _answer(send: Send, status: int, detail: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


class UiGuard:
    def __init__(self, app: ASGIApp, sessions: UiSessions, guard: SignInGuard, trusted: tuple[Network, ...],
                 secure_cookies: bool) -> None:
        self.app = app
        self.sessions = sessions
        self.guard = guard
        self.trusted = trusted
        self.secure_cookies = secure_cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] not in ("http", "websocket") or not path.startswith("/ui"):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "http" and scope["method"] == "POST" and path.rstrip("/") == "/ui/login":
            await self._login(scope, receive, send)
            return
        token = gradio_token(_cookies(scope))
        if token is not None:
            if path.rstrip("/") == "/ui/logout":
                await to_thread.run_sync(self.sessions.end, token)
            elif await to_thread.run_sync(self.sessions.resolve, token) is None:
                scope = _without_sign_in_cookies(scope)
        await self.app(scope, receive, send)

    async def _login(self, scope: Scope, receive: Receive, send: Send) -> None:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > MAX_LOGIN_BODY:
                await _answer(send, 413, "The sign-in form is too large.")
                return
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)

        async def replay() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        form = await Request(scope, replay).form()
        account = str(form.get("username") or "").strip()
        client = scope.get("client")
        address = client_address(client[0] if client else None, Request(scope).headers, self.trusted)
        wait = await to_thread.run_sync(self.guard.wait, account, address)
        if wait is not None:
            await _answer(send, 429, f"Too many wrong passwords: wait {wait} seconds and try again. "
                                     f"(Liian monta väärää salasanaa. Odota {wait} sekuntia.)",
                          [(b"retry-after", str(wait).encode())])
            return
        await self._pass_login(scope, replay, send, account, address)

    async def _pass_login(self, scope: Scope, replay: Receive, send: Send, account: str, address: str) -> None:
        outcome: dict[str, object] = {"status": 0, "token": None}

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                outcome["status"] = message["status"]
                headers = []
                for name, value in message.get("headers", []):
                    if name.lower() == b"set-cookie" and value.startswith(COOKIE_PREFIX.encode()):
                        cookie = value.decode("latin-1")
                        outcome["token"] = cookie.split("=", 1)[1].split(";", 1)[0]
                        if self.secure_cookies and not _SECURE.search(cookie):
                            value = (cookie + "; Secure").encode("latin-1")
                    headers.append((name, value))
                message = {**message, "headers": headers}
                token = outcome["token"]
                if outcome["status"] == 200 and isinstance(token, str):
                    await to_thread.run_sync(self.sessions.open, account, token)
                    await to_thread.run_sync(self.guard.succeeded, account, address)
                else:
                    await to_thread.run_sync(self.guard.failed, account, address)
            await send(message)

        await self.app(scope, replay, watch)
