"""Acceptance on the seed article (issue 2): who said what, with the right resolved speaker.

Reads ``../shared/data/seed/article.txt`` through the same path as ``copydesk analyse
--published 2024-11-08``; skipped when ``../shared`` is absent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from copydesk import pipeline
from copydesk.model import Analysis

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
SEED = SHARED / "seed" / "article.txt"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not SEED.exists(), reason="../shared/data is absent"),
]


@pytest.fixture(scope="module")
def seed() -> Analysis:
    text = SEED.read_text(encoding="utf-8")
    return pipeline.analyse(text, published=dt.date(2024, 11, 8))


# (speaker's canonical name, a fragment of the content, kind or None for any)
ATTRIBUTIONS = [
    ("Kremlin", "is willing to discuss Ukraine", None),
    ("Dmitry Peskov", "The president has never said", "direct"),
    ("Dmitry Peskov", "All this relates to", "direct"),  # "he emphasized"
    ("Vladimir Putin", "abandon its NATO ambitions", None),  # the June 14 terms
    ("Ukraine", "it would amount to surrender", None),
    ("Donald Trump", "end the war within 24 hours", None),
    ("Volodymyr Zelensky", "does not know how", None),
    ("Volodymyr Zelensky", "If it’s only fast", "direct"),  # "he said yesterday"
    ("Vladimir Putin", "Moscow is ready for dialogue", None),
    ("Vladimir Putin", "worth paying attention to", None),
    ("Donald Trump", "has not spoken to Putin", None),
    ("Donald Trump", "we are going to talk", None),
    ("Dmitry Peskov", "there was nothing concrete to report yet", None),
    ("Dmitry Peskov", "he is still open to dialogue", None),  # "Peskov added"
    ("Kremlin", "are at a historic low", None),  # "According to"
    ("Kremlin", "since leaving the White House", None),  # "denied last month"
    ("Bob Woodward", "they may have spoken seven times", None),
    ("Joe Biden", "an immediate and severe response", None),  # "the US president warned him"
]


@pytest.mark.parametrize(("name", "fragment", "kind"), ATTRIBUTIONS, ids=[f for _, f, _ in ATTRIBUTIONS])
def test_seed_attribution(seed: Analysis, name: str, fragment: str, kind: str | None) -> None:
    text = seed.document.text
    hits = [q for q in seed.quotes if fragment in q.content.of(text)]
    assert hits, f"no quote holds {fragment!r}"
    assert name in [q.name for q in hits], [(q.name, q.content.of(text)) for q in hits]
    if kind is not None:
        assert kind in [q.kind for q in hits if q.name == name]


def test_seed_speaker_mentions(seed: Analysis) -> None:
    text = seed.document.text
    spoken = {(q.speaker.of(text), q.name) for q in seed.quotes if q.speaker is not None}
    assert ("he", "Dmitry Peskov") in spoken
    assert ("the US president", "Joe Biden") in spoken
    assert ("the Kremlin", "Kremlin") in spoken


def test_seed_dates_and_credit(seed: Analysis) -> None:
    text = seed.document.text
    values = {d.span.of(text): d.value for d in seed.dates}
    assert values["June 14"] == "2024-06-14"
    assert values["February 2022"] == "2022-02"
    credit = seed.document.credit_span
    assert credit is not None and "RES-MPE" in credit.of(text)
    for q in seed.quotes:
        assert not q.content.overlaps(credit)
    assert all(not m.overlaps(credit) for a in seed.actors for m in a.mentions)


def test_seed_actors(seed: Analysis) -> None:
    by_name = {a.name: a for a in seed.actors}
    putin = by_name["Vladimir Putin"]
    assert putin.type == "PERSON" and "Putin" in putin.aliases
    assert any("President" in t for t in putin.titles)
    assert any("spokesman" in t for t in by_name["Dmitry Peskov"].titles)
    assert by_name["Kremlin"].type == "ORG"
