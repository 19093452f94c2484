"""Finding 5: request size limits hold on the stream — a chunked body (no Content-Length) to the
API and to Gradio's upload route gets 413 as soon as it passes the limit, long before it ends."""

from __future__ import annotations

import select
import socket

import httpx

from service.container import build_services
from tests.conftest import add_user, make_settings
from tests.service.core.live import live_server
from tyokieli.app import create_app

TEN_MB = 10 * 1024 * 1024
CHUNK = 64 * 1024


def send_chunked(base: str, path: str, total: int, headers: dict[str, str], prefix: bytes = b"") -> tuple[int, int]:
    """Streams `total` bytes as a chunked body over a raw socket and stops when an answer comes.
    Returns (status, bytes sent before the answer)."""
    host, port = base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=30)
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
    app = create_app(settings, services, with_ui=True)
    with live_server(app) as base:
        signed_in = httpx.post(f"{base}/ui/login", data={"username": "test-teacher", "password": "hyva-salasana-1"})
        assert signed_in.status_code == 200, signed_in.text
        cookie = "; ".join(f"{k}={v}" for k, v in signed_in.cookies.items())
        part = b'--xyz\r\nContent-Disposition: form-data; name="files"; filename="iso.txt"\r\n\r\n'
        for path, headers, prefix in [
            ("/api/v1/analysis", {**participant.headers, "Content-Type": "application/json"}, b'{"text": "'),
            ("/ui/gradio_api/upload", {"Content-Type": "multipart/form-data; boundary=xyz", "Cookie": cookie}, part),
        ]:
            status, sent = send_chunked(base, path, TEN_MB, headers, prefix)
            assert status == 413, (path, status)
            assert sent < TEN_MB * 0.6, f"{path}: {sent:,} bytes were read before the 413"
    services.close()


def test_the_declared_length_is_refused_before_reading(client, users) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/v1/analysis", content=b"{}", headers={**users["participant"].headers,
                                                                  "Content-Length": str(50 * 1024 * 1024)})
    assert r.status_code == 413 and "too large" in r.json()["detail"]
