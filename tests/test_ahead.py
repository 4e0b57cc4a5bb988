"""Work done ahead by a forked process: each result is the function's own, or ``None``
(and the caller computes it), whatever happens to the process."""

from __future__ import annotations

import os
import time

import pytest

from hoc.core import ahead as ahead_module
from hoc.core.ahead import Ahead

pytestmark = pytest.mark.skipif(not ahead_module.can_fork(), reason="no fork here")

PARENT = os.getpid()


def square(number: int) -> int:
    return number * number


def jobs(count: int) -> list[tuple[str, tuple[int]]]:
    return [(f"k{number}", (number,)) for number in range(count)]


def started(function, count: int) -> Ahead:
    worker: Ahead = Ahead(function)
    assert worker.start(jobs(count))
    return worker


def test_results_come_back_in_any_order_and_once():
    worker = started(square, 50)
    try:
        assert worker.take("k7") == 49
        assert worker.take("k0") == 0
        assert worker.take("k7") is None  # taken already
        assert worker.take("k999") is None  # never planned
        assert [worker.take(f"k{n}") for n in range(1, 50) if n != 7] == \
            [n * n for n in range(1, 50) if n != 7]
    finally:
        worker.close()


def raises_on_three(number: int) -> int:
    if number == 3:
        raise ValueError("three")
    return number


def test_a_job_that_raises_is_left_to_the_caller():
    worker = started(raises_on_three, 6)
    try:
        assert [worker.take(f"k{n}") for n in range(6)] == [0, 1, 2, None, 4, 5]
    finally:
        worker.close()


def unpicklable_on_two(number: int) -> object:
    return (lambda: number) if number == 2 else number


def test_a_result_that_cannot_be_sent_is_left_to_the_caller():
    worker = started(unpicklable_on_two, 5)
    try:
        assert [worker.take(f"k{n}") for n in range(5)] == [0, 1, None, 3, 4]
    finally:
        worker.close()


def dies_on_four(number: int) -> int:
    if number == 4 and os.getpid() != PARENT:
        os._exit(1)
    return number


def test_when_the_process_dies_the_rest_is_left_to_the_caller():
    worker = started(dies_on_four, 10)
    try:
        assert [worker.take(f"k{n}") for n in range(10)] == [0, 1, 2, 3] + [None] * 6
        assert worker.process is None  # the dead process was reaped
    finally:
        worker.close()


def slow(number: int) -> int:
    time.sleep(0.05)
    return number


def test_close_ends_the_process_and_forgets_the_rest():
    worker = started(slow, 100)
    process = worker.process
    assert process is not None and process.is_alive()
    assert worker.take("k0") == 0
    worker.close()
    assert worker.process is None and worker.take("k1") is None


def test_the_process_ends_once_its_work_is_taken_in():
    worker = started(square, 20)
    assert worker.take("k19") == 361
    # Taking the last result read every result before it, then the end of the pipe.
    assert worker.take("k5") == 25
    worker.close()


def test_nothing_starts_without_fork_or_work(monkeypatch):
    assert not Ahead(square).start([])
    monkeypatch.setattr(ahead_module, "can_fork", lambda: False)
    worker: Ahead = Ahead(square)
    assert not worker.start(jobs(5))
    assert worker.take("k1") is None


def slow_after_three(number: int) -> int:
    if number > 3:
        time.sleep(0.3)
    return raises_on_three(number)


def test_a_failed_job_is_answered_without_waiting_for_the_rest():
    worker = started(slow_after_three, 10)
    try:
        assert worker.take("k3") is None
        # Answered as soon as k3 failed: the jobs after it are still being done.
        assert worker.process is not None and worker.process.is_alive()
        assert worker.take("k4") == 4
    finally:
        worker.close()


def test_results_are_taken_in_ahead_of_need_only_so_far(monkeypatch):
    """The build holds at most WINDOW results it has not asked for; the rest wait in the
    other process."""
    monkeypatch.setattr(ahead_module, "WINDOW", 5)
    worker = started(square, 200)
    try:
        while not worker._ready():  # the first results are on their way
            time.sleep(0.01)
        time.sleep(0.2)  # and by now, all 200 small ones
        assert worker.take("k0") == 0
        assert 0 < len(worker.received) <= 5
        assert [worker.take(f"k{n}") for n in range(1, 200)] == \
            [n * n for n in range(1, 200)]
    finally:
        worker.close()


def test_a_result_not_there_yet_is_left_to_the_caller_when_it_does_not_wait():
    worker = started(slow, 5)
    try:
        assert worker.take("k0", wait=False) is None  # still being made
        assert worker.take("k1") == 1
        assert worker.take("k0") is None  # dropped when it came: the caller made it
        assert worker.take("k4") == 4
    finally:
        worker.close()
