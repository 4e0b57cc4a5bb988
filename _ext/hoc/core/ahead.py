"""Work done ahead by a second process, its results taken in the order they are needed.

Some of a build's work depends only on files, not on the build's state: checking a
page's PO file, for one. When the build knows in advance which of that work it will
need, and in what order, a process forked from it can do the work on another CPU while
the build goes on, and send back each result. The build takes a result when it needs it
(:meth:`Ahead.take`), waiting only when the other process has not got there yet.

A result is only ever a value the build could have computed itself, with the same
function on the same arguments: whatever goes wrong (no fork on this platform, the
process dies, a result cannot be pickled, the function raises), :meth:`Ahead.take`
answers ``None`` and the build computes it as it would have without help. Nothing is
logged or written by the second process, so the build's output is the same either way.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Hashable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)
Result = TypeVar("Result")

_MISSING = object()

WINDOW = 32
"""Results taken in before they are asked for, at most: the other process waits on a
full pipe beyond that, rather than the build holding every result (a page's parses are
tens of kilobytes) for nothing."""


def available_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a process can be forked here (not on Windows; macOS allows it)."""
    return "fork" in multiprocessing.get_all_start_methods()


def _work(function: Callable[..., Any], jobs: Sequence[tuple[Hashable, tuple[Any, ...]]],
          connection: Connection) -> None:
    """The second process: each job in turn, each result sent as soon as it is made."""
    # Ctrl-C is the build's to answer; this process ends with the build.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for key, arguments in jobs:
        try:
            made, result = True, function(*arguments)
        except Exception:  # the build meets the same error when it computes it itself
            made, result = False, None
        try:
            connection.send((key, made, result))
        except (BrokenPipeError, EOFError, OSError):
            return  # the build stopped listening
        except Exception:  # a result that cannot be pickled
            connection.send((key, False, None))
    connection.close()


class Ahead(Generic[Key, Result]):
    """``function`` applied to each job's arguments by a forked process, in job order.

    Start it with :meth:`start`; take each result with :meth:`take`; :meth:`close` ends
    the process (results not taken are dropped).
    """

    def __init__(self, function: Callable[..., Result]) -> None:
        self.function = function
        self.planned: set[Key] = set()
        self.received: dict[Key, Any] = {}
        self.process: BaseProcess | None = None
        self.connection: Connection | None = None

    def start(self, jobs: Sequence[tuple[Key, tuple[Any, ...]]]) -> bool:
        """Fork the process for ``jobs`` (``(key, arguments)``, in the order their
        results will be asked for); ``False`` when no process could be started."""
        if not jobs or not can_fork():
            return False
        context = multiprocessing.get_context("fork")
        receiving, sending = context.Pipe(duplex=False)
        # Text the build has written but not yet flushed would otherwise be flushed a
        # second time by the forked process when it ends.
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(AttributeError, OSError, ValueError):
                stream.flush()
        process = context.Process(target=_work, args=(self.function, list(jobs), sending),
                                  daemon=True, name="hoc-ahead")
        try:
            process.start()
        except OSError:
            receiving.close()
            sending.close()
            return False
        sending.close()  # the build's copy: the pipe ends when the process's copy closes
        self.process, self.connection = process, receiving
        self.planned = {key for key, _ in jobs}
        return True

    def take(self, key: Key, wait: bool = True) -> Result | None:
        """The result for ``key``, waiting for it if need be (``wait``; otherwise only
        the results already sent are looked at); ``None`` when it was not planned, has
        been taken, will not come, or is not there and not waited for (the caller then
        computes it, and the result is dropped when it comes)."""
        if key not in self.planned:
            return None
        self._drain()
        while wait and key in self.planned and key not in self.received and \
                self._receive():
            pass
        self.planned.discard(key)
        result = self.received.pop(key, _MISSING)
        return None if result is _MISSING else result

    def _drain(self) -> None:
        """Take in the results already sent (up to :data:`WINDOW`), so the other process
        is seldom held up by a full pipe and ends soon after its work is done."""
        while len(self.received) < WINDOW and self._ready() and self._receive():
            pass

    def _ready(self) -> bool:
        try:
            return self.connection is not None and self.connection.poll()
        except (EOFError, OSError):
            return False

    def _receive(self) -> bool:
        """Read one result; ``False`` once nothing more will come."""
        if self.connection is None:
            return False
        try:
            key, made, result = self.connection.recv()
        except (EOFError, OSError, ValueError, TypeError, AttributeError, ImportError):
            # The process ended (its work done, or dead), or sent something unreadable:
            # what was not received is computed by the build.
            self._end()
            return False
        if made and key in self.planned:
            self.received[key] = result
        elif key in self.planned:
            self.planned.discard(key)  # the function raised: the build computes it
        return True

    def _end(self) -> None:
        """Close the pipe and end the process (results received stay)."""
        connection, process = self.connection, self.process
        self.connection, self.process = None, None
        if connection is not None:
            connection.close()
        if process is not None:
            if process.is_alive():
                process.terminate()
            process.join(timeout=5)
            process.close()

    def close(self) -> None:
        """End the process and forget what was not taken."""
        self._end()
        self.planned.clear()
        self.received.clear()
