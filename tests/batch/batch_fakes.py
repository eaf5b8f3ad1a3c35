"""Stand-ins for the pipeline, injected through ``copydesk.batch.run(task=...)``.

They are module-level and picklable, so worker processes (and Ray actors) can build them: the
driver, the queues, the output and the error handling under test are the real ones.
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass
from typing import Any

from copydesk import pipeline
from copydesk.batch import Item, Job
from copydesk.errors import InputError


@dataclass(frozen=True)
class EchoTask:
    """A fast task: the row is the item's ``n`` and the worker's pid, after ``delay`` seconds;
    the item whose id is ``fail`` raises an ``InputError``, the one whose id is ``crash`` raises
    a plain exception, and the one whose id is ``kill`` kills its worker."""

    factory: EchoFactory

    def __call__(self, item: Item) -> dict[str, Any]:
        f = self.factory
        if f.delay:
            time.sleep(f.delay)
        if item.id == f.kill:
            os.kill(os.getpid(), signal.SIGKILL)
        if item.id == f.fail:
            raise InputError("this item is bad on purpose", doc_id=item.id)
        if item.id == f.crash:
            raise ZeroDivisionError("a bug in a stage")
        n = (item.record or {}).get("n")
        row = {"id": item.id, "n": n, "pid": os.getpid()}
        if f.pad and isinstance(n, int) and n % 10 == 0:
            row["pad"] = "x" * f.pad
        return row


@dataclass(frozen=True)
class EchoFactory:
    """Builds an ``EchoTask`` (see there) in each worker."""

    delay: float = 0.0
    fail: str = ""
    crash: str = ""
    kill: str = ""
    pad: int = 0
    """Every tenth row carries this many bytes more (long rows, whose write a kill can tear)."""

    def __call__(self, job: Job) -> EchoTask:
        return EchoTask(self)


@dataclass(frozen=True)
class IngestOnly:
    """The real ingest (``pipeline.record_document``), without the models: an item that ingest
    refuses (empty, binary, not English ...) gets its real error; the row is the text's length."""

    def __call__(self, job: Job) -> IngestTask:
        return IngestTask(job)


@dataclass(frozen=True)
class IngestTask:
    job: Job

    def __call__(self, item: Item) -> dict[str, Any]:
        assert item.record is not None
        doc = pipeline.record_document(
            item.record, item_id=item.id, where=item.where, settings=self.job.settings
        )
        return {"id": item.id, "chars": len(doc.text)}


@dataclass(frozen=True)
class NeverStarts:
    """A task whose construction fails in the worker, every time."""

    def __call__(self, job: Job) -> EchoTask:
        os._exit(3)
