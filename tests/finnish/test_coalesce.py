"""Requests of many threads are served in batches (finnish/coalesce.py): alone a request runs at
once; those that arrive while a batch runs go together into the next one; each thread gets its own
answer, first come first served, and a bad item fails only its own request."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from finnish.coalesce import Coalescer


class Recorder:
    """A batch function that records its batches and can be held at the start of the first one."""

    def __init__(self, hold_first: bool = False, fail_on: str | None = None) -> None:
        self.batches: list[list[str]] = []
        self.started = threading.Event()
        self.release = threading.Event()
        if not hold_first:
            self.release.set()
        self.fail_on = fail_on

    def __call__(self, items: list[str]) -> list[str]:
        self.batches.append(list(items))
        self.started.set()
        self.release.wait(10)
        if self.fail_on in items:
            raise ValueError(f"cannot take {self.fail_on}")
        return [item.upper() for item in items]


def in_threads(target: Callable[[str], str], items: list[str], gap_s: float = 0.0
               ) -> tuple[dict[str, str], dict[str, BaseException], list[threading.Thread]]:
    answers: dict[str, str] = {}
    errors: dict[str, BaseException] = {}

    def one(item: str) -> None:
        try:
            answers[item] = target(item)
        except Exception as exc:
            errors[item] = exc

    threads = [threading.Thread(target=one, args=(item,)) for item in items]
    for t in threads:
        t.start()
        time.sleep(gap_s)
    return answers, errors, threads


def wait_for_queue(coalescer: Coalescer[str, str], n: int) -> None:
    deadline = time.monotonic() + 10
    while len(coalescer._waiting) < n:  # the requests that queued behind the running batch
        assert time.monotonic() < deadline
        time.sleep(0.005)


def test_a_request_alone_runs_at_once_as_a_batch_of_one() -> None:
    batch = Recorder()
    coalescer = Coalescer(batch)
    assert coalescer.run("a") == "A" and coalescer.run("b") == "B"
    assert batch.batches == [["a"], ["b"]]


def test_requests_that_arrive_while_a_batch_runs_go_together_into_the_next_one() -> None:
    batch = Recorder(hold_first=True)
    coalescer = Coalescer(batch)
    first, _, t1 = in_threads(coalescer.run, ["first"])
    assert batch.started.wait(10)
    later, errors, t2 = in_threads(coalescer.run, [f"w{i}" for i in range(5)])
    wait_for_queue(coalescer, 5)
    batch.release.set()
    for t in t1 + t2:
        t.join(10)
    assert not errors and first == {"first": "FIRST"}
    assert later == {f"w{i}": f"W{i}" for i in range(5)}  # each thread its own answer
    assert batch.batches[0] == ["first"] and sorted(batch.batches[1]) == [f"w{i}" for i in range(5)]
    assert len(batch.batches) == 2 and (coalescer.batches, coalescer.items) == (2, 6)


def test_no_batch_is_larger_than_the_limit_and_the_oldest_go_first() -> None:
    batch = Recorder(hold_first=True)
    coalescer = Coalescer(batch, max_batch=3)
    _, _, t1 = in_threads(coalescer.run, ["first"])
    assert batch.started.wait(10)
    answers, errors, t2 = in_threads(coalescer.run, [f"w{i}" for i in range(7)], gap_s=0.02)  # in this order
    wait_for_queue(coalescer, 7)
    batch.release.set()
    for t in t1 + t2:
        t.join(10)
    assert not errors and len(answers) == 7
    assert batch.batches == [["first"], ["w0", "w1", "w2"], ["w3", "w4", "w5"], ["w6"]]


def test_a_bad_item_fails_only_its_own_request() -> None:
    batch = Recorder(hold_first=True, fail_on="bad")
    coalescer = Coalescer(batch)
    _, _, t1 = in_threads(coalescer.run, ["first"])
    assert batch.started.wait(10)
    answers, errors, t2 = in_threads(coalescer.run, ["x", "bad", "y"])
    wait_for_queue(coalescer, 3)
    batch.release.set()
    for t in t1 + t2:
        t.join(10)
    assert answers == {"x": "X", "y": "Y"}
    assert list(errors) == ["bad"] and "cannot take bad" in str(errors["bad"])


def test_a_batch_that_gives_the_wrong_number_of_answers_is_an_error_not_a_mix_up() -> None:
    coalescer: Coalescer[str, str] = Coalescer(lambda items: ["only one"] * (len(items) + 1))
    with pytest.raises(RuntimeError, match="gave 2 results"):
        coalescer.run("a")


def test_after_an_error_the_next_request_is_served() -> None:
    coalescer = Coalescer(Recorder(fail_on="bad"))
    with pytest.raises(ValueError):
        coalescer.run("bad")
    assert coalescer.run("ok") == "OK"


def test_many_threads_at_once_each_get_their_own_answer() -> None:
    calls: list[int] = []

    def slow_upper(items: list[str]) -> list[str]:
        calls.append(len(items))
        time.sleep(0.002)
        return [i.upper() for i in items]

    coalescer = Coalescer(slow_upper, max_batch=8)
    items = [f"t{i}" for i in range(200)]
    answers, errors, threads = in_threads(coalescer.run, items)
    for t in threads:
        t.join(20)
    assert not errors and answers == {i: i.upper() for i in items}
    assert sum(calls) == 200 and max(calls) <= 8 and len(calls) < 200  # batched, never over the limit


def test_the_batch_limit_must_be_positive() -> None:
    with pytest.raises(ValueError):
        Coalescer(lambda items: items, max_batch=0)
