"""The learned combiner: a claim's signals -> a calibrated probability that it is not supported.

The engine hands every claim's signals (the support scorer's figures, how much of the claim its
evidence and the whole source hold, the typed findings with their rule and relation) to one
verdict step; :func:`decide` is such a step (``copydesk.check.audit(..., decide=decide)``). A
logistic regression over the features of :func:`features` gives P(inconsistent) for the claim; a
derived text is inconsistent with the probability of its worst claim (the model is fitted that
way: multiple-instance learning with max pooling, each text's label explaining its worst claim,
as in MI-SVM, Andrews et al. 2003).

Typed findings decide by how far they can be trusted, measured on the rows the combiner is
fitted on (the share of the rows a finding key fires on that are inconsistent, stored in the
calibration file as ``measured``):

- a *precise* key (row precision at least ``precise_at`` over at least ``min_rows`` rows) fires on
  its own: the claim is not supported whatever P says;
- a key fitted on too few rows to be measured (under ``min_rows``: a check that the development
  data seldom exercises, such as the transcripts' speaker checks) fires too, but never more
  than ``unsupported``;
- any other key is *weak*: it only raises P through its weight.

The verdicts:

- ``supported``: P below the calibrated threshold and no finding that fires; the combined
  score is 1 - P;
- ``contradicted``: not supported, and a finding that says the source states otherwise comes
  from a precise key;
- ``unsupported``: every other claim. A claim that is not supported scores below
  1 - threshold, so a text is consistent exactly when its lowest score clears that.

It is not the engine's default verdict step (the hand rules of ``copydesk.check.verdict`` are).
On the held-out part of the development data it ranks texts better (row ROC-AUC 0.755 against
0.694) but loses on every news file. It also scores a long sentence copied word for word from
the source as likely unsupported. In SummEdits, on which it is mostly fitted, an unfaithful
summary is mostly copied sentences around one edited sentence that often looks faithful to every
signal, so the fit blames the copied sentences (see ``benchmarks/README.md``).

Every weight, the threshold and the precision table live in one calibration file,
``copydesk/data/checker/calibration.json``, written by ``python -m training.calibrate`` and
pinned to the sha256 of the scorer it was fitted with: loading it beside another scorer is an
error, so a retrained scorer must be calibrated again. Nothing here loads until first use.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from copydesk.check.verdict import ClaimSignals
from copydesk.errors import CheckError
from copydesk.model import Verdict

CHECKER_DIR = Path(__file__).resolve().parent.parent / "data" / "checker"
CALIBRATION_FILE = CHECKER_DIR / "calibration.json"
"""The combiner's parameters, threshold and precision table, beside the scorer they belong to."""
SCHEMA = 1
LOGIT_CLIP = 6.0
"""Scorer logits are clipped to [-6, 6]: beyond that the int8 scorer's figures are noise."""

BASE_FEATURES = (
    "logit",
    "margin",
    "similarity",
    "uncovered_words",
    "novel_words",
    "words",
    "copy_doubt",
    "verbatim",
    "transcript",
    "restated",
)
"""The features every claim has, besides one indicator per finding key (see :func:`finding_key`):

- ``logit``: the scorer's best figure as a logit (clipped at :data:`LOGIT_CLIP`);
- ``margin``: how far the best evidence set scores above the second best (0 with one set);
- ``similarity``: the share of the claim's content words its evidence holds;
- ``uncovered_words``: log(1 + content words of the claim its evidence lacks);
- ``novel_words``: log(1 + content words of the claim the whole source lacks);
- ``words``: log(1 + the claim's content words);
- ``copy_doubt``: similarity x (1 - score): a near copy that the scorer still doubts;
- ``verbatim``: the source has the claim word for word (or up to light words);
- ``transcript``: the claim is a turn of an interview or other transcript;
- ``restated``: the claim gives a date or figure of its evidence in other words.
"""


def signal_dict(s: ClaimSignals | Mapping[str, Any]) -> dict[str, Any]:
    """A claim's signals as plain data (what the training scripts record and fit on)."""
    if isinstance(s, Mapping):
        return dict(s)
    return {
        "model_score": s.model_score,
        "similarity": s.similarity,
        "findings": [{"type": f.type, "rule": f.rule, "relation": f.relation} for f in s.findings],
        "words": s.words,
        "evidence_words": s.evidence_words,
        "restated": s.restated,
        "verbatim": s.verbatim,
        "transcript": s.transcript,
        "scores": list(s.scores),
        "similarities": list(s.similarities),
        "sizes": list(s.sizes),
        "source_coverage": s.source_coverage,
    }


def finding_key(f: Mapping[str, Any]) -> str:
    """The name a finding's feature goes by: its type and rule (``entity:swapped_phrase``), or,
    for a finding with no rule name, its type and relation (``number:contradicts``)."""
    return f"{f['type']}:{f.get('rule') or f.get('relation') or 'absent'}"


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return max(-LOGIT_CLIP, min(LOGIT_CLIP, math.log(p / (1 - p))))


def base_features(s: Mapping[str, Any]) -> list[float]:
    """The values of :data:`BASE_FEATURES` for one claim's signals (see :func:`signal_dict`)."""
    score = float(s["model_score"])
    sim = float(s["similarity"])
    words = int(s.get("words", 0))
    scores = sorted((float(x) for x in s.get("scores", ())), reverse=True)
    margin = scores[0] - scores[1] if len(scores) >= 2 else 0.0
    source_coverage = float(s.get("source_coverage", sim))
    return [
        _logit(score),
        margin,
        sim,
        math.log1p(words * (1 - sim)),
        math.log1p(words * (1 - max(source_coverage, sim))),
        math.log1p(words),
        sim * (1 - score),
        float(bool(s.get("verbatim"))),
        float(bool(s.get("transcript"))),
        float(bool(s.get("restated"))),
    ]


def features(s: Mapping[str, Any], keys: Sequence[str]) -> list[float]:
    """:func:`base_features` and one 0/1 indicator per finding key in ``keys``; a finding whose
    key is not in ``keys`` counts for its type's catch-all key (``number:*``) when that is."""
    present = set()
    for f in s.get("findings", ()):
        k = finding_key(f)
        present.add(k if k in keys else f"{f['type']}:*")
    return base_features(s) + [float(k in present) for k in keys]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class Calibration:
    """The fitted combiner (see the module docstring); ``finding_keys`` name the indicator
    features after :data:`BASE_FEATURES`, in order."""

    scorer_sha256: str
    finding_keys: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    measured: Mapping[str, Mapping[str, float]]
    """Every finding key seen in the fitting rows: the rows it fires on and their share that is
    inconsistent (``rows``, ``precision``)."""
    precise_at: float
    """Row precision at which a key fires on its own (and gives ``contradicted``)."""
    min_rows: int
    """Rows a key must fire on to be measured at all; below that it fires as ``unsupported``."""
    info: Mapping[str, Any]

    def __post_init__(self) -> None:
        n = len(BASE_FEATURES) + len(self.finding_keys)
        if not (len(self.mean) == len(self.scale) == len(self.coef) == n):
            raise CheckError(f"the calibration file's weights do not match its {n} features")
        if not 0.0 < self.threshold < 1.0:
            raise CheckError(f"the calibration file's threshold {self.threshold} is outside (0, 1)")
        if not 0.0 < self.precise_at <= 1.0 or self.min_rows < 1:
            raise CheckError("the calibration file's precision bar or minimum rows is out of range")

    def precise(self, key: str) -> bool:
        """The finding key is measured as precise: it fires on its own."""
        m = self.measured.get(key)
        return m is not None and m["rows"] >= self.min_rows and m["precision"] >= self.precise_at

    def unmeasured(self, key: str) -> bool:
        """The finding key fired on too few fitting rows to be measured."""
        m = self.measured.get(key)
        return m is None or m["rows"] < self.min_rows

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Calibration:
        if d.get("schema") != SCHEMA or list(d.get("base_features", ())) != list(BASE_FEATURES):
            raise CheckError("the calibration file was written for another version of the combiner")
        return cls(
            scorer_sha256=d["scorer_sha256"],
            finding_keys=tuple(d["finding_keys"]),
            mean=tuple(d["mean"]),
            scale=tuple(d["scale"]),
            coef=tuple(d["coef"]),
            intercept=float(d["intercept"]),
            threshold=float(d["threshold"]),
            measured={k: dict(v) for k, v in d["measured"].items()},
            precise_at=float(d["precise_at"]),
            min_rows=int(d["min_rows"]),
            info=dict(d.get("info", {})),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "scorer_sha256": self.scorer_sha256,
            "base_features": list(BASE_FEATURES),
            "finding_keys": list(self.finding_keys),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "intercept": self.intercept,
            "threshold": self.threshold,
            "measured": {k: dict(v) for k, v in self.measured.items()},
            "precise_at": self.precise_at,
            "min_rows": self.min_rows,
            "info": dict(self.info),
        }

    def probability(self, s: ClaimSignals | Mapping[str, Any]) -> float:
        """P(the claim is not supported by its source)."""
        x = features(signal_dict(s), self.finding_keys)
        z = self.intercept + sum(
            c * (v - m) / sd for c, v, m, sd in zip(self.coef, x, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))

    def decide(self, s: ClaimSignals | Mapping[str, Any]) -> tuple[Verdict, float]:
        """The verdict and combined score of one claim (see the module docstring)."""
        d = signal_dict(s)
        p = self.probability(d)
        keys = [(finding_key(f), f.get("relation")) for f in d["findings"]]
        fires = any(self.precise(k) or self.unmeasured(k) for k, _ in keys)
        if p < self.threshold and not fires:
            return "supported", 1.0 - p
        score = min(1.0 - p, (1.0 - self.threshold) * 0.999)
        if any(r == "contradicts" and self.precise(k) for k, r in keys):
            return "contradicted", score
        return "unsupported", score


def load_calibration(path: Path = CALIBRATION_FILE, *, scorer: Path | None = None) -> Calibration:
    """Reads a calibration file and checks that it belongs to the scorer beside it.

    Raises:
        CheckError: The file is missing or malformed, or it was fitted with another scorer
            (the scorer was retrained: run ``python -m training.calibrate``).
    """
    scorer = scorer or path.parent / "model.onnx"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise CheckError(f"cannot read the combiner's calibration file {path}: {e}") from e
    try:
        cal = Calibration.from_dict(data)
    except (KeyError, TypeError, ValueError) as e:
        raise CheckError(f"the calibration file {path} is malformed: {e}") from e
    sha = _sha_of(scorer)
    if sha != cal.scorer_sha256:
        raise CheckError(
            f"the calibration file {path} was fitted for the scorer with sha256 {cal.scorer_sha256[:12]}..., "
            f"but {scorer} has sha256 {sha[:12]}...: the scorer was changed without recalibrating "
            "(run python -m training.calibrate)"
        )
    return cal


_LOCK = threading.Lock()


@lru_cache(maxsize=8)
def _sha_cached(path: str, mtime: float, size: int) -> str:
    return file_sha256(Path(path))


def _sha_of(path: Path) -> str:
    try:
        st = path.stat()
    except OSError as e:
        raise CheckError(f"the support scorer {path} is missing: {e}") from e
    return _sha_cached(str(path), st.st_mtime, st.st_size)


@lru_cache(maxsize=1)
def _shipped() -> Calibration:
    with _LOCK:
        return load_calibration()


def get_combiner() -> Calibration:
    """The shipped combiner, loaded (and checked against the shipped scorer) once."""
    return _shipped()


def decide(signals: ClaimSignals) -> tuple[Verdict, float]:
    """A verdict step for ``audit(..., decide=decide)``: the shipped combiner's verdict and score
    for one claim."""
    return get_combiner().decide(signals)


__all__ = [
    "BASE_FEATURES",
    "CALIBRATION_FILE",
    "Calibration",
    "base_features",
    "decide",
    "features",
    "file_sha256",
    "finding_key",
    "get_combiner",
    "load_calibration",
    "signal_dict",
]
