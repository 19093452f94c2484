"""`tyokieli db backup|restore`: consistent copies taken and put back while the server runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from service.container import Services
from service.core.backup import backup, restore
from service.core.errors import InvalidInput, NotFound
from tests.conftest import REPO, add_user
from tests.service.serving import running_server


def test_restore_brings_back_exactly_the_backed_up_data(services: Services, tmp_path: Path) -> None:
    url = services.db.url
    kept = add_user(services, "kept", "coach")
    result = backup(url, tmp_path / "before.bak")
    assert result["bytes"] > 0 and (tmp_path / "before.bak").exists()
    add_user(services, "added-later", "participant")
    services.users.revoke_user_tokens(kept.id)

    restore(url, tmp_path / "before.bak")

    # The running services (their engine and pool stay open) see the restored data.
    assert services.users.by_name("added-later") is None
    assert services.users.authenticate(kept.token).name == "kept"


def test_backup_while_another_worker_writes_is_consistent(services: Services, tmp_path: Path) -> None:
    stop = threading.Event()
    written: list[str] = []

    def writer() -> None:
        i = 0
        while not stop.is_set() and i < 200:
            name = f"w{i}"
            services.users.add_user(name, "participant")
            written.append(name)
            i += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        for n in range(3):
            backup(services.db.url, tmp_path / f"b{n}.bak")
    finally:
        stop.set()
        thread.join()
    restore(services.db.url, tmp_path / "b2.bak")
    names = [u["name"] for u in services.users.list_users()]
    # A snapshot: some prefix of the writes, with no gaps.
    assert names == written[: len(names)]


def test_restore_refuses_a_file_that_is_not_a_backup(services: Services, tmp_path: Path) -> None:
    add_user(services, "still-here", "teacher")
    junk = tmp_path / "junk.bak"
    junk.write_text("hello")
    with pytest.raises(InvalidInput):
        restore(services.db.url, junk)
    with pytest.raises(NotFound):
        restore(services.db.url, tmp_path / "missing.bak")
    assert services.users.by_name("still-here") is not None


def test_backup_needs_a_file_name_in_an_existing_folder(services: Services, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        backup(services.db.url, tmp_path)
    with pytest.raises(NotFound):
        backup(services.db.url, tmp_path / "no" / "such" / "x.bak")
    assert list(tmp_path.glob("*.partial")) == []


def test_a_sqlite_file_that_is_not_tyokieli_is_refused(services: Services, tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    if services.db.engine.dialect.name == "sqlite":
        with pytest.raises(InvalidInput, match="not a Työkieli database"):
            restore(services.db.url, other)
    else:
        with pytest.raises(InvalidInput, match="not a PostgreSQL backup"):
            restore(services.db.url, other)


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tyokieli.cli", *args], capture_output=True, text=True, env=env, cwd=REPO, timeout=120
    )


@pytest.mark.slow
@pytest.mark.parametrize("db_backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_backup_and_restore_commands_work_while_the_server_runs(
    tmp_path: Path, database_url: str | None, db_backend: str
) -> None:
    env = {**os.environ, "TYOKIELI_DATA_DIR": str(tmp_path / "data"), "TYOKIELI_ANALYSER": "fake", "TYOKIELI_ENVIRONMENT": "test"}
    if database_url:
        env["TYOKIELI_DATABASE_URL"] = database_url
    before = json.loads(_cli(env, "users", "add", "early", "--role", "admin", "--json").stdout)
    with running_server(env) as base:
        done = _cli(env, "db", "backup", str(tmp_path / "live.bak"), "--json")
        assert done.returncode == 0, done.stderr
        kind = {"sqlite": "sqlite", "postgres": "postgresql"}[db_backend]
        assert json.loads(done.stdout)["kind"] == kind
        late = json.loads(_cli(env, "users", "add", "late", "--role", "admin", "--json").stdout)
        assert httpx.get(f"{base}/api/v1/audit", headers={"Authorization": f"Bearer {late['token']}"}).status_code == 200

        refused = _cli(env, "db", "restore", str(tmp_path / "live.bak"), "--json")
        assert refused.returncode != 0 and refused.stdout == "" and "--yes" in refused.stderr
        done = _cli(env, "db", "restore", str(tmp_path / "live.bak"), "--yes", "--json")
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == {"path": str(tmp_path / "live.bak"), "kind": kind, "restored": True}

        # The running server answers from the restored data: the later user is gone, the earlier stays.
        assert httpx.get(f"{base}/api/v1/audit", headers={"Authorization": f"Bearer {late['token']}"}).status_code == 401
        assert httpx.get(f"{base}/api/v1/audit", headers={"Authorization": f"Bearer {before['token']}"}).status_code == 200
