"""Ingest on the development data in ../shared/data (skipped when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk.config import Settings
from copydesk.ingest import read_path

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
pytestmark = [pytest.mark.shared, pytest.mark.skipif(not SHARED.exists(), reason="../shared/data is absent")]

SETTINGS = Settings()


def test_seed_article_is_verbatim_with_its_credit() -> None:
    path = SHARED / "seed" / "article.txt"
    doc = read_path(path, settings=SETTINGS)
    assert doc.text == path.read_bytes().decode("utf-8")
    assert doc.source_credit == "RES-MPE"
    assert doc.credit_span is not None and doc.credit_span.of(doc.text) == "Source: RES-MPE"
    assert doc.warnings == ()


def test_every_polnear_article_reads_as_english() -> None:
    texts = sorted((SHARED / "attribution" / "polnear-train" / "text").glob("*.txt"))
    assert texts
    for path in texts:
        doc = read_path(path, settings=SETTINGS)
        assert doc.text == path.read_bytes().decode("utf-8"), path.name
