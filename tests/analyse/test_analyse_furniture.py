"""The analyser leaves page furniture out, and reads the author's voice and the genre."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copydesk import pipeline
from copydesk.analyse import analyse
from copydesk.analyse.voice import genre_rule
from copydesk.config import Settings
from copydesk.errors import CopydeskError
from copydesk.ingest import read_text
from copydesk.model import Analysis, Span
from copydesk.report.analysis import render_markdown, render_text

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "ingest" / "fixtures"
SETTINGS = Settings()


def run(text: str) -> Analysis:
    return analyse(read_text(text, settings=SETTINGS))


@pytest.fixture(scope="module")
def article() -> Analysis:
    return run((FIXTURES / "furniture_article.txt").read_text(encoding="utf-8"))


def in_furniture(a: Analysis, span: Span) -> bool:
    return any(span.overlaps(f.span) for f in a.document.furniture)


def test_no_sentence_quote_actor_reference_or_date_comes_from_furniture(article: Analysis) -> None:
    assert article.document.furniture
    assert not any(in_furniture(article, s) for s in article.sentences)
    for q in article.quotes:
        assert not any(in_furniture(article, s) for s in (q.content, q.speaker, q.cue) if s is not None)
    for actor in article.actors:
        assert not any(in_furniture(article, m) for m in actor.mentions), actor.name
    assert not any(in_furniture(article, r.span) for r in article.references)
    assert not any(in_furniture(article, d.span) for d in article.dates)
    names = {a.name for a in article.actors}
    assert not names & {"Per Lund", "Marit Solberg", "Tomas Hale", "Coastal Wire"}
    assert {"Ingrid Vale", "Piet Vos"} <= names


def test_the_story_keeps_its_quotes(article: Analysis) -> None:
    text = article.document.text
    q = next(q for q in article.quotes if "waited long enough" in q.content.of(text))
    assert q.name == "Ingrid Vale"


def test_analysis_json_shows_furniture_genre_and_voice(article: Analysis) -> None:
    d = json.loads(json.dumps(article.to_dict()))
    kinds = {f["kind"] for f in d["furniture"]}
    assert {"subhead", "caption", "kicker", "author_bio", "related", "correction", "editors_note"} <= kinds
    assert "genre" in d and "genre_evidence" in d and "author_voice" in d
    assert Analysis.from_dict(d) == article


def test_reports_mention_furniture_and_genre(article: Analysis) -> None:
    for rendered in (render_text(article), render_markdown(article)):
        assert "page furniture: " in rendered and "subhead 1" in rendered


COLUMN_UNLABELLED = (
    "The pier can wait no longer\n"
    "I walked the old pier at Norvik last week, and I did not like what I saw. "
    "The planks are soft and the rails are loose. "
    "We have been told for years that repairs are coming. "
    "The council voted on Tuesday to fund a new ferry route. "
    "That is welcome news for the islands. "
    "But a ferry needs somewhere to dock. "
    "I asked the harbour office when the work would start, and nobody could tell me. "
    "Our council has the money this year. "
    "It should spend it before the winter storms. "
    "I would not count on it.\n"
)

NEWS_WITH_QUOTED_I = (
    "Ferry route approved after two-year dispute\n"
    "NORVIK — The harbour council voted on Tuesday to fund a new ferry route to the outer islands. "
    "The vote was seven to two. "
    "“I have waited ten years for this,” said Ingrid Vale, the council leader. "
    "The route will cost 4.2 million crowns a year. "
    "Opposition member Piet Vos voted against the plan. "
    "“We cannot afford the pier repairs as well,” Vos said. "
    "The first boats are due in May. "
    "Islanders have campaigned for the route since the old service ended. "
    "The council will publish the contract next month. "
    "A review of the pier is expected in the autumn.\n"
)


def test_an_opinion_label_is_kept_and_the_author_voice_is_marked() -> None:
    a = run((FIXTURES / "opinion_column.txt").read_text(encoding="utf-8"))
    text = a.document.text
    assert a.document.genre == "opinion"
    assert any("Opinion" in e for e in a.document.genre_evidence)
    voice = [s.of(text) for s in a.author_voice]
    assert "But I would not count on it." in voice
    assert not any("Ingrid Vale said" in v for v in voice)


def test_first_person_author_voice_without_a_label_makes_an_opinion_piece() -> None:
    a = run(COLUMN_UNLABELLED)
    assert a.document.genre == "opinion"
    assert any("first person" in e for e in a.document.genre_evidence)
    assert len(a.author_voice) >= 4


def test_a_news_story_quoting_someone_who_says_i_is_news() -> None:
    a = run(NEWS_WITH_QUOTED_I)
    assert a.document.genre == "news"
    assert a.author_voice == ()


def test_a_transcript_is_not_the_authors_voice() -> None:
    text = "Council leader talks ferries\n" + "".join(
        f"Q: What about the route in week {n}?\nA: I think we will get it done, and I am sure of it.\n"
        for n in range(1, 7)
    )
    a = run(text)
    assert a.author_voice == ()
    assert a.document.genre != "opinion"


def test_the_genre_rule_is_data() -> None:
    rule = genre_rule()
    assert 0 < rule.threshold < 1 and rule.min_sentences > 0


def test_an_article_that_is_all_furniture_is_a_clear_answer() -> None:
    text = (
        "By Ada Lind\n"
        "Photo: The old ferry leaves the harbour at dawn. (Coastal Wire/Per Lund)\n"
        "Related: Island schools face closure as families move to the mainland\n"
    )
    a = run(text)
    assert a.sentences == () and a.quotes == () and a.actors == ()
    assert any("page furniture" in w for w in a.warnings)
    try:
        pipeline.interview(read_text(text, settings=SETTINGS))
    except CopydeskError as e:
        assert str(e)


def test_a_derived_text_is_checked_in_full_whatever_its_shape() -> None:
    source = (FIXTURES / "furniture_article.txt").read_text(encoding="utf-8")
    derived = (
        "The harbour council voted on Tuesday to fund a new ferry route to the outer islands, "
        "ending a two-year dispute over the winter service.\n"
        "Another promise bites the dust.\n"
    )
    assert read_text(derived, settings=SETTINGS).furniture  # an article's last line of this shape is a kicker
    audit = pipeline.check(source, derived)
    checked = [c.span.of(derived) for c in audit.sentences]
    assert any("bites the dust" in c for c in checked)
