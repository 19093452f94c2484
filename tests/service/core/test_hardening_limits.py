"""Finding 5: request size limits hold on the stream — a chunked body (no Content-Length) to the
API and to Gradio's upload route gets 413 as soon as it passes the limit, long before it ends.

"Read" is counted where it happens: the body bytes the app pulled from the server (an ASGI wrapper
around the whole app). What the client managed to send says little on a loaded machine, because
the kernel's loopback buffers take several MB whatever the server does."""

from __future__ import annotations

import select
import socket
from typing import Any

import httpx

from service.container import build_services
from service.core.guards import body_limits
from tests.conftest import add_user, make_settings
from tests.service.core.live import live_server
from tyokieli.app import create_app

TEN_MB = 10 * 1024 * 1024
CHUNK = 64 * 1024


class BodyCounter:
    """The app as served, counting the request-body bytes it receives from the server, per path."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.read: dict[str, int] = {}

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]

        async def counted() -> Any:
            message = await receive()
            if message["type"] == "http.request":
                self.read[path] = self.read.get(path, 0) + len(message.get("body", b""))
            return message

        await self.app(scope, counted, send)


def send_chunked(base: str, path: str, total: int, headers: dict[str, str], prefix: bytes = b"") -> tuple[int, int]:
    """Streams `total` bytes as a chunked body over a raw socket and stops when an answer comes.
    Returns (status, bytes sent before the answer)."""
    host, port = base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=30)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, CHUNK)  # no multi-MB send buffer of our own
    head = f"POST {path} HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    sock.sendall(head.encode())
    if prefix:
        sock.sendall(f"{len(prefix):x}\r\n".encode() + prefix + b"\r\n")
    sent = 0
    answer = b""
    try:
        while sent < total:
            if select.select([sock], [], [], 0)[0]:
                break  # the server answered (or closed) while we were still sending
            try:
                sock.sendall(f"{CHUNK:x}\r\n".encode() + b"a" * CHUNK + b"\r\n")
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += CHUNK
        else:
            sock.sendall(b"0\r\n\r\n")
        while b"\r\n" not in answer:
            try:
                more = sock.recv(4096)
            except ConnectionResetError:
                break
            if not more:
                break
            answer += more
    finally:
        sock.close()
    return int(answer.split(b" ", 2)[1]), sent


def test_a_chunked_10_mb_body_gets_413_before_it_is_read(tmp_path, analyser) -> None:  # type: ignore[no-untyped-def]
    # Limits of about 1 MB, so what the kernel's socket buffers hold (a few MB) cannot pass for "read".
    settings = make_settings(tmp_path, analyser="fake", max_upload_bytes=1024 * 1024)
    services = build_services(settings)
    participant = add_user(services, "oppija", "participant")
    add_user(services, "test-teacher", "teacher", "hyva-salasana-1")
    api_limit, upload_limit = body_limits(settings)
    app = BodyCounter(create_app(settings, services, with_ui=True))
    with live_server(app) as base:
        signed_in = httpx.post(f"{base}/ui/login", data={"username": "test-teacher", "password": "hyva-salasana-1"})
        assert signed_in.status_code == 200, signed_in.text
        cookie = "; ".join(f"{k}={v}" for k, v in signed_in.cookies.items())
        part = b'--xyz\r\nContent-Disposition: form-data; name="files"; filename="iso.txt"\r\n\r\n'
        for path, headers, prefix, limit in [
            ("/api/v1/analysis", {**participant.headers, "Content-Type": "application/json"}, b'{"text": "',
             api_limit),
            ("/ui/gradio_api/upload", {"Content-Type": "multipart/form-data; boundary=xyz", "Cookie": cookie}, part,
             upload_limit),
        ]:
            status, sent = send_chunked(base, path, TEN_MB, headers, prefix)
            assert status == 413, (path, status)
            assert sent < TEN_MB, f"{path}: the 413 came only after the whole body"
            read = app.read.get(path, 0)
            # at most the limit and the chunk that passed it (the server hands the body on in pieces)
            assert read <= limit + 2 * CHUNK, f"{path}: {read:,} bytes were read before the 413 (limit {limit:,})"
    services.close()


def test_the_declared_length_is_refused_before_reading(client, users) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/v1/analysis", content=b"{}", headers={**users["participant"].headers,
                                                                  "Content-Length": str(50 * 1024 * 1024)})
    assert r.status_code == 413 and "too large" in r.json()["detail"]
