"""A stand-in for the pipeline in the workers, so that the service's own behaviour (queue,
time limit, crashes, errors raised inside the pipeline) is tested without loading models.

The article text says what to do: ``KEYERROR`` raises a KeyError, ``INPUTERROR`` an
InputError, ``SLEEP:<seconds>`` sleeps, ``EXIT`` ends the worker process; anything else is
echoed back as a record.
"""

from __future__ import annotations

import os
import re
import time
from typing import Any

from copydesk.config import Settings
from copydesk.errors import InputError


def run_job(kind: str, payload: dict[str, Any], settings: Settings) -> dict[str, Any]:
    text = str(payload.get("text") or payload.get("html") or payload.get("derived") or "")
    if "KEYERROR" in text:
        raise KeyError("speaker")
    if "INPUTERROR" in text:
        raise InputError("the input is not an English article", source="request")
    if "EXIT" in text:
        os._exit(3)
    sleep = re.search(r"SLEEP:([0-9.]+)", text)
    if sleep:
        time.sleep(float(sleep.group(1)))
    return {"schema_version": "test", "kind": kind, "chars": len(text), "pid": os.getpid()}
