"""A throw-away PostgreSQL server for the storage and API tests.

`PostgresCluster.start()` runs `initdb` in a fresh temporary directory (as the `postgres` user via
`runuser` when the tests run as root, since PostgreSQL refuses to run as root), starts the server
on 127.0.0.1 on a free port, and hands out one database per test, cloned from a template database
that the migrations have been run on. With TYOKIELI_TEST_POSTGRES_URL (a superuser URL such as
postgresql+psycopg://user:pw@127.0.0.1:5432/postgres) an existing server is used instead.

When PostgreSQL cannot be started, `PostgresUnavailable` says why; the fixtures turn that into a
skip with that reason.
"""

from __future__ import annotations

import itertools
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

USER = "tyokieli"


class PostgresUnavailable(RuntimeError):
    pass


def find_bin_dir() -> Path | None:
    """Debian keeps the server tools in /usr/lib/postgresql/<major>/bin; take the newest."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0
    )
    for d in reversed(candidates):
        if (d / "initdb").exists() and (d / "pg_ctl").exists():
            return d
    which = shutil.which("pg_ctl")
    return Path(which).parent if which else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresCluster:
    def __init__(self, admin_url: str, *, data_dir: Path | None = None, bin_dir: Path | None = None, as_user: str | None = None) -> None:
        self.admin_url = admin_url
        self.data_dir = data_dir
        self.bin_dir = bin_dir
        self.as_user = as_user
        self._names = itertools.count(1)
        self._prefix = f"t{os.getpid()}_"
        self.template: str | None = None

    # ---- life cycle ---------------------------------------------------------------------------
    @classmethod
    def start(cls) -> PostgresCluster:
        existing = os.environ.get("TYOKIELI_TEST_POSTGRES_URL")
        if existing:
            return cls(existing)
        bin_dir = find_bin_dir()
        if bin_dir is None:
            raise PostgresUnavailable("PostgreSQL is not installed (apt-get install postgresql; `make test` does it)")
        as_user = None
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                raise PostgresUnavailable("running as root without `runuser` to start PostgreSQL as another user")
            try:
                import pwd

                pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailable("running as root and there is no 'postgres' user to run the server") from None
            as_user = "postgres"
        root = Path(tempfile.mkdtemp(prefix="tyokieli-pg-"))
        password = secrets.token_urlsafe(16)
        (root / "pw").write_text(password)
        if as_user:
            shutil.chown(root, as_user)
            shutil.chown(root / "pw", as_user)
        data = root / "data"
        cluster = cls("", data_dir=data, bin_dir=bin_dir, as_user=as_user)
        cluster._run(
            "initdb", "-D", str(data), "-U", USER, "--auth=scram-sha-256", f"--pwfile={root / 'pw'}",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )
        for attempt in range(5):
            port = free_port()
            options = f"-h 127.0.0.1 -p {port} -k {root} -c fsync=off -c full_page_writes=off -c max_connections=200"
            try:
                cluster._run("pg_ctl", "-D", str(data), "-l", str(root / "log"), "-o", options, "-w", "-t", "60", "start")
                break
            except PostgresUnavailable:
                if attempt == 4:
                    raise
                time.sleep(0.2)
        cluster.admin_url = f"postgresql+psycopg://{USER}:{password}@127.0.0.1:{port}/postgres"
        return cluster

    def _run(self, tool: str, *args: str) -> None:
        assert self.bin_dir is not None
        cmd = [str(self.bin_dir / tool), *args]
        if self.as_user:
            cmd = ["runuser", "-u", self.as_user, "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, cwd="/", timeout=120)
        if done.returncode != 0:
            log = ""
            if self.data_dir is not None and (self.data_dir.parent / "log").exists():
                log = (self.data_dir.parent / "log").read_text()[-2000:]
            raise PostgresUnavailable(f"{tool} failed: {done.stderr.strip()[-1000:]} {log}")

    def stop(self) -> None:
        if self.data_dir is None:
            return
        try:
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
        except PostgresUnavailable:
            pass
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)

    # ---- databases ----------------------------------------------------------------------------
    def url_for(self, name: str) -> str:
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def _admin(self, *statements: str) -> None:
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                for statement in statements:
                    conn.execute(text(statement))
        finally:
            engine.dispose()

    def create_database(self, *, migrated: bool = True) -> str:
        """A new, empty database (or a clone of the migrated template); returns its URL."""
        name = f"{self._prefix}{next(self._names)}"
        if migrated:
            self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self._migrated_template()}"')
        else:
            self._admin(f'CREATE DATABASE "{name}"')
        return self.url_for(name)

    def drop_database(self, url: str) -> None:
        name = make_url(url).database
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _migrated_template(self) -> str:
        if self.template is None:
            from service.core.db import Database

            name = f"{self._prefix}template"
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
            db = Database(self.url_for(name))
            try:
                db.migrate()
            finally:
                db.dispose()
            self.template = name
        return self.template
