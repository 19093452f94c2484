"""Engine and session factory. SQLite runs in WAL mode with foreign keys on; PostgreSQL as it is.

SQLite has one writer at a time, and a writer that finds the database locked polls for it (sleeps of
1, 2, 5, 10 … 100 ms): under a cohort's load those sleeps, not the work, made the slow turns. So the
hot writes (`Database.writing`) queue instead: a lock within the process, and across processes an
`flock` on a file beside the database, which wakes the next writer the moment the last one commits.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import orjson
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker


def _json_dumps(value: Any) -> str:
    """JSON columns through orjson (the stdlib encoder took ~0.3 ms for one session state, three
    times a turn); non-string keys become strings as json.dumps makes them."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


JSON_CODEC: dict[str, Any] = {"json_serializer": _json_dumps, "json_deserializer": orjson.loads}


def build_db_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **JSON_CODEC)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA secure_delete=ON")  # deleted (erased) rows are overwritten, not left in free pages
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, **JSON_CODEC)


def _sqlite_file(url: str) -> Path | None:
    path = url.split("///", 1)[-1] if url.startswith("sqlite") else ""
    return Path(path) if path and path != ":memory:" and not path.startswith("file:") else None


class _WriterQueue:
    """One SQLite writer at a time: a threading lock, then an exclusive `flock` on `<db>.writer`
    (opened once per process: a descriptor inherited over fork would share the lock with the parent)."""

    def __init__(self, db_file: Path | None) -> None:
        self._lock = threading.Lock()
        self._path = db_file.with_name(db_file.name + ".writer") if db_file else None
        self._file: IO[bytes] | None = None
        self._pid = 0

    def _handle(self) -> IO[bytes] | None:
        if self._path is None:
            return None
        if self._file is None or self._pid != os.getpid():
            self._file, self._pid = open(self._path, "ab"), os.getpid()  # noqa: SIM115 (kept open)
        return self._file

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._lock:
            handle = self._handle()
            if handle is None:
                yield
                return
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = build_db_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._writers = _WriterQueue(_sqlite_file(url)) if self.is_sqlite else None

    @contextmanager
    def one_writer(self) -> Iterator[None]:
        """Holds this database's writer queue (SQLite; elsewhere nothing): a write transaction opened
        inside starts without waiting on another writer of this data directory."""
        if self._writers is None:
            yield
            return
        with self._writers.held():
            yield

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A short write transaction in SQLAlchemy Core, queued behind the other writers (SQLite:
        BEGIN IMMEDIATE inside the writer queue): committed when the block ends, else rolled back."""
        with self.one_writer(), self.engine.connect() as conn:
            if self.is_sqlite:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.commit()
            except BaseException:
                conn.rollback()
                raise

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on any error."""
        s = self._sessions()
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def migrate(self) -> None:
        from service.core.migrate import upgrade

        upgrade(self.engine)

    def checkpoint(self) -> None:
        """On SQLite: copies the WAL into the database file and empties it, so that erased text is
        gone from both files now, not at some later checkpoint. Elsewhere nothing to do."""
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def dispose(self) -> None:
        self.engine.dispose()
