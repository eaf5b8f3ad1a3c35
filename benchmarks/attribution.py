"""Attribution benchmark: who said what, scored on PolNeAR with the reference scorer.

Runs copydesk's analyser over PolNeAR training articles (``../shared/data/attribution/
polnear-train``), writes its quotes as predictions in the format of
``../shared/tools/score_attribution.py`` and scores them with that scorer (imported from its
file), so the figures compare directly with held-out ones:

- content precision, recall and F1 (a match needs character-overlap F1 >= 0.5), exact F1;
- direct-quote recall (gold contents holding a quotation mark);
- speaker accuracy on matched pairs, and end-to-end F1 (content and speaker right);
- speed: articles per second of CPU time in this one process (one core) for copydesk's whole
  analysis (``analyse_many``: parse, attributions, actors, dates) and for the bare spaCy
  pipeline (``nlp.pipe`` over the same texts, all components, as ``spacy.load`` gives it), and
  their ratio.

Articles: ``--quick`` (default) scores a seeded sample of 80 (the sample the scorer draws with
``--gold-split train --limit 80 --seed 0``); ``--full`` scores all 840. ``--half dev`` or
``--half confirm`` restricts the run to one half of a seeded split of the training articles
(``random.Random(0)`` shuffles the sorted names; the first half is "dev"): the cue lexicon's
corpus evidence (``--cue-stats``) comes from the dev half only, and the confirm half checks that
it generalises.

A table goes to stdout and JSON to ``benchmarks/out/attribution.json``; the exit code is 1 when
a figure is below its floor in ``benchmarks/floors.json`` (key ``attribution``).

    python benchmarks/attribution.py --quick
    python benchmarks/attribution.py --full [--half dev|confirm]
    python benchmarks/attribution.py --cue-stats      # corpus evidence for the cue lexicon
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import importlib.util
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = Path(os.environ.get("COPYDESK_SHARED", REPO.parent / "shared"))
POLNEAR = SHARED / "data" / "attribution" / "polnear-train"
METADATA = SHARED / "data" / "attribution" / "polnear-metadata.tsv"
SCORER = SHARED / "tools" / "score_attribution.py"
OUT = HERE / "out" / "attribution.json"
FLOORS = HERE / "floors.json"
QUICK_ARTICLES = 80
SPLIT_SEED = 0
CUE_STATS_MIN_USES = 3
CUE_STATS_ADD = 0.5
CUE_STATS_REJECT = 0.15
CUE_STATS_REJECT_MIN_USES = 5


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_attribution", SCORER)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the reference scorer {SCORER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def halves(names: list[str]) -> dict[str, list[str]]:
    """The seeded split of the training articles into a development and a confirmation half."""
    shuffled = sorted(names)
    random.Random(SPLIT_SEED).shuffle(shuffled)
    mid = len(shuffled) // 2
    return {"dev": sorted(shuffled[:mid]), "confirm": sorted(shuffled[mid:])}


def publication_dates() -> dict[str, dt.date]:
    out: dict[str, dt.date] = {}
    if not METADATA.exists():
        return out
    with open(METADATA, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            try:
                out[row["filename"]] = dt.date.fromisoformat(row["publication_date"])
            except (KeyError, ValueError):
                continue
    return out


def select(gold: dict[str, Any], quick: bool, half: str) -> list[str]:
    names = sorted(gold)
    if quick:
        names = sorted(random.Random(0).sample(names, min(QUICK_ARTICLES, len(names))))
    if half != "all":
        keep = set(halves(sorted(gold))[half])
        names = [n for n in names if n in keep]
    return names


def run_copydesk(names: list[str], gold: dict[str, Any]) -> tuple[list[dict[str, Any]], float]:
    """Analyses the articles; returns prediction lines and the CPU seconds it took."""
    from copydesk.analyse import analyse_many
    from copydesk.model import Document

    dates = publication_dates()
    docs = [Document(gold[n][0], id=n, published=dates.get(n)) for n in names]
    lines = []
    start = time.process_time()
    analyses = list(analyse_many(docs))
    seconds = time.process_time() - start
    for name, analysis in zip(names, analyses, strict=True):
        quotes = [
            {
                "speaker": q.speaker.to_dict() if q.speaker else None,
                "cue": q.cue.to_dict() if q.cue else None,
                "content": q.content.to_dict(),
            }
            for q in analysis.quotes
        ]
        lines.append({"article": name, "quotes": quotes})
    return lines, seconds


def run_bare(texts: list[str]) -> float:
    """CPU seconds of the bare spaCy pipeline over the texts."""
    import spacy

    from copydesk.analyse.nlp import BATCH_SIZE, MODEL_NAME

    nlp = spacy.load(MODEL_NAME)
    list(nlp.pipe(texts[:2]))  # warm-up, not timed
    start = time.process_time()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    return time.process_time() - start


def warm_up(gold: dict[str, Any], names: list[str]) -> None:
    """Loads the model and runs two articles through copydesk once, so loading is not timed."""
    from copydesk.analyse import analyse_many
    from copydesk.model import Document

    list(analyse_many(Document(gold[n][0]) for n in names[:2]))


def check_floors(result: dict[str, Any]) -> list[str]:
    floors = json.loads(FLOORS.read_text()).get("attribution", {}) if FLOORS.exists() else {}
    figures = {
        "end_to_end_f1": result["score"]["end_to_end"]["f1"],
        "direct_recall": result["score"]["direct"]["recall"] or 0.0,
        "speaker_accuracy": result["score"]["speaker"]["accuracy"] or 0.0,
        "speed_ratio": result["speed"]["ratio"],
    }
    return [f"{k} {figures[k]:.3f} < floor {v}" for k, v in floors.items() if k in figures and figures[k] < v]


def cue_stats(gold: dict[str, Any], scorer: ModuleType) -> None:
    """Prints, for the dev half, how often each (lemma, frame) reading is a right attribution."""
    from copydesk.analyse.nlp import parse_many
    from copydesk.analyse.quotemarks import find_quote_regions
    from copydesk.analyse.quotes import _Extractor, seed_allows

    names = halves(sorted(gold))["dev"]
    counts: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0, 0])
    for name, doc in zip(names, parse_many(gold[n][0] for n in names), strict=True):
        attrs = gold[name][1]
        regions, _ = find_quote_regions(doc.text)
        ex = _Extractor(doc, regions)
        for token in doc:
            for cand in ex.frames(token):
                found = ex.finish([cand])
                if not found or found[0].cue is None:
                    continue
                q = found[0]
                right = False
                for g in attrs:
                    size = len(q.content) + sum(e - s for s, e in g["content"])
                    if 2 * scorer.overlap(q.content.start, q.content.end, g["content"]) < 0.5 * size:
                        continue
                    if not g["cue"] or not scorer.overlap(q.cue.start, q.cue.end, g["cue"]):
                        continue
                    if g["source"]:
                        spk = q.speaker
                        right = spk is not None and scorer.overlap(spk.start, spk.end, g["source"]) > 0
                    else:
                        right = q.speaker is None
                    break
                key = (cand.lemma, cand.frame)
                counts[key][0] += 1
                counts[key][1] += right
    add: dict[str, set[str]] = collections.defaultdict(set)
    reject: dict[str, set[str]] = collections.defaultdict(set)
    print(f"{'lemma':20s} {'frame':22s} {'uses':>6s} {'right':>6s}")
    for (lemma, frame), (n, ok) in sorted(counts.items(), key=lambda kv: -kv[1][0]):
        if n >= CUE_STATS_MIN_USES:
            print(f"{lemma:20s} {frame:22s} {n:6d} {ok:6d}")
        if not lemma.replace("-", "").isalpha():
            continue
        seeded = seed_allows(lemma, frame)
        if not seeded and n >= CUE_STATS_MIN_USES and ok >= CUE_STATS_ADD * n:
            add[lemma].add(frame)
        if seeded and n >= CUE_STATS_REJECT_MIN_USES and ok < CUE_STATS_REJECT * n:
            reject[lemma].add(frame)
    for title, table in (("CORPUS_CUE_FRAMES", add), ("CORPUS_REJECTED_FRAMES", reject)):
        print(f"\n{title} = {{")
        for lemma in sorted(table):
            print(f"    {lemma!r}: frozenset({sorted(table[lemma])!r}),")
        print("}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help=f"{QUICK_ARTICLES} seeded articles (default)")
    mode.add_argument("--full", action="store_true", help="every training article")
    mode.add_argument("--cue-stats", action="store_true", help="print the cue lexicon's corpus evidence")
    ap.add_argument("--half", choices=("all", "dev", "confirm"), default="all")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    if not POLNEAR.is_dir() or not SCORER.exists():
        print(f"attribution benchmark skipped: {POLNEAR} or {SCORER} not found")
        return 0
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    scorer = load_scorer()
    gold = scorer.load_gold(str(POLNEAR))
    if a.cue_stats:
        cue_stats(gold, scorer)
        return 0
    names = select(gold, not a.full, a.half)
    texts = [gold[n][0] for n in names]
    warm_up(gold, names)
    lines, copydesk_s = run_copydesk(names, gold)
    bare_s = run_bare(texts)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line) + "\n")
        pred_path = f.name
    try:
        subset = {n: gold[n] for n in names}
        score = scorer.score(subset, scorer.load_pred(pred_path, subset))
        by_half = {}
        if a.full and a.half == "all":
            # the same predictions, scored on each half of the seeded split
            for half, members in halves(sorted(gold)).items():
                part = {n: gold[n] for n in members}
                by_half[half] = scorer.score(part, scorer.load_pred(pred_path, part))
    finally:
        os.unlink(pred_path)
    speed = {
        "articles": len(names),
        "copydesk_cpu_s": round(copydesk_s, 2),
        "bare_spacy_cpu_s": round(bare_s, 2),
        "copydesk_articles_per_s": round(len(names) / copydesk_s, 3),
        "bare_spacy_articles_per_s": round(len(names) / bare_s, 3),
        "ratio": round(bare_s / copydesk_s, 3),
    }
    result = {
        "mode": "full" if a.full else "quick",
        "half": a.half,
        "articles": names if len(names) <= QUICK_ARTICLES else len(names),
        "score": score,
        "halves": by_half,
        "speed": speed,
    }
    print(f"attribution benchmark ({result['mode']}, half={a.half}): {len(names)} PolNeAR articles")
    print(scorer.table(score))
    for half, hs in by_half.items():
        print(
            f"  {half:8s} half: content F1 {hs['content']['f1']:.3f}, end-to-end F1 "
            f"{hs['end_to_end']['f1']:.3f}, direct-quote recall {hs['direct']['recall']:.3f}, "
            f"speaker accuracy {hs['speaker']['accuracy']:.3f}"
        )
    print(
        f"speed (CPU, one process)  copydesk {speed['copydesk_articles_per_s']:.2f} articles/s, "
        f"bare spaCy nlp.pipe {speed['bare_spacy_articles_per_s']:.2f} articles/s, ratio {speed['ratio']:.2f}"
    )
    failures = check_floors(result)
    result["floors_failed"] = failures
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, indent=1))
    if failures:
        print("below floor: " + "; ".join(failures))
        return 1
    print("all attribution figures at or above their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
