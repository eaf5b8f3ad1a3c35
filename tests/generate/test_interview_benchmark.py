"""The interview benchmark's measures can fail: each catches a bad interview built by hand.

The benchmark (``benchmarks/interview.py``) measures generated interviews on development data;
its self-test runs on an original article with the real analyser and checker, so it runs here
without ``../shared``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_every_measure_catches_its_bad_interview_and_passes_a_good_one() -> None:
    bench = _load("interview")
    selftest = _load("interview_selftest")
    assert selftest.run(bench) == []
