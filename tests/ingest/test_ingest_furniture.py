"""Page furniture and genre labels at ingest: marked by spans, never cut out of the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk.config import Settings
from copydesk.ingest import read_bytes, read_text
from copydesk.ingest.furniture import find_furniture, read_byline
from copydesk.model import Document, Span

SETTINGS = Settings()
FIXTURES = Path(__file__).parent / "fixtures"

ARTICLE = (FIXTURES / "furniture_article.txt").read_text(encoding="utf-8")

EXPECTED = {
    "By MARIT SOLBERG and TOMAS HALE, Coastal Wire": "byline",
    "Editor's note: This story was first published in the council's own newsletter, with its consent.": (
        "editors_note"
    ),
    "Photo: The old ferry leaves Norvik harbour at dawn. (Coastal Wire/Per Lund)": "caption",
    "What the route will cost": "subhead",
    "Related: Island schools face closure as families move to the mainland": "related",
    "Another claim bites the dust.": "kicker",
    "Correction: An earlier version of this story gave the wrong day for the council vote.": "correction",
    "Marit Solberg is a reporter for Coastal Wire who covers the northern coast.": "author_bio",
}


def marked(doc: Document) -> dict[str, str]:
    return {f.span.of(doc.text): f.kind for f in doc.furniture}


def test_plain_text_furniture_is_marked_and_the_text_is_kept() -> None:
    doc = read_text(ARTICLE, settings=SETTINGS)
    assert doc.text == ARTICLE
    assert marked(doc) == EXPECTED


def test_the_story_is_not_furniture() -> None:
    doc = read_text(ARTICLE, settings=SETTINGS)
    for line in ARTICLE.splitlines():
        if line.strip() and line not in EXPECTED and line != ARTICLE.splitlines()[0]:
            start = ARTICLE.index(line)
            assert not doc.is_furniture(Span(start, start + len(line))), line


def test_a_plain_text_byline_gives_the_byline_and_the_credit() -> None:
    doc = read_text(ARTICLE, settings=SETTINGS)
    assert doc.byline == "Marit Solberg and Tomas Hale"
    assert doc.source_credit == "Coastal Wire"
    assert doc.source_line == "Source: Coastal Wire, by Marit Solberg and Tomas Hale"


@pytest.mark.parametrize(
    ("body", "names", "credit"),
    [
        ("Jane Doe", "Jane Doe", None),
        ("JANE DOE and JOHN ROE, Associated Press", "Jane Doe and John Roe", "Associated Press"),
        ("Jane Doe | Reuters", "Jane Doe", "Reuters"),
        ("Jane Doe, Staff Writer", "Jane Doe", None),
        ("Jane Doe, John Roe and Ann Poe", "Jane Doe, John Roe and Ann Poe", None),
    ],
)
def test_byline_names_and_credit(body: str, names: str, credit: str | None) -> None:
    assert read_byline(body) == (names, credit)


def test_a_caller_byline_wins_over_the_text() -> None:
    doc = read_text(ARTICLE, settings=SETTINGS, meta={"byline": "Desk staff", "source_credit": "Wire"})
    assert doc.byline == "Desk staff" and doc.source_credit == "Wire"


HTML = (FIXTURES / "furniture_article.html").read_text(encoding="utf-8")


def test_html_furniture_comes_from_the_markup() -> None:
    doc = read_bytes(HTML.encode(), settings=SETTINGS, kind="html")
    kinds = marked(doc)
    story = "The harbour council voted on Tuesday"
    assert story in doc.text and not any(story in line for line in kinds)
    # extraction keeps these, and the markup says what they are
    assert kinds["Editor's note: This story was first published in the council's own newsletter."] == (
        "editors_note"
    )
    assert kinds["The money behind the route"] == "subhead"
    assert kinds["This story has been corrected to give the right day of the council vote."] == "correction"
    # extraction may drop a caption, a byline or a bio; what it keeps is marked
    for text, kind in [
        ("Marit Solberg covers the northern coast and its ferries for the paper.", "author_bio"),
        ("The old ferry leaves the harbour at dawn, before the crossing.", "caption"),
        ("By Marit Solberg", "byline"),
    ]:
        assert text not in doc.text or kinds.get(text) == kind, (text, kinds)
    assert doc.byline == "Marit Solberg"
    assert doc.genre is None  # "Local news" is no opinion label


OPINION = (FIXTURES / "opinion_column.txt").read_text(encoding="utf-8")


def test_an_opinion_label_and_disclaimer_make_an_opinion_piece() -> None:
    doc = read_text(OPINION, settings=SETTINGS)
    assert doc.genre == "opinion"
    assert any("Opinion" in e for e in doc.genre_evidence)
    assert any("disclaimer" in e for e in doc.genre_evidence)
    kinds = marked(doc)
    assert kinds["Opinion"] == "label"
    assert kinds["By Ada Lind"] == "byline"
    assert kinds["The views expressed here are those of the author."] == "boilerplate"
    assert doc.byline == "Ada Lind"


@pytest.mark.parametrize(
    ("title", "labelled"),
    [("Opinion: The ferry vote was the easy part", True), ("OP-ED | Why the pier matters", True),
     ("Analysis: what the ferry vote means", True), ("Council backs ferry route", False)],
)  # fmt: skip
def test_a_headline_prefix_labels_the_genre(title: str, labelled: bool) -> None:
    found = find_furniture("The council voted on Tuesday to fund the route.\n", title=title)
    assert bool(found.labels) is labelled


def test_an_html_opinion_section_labels_the_genre() -> None:
    page = HTML.replace('content="Local news"', 'content="Opinion"')
    doc = read_bytes(page.encode(), settings=SETTINGS, kind="html")
    assert doc.genre == "opinion" and any("section" in e for e in doc.genre_evidence)


def test_an_article_with_no_furniture_has_none() -> None:
    text = "The harbour council voted on Tuesday to fund a new ferry route to the outer islands.\n"
    doc = read_text(text, settings=SETTINGS)
    assert doc.furniture == () and doc.genre is None and doc.text == text


def test_an_article_that_is_all_furniture_is_read_with_a_warning() -> None:
    text = (
        "By Ada Lind\n"
        "Photo: The old ferry leaves the harbour at dawn. (Coastal Wire/Per Lund)\n"
        "Related: Island schools face closure as families move to the mainland\n"
    )
    doc = read_text(text, settings=SETTINGS)
    assert {f.kind for f in doc.furniture} == {"byline", "caption", "related"}
    assert any("page furniture" in w for w in doc.warnings)


def test_furniture_round_trips_through_json() -> None:
    doc = read_text(OPINION, settings=SETTINGS)
    again = Document.from_dict(doc.to_dict())
    assert again == doc
    assert doc.to_dict()["furniture"][0]["text"] == "Opinion"
