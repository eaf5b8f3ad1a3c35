"""Engines: where a batch's items are worked on. Each has the same small interface (``Engine``)
that the driver (``copydesk.batch.run``) schedules through:

- ``inline``: in the calling process, one item at a time (the single-file commands' batches,
  notebooks, tests);
- ``local``: worker processes on this machine, each building its task (loading the models)
  once, fed through a pipe of its own with at most a few items in flight;
- ``ray``: Ray actors, one per worker, each holding the models (``copydesk.batch.ray_engine``).

A worker that dies (killed, out of memory, a crash in native code) is reported as ``Died``; the
driver turns the item it was working on into an error row, starts a new worker and hands it
the dead one's other items.
"""

from __future__ import annotations

import collections
import contextlib
import multiprocessing
import multiprocessing.connection
import os
import queue
import signal
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Protocol

from copydesk.batch.items import Item
from copydesk.batch.tasks import Job, Outcome, outcome, warm_up


@dataclass(frozen=True)
class Ready:
    """A worker has built its task (loaded its models)."""

    slot: int
    pid: int


@dataclass(frozen=True)
class Done:
    """A worker finished the item the driver numbered ``seq``."""

    slot: int
    seq: int
    outcome: Outcome


@dataclass(frozen=True)
class Died:
    """A worker is gone, with the items it held."""

    slot: int
    reason: str


Event = Ready | Done | Died


class Engine(Protocol):
    """What the driver needs of an engine. Slots are numbered ``0 .. workers-1``; the items a
    slot is given are worked on in the order given."""

    workers: int

    def start(self) -> None: ...

    def submit(self, slot: int, seq: int, item: Item) -> None: ...

    def wait(self, timeout: float) -> list[Event]: ...

    def restart(self, slot: int) -> None: ...

    def close(self) -> None: ...


class InlineEngine:
    """Works on the items in the calling process, one at a time, as ``wait`` is called."""

    workers = 1

    def __init__(self, job: Job) -> None:
        self.job = job
        self._queue: collections.deque[tuple[int, Item]] = collections.deque()
        self._events: list[Event] = []

    def start(self) -> None:
        self._task = self.job.build()
        warm_up(self._task)
        self._events.append(Ready(0, os.getpid()))

    def submit(self, slot: int, seq: int, item: Item) -> None:
        self._queue.append((seq, item))

    def wait(self, timeout: float) -> list[Event]:
        events, self._events = self._events, []
        if self._queue:
            seq, item = self._queue.popleft()
            events.append(Done(0, seq, outcome(self._task, item)))
        return events

    def restart(self, slot: int) -> None:  # the calling process does not die and go on
        raise RuntimeError("the inline engine has no worker to restart")

    def close(self) -> None:
        self._queue.clear()


def _worker_main(job: Job, tasks: Connection, results: Connection) -> None:
    """A local worker process: builds the task once, then works on items until the pipe closes.

    A thread receives items as they come, so the driver never blocks sending one while this
    process is busy; when the driver goes away (even killed), the pipe's end of file stops this
    process at once.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's to handle
    for name, value in ONE_THREAD.items():  # before the task imports any numerical library
        os.environ.setdefault(name, value)
    os.dup2(2, 1)  # stdout carries the batch's data: nothing a library prints here may reach it
    sys.stdout = sys.stderr
    inbox: queue.SimpleQueue[tuple[int, Item]] = queue.SimpleQueue()

    def receive() -> None:
        try:
            while True:
                inbox.put(tasks.recv())
        except (EOFError, OSError):
            os._exit(0)

    threading.Thread(target=receive, name="copydesk-batch-receive", daemon=True).start()
    task = job.build()
    warm_up(task)
    try:
        results.send(("ready", os.getpid()))
        while True:
            seq, item = inbox.get()
            results.send(("done", seq, outcome(task, item)))
    except (BrokenPipeError, EOFError, OSError):
        os._exit(0)


@dataclass
class _Process:
    process: Any  # multiprocessing's SpawnProcess
    tasks: Connection
    results: Connection


class LocalEngine:
    """Worker processes on this machine, started fresh (not forked), so a worker holds only what
    it loads itself."""

    def __init__(self, job: Job, workers: int) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.job = job
        self.workers = workers
        self._ctx = multiprocessing.get_context("spawn")
        self._slots: list[_Process | None] = [None] * workers

    def start(self) -> None:
        for slot in range(self.workers):
            self._spawn(slot)

    def _spawn(self, slot: int) -> None:
        task_r, task_w = self._ctx.Pipe(duplex=False)
        res_r, res_w = self._ctx.Pipe(duplex=False)
        process = self._ctx.Process(
            target=_worker_main, args=(self.job, task_r, res_w), name=f"copydesk-batch-{slot}", daemon=True
        )
        process.start()
        task_r.close()
        res_w.close()
        self._slots[slot] = _Process(process, task_w, res_r)

    def submit(self, slot: int, seq: int, item: Item) -> None:
        p = self._slots[slot]
        assert p is not None
        # A worker that died: wait() reports it, with this item among those it held.
        with contextlib.suppress(OSError):
            p.tasks.send((seq, item))

    def wait(self, timeout: float) -> list[Event]:
        live = [(slot, p) for slot, p in enumerate(self._slots) if p is not None]
        handles: list[Any] = [p.results for _, p in live] + [p.process.sentinel for _, p in live]
        ready = set(multiprocessing.connection.wait(handles, timeout))
        events: list[Event] = []
        for slot, p in live:
            dead = p.process.sentinel in ready
            if p.results in ready or dead:
                try:
                    while p.results.poll():
                        events.append(self._event(slot, p.results.recv()))
                except (EOFError, OSError):
                    dead = True
            if dead:
                p.process.join(5)
                code = p.process.exitcode
                how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                events.append(Died(slot, f"the worker process died ({how})"))
                self._slots[slot] = None
        return events

    @staticmethod
    def _event(slot: int, message: tuple[Any, ...]) -> Event:
        if message[0] == "ready":
            return Ready(slot, message[1])
        return Done(slot, message[1], message[2])

    def restart(self, slot: int) -> None:
        old = self._slots[slot]
        if old is not None:
            self._stop(old)
        self._spawn(slot)

    @staticmethod
    def _stop(p: _Process) -> None:
        p.tasks.close()  # the worker's end of file: it exits
        p.process.join(5)
        if p.process.is_alive():
            p.process.kill()
            p.process.join(5)
        p.results.close()

    def close(self) -> None:
        for p in self._slots:
            if p is not None:
                p.tasks.close()
        for slot, p in enumerate(self._slots):
            if p is not None:
                self._stop(p)
                self._slots[slot] = None


ONE_THREAD = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "BLIS_NUM_THREADS": "1",
}
"""Numerical libraries in a worker use one thread each: the workers are the parallelism."""
