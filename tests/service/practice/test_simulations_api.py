from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from service.practice.models import SimulationTurn
from tests.simulations.dialogues import DIALOGUES

SID = "cleaning-call-in-sick"


def _start(client, user, scenario=SID, **body):  # type: ignore[no-untyped-def]
    r = client.post("/api/v1/simulations", json={"scenario": scenario, **body}, headers=user.headers)
    assert r.status_code == 201, r.text
    return r.json()


def test_scenarios_are_listed_with_their_contract_fields(client, users) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/api/v1/scenarios", headers=users["participant"].headers)
    assert r.status_code == 200
    scenarios = r.json()["scenarios"]
    assert len(scenarios) >= 12
    assert {"id", "title", "task", "sector", "levels"} <= set(scenarios[0])


def test_a_whole_conversation_over_http(client, users) -> None:  # type: ignore[no-untyped-def]
    p = users["participant"]
    started = _start(client, p, level="A2")
    assert started["partner_turn"]["text"] == "Mervi puhelimessa, hei."
    for text in DIALOGUES[SID]:
        r = client.post(f"/api/v1/simulations/{started['id']}/turns", json={"text": text}, headers=p.headers)
        assert r.status_code == 200, r.text
        body = r.json()
        assert {"partner_turn", "feedback", "goals", "finished"} <= set(body)
    assert body["finished"] is True and all(g["reached"] for g in body["goals"])
    got = client.get(f"/api/v1/simulations/{started['id']}", headers=p.headers).json()
    assert [t["role"] for t in got["transcript"]][:3] == ["partner", "learner", "partner"]
    assert len(got["transcript"]) == 1 + 2 * len(DIALOGUES[SID])
    # one goal count everywhere: the required goals (4; the farewell is optional)
    assert got["report"]["goals_reached"] == got["report"]["goals_total"] == 4
    assert got["report"]["skills"]["speaking"]["cefr"] in {"A1", "A2", "B1", "B2"}
    history = client.get("/api/v1/simulations", headers=p.headers).json()["sessions"]
    assert history[0]["id"] == started["id"] and history[0]["finished"]


def test_the_report_is_kept_for_the_coachs_readiness_view(client, users, services) -> None:  # type: ignore[no-untyped-def]
    p = users["participant"]
    sid = _start(client, p)["id"]
    client.post(f"/api/v1/simulations/{sid}/turns", json={"text": "Hei, tässä on Amina."}, headers=p.headers)
    client.post(f"/api/v1/simulations/{sid}/finish", headers=p.headers)
    [row] = services.simulations.finished_reports(p.id)
    assert row["id"] == sid and row["task"] == "cleaning-office" and row["report"]["goals_reached"] == 1


def test_unknown_scenario_is_404(client, users) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/v1/simulations", json={"scenario": "no-such"}, headers=users["participant"].headers)
    assert r.status_code == 404 and "no-such" in r.json()["detail"]


def test_bad_level_and_missing_scenario_are_422(client, users) -> None:  # type: ignore[no-untyped-def]
    h = users["participant"].headers
    assert client.post("/api/v1/simulations", json={"scenario": SID, "level": "C2"}, headers=h).status_code == 422
    assert client.post("/api/v1/simulations", json={}, headers=h).status_code == 422
    assert client.post("/api/v1/simulations", json={"scenario": SID}).status_code == 401


def test_unknown_and_foreign_sessions_are_404(client, users) -> None:  # type: ignore[no-untyped-def]
    sid = _start(client, users["participant"])["id"]
    other = users["teacher"].headers
    for method, path, body in [("post", f"/api/v1/simulations/{sid}/turns", {"text": "Hei"}),
                               ("post", f"/api/v1/simulations/{sid}/finish", None),
                               ("get", f"/api/v1/simulations/{sid}", None),
                               ("post", "/api/v1/simulations/nope/turns", {"text": "Hei"})]:
        r = client.request(method.upper(), path, json=body, headers=other)
        assert r.status_code == 404 and r.json()["detail"], path


def test_turn_after_finish_is_refused_and_finishing_twice_is_harmless(client, users) -> None:  # type: ignore[no-untyped-def]
    p = users["participant"]
    sid = _start(client, p)["id"]
    first = client.post(f"/api/v1/simulations/{sid}/finish", headers=p.headers)
    second = client.post(f"/api/v1/simulations/{sid}/finish", headers=p.headers)
    assert first.status_code == second.status_code == 200 and first.json() == second.json()
    r = client.post(f"/api/v1/simulations/{sid}/turns", json={"text": "Hei"}, headers=p.headers)
    assert r.status_code == 409 and "finished" in r.json()["detail"]


def test_empty_turn_is_a_redirect_and_a_huge_turn_is_cut_with_notice(client, users) -> None:  # type: ignore[no-untyped-def]
    p = users["participant"]
    sid = _start(client, p)["id"]
    empty = client.post(f"/api/v1/simulations/{sid}/turns", json={"text": ""}, headers=p.headers)
    assert empty.status_code == 200 and empty.json()["partner_turn"]["kind"] == "redirect"
    huge = client.post(f"/api/v1/simulations/{sid}/turns", json={"text": "sana " * 1000}, headers=p.headers)
    assert huge.status_code == 200 and any("too long" in n for n in huge.json()["notices"])


def test_hint_gives_what_to_say(client, users) -> None:  # type: ignore[no-untyped-def]
    p = users["participant"]
    sid = _start(client, p)["id"]
    r = client.post(f"/api/v1/simulations/{sid}/hint", headers=p.headers)
    assert r.status_code == 200 and r.json()["text"] == "Sano: Hei, tässä on (nimi)."


def test_two_turns_at_once_are_both_stored_one_after_the_other(client, users, services) -> None:  # type: ignore[no-untyped-def]
    p = users["participant"]
    sid = _start(client, p)["id"]
    texts = ["Hei, tässä on Amina.", "Olen sairas."]
    results: list[int] = []
    barrier = threading.Barrier(2)

    def send(text: str) -> None:
        barrier.wait()
        results.append(client.post(f"/api/v1/simulations/{sid}/turns", json={"text": text}, headers=p.headers).status_code)

    threads = [threading.Thread(target=send, args=(t,)) for t in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200, 200]
    with services.db.session() as s:
        rows = s.scalars(select(SimulationTurn).where(SimulationTurn.session_id == sid).order_by(SimulationTurn.seq)).all()
        assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
        assert [r.role for r in rows] == ["partner", "learner", "partner", "learner", "partner"]
        assert sorted(r.text for r in rows if r.role == "learner") == sorted(texts)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).with_name("tyokieli")
    proc = subprocess.Popen([str(exe), "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise AssertionError("tyokieli serve did not start")


@pytest.mark.slow
def test_every_acknowledged_turn_survives_a_killed_server(tmp_path: Path) -> None:
    env = {**os.environ, "TYOKIELI_DATA_DIR": str(tmp_path / "data"), "TYOKIELI_ENVIRONMENT": "test"}
    token = subprocess.run([str(Path(sys.executable).with_name("tyokieli")), "users", "add", "kim", "--role", "participant",
                            "--json"], env=env, capture_output=True, text=True, check=True)
    import json

    h = {"Authorization": f"Bearer {json.loads(token.stdout)['token']}"}
    port = _free_port()
    base = f"http://127.0.0.1:{port}/api/v1"
    proc = _serve(env, port)
    acknowledged: list[str] = []
    try:
        sid = httpx.post(f"{base}/simulations", json={"scenario": SID}, headers=h, timeout=30).json()["id"]
        for i, text in enumerate(DIALOGUES[SID][:4]):
            r = httpx.post(f"{base}/simulations/{sid}/turns", json={"text": text}, headers=h, timeout=30)
            assert r.status_code == 200
            acknowledged.append(text)
            if i in (1, 2):  # kill the worker between turns, then start it again
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                proc = _serve(env, port)
        transcript = httpx.get(f"{base}/simulations/{sid}", headers=h, timeout=30).json()["transcript"]
        assert [t["text"] for t in transcript if t["role"] == "learner"] == acknowledged
    finally:
        proc.kill()
        proc.wait()


def test_each_turn_gets_spoken_feedback_and_the_partner_goes_on(client, users) -> None:  # type: ignore[no-untyped-def]
    p = users["participant"]
    sid = _start(client, p)["id"]
    client.post(f"/api/v1/simulations/{sid}/turns", json={"text": "Hei, tässä on Amina."}, headers=p.headers)
    body = client.post(f"/api/v1/simulations/{sid}/turns", json={"text": "Minä on sairas."}, headers=p.headers).json()
    assert [i["category"] for i in body["feedback"]] == ["agreement"]
    assert body["feedback"][0]["message"] and body["feedback"][0]["message_en"]
    assert body["partner_turn"]["text"] == "Voi ei. Kuinka kauan olet poissa?"
    report = client.post(f"/api/v1/simulations/{sid}/finish", headers=p.headers).json()["report"]
    assert report["errors"]["by_category"][0]["category"] == "agreement"


class _InterruptingPartner:
    """A scripted partner that, while "thinking" about its first reply, lets another process (another
    SimulationService on the same database) store a turn on the same session."""

    name = "scripted"

    def __init__(self, other, user_id: int, session_id: str) -> None:  # type: ignore[no-untyped-def]
        from simulations.partners.scripted import ScriptedPartner

        self.inner, self.other, self.user_id, self.session_id = ScriptedPartner(), other, user_id, session_id
        self.calls = 0

    def reply(self, session, turn):  # type: ignore[no-untyped-def]
        self.calls += 1
        if self.calls == 1:
            self.other.turn(self.user_id, self.session_id, "Hei, tässä on Amina.")
        return self.inner.reply(session, turn)


def test_a_turn_stored_by_another_process_meanwhile_is_kept_and_ours_follows_it(services, users) -> None:  # type: ignore[no-untyped-def]
    from finnish.feedback import FeedbackEngine
    from service.practice.partners import build_engine, build_partner
    from service.practice.service import SimulationService
    from simulations.library import build_library

    def another_process(partner: Any) -> SimulationService:
        engine = build_engine(build_library().view(), services.analyser, FeedbackEngine(services.analyser), partner)
        return SimulationService(services.db, engine)

    p = users["participant"]
    sid = services.simulations.start(p.id, SID)["id"]
    other_process = another_process(build_partner(services.settings))
    partner = _InterruptingPartner(other_process, p.id, sid)
    ours = another_process(partner)
    result = ours.turn(p.id, sid, "Olen sairas.")
    assert partner.calls == 2  # computed again on top of the other turn
    assert result["partner_turn"]["text"] == "Voi ei. Kuinka kauan olet poissa?"
    transcript = services.simulations.get(p.id, sid)["transcript"]
    assert [t["text"] for t in transcript if t["role"] == "learner"] == ["Hei, tässä on Amina.", "Olen sairas."]
    assert [t["seq"] for t in transcript] == [1, 2, 3, 4, 5]
