"""Every output format of an interview: text (the seed's layout), md, json and html."""

from __future__ import annotations

import html.parser
import json

import pytest
from conftest import FERRY, lexical_verify

from copydesk.config import Settings
from copydesk.generate import build_interview
from copydesk.generate.transcript import disclosure
from copydesk.model import Analysis, Document, Interview
from copydesk.report import render_interview as render_from_package
from copydesk.report.interview import render_interview


@pytest.fixture
def interview(ferry: Analysis) -> Interview:
    return build_interview(
        ferry,
        outlet="Harbour Post",
        guest=None,
        turns=4,
        focus=None,
        verify=lexical_verify(ferry),
        llm=None,
        settings=Settings(),
    )


def test_text_is_the_seed_layout(interview: Interview) -> None:
    lines = render_interview(interview, "text").splitlines()
    assert (
        lines[0]
        == "Interview between Harbour Post Editor and Desk analyst (automated; answers only from the article)"
    )
    n = len(interview.turns)
    body = lines[1 : 1 + n]
    assert 2 <= n <= 8
    assert all(line.startswith("Harbour Post Editor: ") for line in body[0::2])
    assert all(line.startswith("Desk analyst: ") for line in body[1::2])
    assert lines[1 + n] == interview.disclosure
    rest = lines[2 + n :]
    assert rest[: len(interview.notes)] == list(interview.notes)
    edited = [s for t in interview.turns for s in t.sentences if s.edits]
    if edited:
        assert rest[len(interview.notes)].startswith("Edited sentences")
        assert len(rest) == len(interview.notes) + 1 + len(edited)


def test_edited_sentences_are_marked_in_every_reader_format(interview: Interview) -> None:
    edited = [(t, s) for t in interview.turns for s in t.sentences if s.edits]
    assert edited, "the ferry article's relative dates are restated"
    turn, sentence = edited[0]
    text = sentence.span.of(turn.text)
    md = render_interview(interview, "md")
    assert "*(edited)*" in md
    assert "“today” → “on November 8, 2024” (the date the analyser resolved)" in md
    page = render_interview(interview, "html")
    assert 'class="edited-mark"' in page and "edited: " in page
    assert text in render_interview(interview, "text")


def test_warnings_stay_off_the_page_and_notes_are_on_it(interview: Interview) -> None:
    import dataclasses

    noisy = dataclasses.replace(
        interview, warnings=("internal: the planner skipped 3 lines",), notes=("Reader note.",)
    )
    for fmt in ("text", "md", "html"):
        page = render_interview(noisy, fmt)
        assert "the planner skipped" not in page
        assert "Reader note." in page
    assert "the planner skipped" in render_interview(noisy, "json")


def test_the_html_reads_on_a_narrow_screen(interview: Interview) -> None:
    page = render_interview(interview, "html")
    assert 'name="viewport"' in page and "@media (max-width:700px)" in page
    assert "flex-direction:column" in page


def test_the_package_renderer_dispatches_here(interview: Interview) -> None:
    for fmt in ("text", "md", "json", "html"):
        assert render_from_package(interview, fmt) == render_interview(interview, fmt)


def test_json_has_turns_sentences_citations_and_the_audit(interview: Interview) -> None:
    data = json.loads(render_interview(interview, "json"))
    assert data["schema_version"]
    assert {"title", "outlet", "guest", "disclosure", "turns", "audit", "warnings"} <= set(data)
    guest_turn = data["turns"][1]
    assert guest_turn["role"] == "guest"
    for s in guest_turn["sentences"]:
        assert guest_turn["text"][s["start"] : s["end"]]
        for c in s["citations"]:
            assert 0 <= c["start"] < c["end"] <= len(FERRY)
    assert data["audit"]["sentences"]
    assert Interview.from_dict(data) == interview


def test_markdown_footnotes_quote_the_cited_sentences(interview: Interview) -> None:
    md = render_interview(interview, "md")
    assert md.startswith("# Interview between Harbour Post Editor and Desk analyst")
    n_sentences = sum(len(t.sentences) for t in interview.turns if t.role == "guest")
    for n in range(1, n_sentences + 1):
        assert f"[^{n}]" in md and f"[^{n}]: Article, characters " in md
    assert "The Port Alder council will vote on a new ferry contract next month" in md
    assert "Self-check: " in md and "supported by the article" in md
    assert interview.disclosure in md


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.scripts_with_src = 0
        self.links = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag not in ("meta", "br"):
            self.stack.append(tag)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("class", "").startswith("claim"):
            self.hrefs.append(a.get("href") or "")
        if tag == "script" and a.get("src"):
            self.scripts_with_src += 1
        if tag == "link":
            self.links += 1

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack[-3:], tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_and_links_each_answer_sentence_to_its_source(interview: Interview) -> None:
    page = render_interview(interview, "html")
    parser = _Collector()
    parser.feed(page)
    assert parser.stack == []
    assert parser.scripts_with_src == 0 and parser.links == 0
    n_sentences = sum(len(t.sentences) for t in interview.turns if t.role == "guest")
    assert len(parser.hrefs) == n_sentences
    for href in parser.hrefs:
        assert href.startswith("#src-") and href[1:] in parser.ids
    assert 'class="cited"' in page


def test_html_escapes_all_text(ferry: Analysis) -> None:
    iv = build_interview(
        ferry,
        outlet="<script>alert(1)</script>",
        guest="A & B <b>",
        turns=2,
        focus=None,
        verify=lexical_verify(ferry),
        llm=None,
        settings=Settings(),
    )
    page = render_interview(iv, "html")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "A &amp; B &lt;b&gt;" in page
    md = render_interview(iv, "md")
    assert "<script>" not in md


def test_an_unknown_format_is_refused(interview: Interview) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render_interview(interview, "pdf")


@pytest.mark.parametrize(
    ("meta", "ending"),
    [
        ({"source_credit": "Alder Wire", "byline": "Jo Lind"}, "Source: Alder Wire, by Jo Lind"),
        (
            {"source_credit": "Alder Wire", "byline": "Jo Lind", "title": "Ferry vote set"},
            "Source: Alder Wire, by Jo Lind (“Ferry vote set”)",
        ),
        ({"source_credit": "Alder Wire"}, "Source: Alder Wire"),
        (
            {"byline": "Jo Lind", "url": "https://example.org/f"},
            "Source: the article by Jo Lind (https://example.org/f)",
        ),
        ({"byline": "Jo Lind"}, "Source: the article by Jo Lind"),
        ({"title": "Ferry vote set"}, "Source: the article (“Ferry vote set”)"),
        ({"url": "https://example.org/ferry"}, "Source: https://example.org/ferry"),
        ({}, "Source: the article as supplied (it carries no source credit)"),
    ],
)
def test_the_disclosure_names_the_source(meta: dict, ending: str) -> None:
    text = disclosure(Document(text="Some text.", **meta))
    assert text.startswith("This interview was generated automatically by copydesk from the article")
    assert text.endswith(ending)
