"""Finding 1 and 6: heavy uploads and analyses run in the bounded worker pool, so `/health` (on the
event loop, without any pool) answers at once while they run; a full pool answers 503 with
Retry-After; a .docx bomb is refused by its limits (422), not parsed for a minute."""

from __future__ import annotations

import io
import threading
import time
import zipfile

import httpx
import pytest

from service.core.workers import Busy, WorkerPool
from tests.conftest import add_user
from tests.service.core.live import health_latencies_while, live_server
from tests.service.profile_helpers import cleaning_text, docx_bytes
from tyokieli.app import create_app

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_with_body(body: bytes) -> bytes:
    """A real .docx whose document.xml is replaced by `body` (kept deflated: a tiny file)."""
    real = zipfile.ZipFile(io.BytesIO(docx_bytes(["Siivoan toimiston."])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in real.infolist():
            data = body if info.filename == "word/document.xml" else real.read(info)
            z.writestr(info.filename, data)
    return out.getvalue()


def paragraph_bomb(n: int) -> bytes:
    return docx_with_body(f'<w:document {W}><w:body>'.encode() + b"<w:p/>" * n + b"</w:body></w:document>")


def upload_in_background(base: str, headers: dict[str, str], name: str, data: bytes, out: list[httpx.Response]) -> threading.Thread:
    def go() -> None:
        out.append(httpx.post(f"{base}/api/v1/profiles/upload", data={"title": "Toimiston siivous"},
                              files=[("files", (name, data))], headers=headers, timeout=300))

    thread = threading.Thread(target=go)
    thread.start()
    return thread


@pytest.mark.slow
def test_health_answers_within_100_ms_while_a_docx_bomb_and_a_200k_text_are_uploaded(services, settings) -> None:  # type: ignore[no-untyped-def]
    teacher = add_user(services, "opettaja", "teacher")
    app = create_app(settings, services, with_ui=False)
    long_text = (cleaning_text() + "\n\n") * (200_000 // (len(cleaning_text()) + 2))
    long_text = long_text[:199_000]
    bomb = paragraph_bomb(2_000_000)
    assert len(bomb) < 100_000
    with live_server(app) as base:
        answers: list[httpx.Response] = []
        work = [upload_in_background(base, teacher.headers, "pommi.docx", bomb, answers),
                upload_in_background(base, teacher.headers, "pitka.txt", long_text.encode(), answers)]
        watcher = threading.Thread(target=lambda: [w.join() for w in work])
        watcher.start()
        latencies = health_latencies_while(base, watcher)
    assert len(latencies) >= 3, "the uploads ended before /health could be asked during them"
    # On a quiet machine every answer is under 100 ms; on a shared CI box the scheduler alone can
    # add a few hundred, so the typical answer must be under 100 ms and none may wait a second
    # (before the pool, every answer waited for the whole parse: 15-45 s).
    ordered = sorted(latencies)
    typical = ordered[int(len(ordered) * 0.9)]
    assert typical < 0.1, f"/health took {typical * 1000:.0f} ms (90th percentile) during the uploads"
    assert ordered[-1] < 1.0, f"/health took up to {ordered[-1] * 1000:.0f} ms during the uploads"
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [200, 422], [r.text[:200] for r in answers]
    refused = next(r for r in answers if r.status_code == 422)
    assert "paragraphs" in refused.json()["detail"]


def test_a_docx_that_unpacks_too_large_is_422_saying_so(client, users) -> None:  # type: ignore[no-untyped-def]
    body = f'<w:document {W}><w:body><w:p><w:r><w:t>Siivoan.</w:t></w:r></w:p>'.encode()
    bomb = docx_with_body(body + b" " * (30 * 1024 * 1024) + b"</w:body></w:document>")
    assert len(bomb) < 200_000
    r = client.post("/api/v1/profiles/upload", data={"title": "Siivous"}, files=[("files", ("iso.docx", bomb))],
                    headers=users["teacher"].headers)
    assert r.status_code == 422, r.text
    assert "unpacks" in r.json()["detail"]


def test_docx_tables_and_paragraphs_keep_document_order() -> None:
    from service.profiles.ingest import Ingest, Upload

    row = ("<w:tr><w:tc><w:p><w:r><w:t>Imuroi lattia</w:t></w:r></w:p></w:tc>"
           "<w:tc><w:p><w:r><w:t>joka päivä</w:t></w:r></w:p></w:tc></w:tr>")
    body = (f"<w:document {W}><w:body><w:p><w:r><w:t>Siivoan toimiston aamulla ennen kuin työntekijät tulevat."
            f"</w:t></w:r></w:p><w:tbl>{row}</w:tbl><w:p><w:r><w:t>Tyhjennän roskakorit ja pyyhin pöydät.</w:t>"
            "</w:r></w:p></w:body></w:document>")
    text = Ingest(5_000_000, 200_000).upload(Upload("ohje.docx", docx_with_body(body.encode()))).text
    assert text.index("aamulla") < text.index("Imuroi lattia – joka päivä") < text.index("roskakorit")


def test_a_full_pool_refuses_at_once_with_503_and_retry_after() -> None:
    pool = WorkerPool(threads=1, queue=1)
    release = threading.Event()
    try:
        running = [threading.Thread(target=pool.call, args=(release.wait, 10)) for _ in range(2)]
        for t in running:
            t.start()
        deadline = time.monotonic() + 5
        while pool.pending < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        with pytest.raises(Busy) as refused:
            pool.call(time.sleep, 0)
        assert refused.value.status_code == 503 and refused.value.headers["Retry-After"].isdigit()
        release.set()
        for t in running:
            t.join()
        assert pool.pending == 0 and pool.call(sum, [1, 2]) == 3  # room again once the jobs are done
    finally:
        release.set()
        pool.close()


def test_a_busy_pool_answers_the_api_with_503_and_ready_says_not_ready(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from service.container import build_services
    from tests.conftest import make_settings

    settings = make_settings(tmp_path, analyser="fake", worker_threads=1, worker_queue=0)
    services = build_services(settings)
    release = threading.Event()
    try:
        user = add_user(services, "oppija", "participant")
        blocker = threading.Thread(target=services.workers.call, args=(release.wait, 10))
        blocker.start()
        while services.workers.pending < 1:
            time.sleep(0.01)
        with TestClient(create_app(settings, services, with_ui=False)) as client:
            r = client.post("/api/v1/analysis", json={"text": "Siivoan huoneen."}, headers=user.headers)
            assert r.status_code == 503 and r.headers["Retry-After"].isdigit(), r.text
            assert client.get("/health").status_code == 200
            assert client.get("/ready").status_code == 503
            release.set()
            blocker.join()
            assert client.get("/ready").json()["status"] == "ready"
            assert client.post("/api/v1/analysis", json={"text": "Siivoan huoneen."}, headers=user.headers).status_code == 200
    finally:
        release.set()
        services.close()
