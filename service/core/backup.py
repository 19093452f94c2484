"""`tyokieli db backup|restore`: a consistent copy of the whole database, taken and put back while
the server runs.

- SQLite: the online backup API copies a consistent snapshot page by page (writers wait for a
  moment, readers never); the copy is one self-contained file (journal mode DELETE). Restoring
  copies the backup into the live file the same way, so running workers see the restored data
  on their next transaction.
- PostgreSQL: `pg_dump --format=custom` (one consistent snapshot) and `pg_restore --clean
  --single-transaction` (all or nothing). The tools come from the Debian `postgresql-client`.

After a restore the migrations run, so an older backup is brought up to the running code.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import TypedDict

from sqlalchemy.engine import make_url

from service.core.errors import InvalidInput, NotFound, Unavailable

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupDone(TypedDict):
    path: str
    kind: str  # sqlite | postgresql
    bytes: int


class RestoreDone(TypedDict):
    path: str
    kind: str
    restored: bool


def backup(database_url: str, path: Path) -> BackupDone:
    """Writes a backup of the database at `database_url` to `path` (atomically: a temporary file
    renamed into place, so a failed backup never leaves a half-written file under that name)."""
    path = Path(path)
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder: give a file name for the backup.")
    if not path.parent.exists():
        raise NotFound(f"The folder {path.parent} does not exist.")
    partial = path.with_name(path.name + ".partial")
    kind = _kind(database_url)
    try:
        if kind == "sqlite":
            _sqlite_copy(_sqlite_path(database_url), partial, into_live=False)
        else:
            _pg_tool("pg_dump", database_url, "--format=custom", "--no-owner", "--no-privileges", "-f", str(partial))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return {"path": str(path), "kind": kind, "bytes": path.stat().st_size}


def restore(database_url: str, path: Path) -> RestoreDone:
    """Replaces the whole content of the database with the backup at `path`, then migrates."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"No backup file at {path}.")
    kind = _kind(database_url)
    head = path.read_bytes()[:16] if path.stat().st_size else b""
    if kind == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise InvalidInput(f"{path} is not a SQLite backup of Työkieli (made by `tyokieli db backup` on SQLite).")
        _check_sqlite_backup(path)
        _sqlite_copy(path, _sqlite_path(database_url), into_live=True)
    else:
        if not head.startswith(PG_MAGIC):
            raise InvalidInput(f"{path} is not a PostgreSQL backup (made by `tyokieli db backup` on PostgreSQL).")
        _pg_tool(
            "pg_restore", database_url, "--clean", "--if-exists", "--no-owner", "--no-privileges",
            "--single-transaction", str(path),
        )
    from service.core.db import Database

    db = Database(database_url)
    try:
        db.migrate()
    finally:
        db.dispose()
    return {"path": str(path), "kind": kind, "restored": True}


def _kind(database_url: str) -> str:
    backend = make_url(database_url).get_backend_name()
    if backend in ("sqlite", "postgresql"):
        return backend
    raise InvalidInput(f"Backups work on SQLite and PostgreSQL; this database is {backend}.")


def _sqlite_path(database_url: str) -> Path:
    name = make_url(database_url).database
    if not name or name == ":memory:":
        raise InvalidInput("An in-memory database cannot be backed up.")
    return Path(name)


def _sqlite_copy(source: Path, target: Path, *, into_live: bool) -> None:
    if not source.exists():
        raise NotFound(f"There is no database file at {source} yet.")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(str(target), timeout=30)
    try:
        dst.execute("PRAGMA busy_timeout=30000")
        src.backup(dst)  # one step: a consistent snapshot of the source
        if not into_live:
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        dst.close()
        src.close()


def _check_sqlite_backup(path: Path) -> None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        ok = con.execute("PRAGMA quick_check").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(f"{path} is damaged: {exc}.") from None
    finally:
        con.close()
    if ok != "ok":
        raise InvalidInput(f"{path} is damaged ({ok}); it was not restored.")
    if not {"alembic_version", "users"} <= tables:
        raise InvalidInput(f"{path} is a SQLite file but not a Työkieli database; it was not restored.")


def pg_tool_path(tool: str) -> str | None:
    """The newest server-version tool from /usr/lib/postgresql/*/bin, else the one on PATH."""
    versions = sorted(
        (p for p in Path("/usr/lib/postgresql").glob(f"*/bin/{tool}") if p.parent.parent.name.isdigit()),
        key=lambda p: int(p.parent.parent.name),
    )
    return str(versions[-1]) if versions else shutil.which(tool)


def _pg_tool(tool: str, database_url: str, *args: str) -> None:
    exe = pg_tool_path(tool)
    if exe is None:
        raise Unavailable(f"{tool} is not installed: apt-get install postgresql-client.")
    url = make_url(database_url)
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = url.password  # never on the command line, where `ps` would show it
    conn = ["-h", url.host or "localhost", "-p", str(url.port or 5432), "-d", url.database or "postgres"]
    if url.username:
        conn += ["-U", url.username]
    done = subprocess.run([exe, *conn, *args], capture_output=True, text=True, env=env, timeout=3600)
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit code {done.returncode}"
        raise Unavailable(f"{tool} failed: {message}")
