"""Seams for the checker's tests: a lexical retriever and scorer, and hand-built analyses.

The fakes stand in for the learned models where a test is about the checker's own logic
(claims, typed findings, verdicts), so those tests do not depend on a model's figures. Tests of
the shipped models live beside them and are marked ``slow``. A hand-built analysis has the
sentences, actors, quotes and dates a test gives it, and the analyser's own tokens (the checker
reads words only from there).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest
from check_helpers import build_analysis

_STOP_WORDS = (
    "a an the of to in on at for and or but is are was were be been has have had that this with by from as "
    "he she it they his her its their said says told would could will not no"
)
_STOP = frozenset(_STOP_WORDS.split())


def _words(text: str) -> set[str]:
    return {w.lower().rstrip("s") for w in re.findall(r"\w+", text) if w.lower() not in _STOP}


def lexical_support(premise: str, hypothesis: str) -> float:
    """Share of the hypothesis' content words found in the premise."""
    hyp = _words(hypothesis)
    return len(hyp & _words(premise)) / len(hyp) if hyp else 0.0


class LexicalRetriever:
    """Ranks source sentences by the share of the claim's words they hold."""

    def __init__(self) -> None:
        self.calls = 0

    def top_k(
        self, claims: Sequence[str], sentences: Sequence[str], *, k: int = 3, **terms: object
    ) -> list[list[tuple[int, float]]]:
        self.calls += 1
        out = []
        for c in claims:
            ranked = sorted(
                ((i, lexical_support(s, c)) for i, s in enumerate(sentences)), key=lambda x: (-x[1], x[0])
            )
            out.append(ranked[:k])
        return out


class LexicalScorer:
    """P(supported) as the word coverage of the hypothesis by the premise."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        self.pairs.extend(pairs)
        return [lexical_support(p, h) for p, h in pairs]


@pytest.fixture
def fake_retriever() -> LexicalRetriever:
    return LexicalRetriever()


@pytest.fixture
def fake_scorer() -> LexicalScorer:
    return LexicalScorer()


@pytest.fixture
def make_analysis():
    return build_analysis
