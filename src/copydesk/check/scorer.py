"""The learned support scorer: P(a claim is supported by a premise of one or two source sentences).

A cross-encoder (BERT with one output logit, initialised from all-MiniLM-L6-v2 and fine-tuned
by ``training/train_checker.py`` on labelled consistency data and FactCC-style perturbations,
Kryscinski et al. 2020) reads ``[CLS] premise [SEP] claim [SEP]`` and returns
``sigmoid(logit)``. It runs with onnxruntime from the int8 file shipped in
``copydesk/data/checker`` (see its ``MODEL_CARD.md``); torch is not needed at run time.

Pairs are tokenised together and cut to ``MAX_LENGTH`` word pieces (the longer of premise and
claim loses tokens first). Each pair runs alone: the int8 model quantises its activations with
one scale per call, so in a batch a pair's score depended on its batch-mates (by up to 0.05
on a news article), and a claim near a threshold could be judged one way in an interview's
self-check and the other way when the same interview was audited again. On one thread,
single pairs ran no slower than batches of 16 (41 pairs: 0.64 s against 0.71 s; on two
threads 0.52 s against 0.42 s). The model loads lazily, once per thread setting, on the first
``get_scorer()``; importing this module loads nothing.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from copydesk.check.retrieve import batch_feed, load_tokenizer, onnx_session
from copydesk.errors import CheckError

CHECKER_DIR = Path(__file__).resolve().parent.parent / "data" / "checker"
"""The int8 ONNX cross-encoder (``model.onnx``), its ``tokenizer.json`` and ``MODEL_CARD.md``."""
MAX_LENGTH = 192
"""Word pieces per (premise, claim) pair, special tokens included; the same as in training."""


class SupportScorer:
    """Scores (premise, hypothesis) pairs with the shipped cross-encoder.

    Args:
        model_dir: A directory with ``model.onnx`` and ``tokenizer.json``.
        threads: onnxruntime intra-op threads.

    Raises:
        CheckError: The model files are missing or cannot be loaded.
    """

    def __init__(self, model_dir: Path = CHECKER_DIR, *, threads: int = 1) -> None:
        self._session = onnx_session(model_dir / "model.onnx", threads=threads)
        self._tokenizer = load_tokenizer(model_dir / "tokenizer.json", max_length=MAX_LENGTH)
        self._lock = threading.Lock()
        self.model_dir = model_dir

    def logits(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """The raw logit of every (premise, hypothesis) pair, in input order."""
        out = [0.0] * len(pairs)
        if not pairs:
            return out
        for i, pair in enumerate(pairs):
            if not (
                isinstance(pair, tuple | list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
            ):
                raise CheckError(f"pair {i} is not a (premise, hypothesis) pair of strings")
        with self._lock:
            for i, (premise, hypothesis) in enumerate(pairs):
                encoding = self._tokenizer.encode(premise, hypothesis)
                out[i] = float(self._session.run(["logits"], batch_feed([encoding]))[0][0, 0])
        return out

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """P(hypothesis supported by premise) for each (premise, hypothesis) pair, in [0, 1].

        Args:
            pairs: ``(premise, hypothesis)``: the premise is one source sentence or two joined
                with a space (in source order); the hypothesis is one claim.

        Returns:
            One probability per pair, in input order.

        Raises:
            CheckError: An item is not a pair of strings.
        """
        return [_sigmoid(v) for v in self.logits(pairs)]


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@lru_cache(maxsize=4)
def _scorer(threads: int) -> SupportScorer:
    if threads < 1:
        raise ValueError(f"threads must be at least 1, got {threads}")
    return SupportScorer(CHECKER_DIR, threads=threads)


def get_scorer(*, threads: int = 1) -> SupportScorer:
    """The shipped support scorer, loaded once per thread setting.

    Args:
        threads: onnxruntime intra-op threads (1 by default: copydesk runs on one core).

    Raises:
        CheckError: The model files are missing or cannot be loaded.
    """
    return _scorer(threads)


__all__ = ["CHECKER_DIR", "MAX_LENGTH", "SupportScorer", "get_scorer"]
