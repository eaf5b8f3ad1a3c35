"""Jobs: a request stored, run by the worker pool, and its outcome stored.

Routes call ``Service.submit`` and, for a small input, ``Service.wait``; a large input is
answered at once with its job id (202). Store calls run in a thread so that the event loop
never waits on the database.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from typing import Any

from anyio import to_thread

from copydesk.config import Settings
from copydesk.serve.store import Store, StoredResult
from copydesk.serve.workers import JobFailed, PoolError, QueueFull, WorkerPool

log = logging.getLogger("copydesk.serve")


class TooLarge(Exception):
    """A text field is over the CLI's limit for it (413)."""


@dataclass(frozen=True)
class Outcome:
    """How a job ended: its result JSON, or an error with the HTTP status that says why."""

    result: str | None = None
    error: str | None = None
    error_type: str = ""
    status: int = 200


def field_limits(kind: str, payload: dict[str, Any], settings: Settings) -> None:
    """Refuses a text over the CLI's limit: ``max_input_bytes`` for an article or source,
    ``max_derived_chars`` for a derived text.

    Raises:
        TooLarge: with a message naming the field and the setting.
    """
    for name in ("text", "html", "source"):
        value = payload.get(name)
        if isinstance(value, str) and len(value.encode("utf-8")) > settings.max_input_bytes:
            raise TooLarge(
                f'"{name}" is over the limit of {settings.max_input_bytes:,} bytes (max_input_bytes)'
            )
    derived = payload.get("derived")
    if kind == "audit" and isinstance(derived, str) and len(derived) > settings.max_derived_chars:
        raise TooLarge(
            f'"derived" has more than {settings.max_derived_chars:,} characters (max_derived_chars)'
        )


def title_of(kind: str, payload: dict[str, Any]) -> str:
    """A short label for the history: the given title, or the first words of the input."""
    if payload.get("title"):
        return str(payload["title"])
    text = payload.get("derived") if kind == "audit" else payload.get("text") or payload.get("html")
    words = " ".join(str(text or "").split())
    return words[:100] + ("…" if len(words) > 100 else "")


class Service:
    """The store and the pool together; one per server process."""

    def __init__(self, store: Store, pool: WorkerPool, settings: Settings) -> None:
        self.store = store
        self.pool = pool
        self.settings = settings
        self._tasks: dict[str, asyncio.Task[Outcome]] = {}

    async def submit(self, kind: str, payload: dict[str, Any]) -> str:
        """Stores the request and queues it; returns its id.

        Raises:
            QueueFull: No room (nothing is stored then).
        """
        if not self.pool.has_room():
            raise QueueFull("every worker is busy and the queue is full")
        request = json.dumps(payload, ensure_ascii=True)
        rid = await to_thread.run_sync(self.store.create, kind, request, title_of(kind, payload))
        self._tasks[rid] = asyncio.create_task(self._run(rid, kind, payload))
        return rid

    async def _run(self, rid: str, kind: str, payload: dict[str, Any]) -> Outcome:
        loop = asyncio.get_running_loop()

        def started(job_id: str) -> None:
            loop.run_in_executor(None, self.store.mark_running, job_id)

        try:
            result = await self.pool.run(rid, kind, payload, on_start=started)
            outcome = Outcome(result=result)
            await to_thread.run_sync(self.store.finish, rid, result)
        except JobFailed as e:
            if e.error.traceback:
                log.error("job %s (%s) failed:\n%s", rid, kind, e.error.traceback)
            outcome = Outcome(error=e.error.message, error_type=e.error.type, status=e.status)
        except PoolError as e:
            outcome = Outcome(error=str(e), error_type=type(e).__name__, status=e.status)
        except Exception as e:  # a database error: the outcome is still reported
            log.exception("job %s (%s) could not be stored", rid, kind)
            outcome = Outcome(
                error=f"internal error: {type(e).__name__}", error_type="InternalError", status=500
            )
        if outcome.error is not None:
            message = outcome.error if outcome.status < 500 else _public(outcome)
            try:
                await to_thread.run_sync(self.store.fail, rid, message, outcome.status)
            except Exception:
                log.exception("job %s: the failure could not be stored", rid)
        self._tasks.pop(rid, None)
        return outcome

    async def wait(self, rid: str) -> Outcome:
        """The outcome of a job this process runs (stored, so it can also be read later)."""
        task = self._tasks.get(rid)
        if task is not None:
            return await asyncio.shield(task)
        row = await self.get(rid)
        if row is None or row.status not in ("done", "failed"):
            return Outcome(error="no such job in this server", error_type="NotFound", status=404)
        if row.status == "done":
            return Outcome(result=row.result)
        return Outcome(error=row.error, error_type="JobFailed", status=row.error_status or 500)

    async def get(self, rid: str) -> StoredResult | None:
        return await to_thread.run_sync(self.store.get, rid)

    async def recent(self, limit: int) -> list[StoredResult]:
        return await to_thread.run_sync(self.store.recent, limit)

    def queue_position(self, rid: str) -> int | None:
        return self.pool.queue_position(rid)


def _public(outcome: Outcome) -> str:
    """What a 5xx says to the client: the kind of failure, never an internal message."""
    if outcome.status in (503, 504):
        return outcome.error or "unavailable"
    return f"internal error ({outcome.error_type}); the server's log has the details"
