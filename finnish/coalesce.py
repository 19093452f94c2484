"""Requests from many threads served in batches: while one batch runs, the requests that arrive
queue, and the next batch takes them all (up to `max_batch`). Nothing waits on a timer, so one
request alone runs at once; under load the batches grow by themselves.

This is how concurrent turns share the parser: spaCy parses eight short texts in one `nlp.pipe`
call about twice as fast as one by one (bench/bench_load.py), and with the GIL two parses
never ran side by side anyway. The thread whose request opened a batch runs it; when it ends, the
thread of the oldest waiting request runs the next one (so no thread works for others after its
own answer is ready, and requests are served first come, first served)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


class _Request(Generic[In, Out]):
    __slots__ = ("answered", "done", "error", "item", "leads", "result")

    def __init__(self, item: In) -> None:
        self.item = item
        self.done = threading.Event()
        self.leads = False  # set when this request's thread is to run the next batch
        self.result: Out | None = None
        self.error: BaseException | None = None
        self.answered = False  # a result or an error was set


class Coalescer(Generic[In, Out]):
    """`run(item)` gives `run_batch([item, ...])[i]` for its item, with the items of other threads
    that asked meanwhile in the same batch. `run_batch` returns one result per item, in order. If
    a batch raises, its items are run one by one, so a bad item fails only its own request."""

    def __init__(self, run_batch: Callable[[list[In]], Sequence[Out]], max_batch: int = 16) -> None:
        if max_batch < 1:
            raise ValueError("max_batch must be at least 1")
        self._run_batch = run_batch
        self._max_batch = max_batch
        self._lock = threading.Lock()
        self._waiting: list[_Request[In, Out]] = []
        self._running = False
        self.batches = 0  # how many batches ran, and with how many items (for benchmarks)
        self.items = 0

    def run(self, item: In) -> Out:
        request: _Request[In, Out] = _Request(item)
        with self._lock:
            self._waiting.append(request)
            leads = not self._running
            self._running = True
        if not leads:
            request.done.wait()
            leads = request.leads
        if leads:
            self._next_batch()
        if request.error is not None:
            raise request.error
        return request.result  # type: ignore[return-value]  # set with done, unless error

    def _next_batch(self) -> None:
        """Runs the oldest waiting requests (this thread's among them: it is the oldest) and hands
        the running on to the next waiting request, or ends it."""
        with self._lock:
            batch = self._waiting[: self._max_batch]
            del self._waiting[: self._max_batch]
            self.batches += 1
            self.items += len(batch)
        try:
            self._fill(batch)
        finally:
            for request in batch:
                if not request.answered:  # the batch was interrupted
                    request.error = RuntimeError("the batch this request was in did not finish")
            with self._lock:
                successor = self._waiting[0] if self._waiting else None
                if successor is None:
                    self._running = False
                else:
                    successor.leads = True
            for request in batch:
                request.done.set()
            if successor is not None:
                successor.done.set()

    def _fill(self, batch: list[_Request[In, Out]]) -> None:
        try:
            results = list(self._run_batch([r.item for r in batch]))
            if len(results) != len(batch):
                raise RuntimeError(f"a batch of {len(batch)} gave {len(results)} results")
        except Exception as error:
            if len(batch) == 1:
                batch[0].error, batch[0].answered = error, True
                return
            for request in batch:  # one by one: only the bad item fails
                self._fill([request])
            return
        for request, result in zip(batch, results, strict=True):
            request.result, request.answered = result, True

