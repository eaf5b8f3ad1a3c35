"""Factuality benchmark: the checker's consistency verdicts on held-out labelled pairs.

Reads ``../shared/data/factuality/*.jsonl`` (rows ``{"id", "dataset", "source", "derived",
"label"}``), keeps the rows whose *source* ``training.splits.is_heldout`` puts in the held-out
part (split by source document, so no edit of a held-out document was trained on), audits each
pair with ``copydesk.check.audit`` (a derived text is consistent when no claim is unsupported or
contradicted), writes predictions ``{"id", "consistent", "score"}`` and scores them with the
reference scorer ``../shared/tools/score_factuality.py``: balanced accuracy per file and
overall, ROC-AUC of the score, for the engine's default verdict step (the hand rules) and for
the learned combiner (``copydesk.check.combine``) deciding the same audits' signals. It also
prints the row precision and recall of every finding type and rule, measures throughput (pairs
per second, one process, one thread) and the speed case: a 1,000-word article with a 500-word
derived text (analysis and audit, one core, after load), model load time and peak memory.

    python benchmarks/factuality.py --quick      # seeded sample, a few minutes (CI)
    python benchmarks/factuality.py --full       # every held-out row (for reporting)
    python benchmarks/factuality.py --ablate     # the combiner refitted without each check
    python benchmarks/factuality.py --speed      # the speed case alone (on an otherwise idle machine)

Floors (``benchmarks/floors.json``, key ``factuality`` for ``--quick`` and ``factuality_full``
for ``--full``) apply to the held-out figures; the benchmark exits 1 below any of them. They
guard against regressions at the level reached so far; the issue's acceptance figures are the
``factuality_targets``, reported on every run. The combiner's settings are chosen by
``python -m training.calibrate`` on the calibration part, never here.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = Path(os.environ.get("COPYDESK_SHARED", REPO.parent / "shared"))
DATA = SHARED / "data" / "factuality"
SCORER = SHARED / "tools" / "score_factuality.py"
OUT = HERE / "out"
FLOORS = HERE / "floors.json"
SEED = 13
NEWS_FILES = ("summac_factcc", "summac_polytope", "summac_xsumfaith")
"""The news files, each with its own balanced-accuracy target."""
QUICK_SOURCES_PER_FILE = 12
"""Quick mode: held-out source documents sampled per file (with every derived text of each)."""
QUICK_MAX_ROWS_PER_FILE = 40
"""Quick mode: at most this many rows per file."""
SPEED_ARTICLE_WORDS = 1000
SPEED_DERIVED_WORDS = 500
SPEED_REPEATS = 5

sys.path.insert(0, str(REPO))


def select(
    rows: list[dict[str, Any]],
    *,
    heldout: bool,
    sources: int | None,
    max_rows: int | None,
) -> list[dict[str, Any]]:
    """The rows of one part (held-out or not); a seeded sample of source documents per file."""
    from training.signals import sample
    from training.splits import is_heldout

    part = [r for r in rows if is_heldout(r["source"]) == heldout]
    if sources is None:
        return part
    return sample(part, sources=sources, max_rows=max_rows or len(part), seed=SEED)


def run(rows: list[dict[str, Any]], *, jobs: int) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """Audits every row, in ``jobs`` processes (rows of one source stay in one process), with
    every claim's signals recorded (``training.signals``)."""
    from training.signals import run as run_audits

    return run_audits(rows, jobs=jobs)


def combined(items: list[dict[str, Any]], cal: Any) -> list[dict[str, Any]]:
    """Predictions from recorded audits (``training.signals``): each claim's signals decided by
    the combiner ``cal``, as the engine's verdict step decides them, so that a refitted
    combiner is measured without auditing again. A claim judged not supported shows its typed
    findings, or the scorer's ``unsupported_content`` note when it has none (as the engine adds
    it); a result the verdict step never saw (a transcript's unknown speaker label) is
    unsupported with score 0."""
    out: list[dict[str, Any]] = []
    for item in items:
        if "error" in item:
            out.append({"id": item["id"], "error": item["error"]})
            continue
        claims = []
        for s in item["signals"]:
            verdict, score = cal.decide(s)
            shown = [] if verdict == "supported" else list(s["findings"])
            if verdict != "supported" and not shown and not s.get("verbatim"):
                shown = [{"type": "unsupported_content", "rule": "scorer", "relation": "absent"}]
            claims.append({"verdict": verdict, "score": score, "findings": shown})
        frame = int(item.get("frame", 0))
        scores = [c["score"] for c in claims] + [0.0] * frame
        out.append(
            {
                "id": item["id"],
                "consistent": frame == 0 and all(c["verdict"] == "supported" for c in claims),
                "score": round(min(scores, default=1.0), 6),
                "claims": claims,
                "timing": item.get("timing", {}),
            }
        )
    return out


def score_predictions(preds: list[dict[str, Any]], rows: list[dict[str, Any]], tag: str) -> dict[str, Any]:
    """Writes predictions and the gold rows they cover, then runs the reference scorer on them."""
    OUT.mkdir(parents=True, exist_ok=True)
    pred_path, gold_path, json_path = (
        OUT / f"factuality_{tag}_{n}" for n in ("pred.jsonl", "gold.jsonl", "scores.json")
    )
    with pred_path.open("w", encoding="utf-8") as f:
        for p in preds:
            if "error" not in p:
                f.write(
                    json.dumps({"id": p["id"], "consistent": p["consistent"], "score": p["score"]}) + "\n"
                )
    with gold_path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(
                json.dumps(
                    {k: r[k] for k in ("id", "dataset", "source", "derived", "label")}, ensure_ascii=False
                )
                + "\n"
            )
    proc = subprocess.run(
        [sys.executable, str(SCORER), str(gold_path), "--pred", str(pred_path), "--json-out", str(json_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    print(proc.stdout, end="")
    return dict(json.loads(json_path.read_text(encoding="utf-8")))


# -- the speed case ------------------------------------------------------------------------


def speed_texts(rows: list[dict[str, Any]]) -> tuple[str, str]:
    """A ~1,000-word news article (held-out summac sources joined) and a ~500-word derived text.

    The derived text restates every other article sentence with a small rewording (so no
    sentence is a verbatim copy and every claim goes through retrieval and scoring), the
    workload of a long summary or an interview's answers.
    """
    import re

    news = sorted({r["source"] for r in rows if r["_file"].startswith("summac")})
    words: list[str] = []
    sentences: list[str] = []
    for text in news:
        for s in re.split(r"(?<=[.!?])\s+", text.replace("\n", " ")):
            if len(s.split()) < 6:
                continue
            sentences.append(s)
            words.extend(s.split())
            if len(words) >= SPEED_ARTICLE_WORDS:
                break
        if len(words) >= SPEED_ARTICLE_WORDS:
            break
    article = " ".join(sentences)
    derived: list[str] = []
    n = 0
    for s in sentences[::2]:
        w = s.split()
        rewrite = " ".join([w[0], "reportedly", *w[1:-1]]) + "."
        derived.append(rewrite)
        n += len(rewrite.split())
        if n >= SPEED_DERIVED_WORDS:
            break
    return article, " ".join(derived)


def speed_worker(path: str) -> None:
    """Runs in a fresh process: load time, per-pair time on one core, peak memory."""
    from training.signals import limit_threads

    limit_threads()
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    from copydesk.check.combine import get_combiner
    from copydesk.check.retrieve import get_retriever
    from copydesk.check.scorer import get_scorer

    get_retriever()
    get_scorer()
    get_combiner()
    load_models = time.perf_counter() - t0
    t0 = time.perf_counter()
    from copydesk.check import audit
    from copydesk.config import Settings
    from copydesk.model import Document
    from copydesk.pipeline import analyse

    analyse(Document("Warm-up sentence for the pipeline, said a spokesman on Monday."))
    load_spacy = time.perf_counter() - t0
    settings = Settings()
    totals, audits = [], []
    result = None
    for _ in range(SPEED_REPEATS):
        t1 = time.perf_counter()
        src = analyse(Document(data["article"]))
        der = analyse(Document(data["derived"]))
        t2 = time.perf_counter()
        result = audit(src, der, settings=settings)
        t3 = time.perf_counter()
        totals.append(t3 - t1)
        audits.append(t3 - t2)
    assert result is not None
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "article_words": len(data["article"].split()),
                "derived_words": len(data["derived"].split()),
                "claims": sum(c.verdict != "no_claim" for c in result.sentences),
                "model_load_s": round(load_models, 3),
                "spacy_load_s": round(load_spacy, 3),
                "check_s_median": round(statistics.median(totals), 3),
                "audit_only_s_median": round(statistics.median(audits), 3),
                "peak_rss_mb": round(rss_kb / 1024, 1),
            }
        )
    )


def shipped_mb() -> float:
    """Megabytes of the model files and tables shipped in the package (``copydesk/data`` and
    ``copydesk/lang``)."""
    package = REPO / "src" / "copydesk"
    files = [p for folder in ("data", "lang") for p in (package / folder).rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 1e6, 1)


def speed_case(rows: list[dict[str, Any]]) -> dict[str, Any]:
    article, derived = speed_texts(rows)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "factuality_speed_case.json"
    path.write_text(json.dumps({"article": article, "derived": derived}), encoding="utf-8")
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--speed-worker", str(path)]
    if sys.platform.startswith("linux") and hasattr(os, "sched_getaffinity"):
        cmd = ["taskset", "-c", str(min(os.sched_getaffinity(0))), *cmd]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"speed case failed:\n{proc.stderr[-2000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def measured_speed(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The speed case (:func:`speed_case`) and the size of what is shipped, printed."""
    speed = speed_case(rows)
    speed["shipped_mb"] = shipped_mb()
    print(
        f"speed case ({speed['article_words']}-word article, {speed['derived_words']}-word derived, "
        f"{speed['claims']} claims, one core): check {speed['check_s_median']} s "
        f"(audit alone {speed['audit_only_s_median']} s); model load {speed['model_load_s']} s "
        f"(spaCy {speed['spacy_load_s']} s); peak RSS {speed['peak_rss_mb']} MB; "
        f"shipped weights and tables {speed['shipped_mb']} MB"
    )
    return speed


def speed_checks(speed: dict[str, Any]) -> dict[str, float | None]:
    """The speed figures under the names of their floors and targets."""
    return {
        "speed_case_s": speed.get("check_s_median"),
        "model_load_s": speed.get("model_load_s"),
        "peak_rss_mb": speed.get("peak_rss_mb"),
        "shipped_mb": speed.get("shipped_mb"),
    }


# -- finding precision and ablation -------------------------------------------------------


def finding_table(preds: list[dict[str, Any]], rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Row precision and recall of each finding type and each rule (``type:rule``): a finding
    fires on a row when a claim judged not supported carries it; precision is the share of the
    rows it fires on that are inconsistent, recall the share of inconsistent rows it fires on."""
    gold = {r["id"]: r["label"] for r in rows}
    ok = [p for p in preds if "error" not in p]
    negatives = sum(1 for p in ok if gold[p["id"]] == 0)
    fired: dict[str, set[str]] = defaultdict(set)
    for p in ok:
        for c in p["claims"]:
            if c["verdict"] == "supported":
                continue
            for f in c["findings"]:
                fired[f["type"]].add(p["id"])
                fired[f"{f['type']}:{f.get('rule') or f.get('relation') or '-'}"].add(p["id"])
    out = {}
    for key in sorted(fired, key=lambda k: (k.split(":")[0], ":" in k, k)):
        ids = fired[key]
        bad = sum(1 for i in ids if gold[i] == 0)
        out[key] = {
            "rows": len(ids),
            "precision": bad / len(ids),
            "recall": bad / negatives if negatives else float("nan"),
        }
    return out


def print_finding_table(table: dict[str, dict[str, float]]) -> None:
    print("\nfindings on claims judged not supported (row level):")
    print(f"  {'type / type:rule':42s} {'rows':>5s} {'precision':>9s} {'recall':>7s}")
    for key, v in table.items():
        indent = "    " if ":" in key else "  "
        print(f"{indent}{key:{44 - len(indent)}s} {v['rows']:5d} {v['precision']:9.3f} {v['recall']:7.3f}")


def _without(bags: list[Any], rule: str) -> list[Any]:
    """The bags with the findings of one check (``Finding.rule``) taken out of every claim."""
    from dataclasses import replace

    return [
        replace(
            b,
            claims=tuple(
                {**c, "findings": [f for f in c["findings"] if f.get("rule") != rule]} for c in b.claims
            ),
        )
        for b in bags
    ]


def ablate(rows: list[dict[str, Any]], *, jobs: int) -> dict[str, Any]:
    """Held-out balanced accuracy and AUC of the combiner refitted without each check in turn
    (its findings taken out of every claim's signals), and of the combiner without the scorer's
    figures or without the evidence's coverage of the claim.

    Each variant is fitted as the shipped combiner is (``training.calibrate``: the same rows, its
    threshold chosen by cross-validation grouped by source document, out of fold), at the shipped
    combiner's regularisation ``C``; the out-of-fold figures on the fitting rows are printed
    beside the held-out ones. Whether a check earns its place is read from those out-of-fold
    figures, never from the held-out ones.

    Taking a check's findings out is the same as running without it only where no other check
    reads its result. In this engine a few do: an earlier finding on the same words keeps a later
    check from reporting them again (``yields_to``, ``unless``), and the evidence shown for a
    contradiction can change. So the figure for a check is that of its findings removed from the
    verdict, with the other checks' findings as they were.
    """
    from training import signals
    from training.calibrate import bags_of, fit_calibration, fitting_bags, roc_auc
    from training.calibrate import balanced_accuracy as bacc_at

    from copydesk.check.checks import names
    from copydesk.check.combine import BASE_FEATURES, get_combiner

    shipped = get_combiner()
    # the rows the shipped combiner was fitted on
    cal, train = fitting_bags(jobs=jobs, train_sample=bool(shipped.info.get("train_sample_rows")))
    held = bags_of(signals.cached("heldout", rows, jobs=jobs))
    sha = signals.scorer_sha256()
    grid = (float(shipped.info.get("C", 1.0)),)

    def fired(bags: list[Any], rule: str) -> int:
        return sum(any(f.get("rule") == rule for c in b.claims for f in c["findings"]) for b in bags)

    checks = [n for n in names() if fired(cal + train, n) or fired(held, n)]
    silent = [n for n in names() if n not in checks]
    groups = {
        "scorer figures": {"logit", "margin", "copy_doubt"},
        "evidence coverage": {"similarity", "uncovered_words", "novel_words", "words"},
    }
    variants: list[tuple[str, str, list[bool] | None]] = [("(nothing)", "", None)]
    variants += [(f"check {n}", n, None) for n in checks]
    variants += [(name, "", [f not in cols for f in BASE_FEATURES]) for name, cols in groups.items()]

    table = []
    print(
        f"\nchecks that fire on no fitting or held-out row (not measurable here): {', '.join(silent) or '-'}"
    )
    print(f"\n{'removed':32s} {'fit rows':>8s} {'held rows':>9s} {'CV AUC':>7s} {'CV BAcc':>7s} "
          f"{'held AUC':>8s} {'held BAcc':>9s}")  # fmt: skip
    for name, rule, mask in variants:
        fit_cal, fit_train, fit_held = (_without(b, rule) if rule else b for b in (cal, train, held))
        c, choice = fit_calibration(fit_cal, sha, extra_bags=fit_train, base_mask=mask, grid=grid)
        y = [b.inconsistent for b in fit_held]
        # each row's P as the verdict step scores it (a finding that fires puts it over the threshold)
        p = [max((1 - c.decide(s)[1] for s in b.claims), default=0.0) for b in fit_held]
        row = {
            "removed": name,
            "fitting_rows_fired": fired(cal + train, rule) if rule else None,
            "heldout_rows_fired": fired(held, rule) if rule else None,
            "cv_auc": choice.auc,
            "cv_bacc": choice.bacc,
            "auc": roc_auc(y, p),
            "bacc": bacc_at(y, p, c.threshold),
        }
        table.append(row)
        print(
            f"{name:32s} {'' if rule == '' else row['fitting_rows_fired']:>8} "
            f"{'' if rule == '' else row['heldout_rows_fired']:>9} "
            f"{row['cv_auc']:7.3f} {row['cv_bacc']:7.1f} {row['auc']:8.3f} {row['bacc']:9.1f}"
        )
    full = table[0]
    for t in table:
        for k in ("cv_auc", "cv_bacc", "auc", "bacc"):
            t[f"delta_{k}"] = t[k] - full[k]
    return {
        "rows": len(held),
        "fitting_rows": len(cal) + len(train),
        "C": grid[0],
        "silent": silent,
        "table": table,
    }


def _timing_of(preds: list[dict[str, Any]]) -> dict[str, float]:
    """The analysis and audit seconds the audits recorded (see ``training.signals``)."""
    keys = ("analyse_s", "audit_s", "rows")
    return {k: float(sum(p.get("timing", {}).get(k, 0.0) for p in preds)) for k in keys}


def _calibration_report(
    preds: list[dict[str, Any]], rows: list[dict[str, Any]], scores: dict[str, Any]
) -> dict[str, Any]:
    """How well the combiner's probabilities hold on the held-out rows (Brier score, and the
    observed share of inconsistent rows in five bins of P), and the gap between its
    cross-validated balanced accuracy where it was fitted and the held-out one."""
    from copydesk.check.combine import get_combiner

    gold = {r["id"]: r["label"] for r in rows}
    ok = [p for p in preds if "error" not in p]
    p_bad = [1 - p["score"] for p in ok]
    y_bad = [1 - gold[p["id"]] for p in ok]
    brier = sum((p - y) ** 2 for p, y in zip(p_bad, y_bad, strict=True)) / max(1, len(ok))
    bins = []
    for lo in (0.0, 0.2, 0.4, 0.6, 0.8):
        idx = [i for i, p in enumerate(p_bad) if lo <= p < lo + 0.2 or (lo == 0.8 and p == 1.0)]
        if idx:
            bins.append(
                {
                    "p": f"{lo:.1f}-{lo + 0.2:.1f}",
                    "rows": len(idx),
                    "mean_p": sum(p_bad[i] for i in idx) / len(idx),
                    "observed": sum(y_bad[i] for i in idx) / len(idx),
                }
            )
    info = dict(get_combiner().info)
    held = float(scores["ALL"]["bacc"])
    fitted, cv = info.get("in_sample_bacc"), info.get("cv_bacc")
    gap = None if fitted is None else round(float(fitted) - held, 1)
    cv_gap = None if cv is None else round(float(cv) - held, 1)
    print(f"\ncombiner: fitted on the {info.get('part')} part ({info.get('rows')} rows): balanced accuracy "
          f"there {fitted} as fitted, {cv} out of fold (grouped CV); held-out {held:.1f}: gap {gap} "
          f"(fitted - held-out), {cv_gap} (out of fold - held-out)")  # fmt: skip
    print(f"P(inconsistent) on the held-out rows: Brier {brier:.3f}; by bin (rows, mean P, observed share):")
    for b in bins:
        print(f"  {b['p']}  {b['rows']:5d}  {b['mean_p']:.2f}  {b['observed']:.2f}")
    return {
        "brier": brier,
        "bins": bins,
        "fitted_bacc": fitted,
        "fitted_cv_bacc": cv,
        "heldout_bacc": held,
        "gap": gap,
        "cv_gap": cv_gap,
    }


# -- main -----------------------------------------------------------------------------------


def missed(checks: dict[str, float | None], limits: dict[str, float]) -> list[str]:
    """The figures on the wrong side of their limit: above for times and memory, else below."""
    out = []
    for name, limit in limits.items():
        value = checks.get(name)
        if value is None:
            continue
        if (
            (value > limit)
            if name in ("speed_case_s", "model_load_s", "peak_rss_mb", "shipped_mb")
            else (value < limit)
        ):
            out.append(f"{name} {value} (limit {limit})")
    return out


def load_floors(key: str = "factuality") -> dict[str, float]:
    if not FLOORS.exists():
        return {}
    return dict(json.loads(FLOORS.read_text(encoding="utf-8")).get(key, {}))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="seeded sample of held-out documents (default)")
    mode.add_argument("--full", action="store_true", help="every held-out row")
    mode.add_argument(
        "--ablate",
        action="store_true",
        help="held-out figures of the combiner refitted without each check's signals in turn",
    )
    mode.add_argument("--speed", action="store_true", help="only the speed case (run it on an idle machine)")
    mode.add_argument("--speed-worker", metavar="JSON", help=argparse.SUPPRESS)
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    ap.add_argument("--no-speed", action="store_true", help="skip the speed case")
    ap.add_argument("--files", default="*", help="glob of factuality file stems (default: all)")
    a = ap.parse_args()
    if a.speed_worker:
        speed_worker(a.speed_worker)
        return 0
    if not DATA.is_dir() or not SCORER.exists():
        print(f"factuality benchmark skipped: {DATA} or {SCORER} not found")
        return 0
    from training import signals

    rows = signals.read_rows(a.files)
    if a.speed:
        speed = measured_speed(rows)
        figures = speed_checks(speed)
        failed = missed(figures, {k: v for k, v in load_floors("factuality_full").items() if k in figures})
        targets_missed = missed(figures, load_floors("factuality_targets"))
        if targets_missed:
            print("targets not reached yet: " + "; ".join(targets_missed))
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "factuality_speed.json").write_text(
            json.dumps({"speed": speed, "failed": failed, "targets_missed": targets_missed}, indent=1),
            encoding="utf-8",
        )
        if failed:
            print("below floor: " + "; ".join(failed))
        return 1 if failed else 0
    if a.ablate:
        held = select(rows, heldout=True, sources=None, max_rows=None)
        print(f"ablation: {len(held)} held-out rows; the combiner is refitted on its fitting rows each time")
        result = ablate(held, jobs=a.jobs)
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "factuality_ablation.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
        return 0
    quick = not a.full
    sample = select(
        rows,
        heldout=True,
        sources=QUICK_SOURCES_PER_FILE if quick else None,
        max_rows=QUICK_MAX_ROWS_PER_FILE if quick else None,
    )
    tag = "quick" if quick else "full"
    print(
        f"factuality ({tag}): {len(sample)} held-out rows from {len({r['source'] for r in sample})} sources"
    )
    t0 = time.perf_counter()
    if quick:
        preds, timing = run(sample, jobs=a.jobs)
    else:
        # the whole held-out part: its audits (every claim's signals, cached by scorer and code
        # digest, shared with --ablate)
        preds = signals.cached("heldout", sample, jobs=a.jobs)
        timing = {"wall_s": time.perf_counter() - t0, **_timing_of(preds)}
    from copydesk.check.combine import get_combiner

    errors = [p for p in preds if "error" in p]
    print("the engine's default verdict step (the hand rules of copydesk.check.verdict):")
    scores = score_predictions(preds, sample, tag)
    findings = finding_table(preds, sample)
    print_finding_table(findings)
    # the same audits, each claim's signals decided by the learned combiner
    learned = combined(preds, get_combiner())
    print("\nthe learned combiner (copydesk.check.combine.decide; not the default):")
    learned_scores = score_predictions(learned, sample, f"{tag}_combiner")
    learned_findings = finding_table(learned, sample)
    print_finding_table(learned_findings)
    calibration = _calibration_report(learned, sample, learned_scores)
    per_row = (timing["analyse_s"] + timing["audit_s"]) / max(1, timing["rows"])
    throughput = {
        "pairs_per_s_end_to_end": round(1 / per_row, 2) if per_row else None,
        "pairs_per_s_audit_only": round(timing["rows"] / timing["audit_s"], 2) if timing["audit_s"] else None,
        "wall_s": round(timing["wall_s"], 1),
        "jobs": a.jobs,
    }
    print(
        f"throughput per process (one thread): {throughput['pairs_per_s_end_to_end']} pairs/s end to end "
        f"(analysis + audit), {throughput['pairs_per_s_audit_only']} pairs/s audit only; "
        f"errors: {len(errors)}"
    )
    speed = {} if a.no_speed else measured_speed(rows)
    # The quick sample and the whole held-out part read differently: each has its own floors.
    floors = load_floors("factuality" if quick else "factuality_full")
    checks = {
        "overall_bacc": scores["ALL"]["bacc"],
        "overall_auc": scores["ALL"]["auc"],
        **{f"{f}_bacc": scores.get(f.replace("_", "-", 1), {}).get("bacc") for f in NEWS_FILES},
        **speed_checks(speed),
    }
    failed = missed(checks, floors)
    # Targets are the figures the checker is meant to reach; unlike floors they do not fail the run.
    targets = load_floors("factuality_targets")
    targets_missed = missed(checks, targets)
    if targets_missed:
        print("targets not reached yet: " + "; ".join(targets_missed))
    learned_checks = {
        "overall_bacc": learned_scores["ALL"]["bacc"],
        "overall_auc": learned_scores["ALL"]["auc"],
        **{f"{f}_bacc": learned_scores.get(f.replace("_", "-", 1), {}).get("bacc") for f in NEWS_FILES},
    }
    learned_missed = missed(learned_checks, targets)
    if learned_missed:
        print("targets the learned combiner does not reach: " + "; ".join(learned_missed))
    report = {
        "mode": tag,
        "rows": len(sample),
        "errors": len(errors),
        "scores": scores,
        "findings": findings,
        "combiner": {"scores": learned_scores, "findings": learned_findings, "calibration": calibration},
        "throughput": throughput,
        "speed": speed,
        "floors": floors,
        "failed": failed,
        "targets": targets,
        "targets_missed": targets_missed,
    }
    (OUT / f"factuality_{tag}.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    if failed:
        print("below floor: " + "; ".join(failed))
        return 1
    print("factuality: all floors met" if floors else "factuality: no floors set")
    return 0


if __name__ == "__main__":
    sys.exit(main())
