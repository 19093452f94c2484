"""Two app machines behind a load balancer on one PostgreSQL, as docs/deploy describes: two
separate `tyokieli serve` processes share only the database, and a learner whose turns alternate
between them (as a round-robin balancer without sticky sessions would send API calls) loses nothing
and sees one consistent conversation."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.service.core.test_workers import _env, _token
from tests.service.serving import running_server

TURNS = ["Hei, tässä on Amina.", "Olen sairas tänään.", "Minulla on kuumetta.", "Tulen takaisin maanantaina.",
         "Kiitos, näkemiin."]


@pytest.mark.slow
@pytest.mark.postgres
def test_turns_alternating_between_two_servers_on_one_postgresql_are_all_kept_in_order(
    tmp_path: Path, database_url: str | None
) -> None:
    assert database_url is not None
    env_a = _env(tmp_path / "a", database_url)
    env_b = _env(tmp_path / "b", database_url)  # its own data dir: nothing shared but the database
    learner = _token(env_a, "vuorotteleva")
    with running_server(env_a, log=tmp_path / "a.log") as a, running_server(env_b, log=tmp_path / "b.log") as b:
        servers = [httpx.Client(base_url=u, headers=learner, timeout=60) for u in (a, b)]
        started = servers[0].post("/api/v1/simulations", json={"scenario": "cleaning-call-in-sick"})
        assert started.status_code == 201, started.text
        sid = started.json()["id"]
        acknowledged = []
        for i, text in enumerate(TURNS):
            r = servers[(i + 1) % 2].post(f"/api/v1/simulations/{sid}/turns", json={"text": text})
            if r.status_code == 409:  # the conversation reached its end
                break
            assert r.status_code == 200, r.text
            acknowledged.append(text)
            if r.json()["finished"]:
                break
        views = [s.get(f"/api/v1/simulations/{sid}").json()["transcript"] for s in servers]
        for s in servers:
            s.close()
    assert views[0] == views[1]  # both machines tell the same conversation
    learner_lines = [t["text"] for t in views[0] if t["role"] == "learner"]
    assert learner_lines == acknowledged and len(acknowledged) >= 3
    seqs = [t["seq"] for t in views[0]]
    assert seqs == list(range(1, len(seqs) + 1))  # no gaps, no duplicates across the two machines
