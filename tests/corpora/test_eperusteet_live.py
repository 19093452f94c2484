"""The live ePerusteet path, without the network: httpx's MockTransport in-process, and a tiny HTTP
server on 127.0.0.1 for the CLI."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from corpora.eperusteet import EperusteetError, fetch_qualification, find_peruste_id
from corpora.qualifications import read_qualification
from tests.corpora.test_eperusteet import qualification_doc, unit_2019
from tyokieli.cli import app

BASE = "http://eperusteet.test/api/external"


def transport(routes: dict[str, Any], seen: list[httpx.Request] | None = None) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        body = routes.get(request.url.path)
        if body is None:
            return httpx.Response(404, json={"syy": "ei löydy"})
        return httpx.Response(200, json=body)

    return httpx.MockTransport(handle)


def test_fetch_by_id_reads_the_peruste_endpoint() -> None:
    seen: list[httpx.Request] = []
    q = fetch_qualification(6777660, BASE, transport=transport({"/api/external/peruste/6777660": qualification_doc(unit_2019())}, seen))
    assert q.name == "Kaivosalan perustutkinto"
    assert [u.code for u in q.units] == ["106442"]
    assert seen[0].headers["accept"] == "application/json"


def test_koulutuskoodi_is_looked_up_in_the_perusteet_listing() -> None:
    seen: list[httpx.Request] = []
    routes = {"/api/external/perusteet": {"data": [{"id": 7654321, "nimi": {"fi": "Puhtaus- ja kiinteistöpalvelualan perustutkinto"}}]}}
    assert find_peruste_id("381141", BASE, transport=transport(routes, seen)) == 7654321
    assert seen[0].url.params["koulutuskoodi"] == "381141"


def test_an_unknown_id_and_an_empty_listing_are_clear_errors() -> None:
    with pytest.raises(EperusteetError, match="no such document"):
        fetch_qualification(1, BASE, transport=transport({}))
    with pytest.raises(EperusteetError, match="no qualification with koulutuskoodi 381141"):
        find_peruste_id("381141", BASE, transport=transport({"/api/external/perusteet": {"data": []}}))
    with pytest.raises(EperusteetError, match="six digits"):
        find_peruste_id("38", BASE, transport=transport({}))


@pytest.mark.parametrize(
    ("error", "message"),
    [(httpx.ConnectError("refused"), "cannot reach ePerusteet"), (httpx.ReadTimeout("slow"), "did not answer within 3 s")],
)
def test_a_network_failure_is_one_clear_line(error: Exception, message: str) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise error

    with pytest.raises(EperusteetError) as err:
        fetch_qualification(5, BASE, timeout=3, transport=httpx.MockTransport(fail))
    assert message in str(err.value) and "\n" not in str(err.value)


class _Handler(BaseHTTPRequestHandler):
    doc: dict[str, Any] = {}

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path.rstrip("/").endswith("/peruste/6777660"):
            body = json.dumps(self.doc).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def eperusteet_server() -> Iterator[str]:
    _Handler.doc = qualification_doc(unit_2019())
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/external"
    server.shutdown()
    server.server_close()


def test_cli_imports_by_id_from_the_live_api_into_the_data_directory(
    eperusteet_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TYOKIELI_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(app, ["import", "eperusteet", "--id", "6777660", "--api", eperusteet_server, "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["name"] == "Kaivosalan perustutkinto" and doc["units"] == 1
    assert read_qualification(Path(doc["file"])).units[0].requirements


def test_cli_reports_an_unreachable_api_in_one_line_with_exit_2(
    eperusteet_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TYOKIELI_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(app, ["import", "eperusteet", "--id", "1", "--api", eperusteet_server])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0 and "no such document" in result.stderr
    assert "Traceback" not in result.output


def test_cli_import_of_a_file_that_is_not_eperusteet_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TYOKIELI_DATA_DIR", str(tmp_path / "data"))
    bad = tmp_path / "other.json"
    bad.write_text('{"hello": 1}')
    result = CliRunner().invoke(app, ["import", "eperusteet", str(bad)])
    assert result.exit_code == 2
    assert "not an ePerusteet qualification document" in result.stderr
