"""The database's writer queue: SQLite writers wait their turn in a queue instead of polling."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

from sqlalchemy import text

from service.core.db import Database


def _try_writing(url: str, result: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    import fcntl

    db = Database(url)
    handle = db._writers._handle() if db._writers else None  # noqa: SLF001 (the queue's own file)
    assert handle is not None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        result.put("waits")
        return
    result.put("got in")


def _other_process_sees(url: str) -> str:
    result: multiprocessing.Queue = multiprocessing.get_context("fork").Queue()  # type: ignore[type-arg]
    proc = multiprocessing.get_context("fork").Process(target=_try_writing, args=(url, result))
    proc.start()
    proc.join(30)
    return str(result.get(timeout=5))


def test_a_writer_in_another_process_waits_while_one_writes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'queue.db'}"
    db = Database(url)
    with db.one_writer():
        assert _other_process_sees(url) == "waits"
    assert _other_process_sees(url) == "got in"


def test_a_forked_process_does_not_share_the_parents_place_in_the_queue(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fork.db'}"
    db = Database(url)
    with db.one_writer():  # the parent opened the queue's file before the fork
        pass
    with db.one_writer():
        result: multiprocessing.Queue = multiprocessing.get_context("fork").Queue()  # type: ignore[type-arg]

        def child() -> None:  # the parent's own Database object, inherited over the fork
            import fcntl

            handle = db._writers._handle() if db._writers else None  # noqa: SLF001
            assert handle is not None
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                result.put("got in")
            except BlockingIOError:
                result.put("waits")

        proc = multiprocessing.get_context("fork").Process(target=child)
        proc.start()
        proc.join(30)
        assert result.get(timeout=5) == "waits"


def test_writes_from_many_threads_are_all_kept(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'threads.db'}")
    with db.writing() as conn:
        conn.execute(text("CREATE TABLE hits (n INTEGER)"))

    def write(n: int) -> None:
        for i in range(20):
            with db.writing() as conn:
                conn.execute(text("INSERT INTO hits VALUES (:n)"), {"n": n * 100 + i})

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(DISTINCT n) FROM hits")).scalar_one() == 120


def test_a_failed_write_is_rolled_back_and_frees_the_queue(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'fail.db'}")
    with db.writing() as conn:
        conn.execute(text("CREATE TABLE t (n INTEGER)"))
    try:
        with db.writing() as conn:
            conn.execute(text("INSERT INTO t VALUES (1)"))
            raise RuntimeError("the write fails half-way")
    except RuntimeError:
        pass
    with db.writing() as conn:  # the queue is free again
        conn.execute(text("INSERT INTO t VALUES (2)"))
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT n FROM t")).scalars().all() == [2]


def test_a_memory_database_writes_without_a_queue_file(tmp_path: Path) -> None:
    db = Database("sqlite:///:memory:")
    assert db._writers is not None and db._writers._handle() is None  # noqa: SLF001
    with db.writing() as conn:
        assert conn.execute(text("SELECT 1")).scalar_one() == 1
