"""The size limits on the stream (service/core/body_limit.py): a declared length over the limit or
not a number is refused before anything is read, a body without a length when it passes the limit,
and each path has its own limit."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from service.core.body_limit import BodyLimit


def limited_app(limit: int = 10, upload_limit: int = 20) -> TestClient:
    async def echo(request: Request) -> PlainTextResponse:
        return PlainTextResponse(str(len(await request.body())))

    app = Starlette(routes=[Route("/api/v1/x", echo, methods=["POST"]), Route("/upload", echo, methods=["POST"])])
    app.add_middleware(BodyLimit, limit_for=lambda path: upload_limit if path == "/upload" else limit)
    return TestClient(app)


def test_a_declared_length_over_the_limit_gets_413_and_one_that_is_not_a_number_400() -> None:
    client = limited_app(limit=10)
    too_large = client.post("/api/v1/x", content=b"x" * 11)
    assert too_large.status_code == 413 and too_large.json()["detail"].startswith("The request is too large")
    assert "10 bytes" in too_large.json()["detail"]
    bad = client.post("/api/v1/x", content=b"x", headers={"Content-Length": "ten"})
    assert bad.status_code == 400 and bad.json() == {"detail": "Content-Length is not a number."}


def test_a_body_at_the_limit_passes_whole() -> None:
    ok = limited_app(limit=10).post("/api/v1/x", content=b"x" * 10)
    assert ok.status_code == 200 and ok.text == "10"


def test_a_body_without_a_length_is_refused_once_it_passes_the_limit() -> None:
    def pieces():  # type: ignore[no-untyped-def]
        for _ in range(5):
            yield b"x" * 4

    client = limited_app(limit=10)
    assert client.post("/api/v1/x", content=pieces()).status_code == 413
    assert client.post("/upload", content=pieces()).status_code == 200  # 20 bytes: the upload's own limit
