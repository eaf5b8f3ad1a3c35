"""HTML ingest through trafilatura: body, title, date, author, url and credit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from copydesk.config import Settings
from copydesk.errors import InputError
from copydesk.ingest import read_bytes, read_path
from copydesk.ingest.html import has_prose, looks_like_html

SETTINGS = Settings()
FIXTURES = Path(__file__).parent / "fixtures"

NAV_ONLY = b"""<!DOCTYPE html>
<html><head><title>The Coastal Ledger</title>
<script>var ads = [1, 2, 3]; function load() { return ads.length; }</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<script>load();</script>
<footer><a href="/privacy">Privacy</a> | <a href="/cookies">Cookies</a></footer></body></html>
"""

DATELINE_PAGE = """<html><head><title>Ferry service cut back for winter</title>
<meta name="author" content="Ivo Petrak"><meta name="date" content="2022-11-04"></head>
<body><article><h1>Ferry service cut back for winter</h1>
<p>KIRKWALL (AP) — The island ferry operator will run two crossings a day instead of four from
December, the company said on Friday, blaming the cost of fuel and a shortage of crew.</p>
<p>Councillor Mhairi Flett said the cut would leave some villages without a same-day return to
the mainland hospital, and asked the operator to reconsider before the timetable is printed.</p>
</article></body></html>
"""


def test_fixture_article_body_and_metadata() -> None:
    doc = read_path(FIXTURES / "harbour_article.html", settings=SETTINGS)
    assert doc.id == "harbour_article"
    assert doc.title == "Harbour town votes to rebuild its storm wall"
    assert doc.byline == "Marta Villanueva"
    assert doc.published == dt.date(2023, 3, 17)
    assert doc.url == "https://ledger.example.org/news/2023/03/17/harbour-storm-wall"
    assert doc.source_credit == "Coastal News Service"
    assert doc.credit_span is None
    # the body: article paragraphs only, credit removed, no headline repeated, no boilerplate
    assert doc.text.startswith("The town council of Port Elowen voted on Thursday")
    assert doc.text.endswith("according to the council.")
    assert "Keziah Polglase" in doc.text
    for junk in (
        "Source:",
        "Subscribe",
        "Related stories",
        "Ferry timetable",
        "Privacy",
        "dataLayer",
        "font-family",
        "All rights reserved",
    ):
        assert junk not in doc.text


def test_dateline_credit_is_removed_from_html_body() -> None:
    doc = read_bytes(DATELINE_PAGE.encode(), name="ferry.html", settings=SETTINGS)
    assert doc.source_credit == "AP"
    assert doc.text.startswith("KIRKWALL — The island ferry operator")
    assert "(AP)" not in doc.text
    assert doc.byline == "Ivo Petrak"
    assert doc.published == dt.date(2022, 11, 4)


def test_metadata_given_by_the_caller_wins() -> None:
    doc = read_bytes(
        DATELINE_PAGE.encode(),
        settings=SETTINGS,
        meta={"title": "Winter ferries", "published": "2022-11-05", "source_credit": "Orkney Desk"},
    )
    assert (doc.title, doc.published, doc.source_credit) == (
        "Winter ferries",
        dt.date(2022, 11, 5),
        "Orkney Desk",
    )


def test_html_without_article_is_refused() -> None:
    with pytest.raises(InputError, match="^menu.html: HTML has no article text$"):
        read_bytes(NAV_ONLY, name="menu.html", settings=SETTINGS)


def test_non_english_html_is_refused() -> None:
    page = (
        "<html><body><article><p>Le conseil municipal a voté jeudi la reconstruction du vieux pont, qui "
        "était fermé depuis les inondations de l'hiver dernier. Les travaux commenceront au printemps et "
        "dureront deux ans, selon le maire de la ville.</p></article></body></html>"
    )
    with pytest.raises(InputError, match="text looks non-English"):
        read_bytes(page.encode(), settings=SETTINGS, kind="html")


def test_kind_text_keeps_markup_verbatim() -> None:
    doc = read_bytes(DATELINE_PAGE.encode(), settings=SETTINGS, kind="text")
    assert doc.text == DATELINE_PAGE


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("<!DOCTYPE html><html>", True),
        ("\n  <html lang='en'>", True),
        ("<p>One paragraph.</p>", True),
        ("<article><h1>Title</h1>", True),
        ("The mayor said the 3 < 4 rule applied.", False),
        ("Plain article text.\nSecond line.", False),
    ],
)
def test_looks_like_html(head: str, expected: bool) -> None:
    assert looks_like_html(head) is expected


FOOTER_ONLY = b"""<html><body><header><a href="/">Home</a></header>
<footer><p>\xc2\xa9 2024 The Coastal Ledger. All rights reserved.
Reproduction without permission is forbidden.</p>
<p><a href="/privacy">Read our privacy policy and terms of use here.</a></p></footer></body></html>
"""


def test_html_with_only_boilerplate_is_refused() -> None:
    with pytest.raises(InputError, match="HTML has no article text"):
        read_bytes(FOOTER_ONLY, settings=SETTINGS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Home News Sport Weather Subscribe Today Save More", False),
        ("Home\nNews\nSport", False),
        ("\u00a9 2024 The Coastal Ledger. All rights reserved.", False),
        ("The ferry will run twice a day from December.", True),
        ("Home News\nThe council voted on Thursday to rebuild the wall.", True),
    ],
)
def test_has_prose(text: str, expected: bool) -> None:
    assert has_prose(text) is expected
