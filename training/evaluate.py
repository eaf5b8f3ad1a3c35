"""Document-level evaluation of a support scorer on the factuality files.

A derived text is split into sentences; each sentence's *best support* is the highest score of
its premises (the retriever's two best source sentences alone, and the two joined in source
order); the text's score is the lowest best support of its sentences, and the rule is
"consistent iff every sentence's best support >= threshold". The threshold is chosen on a
seeded sample of the train part (pooled balanced accuracy) and applied unchanged to the
held-out part.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from training.pairs import Sentencizer, premise_candidates, read_jsonl
from training.splits import is_heldout

ScoreFn = Callable[[Sequence[tuple[str, str]]], list[float]]


@dataclass(frozen=True)
class Row:
    file: str
    label: int
    claims: tuple[tuple[str, tuple[str, ...]], ...]
    """(claim sentence, its premises)."""


def prepare(
    files: Sequence[Path],
    *,
    heldout: bool,
    sentencizer: Sentencizer,
    retriever: object,
    max_rows: int = 0,
    seed: int = 0,
) -> list[Row]:
    """Rows of one side of the split, with each derived sentence's candidate premises.

    ``max_rows`` > 0 keeps a seeded random sample of that many rows per file.
    """
    out: list[Row] = []
    for path in files:
        rows = [r for r in read_jsonl(path) if is_heldout(r["source"]) == heldout]
        if 0 < max_rows < len(rows):
            keep = sorted(random.Random(f"{seed}:{path.name}").sample(range(len(rows)), max_rows))
            rows = [rows[i] for i in keep]
        derived = sentencizer.split_many([r["derived"] for r in rows])
        sources = sentencizer.split_many([r["source"] for r in rows])
        cache: dict[tuple[str, str], tuple[str, ...]] = {}
        for row, claims, sents in zip(rows, derived, sources, strict=True):
            todo = [c for c in claims if (row["source"], c) not in cache]
            if todo:
                for c, cands in zip(todo, premise_candidates(todo, sents, retriever, k=2), strict=True):
                    cache[(row["source"], c)] = tuple(cands)
            items = tuple((c, cache[(row["source"], c)]) for c in claims)
            out.append(Row(path.stem, int(row["label"]), items))
    return out


def document_scores(rows: Sequence[Row], score: ScoreFn) -> list[float]:
    """Each row's score: min over its sentences of max over that sentence's premises."""
    unique = sorted({(p, c) for row in rows for c, prem in row.claims for p in prem})
    values = dict(zip(unique, score(unique), strict=True))
    out = []
    for row in rows:
        best = [max((values[(p, c)] for p in prem), default=0.0) for c, prem in row.claims]
        out.append(min(best, default=1.0))
    return out


def balanced_accuracy(labels: Sequence[int], scores: Sequence[float], threshold: float) -> float:
    pos = [s for y, s in zip(labels, scores, strict=True) if y == 1]
    neg = [s for y, s in zip(labels, scores, strict=True) if y == 0]
    tpr = sum(s >= threshold for s in pos) / len(pos) if pos else 0.0
    tnr = sum(s < threshold for s in neg) / len(neg) if neg else 0.0
    return (tpr + tnr) / 2 if pos and neg else (tpr or tnr)


def roc_auc(labels: Sequence[int], scores: Sequence[float]) -> float:
    """Area under the ROC curve (Mann-Whitney U with midranks for ties)."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    if not n_pos or not n_neg:
        return float("nan")
    rank_sum = sum(r for r, y in zip(ranks, labels, strict=True) if y == 1)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def best_threshold(labels: Sequence[int], scores: Sequence[float]) -> float:
    """The threshold (midpoint between adjacent scores) with the best balanced accuracy."""
    values = sorted(set(scores))
    cuts = [values[0] - 1e-6] + [(a + b) / 2 for a, b in zip(values, values[1:], strict=False)]
    return max(cuts, key=lambda t: (balanced_accuracy(labels, scores, t), -abs(t - 0.5)))


def report(rows: Sequence[Row], scores: Sequence[float], threshold: float) -> dict[str, dict[str, float]]:
    """Per file and pooled: rows, positives, balanced accuracy (%), ROC-AUC."""
    out: dict[str, dict[str, float]] = {}
    files = sorted({r.file for r in rows})
    for name in [*files, "ALL"]:
        idx = [i for i, r in enumerate(rows) if name in ("ALL", r.file)]
        labels = [rows[i].label for i in idx]
        s = [scores[i] for i in idx]
        out[name] = {
            "rows": len(idx),
            "positives": sum(labels),
            "balanced_accuracy": 100 * balanced_accuracy(labels, s, threshold),
            "roc_auc": roc_auc(labels, s),
        }
    per_file = [out[f]["balanced_accuracy"] for f in files]
    out["MEAN_OVER_FILES"] = {"balanced_accuracy": sum(per_file) / len(per_file) if per_file else 0.0}
    return out
