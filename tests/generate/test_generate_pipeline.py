"""The interview through the real pipeline: the analyser plans it, the checker self-checks it.

The ferry article is an original fixture; the seed article (``../shared/data/seed``) is read
from the development data only, in tests marked ``shared`` that skip when it is absent.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import re

import pytest
from conftest import FERRY, FIXTURES

from copydesk import pipeline
from copydesk.model import MONTH_NAMES, Interview
from copydesk.report.interview import render_interview, sentence_verdicts

pytestmark = pytest.mark.slow

SHARED = pathlib.Path(__file__).resolve().parents[3] / "shared" / "data"
SEED = SHARED / "seed"
SEED_PUBLISHED = dt.date(2024, 11, 8)
ALLOWED_CAPITALISED = {"What", "How", "Why", "Let's", "Is", "On", "In"} | set(MONTH_NAMES)


def _answers(iv: Interview) -> list[str]:
    return [s.span.of(t.text) for t in iv.turns if t.role == "guest" for s in t.sentences]


def _assert_grounded(iv: Interview, article: str) -> None:
    assert iv.audit is not None
    verdicts = sentence_verdicts(iv)
    assert verdicts, "the audit covers the answers"
    cited = [s.span.of(t.text) for t in iv.turns for s in t.sentences if t.role == "guest" or s.citations]
    unsupported = [a for a, v in zip(cited, verdicts.values(), strict=True) if v != "supported"]
    assert not unsupported
    words = set(re.findall(r"[\w’'.-]+", article)) | {
        w.rstrip(".") for w in re.findall(r"[\w’'.-]+", article)
    }
    body = "\n".join(t.text for t in iv.turns)
    for word in re.findall(r"\b[A-Z][\w’'-]*", body):
        assert word in words or word in ALLOWED_CAPITALISED, f"{word!r} is not in the article"


def test_ferry_interview_through_the_pipeline() -> None:
    doc = pipeline.read(str(FIXTURES / "ferry_article.txt"))
    iv = pipeline.interview(doc, outlet="Harbour Post", published=dt.date(2024, 11, 8))
    assert 2 <= len(iv.turns) // 2 <= 9
    _assert_grounded(iv, FERRY)
    assert render_interview(iv, "text").startswith(iv.audit.derived.text)
    assert iv.disclosure.endswith("Source: Alder Wire")


def test_ferry_turns_and_focus_through_the_pipeline() -> None:
    doc = pipeline.read(str(FIXTURES / "ferry_article.txt"))
    iv = pipeline.interview(doc, turns=3, focus="petition signatures", published=dt.date(2024, 11, 8))
    assert len(iv.turns) <= 6
    assert "signatures" in iv.turns[3].text
    _assert_grounded(iv, FERRY)


@pytest.fixture(scope="module")
def seed_interview() -> tuple[str, Interview]:
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent (development data)")
    doc = pipeline.read(str(SEED / "article.txt"))
    return doc.text, pipeline.interview(doc, published=SEED_PUBLISHED)


@pytest.mark.shared
@pytest.mark.parametrize(
    ("topic", "phrases"),
    [
        ("Peskov's statements", ["Peskov", "special military operation"]),
        ("Putin's June 14 terms", ["June 14", "NATO ambitions"]),
        ("Ukraine's rejection", ["amount to surrender"]),
        ("Zelensky's victory plan", ["victory plan"]),
        ("Trump's 24-hours claim", ["24 hours"]),
        ("Zelensky's quote", ["If it’s only fast"]),
        ("Putin's congratulations", ["Putin congratulated Trump"]),
        ("Putin's openness to dialogue", ["dialogue"]),
        ("Trump's NBC remarks", ["NBC"]),
    ],
)
def test_seed_interview_covers(seed_interview: tuple[str, Interview], topic: str, phrases: list[str]) -> None:
    """The statements that carry the story are in the interview (answers, or the editor's
    cited statements)."""
    _, iv = seed_interview
    said = " ".join(t.text for t in iv.turns)
    for phrase in phrases:
        assert phrase in said, f"{topic}: {phrase!r} missing"


@pytest.mark.shared
def test_seed_interview_says_what_it_leaves_out(seed_interview: tuple[str, Interview]) -> None:
    article, iv = seed_interview
    used = {c for t in iv.turns for s in t.sentences for c in s.citations}
    assert iv.left_out and not set(iv.left_out) & used
    if iv.left_out:
        assert any("This interview uses" in n for n in iv.notes)


@pytest.mark.shared
def test_seed_interview_is_grounded_and_names_no_one_new(seed_interview: tuple[str, Interview]) -> None:
    article, iv = seed_interview
    assert 5 <= len([t for t in iv.turns if t.role == "editor"]) <= 9
    _assert_grounded(iv, article)
    assert iv.disclosure.endswith("Source: RES-MPE")


@pytest.mark.shared
@pytest.mark.parametrize(
    ("opening", "speaker"),
    [
        ("The president has never said", "Peskov"),
        ("All this relates to", "Peskov"),
        ("If it’s only fast", "Zelensky"),
        ("we are going to talk", "Trump"),
    ],
)
def test_seed_quotes_are_verbatim_with_the_right_speaker(
    seed_interview: tuple[str, Interview], opening: str, speaker: str
) -> None:
    article, iv = seed_interview
    flat = " ".join(article.split())
    found = False
    for sentence in [t.text for t in iv.turns if t.role == "guest"]:
        for inner in re.findall(r"“([^”]+)”", sentence):
            assert " ".join(inner.split()).rstrip(" .,") in flat, inner
            if inner.startswith(opening):
                found = True
                # the speaker is named in the answer (a "he said" follows the sentence that
                # names him in the same answer)
                assert speaker in sentence.replace(inner, ""), sentence
    assert found, f"the quote opening {opening!r} is not in the interview"


def test_a_lead_that_opens_with_a_dateline_and_credit_is_still_the_lead(tmp_path) -> None:
    article = tmp_path / "dateline.txt"
    article.write_text(
        "Ferry budget approved\n\n"
        "NORBERG (Harbour Wire) - The Norberg city council approved a 12 million euro budget for a new "
        "ferry terminal on Tuesday, after a debate that lasted six hours.\n\n"
        "Opposition leader Erik Sand voted against the plan. He said the cost would rise.\n",
        encoding="utf-8",
    )
    doc = pipeline.read(str(article))
    assert doc.credit_span is not None and doc.credit_span.of(doc.text).startswith("(Harbour Wire)")
    iv = pipeline.interview(doc, published=dt.date(2024, 11, 8))
    answers = _answers(iv)
    assert answers[0].startswith("The Norberg city council approved a 12 million euro budget")
    assert not any("Harbour Wire" in a for a in answers)


DEBATE = """Senator Ruth Ames and Governor Paul Dorn clashed over taxes in the second debate on Tuesday night.
Dorn attacked the tax plan of his rival and said it would hurt small businesses. \
“It will cost every family a fortune,” he said.
Ames defended the plan. She later claimed that the governor had raised taxes twice while in office.
Dorn said the deficit was 400 million dollars and blamed the legislature.
Ames said she would close the deficit within two years without cutting schools.
The Dorn campaign declined to comment on the senator's claim after the debate.
"""


def test_no_claim_is_put_in_the_wrong_candidates_mouth() -> None:
    """The two false attributions seen in generated interviews, through the real analyser: the
    senator's "She later claimed ..." must not become the governor's claim, and the
    governor's "he said" must not become the senator's words, in an answer or a question."""
    iv = pipeline.interview(DEBATE, published=dt.date(2024, 10, 3))
    answers = _answers(iv)
    assert not any(re.search(r"\bDorn (?:later )?claimed", a) for a in answers)
    assert not any("fortune,” Ames" in a for a in answers)
    for q, a in zip(iv.turns[0::2], iv.turns[1::2], strict=True):
        if "claim" in a.text and "She later claimed" in a.text:
            assert "Dorn" not in q.text or "Dorn said" in a.text or "Dorn attacked" in a.text
        if "fortune" in a.text:
            assert "Ames" not in q.text or "Ames" in a.text


COLUMN = """Opinion

The harbour deal is a bad bargain for Valmora

By Jane Harlow

The Valmora council approved the new harbour contract on Tuesday by seven votes to four.
Mayor Tomas Brek said the contract would bring 300 jobs to the port. \
"This is the best offer we have had in ten years," he said.
I have covered this council for twenty years, and I have rarely seen a deal signed so quickly.
The contract runs for 25 years and cannot be reopened before 2040.
Union leader Marta Quenell said the workers had not been consulted.
Brek insists the jobs are guaranteed. But I would not count on it.

Jane Harlow is a columnist for the Valmora Gazette.
"""


def test_an_opinion_piece_is_labelled_and_its_author_speaks_only_in_their_own_name() -> None:
    iv = pipeline.interview(COLUMN, published=dt.date(2025, 5, 14))
    assert any(n.startswith("The article is an opinion piece") for n in iv.notes)
    answers = _answers(iv)
    for a in answers:
        if "I would not count on it" in a or "I have covered" in a:
            assert a.startswith("Jane Harlow writes: “"), a
    assert not any(re.match(r"^(?:But )?I\b", a) for a in answers), "the guest never says 'I' for the author"
    body = "\n".join(t.text for t in iv.turns)
    assert "is a columnist for" not in body, "the author's bio is page furniture"
    assert "Source: the article by Jane Harlow" in iv.disclosure


NOTED = """Ferry fares to rise in June

Editor's note: An earlier version of this story misstated the size of the rise.

The Port Alder council voted on Monday to raise ferry fares by 12 percent from June.
Council leader Ada Quell said the rise would pay for two new boats.
Related: Port Alder picks a new ferry operator
The islanders' association said it would fight the rise in court.
Another fare rise nobody asked for.
"""


def test_page_furniture_is_never_answer_text() -> None:
    iv = pipeline.interview(NOTED, published=dt.date(2025, 3, 4))
    body = "\n".join(t.text for t in iv.turns)
    assert "misstated" not in body and "Related:" not in body and "picks a new ferry operator" not in body
    assert "Quell said the rise would pay" in body
