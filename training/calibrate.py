"""Fits the combiner (``copydesk.check.combine``) and writes its calibration file.

    python -m training.calibrate                      # the shipped scorer, the calibration part
    python -m training.calibrate --scorer DIR --out DIR/calibration.json

Steps, on the rows of the factuality files that the scorer never saw in training (the
*calibration part*, ``training.splits.is_calibration``: 15 % of the source documents), and on a
seeded sample of the training part if cross-validation on the calibration part says it helps
(see :func:`calibrate`); the held-out part is never read here:

1. Audit every row with the scorer and record each claim's signals (``training.signals``,
   cached under ``build/signals/`` by the scorer's sha256).
2. Measure each finding key's row precision on the fitting rows (the share of the rows it fires
   on that are inconsistent): a key is *precise* at :data:`PRECISE` or more over at least
   :data:`MIN_ROWS` rows, and then fires on its own (``contradicted`` for a contradiction); a
   key seen on fewer rows is *unmeasured* and fires as ``unsupported``; the others only weigh in
   the model (see ``copydesk.check.combine``).
3. Fit a logistic regression on the claims' features (``copydesk.check.combine.features``) by
   multiple-instance learning: a text is as inconsistent as its worst claim, so each text's label
   is fitted on the claim the model finds worst (starting from the lowest scorer figure, then
   refitting until the choice settles).
4. Choose the regularisation ``C`` by row ROC-AUC under cross-validation grouped by source
   document (5 folds stratified by label, repeated with 3 seeds), then the decision threshold by
   balanced accuracy of the verdicts on the same out-of-fold predictions (a row with a finding
   that fires is not supported whatever its probability).
5. Refit on every row and write the file, pinned to the scorer's sha256.

``training.train_checker`` runs this after training, so new weights never ship uncalibrated.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from copydesk.check.combine import BASE_FEATURES, CALIBRATION_FILE, Calibration, features, finding_key
from training import signals

log = logging.getLogger("calibrate")
SEED = 13
FOLDS = 5
REPEATS = 3
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
MIN_KEY_ROWS = 5
"""A finding key gets its own feature when it occurs in at least this many fitting rows; rarer
keys count for their type's catch-all (``type:*``)."""
PRECISE = 0.85
"""Row precision on the fitting rows at which a finding key fires on its own."""
MIN_ROWS = 8
"""Rows a finding key must fire on before its precision is measured; below, it fires as
``unsupported``."""
MIL_ITERATIONS = 10


@dataclass(frozen=True)
class Bag:
    """One labelled derived text: its claims' signals, its label (1 = inconsistent) and group."""

    id: str
    claims: tuple[dict[str, Any], ...]
    inconsistent: int
    group: str
    file: str


def bags_of(items: Iterable[dict[str, Any]]) -> list[Bag]:
    return [
        Bag(x["id"], tuple(x["signals"]), 1 - int(x["label"]), x["group"], x["_file"])
        for x in signals.labelled(items)
    ]


def finding_keys(bags: Sequence[Bag], *, drop: Callable[[str], bool] = lambda k: False) -> list[str]:
    """The finding keys of at least :data:`MIN_KEY_ROWS` rows, then the types' catch-alls."""
    rows: dict[str, int] = {}
    for b in bags:
        for k in {finding_key(f) for c in b.claims for f in c["findings"]}:
            rows[k] = rows.get(k, 0) + 1
    keys = sorted(k for k, n in rows.items() if n >= MIN_KEY_ROWS and not drop(k))
    types = sorted({k.split(":")[0] + ":*" for k in rows if k not in keys and not drop(k)})
    return keys + types


def matrix(bags: Sequence[Bag], keys: Sequence[str], mask: Sequence[bool]) -> list[np.ndarray]:
    cols = [i for i, m in enumerate(mask) if m]
    width = len(BASE_FEATURES) + len(keys)
    out = []
    for b in bags:
        x = np.array([features(c, keys) for c in b.claims], dtype=float).reshape(len(b.claims), width)
        out.append(x[:, cols])
    return out


@dataclass
class Model:
    """A fitted combiner in matrix form (columns selected by ``mask``)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def claim_logits(self, x: np.ndarray) -> np.ndarray:
        if not len(x):
            return np.zeros(0)
        return np.asarray(((x - self.mean) / self.scale) @ self.coef + self.intercept)

    def row_probability(self, x: np.ndarray) -> float:
        z = self.claim_logits(x)
        return float(1 / (1 + np.exp(-z.max()))) if len(z) else 0.0


def _stack(xs: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Every claim's features in one matrix, and the offset of each bag's first claim."""
    sizes = [len(x) for x in xs]
    return np.vstack(xs), np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int)


def _argmax_per_bag(z: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The index (into the stacked claims) of each bag's highest value."""
    return np.array([s + int(np.argmax(z[s:e])) for s, e in zip(starts, [*starts[1:], len(z)], strict=True)])


def fit(xs: Sequence[np.ndarray], y: Sequence[int], c: float) -> Model:
    """Multiple-instance logistic regression with max pooling (see the module docstring)."""
    from sklearn.linear_model import LogisticRegression

    keep = [i for i, x in enumerate(xs) if len(x)]
    y_arr = np.array([y[i] for i in keep])
    every, starts = _stack([xs[i] for i in keep])
    mean = every.mean(axis=0)
    scale = every.std(axis=0)
    scale[scale < 1e-9] = 1.0
    scaled = (every - mean) / scale
    # start from the claim the scorer rates lowest (column 0 is its logit) among those with the
    # most findings
    prior = every[:, len(BASE_FEATURES) :].sum(axis=1) * 20 - every[:, 0]
    witness = _argmax_per_bag(prior, starts)
    model = Model(mean, scale, np.zeros(every.shape[1]), 0.0)
    for _ in range(MIL_ITERATIONS):
        lr = LogisticRegression(C=c, solver="newton-cholesky", max_iter=500)
        lr.fit(scaled[witness], y_arr)
        model = Model(mean, scale, lr.coef_[0], float(lr.intercept_[0]))
        new = _argmax_per_bag(scaled @ model.coef, starts)
        if np.array_equal(new, witness):
            break
        witness = new
    return model


def roc_auc(y: Sequence[int], p: Sequence[float]) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, p)) if 0 < sum(y) < len(y) else float("nan")


def balanced_accuracy(y: Sequence[int], p: Sequence[float], threshold: float) -> float:
    """Balanced accuracy (percent) of "inconsistent when p >= threshold"."""
    pos = [q for t, q in zip(y, p, strict=True) if t == 1]
    neg = [q for t, q in zip(y, p, strict=True) if t == 0]
    if not pos or not neg:
        return float("nan")
    return 50 * (sum(q >= threshold for q in pos) / len(pos) + sum(q < threshold for q in neg) / len(neg))


def best_threshold(y: Sequence[int], p: Sequence[float], fired: Sequence[bool] | None = None) -> float:
    """The cut between adjacent probabilities with the best balanced accuracy (the middle one
    of a run of equally good cuts); rows that are ``fired`` count as over every cut."""
    fired = fired or [False] * len(p)
    values = sorted({q for q, f in zip(p, fired, strict=True) if not f})
    cuts = [(a + b) / 2 for a, b in zip(values, values[1:], strict=False)] or [0.5]
    flagged = [1.0 if f else q for q, f in zip(p, fired, strict=True)]
    scored = [balanced_accuracy(y, flagged, t) for t in cuts]
    top = max(scored)
    best = [t for t, s in zip(cuts, scored, strict=True) if s >= top - 1e-9]
    return best[len(best) // 2]


def out_of_fold(
    bags: Sequence[Bag],
    xs: Sequence[np.ndarray],
    c: float,
    *,
    seed: int,
    extra: tuple[Sequence[np.ndarray], Sequence[int]] | None = None,
) -> tuple[list[float], list[list[float]]]:
    """Row and claim probabilities of every bag from models fitted without its fold (folds by
    source document, stratified by label); ``extra`` rows are added to every fold's fit."""
    from sklearn.model_selection import StratifiedGroupKFold

    y = [b.inconsistent for b in bags]
    rows = [0.0] * len(bags)
    claims: list[list[float]] = [[] for _ in bags]
    folds = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=seed)
    for train, test in folds.split(np.zeros(len(bags)), y, [b.group for b in bags]):
        fit_x = [xs[i] for i in train] + (list(extra[0]) if extra else [])
        fit_y = [y[i] for i in train] + (list(extra[1]) if extra else [])
        model = fit(fit_x, fit_y, c)
        for i in test:
            z = model.claim_logits(xs[i])
            claims[i] = [float(1 / (1 + math.exp(-v))) for v in z]
            rows[i] = max(claims[i], default=0.0)
    return rows, claims


@dataclass(frozen=True)
class Choice:
    c: float
    threshold: float
    auc: float
    bacc: float
    rows: list[float]
    claims: list[list[float]]
    grid: dict[float, float]


def choose(
    bags: Sequence[Bag],
    xs: Sequence[np.ndarray],
    *,
    extra: tuple[Sequence[np.ndarray], Sequence[int]] | None = None,
    grid: Sequence[float] = C_GRID,
    fired: Sequence[bool] | None = None,
) -> Choice:
    """``C`` by mean out-of-fold row AUC over :data:`REPEATS` seeds, then the threshold by
    balanced accuracy on the out-of-fold probabilities (averaged over the seeds), a row with a
    finding that fires (``fired``) counting as not supported at any threshold."""
    y = [b.inconsistent for b in bags]
    table: dict[float, float] = {}
    runs: dict[float, list[tuple[list[float], list[list[float]]]]] = {}
    for c in grid:
        runs[c] = [out_of_fold(bags, xs, c, seed=SEED + r, extra=extra) for r in range(REPEATS)]
        table[c] = float(np.mean([roc_auc(y, rows) for rows, _ in runs[c]]))
    best = max(grid, key=lambda c: (round(table[c], 4), -c))
    rows = [float(np.mean([run[0][i] for run in runs[best]])) for i in range(len(bags))]
    claims = [
        [float(np.mean([run[1][i][j] for run in runs[best]])) for j in range(len(bags[i].claims))]
        for i in range(len(bags))
    ]
    fired = fired or [False] * len(bags)
    t = best_threshold(y, rows, fired)
    rows = [effective(p, f, t) for p, f in zip(rows, fired, strict=True)]
    return Choice(best, t, roc_auc(y, rows), balanced_accuracy(y, rows, t), rows, claims, table)


def measure(bags: Sequence[Bag]) -> dict[str, dict[str, float]]:
    """For each finding key: the rows it fires on (a claim of the row carries it) and the share
    of them that are inconsistent."""
    fired: dict[str, list[int]] = {}
    for b in bags:
        for k in {finding_key(f) for c in b.claims for f in c["findings"]}:
            fired.setdefault(k, []).append(b.inconsistent)
    return {k: {"rows": len(v), "precision": round(sum(v) / len(v), 4)} for k, v in sorted(fired.items())}


def fires(measured: dict[str, dict[str, float]], key: str) -> bool:
    """The key fires on its own: precise, or seen on too few rows to be measured."""
    m = measured.get(key)
    return m is None or m["rows"] < MIN_ROWS or m["precision"] >= PRECISE


def fired_rows(bags: Sequence[Bag], measured: dict[str, dict[str, float]]) -> list[bool]:
    """Which bags have a finding that fires on its own."""
    return [any(fires(measured, finding_key(f)) for c in b.claims for f in c["findings"]) for b in bags]


def effective(p: float, fired: bool, threshold: float) -> float:
    """A row's P as the verdict step scores it: one with a finding that fires is not supported,
    so its P is at least just above the threshold."""
    return max(p, 1 - (1 - threshold) * 0.999) if fired else p


def fit_calibration(
    bags: Sequence[Bag],
    scorer_sha: str,
    *,
    extra_bags: Sequence[Bag] = (),
    drop: Callable[[str], bool] = lambda k: False,
    base_mask: Sequence[bool] | None = None,
    info: dict[str, Any] | None = None,
    grid: Sequence[float] = C_GRID,
) -> tuple[Calibration, Choice]:
    """Chooses the settings by grouped cross-validation on ``bags`` (with ``extra_bags`` added
    to every fold's fit), refits on all of them and returns the calibration. ``drop`` leaves
    finding keys out and ``base_mask`` base features (an ablation): their weights are zero;
    ``grid``: the values of ``C`` to choose from."""
    keys = finding_keys([*bags, *extra_bags], drop=drop)
    mask = list(base_mask or [True] * len(BASE_FEATURES)) + [True] * len(keys)
    xs = matrix(bags, keys, mask)
    extra = None
    if extra_bags:
        extra = (matrix(extra_bags, keys, mask), [b.inconsistent for b in extra_bags])
    measured = measure([*bags, *extra_bags])
    choice = choose(bags, xs, extra=extra, grid=grid, fired=fired_rows(bags, measured))
    model = fit(
        xs + (list(extra[0]) if extra else []),
        [b.inconsistent for b in bags] + (list(extra[1]) if extra else []),
        choice.c,
    )
    full = len(mask)
    mean, scale, coef = np.zeros(full), np.ones(full), np.zeros(full)
    cols = [i for i, m in enumerate(mask) if m]
    mean[cols], scale[cols], coef[cols] = model.mean, model.scale, model.coef
    every = xs + (list(extra[0]) if extra else [])
    y_every = [b.inconsistent for b in bags] + (list(extra[1]) if extra else [])
    fitted = [
        effective(model.row_probability(x), f, choice.threshold)
        for x, f in zip(every, fired_rows([*bags, *extra_bags], measured), strict=True)
    ]
    cal = Calibration(
        scorer_sha256=scorer_sha,
        finding_keys=tuple(keys),
        mean=tuple(float(v) for v in mean),
        scale=tuple(float(v) for v in scale),
        coef=tuple(float(v) for v in coef),
        intercept=model.intercept,
        threshold=choice.threshold,
        measured=measured,
        precise_at=PRECISE,
        min_rows=MIN_ROWS,
        info={
            **(info or {}),
            "rows": len(bags) + len(extra_bags),
            "C": choice.c,
            "cv_auc_by_C": {str(k): round(v, 4) for k, v in choice.grid.items()},
            "cv_row_auc": round(choice.auc, 4),
            "cv_bacc": round(choice.bacc, 2),
            "in_sample_auc": round(roc_auc(y_every, fitted), 4),
            "in_sample_bacc": round(balanced_accuracy(y_every, fitted, choice.threshold), 2),
        },
    )
    return cal, choice


TRAIN_SAMPLE = (60, 120)
"""The training-part sample the combiner may be fitted on as well: source documents per file, at
most rows per file (seeded)."""


def fitting_rows(rows: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The calibration part (rows the scorer never saw) and a seeded sample of the training part
    (:data:`TRAIN_SAMPLE`; the scorer was trained on it, so its figures there are flattered)."""
    cal = [r for r in rows if r["_part"] == "calibration"]
    train = [r for r in rows if r["_part"] == "train"]
    return cal, signals.sample(train, sources=TRAIN_SAMPLE[0], max_rows=TRAIN_SAMPLE[1], seed=SEED)


def fitting_bags(
    scorer_dir: Path | None = None,
    *,
    jobs: int = 1,
    train_sample: bool = True,
    log: Callable[[str], None] = print,
) -> tuple[list[Bag], list[Bag]]:
    """The audits of :func:`fitting_rows` as bags (cached by ``training.signals``); without
    ``train_sample``, no training-part bag."""
    cal_rows, train_rows = fitting_rows(signals.read_rows())
    kw: dict[str, Any] = {"jobs": jobs, "scorer_dir": scorer_dir, "log": log}
    cal = bags_of(signals.cached("calibration", cal_rows, **kw))
    train = bags_of(signals.cached("train-sample", train_rows, **kw)) if train_sample else []
    return cal, train


def calibrate(
    scorer_dir: Path | None = None,
    *,
    out: Path | None = None,
    jobs: int = 1,
    train_sample: bool = True,
    log: Callable[[str], None] = print,
) -> Calibration:
    """Fits the combiner for the scorer in ``scorer_dir`` (the shipped one by default) and writes
    its calibration file (by default ``calibration.json`` beside the scorer).

    Whether the training-part sample joins the calibration part in the fit is itself chosen by
    grouped cross-validation on the calibration part alone: each fold's model is fitted on the
    other folds, with or without the sample, and scored on its fold (out-of-fold row AUC).
    Without ``train_sample`` the sample is neither audited nor tried."""
    out = out or ((scorer_dir / "calibration.json") if scorer_dir else CALIBRATION_FILE)
    cal_bags, train_bags = fitting_bags(scorer_dir, jobs=jobs, train_sample=train_sample, log=log)
    sha = signals.scorer_sha256(scorer_dir)
    alone, alone_choice = fit_calibration(cal_bags, sha)
    cv: dict[str, Any] = {"alone": {"auc": round(alone_choice.auc, 4), "bacc": round(alone_choice.bacc, 2)}}
    chosen, choice, use_train = alone, alone_choice, False
    if train_bags:
        joined, joined_choice = fit_calibration(cal_bags, sha, extra_bags=train_bags)
        log(
            f"out of fold on the calibration part: fitted on it alone AUC {alone_choice.auc:.3f} / "
            f"balanced accuracy {alone_choice.bacc:.1f}; with the training-part sample "
            f"{joined_choice.auc:.3f} / {joined_choice.bacc:.1f}"
        )
        cv["with_train_sample"] = {"auc": round(joined_choice.auc, 4), "bacc": round(joined_choice.bacc, 2)}
        if joined_choice.auc > alone_choice.auc:
            chosen, choice, use_train = joined, joined_choice, True
    info = {
        **chosen.info,
        "part": "calibration" + (" + training-part sample" if use_train else ""),
        "command": "python -m training.calibrate" + ("" if train_sample else " --no-train-sample"),
        "calibration_rows": len(cal_bags),
        "train_sample_rows": len(train_bags) if use_train else 0,
        "cv_on_calibration_part": cv,
    }
    cal = replace(chosen, info=info)
    out.write_text(json.dumps(cal.to_dict(), indent=1) + "\n", encoding="utf-8")
    log(
        f"C {choice.c}, threshold {choice.threshold:.3f}: out-of-fold row AUC {choice.auc:.3f}, balanced "
        f"accuracy {choice.bacc:.1f} on the {len(cal_bags)} calibration rows; wrote {out}"
    )
    return cal


def main() -> None:
    ap = argparse.ArgumentParser(description="Fit the combiner and write its calibration file.")
    ap.add_argument(
        "--scorer", type=Path, default=None, help="folder with model.onnx (default: the shipped one)"
    )
    ap.add_argument("--out", type=Path, default=None, help="calibration file (default: beside the scorer)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument(
        "--no-train-sample",
        action="store_true",
        help="fit on the calibration part alone (do not audit or try the training-part sample)",
    )
    a = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    calibrate(a.scorer, out=a.out, jobs=a.jobs, train_sample=not a.no_train_sample, log=log.info)


if __name__ == "__main__":
    main()
