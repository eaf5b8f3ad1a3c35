"""Runs the interview generator of whichever ``copydesk`` is first on ``sys.path`` over articles.

The interview benchmark imports this module to time the generator of the working tree, and
runs it as a script, with ``PYTHONPATH`` pointing at a temporary ``git worktree`` of an
earlier revision, to produce that revision's interviews on the same articles
(``benchmarks/interview.py --baseline REV``). It therefore uses only the API every revision
since the first interview generator has: ``pipeline.read``, ``pipeline.analyse``,
``pipeline.to_document``, ``check.audit``, ``generate.build_interview`` and
``Interview.to_dict``.

    PYTHONPATH=OLD/src python benchmarks/interview_generate.py ARTICLES.jsonl OUT.jsonl

``ARTICLES.jsonl`` rows are ``{"id", "path", "published"}``; each row appended to ``OUT.jsonl`` is
``{"id", "interview", "generator_s", "verify_s", "error"}``, where ``generator_s`` is the time
of ``build_interview`` less the time spent in the checker it calls.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


def generate(doc: Any, published: dt.date | None, *, turns: int | None = None) -> dict[str, Any]:
    """One article's interview with the default settings, and the generator's own time."""
    from copydesk import pipeline
    from copydesk.check import audit as run_audit
    from copydesk.config import Settings
    from copydesk.generate import build_interview

    settings = Settings()
    analysis = pipeline.analyse(doc, published=published, settings=settings)
    spent = [0.0]

    def verify(text: str) -> Any:
        start = time.perf_counter()
        try:
            derived = pipeline.to_document(text, settings=settings, name="interview")
            return run_audit(
                analysis, pipeline.analyse(derived, published=analysis.document.published), settings=settings
            )
        finally:
            spent[0] += time.perf_counter() - start

    t0 = time.perf_counter()
    iv = build_interview(
        analysis,
        outlet=settings.outlet,
        guest=None,
        turns=turns or settings.interview_turns,
        focus=None,
        verify=verify,
        llm=None,
        settings=settings,
    )
    total = time.perf_counter() - t0
    return {
        "interview": iv.to_dict(),
        "generator_s": round(total - spent[0], 4),
        "verify_s": round(spent[0], 3),
    }


def run(rows: Iterable[dict[str, Any]], *, turns: int | None = None) -> Iterator[dict[str, Any]]:
    """Generates an interview per ``{"id", "path", "published"}`` row; a failure is recorded."""
    from copydesk import pipeline

    pipeline.analyse("Warm-up: the models load once before anything is timed.")
    for row in rows:
        out: dict[str, Any] = {"id": row["id"], "interview": None, "error": None}
        try:
            doc = dataclasses.replace(pipeline.read(row["path"]), id=row["id"])
            published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
            out.update(generate(doc, published, turns=turns))
        except Exception as e:  # noqa: BLE001 - one failing article is recorded, the run goes on
            out["error"] = f"{type(e).__name__}: {e}"
        yield out


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print("usage: interview_generate.py ARTICLES.jsonl OUT.jsonl [TURNS]", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    turns = int(argv[2]) if len(argv) == 3 else None
    with open(argv[1], "a", encoding="utf-8") as out:
        for n, result in enumerate(run(rows, turns=turns), 1):
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            out.flush()
            print(f"  baseline: {n} of {len(rows)} articles", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
