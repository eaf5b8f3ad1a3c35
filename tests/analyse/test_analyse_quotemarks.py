"""Quotation-mark pairing: pure text, no model."""

from __future__ import annotations

import pytest

from copydesk.analyse.quotemarks import find_quote_regions


def quoted(text: str) -> list[str]:
    regions, _ = find_quote_regions(text)
    return [r.span.of(text) for r in regions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("He said “no” twice.", ["“no”"], id="curly"),
        pytest.param('He said "no" twice.', ['"no"'], id="straight"),
        pytest.param("He said ''no'' twice.", ["''no''"], id="two apostrophes"),
        pytest.param('“Go,” she said, "now."', ["“Go,”", '"now."'], id="mixed styles"),
        pytest.param("It’s the mayor’s “plan” again.", ["“plan”"], id="apostrophes are not quotes"),
        pytest.param("“We will,” she said. “We must.”", ["“We will,”", "“We must.”"], id="two quotes"),
    ],
)
def test_pairs(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected
    assert find_quote_regions(text)[1] == []


def test_quote_continues_across_paragraphs() -> None:
    text = "She said: “First part.\n\n“Second part.”\n\nAfter."
    regions, warnings = find_quote_regions(text)
    assert warnings == []
    assert len(regions) == 1
    r = regions[0]
    assert r.span.of(text) == "“First part.\n\n“Second part.”"
    assert [p.of(text) for p in r.parts] == ["“First part.", "“Second part.”"]
    assert r.closed


def test_unclosed_quote_closes_at_its_paragraph_with_a_warning() -> None:
    text = "She said “the pumps failed.\n\nAfter that, nothing."
    regions, warnings = find_quote_regions(text)
    assert [r.span.of(text) for r in regions] == ["“the pumps failed."]
    assert not regions[0].closed
    assert warnings == [
        "unbalanced quote mark at [9:10]: the quotation is not closed by the end of its paragraph at 27"
    ]


def test_stray_closing_mark_is_a_warning() -> None:
    text = "The word” stands alone."
    regions, warnings = find_quote_regions(text)
    assert regions == []
    assert warnings == ["unbalanced quote mark at [8:9]: a closing mark with no opening one"]


@pytest.mark.parametrize("text", ["", "\n\n", "no quotes at all", "“", "”", '"', "“““"])
def test_never_fails(text: str) -> None:
    regions, warnings = find_quote_regions(text)
    for r in regions:
        assert 0 <= r.span.start <= r.span.end <= len(text)
