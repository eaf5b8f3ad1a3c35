"""Scores the shipped support scorer (and the untrained base) on the held-out data.

    .venv/bin/python -m training.evaluate_checker

For each factuality file: the document-level rule of ``training.evaluate`` with one threshold
chosen on the train part (pooled over files), balanced accuracy and ROC-AUC on the held-out
part. Also the accuracy on held-out synthetic pairs by operation (threshold 0.5). Writes
``--work/eval.json`` and prints a Markdown table for the model card.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict
from pathlib import Path

from training.evaluate import Row, best_threshold, document_scores, prepare, report
from training.export_onnx import CHECKER_DIR
from training.pairs import Pair, Sentencizer, factuality_files

REPO = Path(__file__).resolve().parent.parent


def synthetic_report(pairs: list[Pair], scores: list[float]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for origin in sorted({p.origin for p in pairs}):
        idx = [i for i, p in enumerate(pairs) if p.origin == origin]
        right = sum((scores[i] >= 0.5) == (pairs[i].label == 1) for i in idx)
        out[origin] = {"pairs": len(idx), "accuracy": 100 * right / len(idx)}
    return out


def main() -> None:
    from copydesk.check.retrieve import get_retriever
    from copydesk.check.scorer import SupportScorer

    parser = argparse.ArgumentParser(description="Evaluate the support scorer on held-out data.")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "checker")
    parser.add_argument("--model", type=Path, default=CHECKER_DIR)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--threshold-rows",
        type=int,
        default=150,
        help="train-part rows per file sampled to choose the threshold",
    )
    parser.add_argument(
        "--compare",
        type=Path,
        default=None,
        help="another scorer folder to evaluate on the same rows (the one shipped before)",
    )
    parser.add_argument("--prepare-only", action="store_true", help="cache the retrieved premises and stop")
    parser.add_argument(
        "--pairs", type=Path, default=None, help="the pairs cache with held-out synthetic pairs"
    )
    args = parser.parse_args()

    t0 = time.time()
    cache = args.work / "eval_rows.json"
    if cache.exists():
        data = json.loads(cache.read_text(encoding="utf-8"))
        train_rows, held_rows = (
            [Row(r["file"], r["label"], tuple((c, tuple(p)) for c, p in r["claims"])) for r in data[side]]
            for side in ("train", "heldout")
        )
    else:
        sentencizer = Sentencizer()
        retriever = get_retriever(threads=args.threads)
        files = factuality_files()
        train_rows = prepare(
            files, heldout=False, sentencizer=sentencizer, retriever=retriever, max_rows=args.threshold_rows
        )
        held_rows = prepare(files, heldout=True, sentencizer=sentencizer, retriever=retriever)
        data = {"train": [asdict(r) for r in train_rows], "heldout": [asdict(r) for r in held_rows]}
        cache.write_text(json.dumps(data), encoding="utf-8")
    print(f"prepared {len(train_rows)} train and {len(held_rows)} held-out rows in {time.time() - t0:.0f} s")
    if args.prepare_only:
        return

    results: dict[str, object] = {}
    synth: list[Pair] = []
    pairs_files = [args.pairs] if args.pairs else sorted(args.work.glob("pairs-*.json"))
    if pairs_files:
        synth = [Pair(**p) for p in json.loads(pairs_files[0].read_text(encoding="utf-8"))["heldout"]]
    models = [("trained", args.model)]
    if args.compare:
        models.append(("compare", args.compare))
    if (args.work / "base" / "model.onnx").exists():
        models.append(("base", args.work / "base"))
    for name, model_dir in models:
        t1 = time.time()
        scorer = SupportScorer(model_dir, threads=args.threads)
        train_scores = document_scores(train_rows, scorer.score)
        threshold = best_threshold([r.label for r in train_rows], train_scores)
        held_scores = document_scores(held_rows, scorer.score)
        entry: dict[str, object] = {
            "threshold": threshold,
            "train": report(train_rows, train_scores, threshold),
            "heldout": report(held_rows, held_scores, threshold),
        }
        if synth:
            entry["synthetic_heldout"] = synthetic_report(
                synth, scorer.score([(p.premise, p.claim) for p in synth])
            )
        entry["seconds"] = round(time.time() - t1)
        results[name] = entry
        print(f"{name}: threshold {threshold:.3f} ({entry['seconds']} s)")
    (args.work / "eval.json").write_text(json.dumps(results, indent=2), encoding="utf-8")

    other = "compare" if "compare" in results else "base"
    trained, base = results["trained"], results.get(other)
    assert isinstance(trained, dict)
    if not isinstance(base, dict):
        return
    print(
        "\n| file | held-out rows (consistent) | balanced acc. | ROC-AUC "
        f"| {other}: bal. acc. | {other}: ROC-AUC |"
    )
    print("|---|---|---|---|---|---|")
    for f, m in trained["heldout"].items():
        b = base["heldout"][f]
        if f == "MEAN_OVER_FILES":
            print(f"| mean over files | | {m['balanced_accuracy']:.1f} | | {b['balanced_accuracy']:.1f} | |")
            continue
        print(f"| {f} | {m['rows']} ({m['positives']}) | {m['balanced_accuracy']:.1f} | {m['roc_auc']:.3f} | "
              f"{b['balanced_accuracy']:.1f} | {b['roc_auc']:.3f} |")  # fmt: skip
    if "synthetic_heldout" in trained and "synthetic_heldout" in base:
        print(f"\n| synthetic operation | pairs | accuracy | {other} accuracy |")
        print("|---|---|---|---|")
        for op, m in trained["synthetic_heldout"].items():
            b = base["synthetic_heldout"][op]
            print(f"| {op} | {m['pairs']} | {m['accuracy']:.1f} | {b['accuracy']:.1f} |")


if __name__ == "__main__":
    main()
