"""Genre benchmark: how much of an article is in the author's own voice, news against opinion.

Measures, for each PolNeAR article (``../shared/data/attribution/polnear-train/text``; US
political news from seven outlets, 2015-2016, which publish columns beside their reports), the
share of its sentences outside quotations that hold a first-person pronoun outside quotation
marks (``copydesk.analyse.voice``), after ingest has marked the page furniture. Prints the
distribution and the articles with the highest shares.

Labels: ``benchmarks/genre_labels.tsv`` names articles judged by reading them (file name,
``news`` or ``opinion``, and why); every article with a share at or above ``LABEL_FROM`` was
read. ``--fit`` chooses the threshold that makes the fewest errors on the labelled articles
(ties: the highest, which calls fewer reports opinion), reports its leave-one-out accuracy,
and writes it with the fewest sentences it needs to ``src/copydesk/data/genre.json``.

    python benchmarks/genre.py            # the table, and the errors of the stored rule
    python benchmarks/genre.py --fit      # refit and store the rule
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = Path(os.environ.get("COPYDESK_SHARED", REPO.parent / "shared"))
TEXTS = SHARED / "data" / "attribution" / "polnear-train" / "text"
METADATA = SHARED / "data" / "attribution" / "polnear-metadata.tsv"
LABELS = HERE / "genre_labels.tsv"
RULE = REPO / "src" / "copydesk" / "data" / "genre.json"
OUT = HERE / "out" / "genre.json"
LABEL_FROM = 0.10
"""Every article whose share is at least this was read and labelled."""
MIN_SENTENCES = 8
"""Fewer sentences outside quotations than this tell nothing reliable about a voice."""


def measure(limit: int | None = None) -> list[dict[str, Any]]:
    sys.path.insert(0, str(REPO / "src"))
    from copydesk.analyse.nlp import DocIndex, parse_many
    from copydesk.analyse.quotemarks import find_quote_regions
    from copydesk.analyse.sentences import sentence_spans
    from copydesk.analyse.voice import read_voice
    from copydesk.config import Settings
    from copydesk.ingest import read_text

    files = sorted(TEXTS.glob("*.txt"))[:limit]
    docs = [read_text(f.read_text(encoding="utf-8"), name=f.name, settings=Settings()) for f in files]
    rows = []
    for f, doc, parsed in zip(files, docs, parse_many(d.text for d in docs), strict=True):
        regions, _ = find_quote_regions(doc.text)
        sentences = sentence_spans(parsed, DocIndex(parsed))
        voice, counted = read_voice(doc.text, sentences, regions, [x.span for x in doc.furniture])
        rows.append(
            {
                "name": f.stem,
                "voice": len(voice),
                "counted": counted,
                "share": len(voice) / counted if counted else 0.0,
                "labelled_genre": doc.genre,
            }
        )
    return rows


def read_labels() -> dict[str, str]:
    if not LABELS.exists():
        return {}
    with open(LABELS, encoding="utf-8", newline="") as f:
        return {
            r["name"]: r["genre"]
            for r in csv.DictReader((x for x in f if not x.startswith("#")), delimiter="\t")
        }


def errors(rows: list[dict[str, Any]], labels: dict[str, str], threshold: float) -> int:
    n = 0
    for r in rows:
        if r["name"] in labels and r["counted"] >= MIN_SENTENCES:
            called = "opinion" if r["share"] >= threshold else "news"
            n += called != labels[r["name"]]
    return n


def fit(rows: list[dict[str, Any]], labels: dict[str, str]) -> float:
    """The threshold with the fewest errors on the labelled rows (ties: the highest)."""
    shares = sorted({round(r["share"], 4) for r in rows if r["name"] in labels} | {1.01})
    return min(shares, key=lambda t: (errors(rows, labels, t), -t))


def leave_one_out(rows: list[dict[str, Any]], labels: dict[str, str]) -> tuple[int, int]:
    names = [r["name"] for r in rows if r["name"] in labels and r["counted"] >= MIN_SENTENCES]
    right = 0
    for name in names:
        rest = {k: v for k, v in labels.items() if k != name}
        t = fit(rows, rest)
        r = next(x for x in rows if x["name"] == name)
        right += ("opinion" if r["share"] >= t else "news") == labels[name]
    return right, len(names)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fit", action="store_true", help="refit the threshold and store it")
    ap.add_argument("--limit", type=int, help="measure only the first N articles")
    args = ap.parse_args()
    if not TEXTS.exists():
        print(f"no PolNeAR texts in {TEXTS}", file=sys.stderr)
        return 2
    rows = measure(args.limit)
    labels = read_labels()
    titles: dict[str, str] = {}
    if METADATA.exists():
        with open(METADATA, encoding="utf-8", newline="") as f:
            titles = {r["filename"]: r["title"] for r in csv.DictReader(f, delimiter="\t")}
    enough = [r for r in rows if r["counted"] >= MIN_SENTENCES]
    shares = sorted(r["share"] for r in enough)
    q = statistics.quantiles(shares, n=100) if len(shares) > 1 else shares
    print(
        f"genre benchmark: {len(rows)} PolNeAR articles, {len(enough)} with >= {MIN_SENTENCES} "
        "sentences outside quotations"
    )
    print(
        f"share of author-voice sentences: median {statistics.median(shares):.3f}, 90th {q[89]:.3f}, "
        f"95th {q[94]:.3f}, 99th {q[98]:.3f}, max {shares[-1]:.3f}"
    )
    print(f"articles with share >= {LABEL_FROM}: {sum(s >= LABEL_FROM for s in shares)}")
    print("\nhighest shares (name, share, voice/counted, label, title):")
    for r in sorted(enough, key=lambda r: -r["share"])[:40]:
        print(
            f"  {r['name'][:60]:60s} {r['share']:.2f} {r['voice']:3d}/{r['counted']:<3d} "
            f"{labels.get(r['name'], '?'):7s} {titles.get(r['name'], '')[:60]}"
        )
    rule = json.loads(RULE.read_text()) if RULE.exists() else None
    result: dict[str, Any] = {
        "articles": len(rows),
        "labelled": len(labels),
        "quantiles": {"median": statistics.median(shares), "p90": q[89], "p95": q[94], "p99": q[98]},
    }
    if labels:
        threshold = fit(rows, labels)
        right, total = leave_one_out(rows, labels)
        print(
            f"\nfitted threshold {threshold:.3f}: {errors(rows, labels, threshold)} errors on "
            f"{total} labelled articles; leave-one-out accuracy {right}/{total}"
        )
        result.update({"fitted_threshold": threshold, "loo_right": right, "loo_total": total})
        if rule:
            print(f"stored rule {rule['threshold']:.3f}: {errors(rows, labels, rule['threshold'])} errors")
        if args.fit:
            RULE.write_text(
                json.dumps(
                    {
                        "threshold": round(threshold, 4),
                        "min_sentences": MIN_SENTENCES,
                        "fitted_by": "benchmarks/genre.py --fit",
                        "labelled_articles": total,
                        "leave_one_out_accuracy": round(right / total, 4) if total else None,
                        "polnear_share_quantiles": {k: round(v, 4) for k, v in result["quantiles"].items()},
                    },
                    indent=2,
                )
                + "\n"
            )
            print(f"wrote {RULE}")
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps({**result, "rows": rows}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
