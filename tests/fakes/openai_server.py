"""A real OpenAI-compatible HTTP server on 127.0.0.1 for tests and benchmarks.

The real `openai` and `langchain-openai` clients talk to it over HTTP. It answers from a scripted
queue (good JSON, malformed output, a delay, an error status, a "malicious" reply) and records every
request it received, so a test can check both what the model was sent and what the learner got.

    with FakeOpenAIServer() as server:
        server.enqueue_json({"reply": "Hei!", "goal_addressed": None, "in_role": True})
        client = OpenAI(base_url=server.base_url, api_key="dummy")
        ...
        assert "Hei" in server.requests[0].body["messages"][0]["content"]
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class ScriptedReply:
    """One answer of the fake model. `content` is the assistant message text (or transcription)."""

    content: str = ""
    delay_s: float = 0.0  # wait before answering (a slow or hanging model)
    status: int = 200  # a non-200 status answers with an OpenAI-style error body
    chunk_chars: int = 8  # size of the pieces of a streamed answer


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]
    body: dict[str, Any] = field(default_factory=dict)  # the parsed JSON body (empty for uploads)
    raw: bytes = b""

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))

    def text(self) -> str:
        """Every message content of this request joined: what the model was shown."""
        parts = []
        for m in self.messages:
            content = m.get("content")
            if isinstance(content, list):  # content parts
                parts.extend(str(p.get("text", "")) for p in content if isinstance(p, dict))
            else:
                parts.append(str(content or ""))
        return "\n".join(parts)


class FakeOpenAIServer:
    def __init__(self, default: ScriptedReply | None = None) -> None:
        self.default = default or ScriptedReply(content='{"reply": "Selvä.", "goal_addressed": null, "in_role": true}')
        self.requests: list[RecordedRequest] = []
        self._chat: deque[ScriptedReply] = deque()
        self._transcriptions: deque[ScriptedReply] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- scripting --------------------------------------------------------------------------------
    def enqueue(self, content: str, *, delay_s: float = 0.0, status: int = 200, chunk_chars: int = 8) -> None:
        with self._lock:
            self._chat.append(ScriptedReply(content, delay_s, status, chunk_chars))

    def enqueue_json(self, data: dict[str, Any], *, delay_s: float = 0.0) -> None:
        self.enqueue(json.dumps(data, ensure_ascii=False), delay_s=delay_s)

    def enqueue_transcription(self, text: str, *, delay_s: float = 0.0, status: int = 200) -> None:
        with self._lock:
            self._transcriptions.append(ScriptedReply(text, delay_s, status))

    def pending(self) -> int:
        with self._lock:
            return len(self._chat)

    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def _next(self, queue: deque[ScriptedReply]) -> ScriptedReply:
        with self._lock:
            return queue.popleft() if queue else self.default

    # -- life cycle -------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "start the server first"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> FakeOpenAIServer:
        server = self

        class Handler(_Handler):
            fake = server

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="fake-openai", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers that are sleeping through a scripted delay
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOpenAIServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *_: Any) -> None:  # keep test output clean
        pass

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        body: dict[str, Any] = {}
        if "json" in (self.headers.get("content-type") or ""):
            try:
                body = json.loads(raw or b"{}")
            except json.JSONDecodeError:
                body = {}
        record = RecordedRequest(self.path, {k.lower(): v for k, v in self.headers.items()}, body, raw)
        with self.fake._lock:
            self.fake.requests.append(record)

        if self.path.endswith("/chat/completions"):
            reply = self.fake._next(self.fake._chat)
            if not self._wait(reply):
                return
            if reply.status != 200:
                self._error(reply.status, reply.content or "scripted failure")
            elif body.get("stream"):
                self._stream(reply, body)
            else:
                self._json(200, _completion(reply.content, body))
        elif self.path.endswith("/audio/transcriptions"):
            reply = self.fake._next(self.fake._transcriptions)
            if not self._wait(reply):
                return
            if reply.status != 200:
                self._error(reply.status, reply.content or "scripted failure")
            else:
                self._json(200, {"text": reply.content})
        else:
            self._error(404, f"no route {self.path}")

    def _wait(self, reply: ScriptedReply) -> bool:
        if reply.delay_s > 0:
            return not self.fake._stopping.wait(reply.delay_s)
        return True

    def _json(self, status: int, data: dict[str, Any]) -> None:
        payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        try:
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a time-out test)
            pass

    def _error(self, status: int, message: str) -> None:
        self._json(status, {"error": {"message": message, "type": "fake_error", "code": status}})

    def _stream(self, reply: ScriptedReply, body: dict[str, Any]) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.send_header("connection", "close")
        self.end_headers()
        self.close_connection = True
        cid, model, created = f"chatcmpl-{uuid.uuid4().hex[:12]}", body.get("model", "fake"), int(time.time())
        pieces = [reply.content[i : i + reply.chunk_chars] for i in range(0, len(reply.content), reply.chunk_chars)]
        deltas: list[dict[str, Any]] = [{"role": "assistant", "content": ""}] + [{"content": p} for p in pieces]
        try:
            for i, delta in enumerate(deltas + [{}]):
                chunk = {
                    "id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": "stop" if i == len(deltas) else None}],
                }
                self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                self.wfile.flush()
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


def _completion(content: str, body: dict[str, Any]) -> dict[str, Any]:
    prompt_words = sum(len(str(m.get("content", "")).split()) for m in body.get("messages", []))
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:12]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "fake"),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": prompt_words, "completion_tokens": len(content.split()),
                  "total_tokens": prompt_words + len(content.split())},
    }


def _fixture() -> Any:
    import pytest

    @pytest.fixture
    def openai_server() -> Any:
        """A started FakeOpenAIServer; import this name into a test module (or a conftest) to use it."""
        with FakeOpenAIServer() as server:
            yield server

    return openai_server


openai_server = _fixture()
