"""One bounded pool for every CPU-heavy or blocking step (upload parsing, analysis, feedback,
profile builds, PDFs, search): the event loop only awaits it, so `/health` and every other
request keep being answered while a big text is parsed.

The pool has `threads` workers and room for `queue` more jobs waiting; beyond that a job is refused
at once with `Busy` (503 with `Retry-After`) instead of piling up until every client times out.
Routes await `pool.run(fn, ...)`; Gradio handlers (already in a thread) call `pool.call(fn, ...)`.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

from pydantic import TypeAdapter
from starlette.responses import Response

from service.core.errors import Unavailable

P = ParamSpec("P")
T = TypeVar("T")
RETRY_AFTER_S = 5


class Busy(Unavailable):
    """Every worker is busy and the queue is full."""

    def __init__(self) -> None:
        super().__init__(
            "The server is busy: try again in a few seconds. (Palvelin on kiireinen. Yritä hetken päästä uudelleen.)"
        )
        self.headers = {"Retry-After": str(RETRY_AFTER_S)}


class WorkerPool:
    def __init__(self, threads: int, queue: int) -> None:
        self.threads = max(1, threads)
        self.capacity = self.threads + max(0, queue)
        self._executor = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="tyokieli-work")
        self._lock = threading.Lock()
        self._pending = 0

    @property
    def pending(self) -> int:
        """Jobs running or waiting now."""
        return self._pending

    def _reserve(self) -> None:
        with self._lock:
            if self._pending >= self.capacity:
                raise Busy()
            self._pending += 1

    def _release(self) -> None:
        with self._lock:
            self._pending -= 1

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Runs `fn` in the pool and awaits it from the event loop."""
        self._reserve()
        try:
            future = self._executor.submit(fn, *args, **kwargs)
        except BaseException:
            self._release()
            raise
        future.add_done_callback(lambda _: self._release())
        return await asyncio.wrap_future(future)

    def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Runs `fn` in the pool and waits for it (for callers already in a thread, e.g. Gradio)."""
        self._reserve()
        try:
            future = self._executor.submit(fn, *args, **kwargs)
        except BaseException:
            self._release()
            raise
        future.add_done_callback(lambda _: self._release())
        return future.result()

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


async def json_answer(
    pool: WorkerPool, model: Any, fn: Callable[P, object], *args: P.args, **kwargs: P.kwargs
) -> Response:
    """Runs `fn` in the pool and checks and serialises its result against the route's response
    model there too: FastAPI would validate an async route's answer on the event loop, which for a
    big analysis is itself a stall. The route keeps `response_model=` for its documented schema."""

    def work() -> bytes:
        result = fn(*args, **kwargs)
        adapter = _adapter(model)
        return adapter.dump_json(adapter.validate_python(result, from_attributes=True))

    return Response(content=await pool.run(work), media_type="application/json")


_ADAPTERS: dict[int, TypeAdapter[Any]] = {}


def _adapter(model: Any) -> TypeAdapter[Any]:
    found = _ADAPTERS.get(id(model))
    if found is None:
        found = _ADAPTERS[id(model)] = TypeAdapter(model)
    return found


_FROZEN = threading.Event()


def freeze_startup_objects() -> None:
    """Moves what exists after start-up (the loaded language models: millions of objects) out of
    the garbage collector's sight, once per process. Otherwise every full collection scans them all
    and stops every thread, the event loop included, for most of a second."""
    import gc

    if not _FROZEN.is_set():
        _FROZEN.set()
        gc.collect()
        gc.freeze()
