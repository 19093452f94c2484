"""The app's own middleware: security headers and the CSP per path."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route, WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocket

from tyokieli.app import API_CSP, UI_CSP, SecurityHeaders


def guarded_app() -> TestClient:
    async def plain(_: Request) -> PlainTextResponse:
        return PlainTextResponse("ok")

    async def framed(_: Request) -> PlainTextResponse:
        return PlainTextResponse("ok", headers={"X-Frame-Options": "DENY"})

    async def echo(ws: WebSocket) -> None:
        await ws.accept()
        await ws.send_text("hello")
        await ws.close()

    app = Starlette(routes=[Route("/api/v1/x", plain, methods=["GET", "POST"]), Route("/ui/page", plain),
                            Route("/docs", plain), Route("/framed", framed), WebSocketRoute("/ws", echo)])
    app.add_middleware(SecurityHeaders)
    return TestClient(app)


def test_answers_carry_the_security_headers_and_the_csp_of_their_path() -> None:
    client = guarded_app()
    api = client.get("/api/v1/x")
    assert api.headers["Content-Security-Policy"] == API_CSP and api.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/ui/page").headers["Content-Security-Policy"] == UI_CSP
    docs = client.get("/docs")
    assert "content-security-policy" not in docs.headers and docs.headers["Referrer-Policy"] == "no-referrer"


def test_a_header_the_route_set_itself_is_kept() -> None:
    response = guarded_app().get("/framed")
    assert response.headers.get_list("X-Frame-Options") == ["DENY"]


def test_websockets_pass_through() -> None:
    with guarded_app().websocket_connect("/ws") as ws:
        assert ws.receive_text() == "hello"
