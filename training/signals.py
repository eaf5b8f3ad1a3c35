"""Audits of labelled factuality rows with every claim's signals recorded, for fitting the
combiner (:mod:`training.calibrate`) and for the factuality benchmark's ablation.

Each row is analysed (``copydesk.pipeline.analyse_many``, one model load) and audited with
``copydesk.check.audit``; the signals the engine hands its verdict step for each claim (the
scorer's figures, the evidence's coverage of the claim, the typed findings with their rule and
relation) are recorded as plain dictionaries beside the audit's own verdicts. Rows are written
to a JSONL cache keyed by the part and the scorer's sha256, so a refit reads the cache instead
of auditing again.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from training.splits import is_calibration, is_heldout

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("COPYDESK_SHARED", REPO.parent / "shared")) / "data"
FACTUALITY = SHARED / "factuality"
CACHE = REPO / "build" / "signals"
PARTS = ("train", "calibration", "heldout")
"""The three parts of the factuality rows, by source document (``training.splits``)."""


def part_of(source: str) -> str:
    if is_heldout(source):
        return "heldout"
    return "calibration" if is_calibration(source) else "train"


def read_rows(pattern: str = "*") -> list[dict[str, Any]]:
    """Every factuality row (``{"id", "dataset", "source", "derived", "label", "_file", "_part"}``),
    files in sorted order."""
    rows = []
    for path in sorted(FACTUALITY.glob(f"{pattern}.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    rows.append({**r, "_file": path.stem, "_part": part_of(r["source"])})
    return rows


def sample(rows: list[dict[str, Any]], *, sources: int, max_rows: int, seed: int) -> list[dict[str, Any]]:
    """A seeded sample of ``sources`` source documents per file (every row of each), at most
    ``max_rows`` rows per file."""
    rng = random.Random(seed)
    by_file: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        by_file[r["_file"]][r["source"]].append(r)
    out: list[dict[str, Any]] = []
    for name in sorted(by_file):
        docs = sorted(by_file[name].values(), key=lambda rs: rs[0]["id"])
        rng.shuffle(docs)
        taken = [r for rs in docs[:sources] for r in rs]
        if len(taken) > max_rows:
            taken = rng.sample(taken, max_rows)
        out.extend(sorted(taken, key=lambda r: r["id"]))
    return out


def limit_threads() -> None:
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def _claim_row(c: Any, derived: str) -> dict[str, Any]:
    """What the reports need of a claim result: verdict, scores, findings (type, rule, relation)."""
    return {
        "start": c.span.start,
        "end": c.span.end,
        "verdict": c.verdict,
        "score": round(c.score, 4),
        "model": c.model_score,
        "findings": [{"type": f.type, "rule": f.rule, "relation": f.relation} for f in c.findings],
    }


def audit_rows(
    rows: list[dict[str, Any]], scorer_dir: str | None = None, combiner: bool = False
) -> list[dict[str, Any]]:
    """Analyses and audits rows in this process (one model load); one result per row, in order,
    then a ``{"_timing": ...}`` item. ``scorer_dir``: another scorer than the shipped one. The
    verdicts are the engine's default (the hand rules of ``copydesk.check.verdict``), or with
    ``combiner`` those of the shipped learned combiner; the recorded signals do not depend on
    which."""
    limit_threads()
    from copydesk.check import audit, verdict
    from copydesk.check.combine import decide as combined
    from copydesk.check.combine import signal_dict
    from copydesk.config import Settings
    from copydesk.errors import CopydeskError
    from copydesk.model import Document
    from copydesk.pipeline import analyse, analyse_many

    scorer = None
    inner: Any = combined if combiner and not scorer_dir else verdict
    if scorer_dir:
        from copydesk.check.scorer import SupportScorer

        scorer = SupportScorer(Path(scorer_dir))
    settings = Settings(max_derived_chars=max([100_000, *(len(r["derived"]) + 1 for r in rows)]))
    t0 = time.perf_counter()
    texts = list(dict.fromkeys([r["source"] for r in rows] + [r["derived"] for r in rows]))
    analyses = dict(zip(texts, analyse_many(Document(t) for t in texts), strict=True))
    t_analyse = time.perf_counter() - t0
    out: list[dict[str, Any]] = []
    t_audit = 0.0
    for r in rows:
        recorded: list[dict[str, Any]] = []

        def record(signals: Any, recorded: list[dict[str, Any]] = recorded) -> Any:
            recorded.append(signal_dict(signals))
            return inner(signals)

        t1 = time.perf_counter()
        try:
            a = audit(
                analyses[r["source"]],
                analyses[r["derived"]],
                settings=settings,
                reanalyse=analyse,
                scorer=scorer,
                decide=record,
            )
        except CopydeskError as e:
            out.append({"id": r["id"], "error": str(e)})
            continue
        t_audit += time.perf_counter() - t1
        claims = [_claim_row(c, r["derived"]) for c in a.sentences if c.verdict != "no_claim"]
        out.append(
            {
                "id": r["id"],
                "consistent": a.consistent,
                "score": round(a.score, 4),
                "claims": claims,
                "signals": recorded,
                # results the verdict step never saw: a transcript's title or speaker labels that
                # present someone the source never names (always unsupported, score 0)
                "frame": len(claims) - len(recorded),
                "timing": {
                    "audit_s": time.perf_counter() - t1,
                    "analyse_s": t_analyse / len(rows),
                    "rows": 1,
                },
            }
        )
    out.append(
        {"_timing": {"analyse_s": t_analyse, "audit_s": t_audit, "rows": len(rows), "texts": len(texts)}}
    )
    return out


def run(
    rows: list[dict[str, Any]], *, jobs: int = 1, scorer_dir: str | None = None, combiner: bool = False
) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """Audits every row in ``jobs`` processes (rows of one source stay in one process)."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[r["source"]].append(r)
    chunks: list[list[dict[str, Any]]] = [[] for _ in range(max(1, jobs))]
    for rs in sorted(groups.values(), key=len, reverse=True):
        min(chunks, key=len).extend(rs)
    chunks = [c for c in chunks if c]
    t0 = time.perf_counter()
    if len(chunks) == 1:
        results = [audit_rows(chunks[0], scorer_dir, combiner)]
    else:
        with ProcessPoolExecutor(len(chunks)) as pool:
            results = list(pool.map(audit_rows, chunks, [scorer_dir] * len(chunks), [combiner] * len(chunks)))
    timing = {"analyse_s": 0.0, "audit_s": 0.0, "rows": 0, "texts": 0, "wall_s": time.perf_counter() - t0}
    by_id: dict[str, dict[str, Any]] = {}
    for res in results:
        for item in res:
            if "_timing" in item:
                for k, v in item["_timing"].items():
                    timing[k] += v
            else:
                by_id[item["id"]] = item
    return [by_id[r["id"]] for r in rows if r["id"] in by_id], timing


def scorer_sha256(scorer_dir: Path | None = None) -> str:
    from copydesk.check.combine import file_sha256
    from copydesk.check.scorer import CHECKER_DIR

    return file_sha256((scorer_dir or CHECKER_DIR) / "model.onnx")


def code_digest() -> str:
    """A digest of the source files an audit's signals depend on (the data model, analysis and
    checker), so that a cache of signals is not read after the code changed."""
    import hashlib

    h = hashlib.sha1()
    src = REPO / "src" / "copydesk"
    for folder in ("model", "analyse", "check", "lang"):
        for path in sorted((src / folder).rglob("*")):
            # the combiner only turns signals into verdicts: the signals do not depend on it
            if path.suffix in (".py", ".json", ".txt", ".tsv") and path.name != "combine.py":
                h.update(path.relative_to(src).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:10]


def cached(
    name: str,
    rows: list[dict[str, Any]],
    *,
    jobs: int = 1,
    scorer_dir: Path | None = None,
    fresh: bool = False,
    log: Callable[[str], None] = print,
) -> list[dict[str, Any]]:
    """The audits of ``rows`` with their signals, from ``build/signals/<name>-<scorer>-<code>.jsonl``
    (see :func:`code_digest`) for the rows it holds; the others (every row with ``fresh``) are
    audited now and added. Each result carries its gold row's ``label``, ``_file``, ``_part``
    and a digest of its source (``group``, for grouped cross-validation)."""
    import hashlib

    sha = scorer_sha256(scorer_dir)[:12]
    path = CACHE / f"{name}-{sha}-{code_digest()}.jsonl"
    have: dict[str, dict[str, Any]] = {}
    if path.exists() and not fresh:
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            have[item["id"]] = item
    todo = [r for r in rows if r["id"] not in have]
    if todo:
        log(f"auditing {len(todo)} rows ({len(have)} cached) with scorer {sha}")
        got, timing = run(todo, jobs=jobs, scorer_dir=str(scorer_dir) if scorer_dir else None)
        log(f"audited in {timing['wall_s']:.0f} s")
        by_id = {item["id"]: item for item in got}
        for r in todo:
            item = by_id.get(r["id"])
            if item is None:
                continue
            item.update(
                label=r["label"],
                _file=r["_file"],
                _part=r["_part"],
                group=hashlib.sha1(r["source"].encode("utf-8")).hexdigest()[:12],
            )
            have[r["id"]] = item
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            for item in have.values():
                f.write(json.dumps(item, ensure_ascii=False) + "\n")
        tmp.replace(path)
    return [have[r["id"]] for r in rows if r["id"] in have]


def labelled(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The audits that did not fail."""
    return [x for x in items if "error" not in x]
