"""The app's own middleware: Content-Length refusals, security headers and the CSP per path."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route, WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocket

from tyokieli.app import API_CSP, UI_CSP, LimitsAndHeaders


def guarded_app(max_body: int = 10) -> TestClient:
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
    app.add_middleware(LimitsAndHeaders, max_body=max_body)
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


def test_a_body_over_the_limit_is_refused_with_413_and_a_bad_length_with_400() -> None:
    client = guarded_app(max_body=10)
    too_large = client.post("/api/v1/x", content=b"x" * 11)
    assert too_large.status_code == 413 and too_large.json()["detail"].startswith("The request is too large")
    bad = client.post("/api/v1/x", content=b"x", headers={"Content-Length": "ten"})
    assert bad.status_code == 400 and bad.json() == {"detail": "Content-Length is not a number."}
    assert client.post("/api/v1/x", content=b"x" * 10).status_code == 200


def test_websockets_pass_through() -> None:
    with guarded_app().websocket_connect("/ws") as ws:
        assert ws.receive_text() == "hello"
