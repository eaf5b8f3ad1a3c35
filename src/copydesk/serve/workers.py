"""Worker processes: each loads the models once and runs one job at a time, off the event loop.

The pool keeps a bounded queue of waiting jobs (``QueueFull`` beyond it: the API answers 503
with Retry-After) and a time limit per job: a worker that runs past it is stopped and a fresh
one takes its place (``JobTimeout``: 504). Workers are started with ``spawn``, so no lock or
thread of the server is copied into them, and each runs its numeric libraries on one thread:
N workers use N cores.

The worker side calls only ``copydesk.pipeline`` (``run_job``); the function a worker calls
is named by a ``module:function`` string, which tests replace.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
import logging
import multiprocessing
import os
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from copydesk.config import Settings

log = logging.getLogger("copydesk.serve")

RESPAWN_DELAY_S = 5.0
"""How long to wait before replacing a worker that ended before it was ready."""

SERVER_POLL_S = 1.0
"""How often a worker looks whether its server is still there."""

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")

WARM_UP_SOURCE = (
    "The harbour board met on Tuesday to discuss the new ferry timetable. Its chair, Lena Brook, "
    'said the board would "keep every crossing running through the winter". The first ferry '
    "leaves at six in the morning."
)
WARM_UP_DERIVED = "Lena Brook said every crossing would keep running through the winter."


class PoolError(Exception):
    """A job could not be run by the pool; ``status`` is the HTTP status that says why."""

    status = 500


class QueueFull(PoolError):
    """Every worker is busy and the queue of waiting jobs is full."""

    status = 503


class JobTimeout(PoolError):
    """The job ran past its time limit; its worker was stopped."""

    status = 504


class WorkerDied(PoolError):
    """The worker process ended while it ran the job (out of memory, a crash)."""

    status = 500


@dataclass(frozen=True)
class JobError:
    """What a job raised: a ``CopydeskError`` (bad input: 4xx) or anything else (500)."""

    type: str
    message: str
    status: int
    traceback: str = ""


# ---------------------------------------------------------------------------- worker side


def _settings_from(values: dict[str, Any]) -> Settings:
    return Settings(**values)


def run_job(kind: str, payload: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Runs one validated request through ``copydesk.pipeline``; returns the record's JSON dict."""
    import datetime as dt

    from copydesk import pipeline

    published = dt.date.fromisoformat(payload["published"]) if payload.get("published") else None
    if kind == "audit":
        return pipeline.check(
            payload["source"], payload["derived"], published=published, settings=settings
        ).to_dict()
    meta = {k: payload[k] for k in ("id", "title", "url", "byline", "source_credit") if payload.get(k)}
    html = payload.get("html")
    doc = pipeline.read_string(
        html if html is not None else payload["text"], html=html is not None, meta=meta, settings=settings
    )
    if kind == "analysis":
        return pipeline.analyse(doc, published=published, settings=settings).to_dict()
    if kind == "interview":
        return pipeline.interview(
            doc,
            outlet=payload.get("outlet"),
            guest=payload.get("guest"),
            turns=payload.get("turns"),
            focus=payload.get("focus"),
            published=published,
            settings=settings,
        ).to_dict()
    raise ValueError(f"unknown kind of job: {kind!r}")


def warm_up(settings: Settings) -> None:
    """Loads the analyser's and the checker's models by checking a short original text."""
    from copydesk import pipeline

    pipeline.check(WARM_UP_SOURCE, WARM_UP_DERIVED, settings=settings)


def resolve(path: str) -> Callable[..., Any]:
    """The function named by ``module:function``."""
    module, _, name = path.partition(":")
    target: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return target


def _exit_with_server(server_pid: int) -> None:
    """Ends this worker once its server is gone, even in the middle of a job: a server that
    was killed outright (SIGKILL, the out-of-memory killer) never closes the pipe the worker
    would otherwise notice."""
    while os.getppid() == server_pid:
        time.sleep(SERVER_POLL_S)
    os._exit(0)


def _worker_main(conn: Connection, runner_path: str, settings_values: dict[str, Any], warm: bool) -> None:
    """The loop of one worker process: ``(job_id, kind, payload)`` in, one reply out per job."""
    threading.Thread(target=_exit_with_server, args=(os.getppid(),), daemon=True).start()
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    from copydesk.errors import CopydeskError

    settings = _settings_from(settings_values)
    runner = resolve(runner_path)
    try:
        if warm:
            warm_up(settings)
    except Exception as e:  # the worker still serves: each job will report its own error
        conn.send(("warm_up_failed", f"{type(e).__name__}: {e}"))
    conn.send(("ready",))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if message is None:
            return
        job_id, kind, payload = message
        try:
            result = json.dumps(runner(kind, payload, settings), ensure_ascii=True)
            reply: tuple[Any, ...] = ("ok", job_id, result)
        except CopydeskError as e:
            reply = ("error", job_id, JobError(type(e).__name__, str(e), 400))
        except Exception as e:
            reply = ("error", job_id, JobError(type(e).__name__, str(e), 500, traceback.format_exc()))
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


# ---------------------------------------------------------------------------- server side


@dataclass
class _Job:
    job_id: str
    kind: str
    payload: dict[str, Any]
    future: asyncio.Future[str]
    on_start: Callable[[str], None] | None


@dataclass
class _Worker:
    index: int
    process: BaseProcess
    conn: Connection
    ready: bool = False
    job: _Job | None = None
    timer: asyncio.TimerHandle | None = None
    retired: bool = False
    reader: threading.Thread | None = field(default=None, repr=False)


class WorkerPool:
    """N worker processes fed from one bounded queue, driven from the event loop.

    Args:
        size: Worker processes.
        queue_limit: Jobs that may wait while every worker is busy.
        timeout_s: Time limit of one job once a worker has it.
        runner: ``module:function`` each worker calls as ``f(kind, payload, settings)``.
        warm: Load the models before a worker says it is ready.
        settings: Passed to the runner.
    """

    def __init__(
        self,
        *,
        size: int,
        queue_limit: int,
        timeout_s: float,
        runner: str,
        warm: bool,
        settings: Settings,
    ) -> None:
        self.size = size
        self.queue_limit = queue_limit
        self.timeout_s = timeout_s
        self.runner = runner
        self.warm = warm
        self.settings = settings
        self._ctx = multiprocessing.get_context("spawn")
        self._workers: list[_Worker] = []
        self._queue: deque[_Job] = deque()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closing = False

    # lifecycle

    def start(self) -> None:
        """Starts the workers (they load their models in the background)."""
        self._loop = asyncio.get_running_loop()
        resolve(self.runner)  # fails here, once, rather than in every worker
        for i in range(self.size):
            self._workers.append(self._spawn(i))

    def _spawn(self, index: int) -> _Worker:
        parent, child = self._ctx.Pipe()
        values = {f: getattr(self.settings, f) for f in self.settings.__dataclass_fields__}
        process = self._ctx.Process(
            target=_worker_main,
            args=(child, self.runner, values, self.warm),
            name=f"copydesk-worker-{index}",
            daemon=True,
        )
        process.start()
        child.close()
        worker = _Worker(index, process, parent)
        worker.reader = threading.Thread(target=self._read, args=(worker,), daemon=True)
        worker.reader.start()
        return worker

    def _read(self, worker: _Worker) -> None:
        """A thread per worker: blocks on its pipe and hands each message to the event loop."""
        loop = self._loop
        assert loop is not None
        while True:
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                with contextlib.suppress(RuntimeError):
                    loop.call_soon_threadsafe(self._on_exit, worker)
                return
            try:
                loop.call_soon_threadsafe(self._on_message, worker, message)
            except RuntimeError:  # the loop has closed
                return

    async def close(self) -> None:
        """Stops every worker (a running job is abandoned) and fails the waiting jobs."""
        self._closing = True
        while self._queue:
            job = self._queue.popleft()
            if not job.future.done():
                job.future.set_exception(QueueFull("the server is shutting down"))
        for w in self._workers:
            w.retired = True
            with contextlib.suppress(OSError, ValueError):
                w.conn.send(None)
        await asyncio.get_running_loop().run_in_executor(None, self._join_all)

    def _join_all(self) -> None:
        for w in self._workers:
            w.process.join(timeout=2)
            if w.process.is_alive():
                w.process.kill()
                w.process.join(timeout=2)
            w.conn.close()

    # state

    @property
    def loaded(self) -> int:
        """Workers whose models are loaded."""
        return sum(w.ready for w in self._workers if not w.retired)

    def has_room(self) -> bool:
        idle = sum(1 for w in self._workers if w.job is None and not w.retired)
        return len(self._queue) < self.queue_limit + idle

    def queue_position(self, job_id: str) -> int | None:
        """Jobs ahead of this one in the queue, or None when it is not waiting."""
        for i, job in enumerate(self._queue):
            if job.job_id == job_id:
                return i
        return None

    # jobs

    async def run(
        self,
        job_id: str,
        kind: str,
        payload: dict[str, Any],
        *,
        on_start: Callable[[str], None] | None = None,
    ) -> str:
        """Runs a job and returns the JSON its runner returned.

        Raises:
            QueueFull: No room in the queue (raised before anything is queued).
            JobTimeout, WorkerDied: The job did not finish.
            JobFailed: The runner raised (``.error`` says what).
        """
        if self._closing or not self.has_room():
            raise QueueFull(f"every worker is busy and {len(self._queue)} jobs are waiting")
        future: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self._queue.append(_Job(job_id, kind, payload, future, on_start))
        self._dispatch()
        return await future

    def _dispatch(self) -> None:
        for w in self._workers:
            if not self._queue:
                return
            if w.ready and w.job is None and not w.retired:
                job = self._queue.popleft()
                try:
                    w.conn.send((job.job_id, job.kind, job.payload))
                except (OSError, ValueError):
                    self._queue.appendleft(job)
                    continue
                w.job = job
                assert self._loop is not None
                w.timer = self._loop.call_later(self.timeout_s, self._on_timeout, w)
                if job.on_start is not None:
                    job.on_start(job.job_id)

    def _on_message(self, worker: _Worker, message: tuple[Any, ...]) -> None:
        tag = message[0]
        if tag == "ready":
            worker.ready = True
            self._dispatch()
            return
        if tag == "warm_up_failed":
            log.error("worker %d could not load its models: %s", worker.index, message[1])
            return
        job = worker.job
        if job is None or job.job_id != message[1]:
            return
        worker.job = None
        if worker.timer is not None:
            worker.timer.cancel()
        if not job.future.done():
            if tag == "ok":
                job.future.set_result(message[2])
            else:
                job.future.set_exception(JobFailed(message[2]))
        self._dispatch()

    def _on_timeout(self, worker: _Worker) -> None:
        job = worker.job
        log.warning(
            "job %s ran past %.0f s; stopping worker %d", job and job.job_id, self.timeout_s, worker.index
        )
        worker.job = None
        if job is not None and not job.future.done():
            job.future.set_exception(JobTimeout(f"the job ran past its time limit of {self.timeout_s:g} s"))
        self._replace(worker)

    def _on_exit(self, worker: _Worker) -> None:
        if worker.retired:
            return
        job = worker.job
        worker.job = None
        code = worker.process.exitcode
        log.error("worker %d ended (exit code %s)", worker.index, code)
        if job is not None and not job.future.done():
            job.future.set_exception(WorkerDied(f"the worker running this job ended (exit code {code})"))
        self._replace(worker)

    def _replace(self, worker: _Worker) -> None:
        """Stops a worker for good and starts a fresh one in its place."""
        worker.retired = True
        if worker.timer is not None:
            worker.timer.cancel()
        if worker.process.is_alive():
            worker.process.kill()
        if self._closing:
            return
        assert self._loop is not None
        self._loop.run_in_executor(None, worker.process.join, 5)
        if worker.ready:
            self._workers[self._workers.index(worker)] = self._spawn(worker.index)
        else:  # it never got ready: wait before trying again, so a broken set-up does not spin
            self._loop.call_later(RESPAWN_DELAY_S, self._respawn, worker)

    def _respawn(self, worker: _Worker) -> None:
        if not self._closing and worker in self._workers:
            self._workers[self._workers.index(worker)] = self._spawn(worker.index)


class JobFailed(PoolError):
    """The runner raised; ``error`` carries its type, message and the HTTP status."""

    def __init__(self, error: JobError) -> None:
        super().__init__(error.message)
        self.error = error
        self.status = error.status
