"""The interview benchmark's self-test: every measure catches a bad interview, and passes a good one.

The article is an original text written for this test (its town and people are invented).
Each case builds an interview by hand, with citations into the article, measures it with the
benchmark's own ``measure`` (the real analyser and checker), and says which figure must come
out bad. ``python benchmarks/interview.py --self-test`` runs it; so does the test suite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

ARTICLE = """\
The town council of Elmsby voted on Tuesday to keep the public library open for another year, \
after a debate that ran past midnight.
Council finance chair Mara Lind presented the accounts at the start of the meeting. She later \
claimed that the budget was short by 2 million crowns.
Mayor Tomas Brek rejected that figure. “We will not close the library. The money is there if we \
stop building the ring road,” Brek said.
The library, which opened in 1962, lends about 80,000 books a year.
Local teachers have collected 3,000 signatures in support of the library, according to the \
Elmsby Teachers' Union.
Lind said the ring road contract could not be cancelled without a penalty.
The council will review the decision in March, Brek told reporters. He did not say how the \
library would be funded after that.
The county government declined to comment.
"""
PUBLISHED = dt.date(2025, 5, 12)

Pair = tuple[Sequence[str], Sequence[tuple[str, Sequence[str]]]]
"""A question-answer pair: the editor's questions, and the answer sentences with the article
passages each one cites."""

GOOD: list[Pair] = [
    (
        ["What did the council decide on Tuesday?"],
        [
            (
                "The town council of Elmsby voted on Tuesday to keep the public library open for another "
                "year, after a debate that ran past midnight.",
                ["The town council of Elmsby voted"],
            ),
            ("The library, which opened in 1962, lends about 80,000 books a year.", ["The library, which"]),
        ],
    ),
    (
        ["What did Mara Lind claim about the budget?"],
        [
            (
                "Council finance chair Mara Lind presented the accounts at the start of the meeting.",
                ["Council finance chair"],
            ),
            (
                "She later claimed that the budget was short by 2 million crowns.",
                ["She later claimed"],
            ),
        ],
    ),
    (
        ["How did Brek respond?"],
        [
            ("Mayor Tomas Brek rejected that figure.", ["Mayor Tomas Brek rejected"]),
            (
                "“We will not close the library. The money is there if we stop building the ring road,” "
                "Brek said.",
                ["“We will not close"],
            ),
        ],
    ),
    (
        ["What remains open?"],
        [
            (
                "The council will review the decision in March, Brek told reporters.",
                ["The council will review"],
            ),
            ("The county government declined to comment.", ["The county government"]),
        ],
    ),
]


CASES: list[tuple[str, list[Pair], Callable[[dict[str, Any]], bool]]] = [
    # A pronoun replaced by the wrong person's name (a woman's claim put in a man's mouth).
    (
        "false attribution in an answer",
        [
            (
                ["What did the finance chair find?"],
                [
                    (
                        "Brek later claimed that the budget was short by 2 million crowns.",
                        ["She later claimed"],
                    ),
                    (
                        "Council finance chair Mara Lind presented the accounts at the start of the meeting.",
                        ["Council finance chair"],
                    ),
                ],
            )
        ],
        lambda r: len(r["false_attributions"]) >= 1,
    ),
    # "What did X say?" where X says nothing in the answer.
    (
        "a question naming someone as a speaker of another's words",
        [
            (
                ["What did Lind say about the library?"],
                [
                    (
                        "“We will not close the library. The money is there if we stop building the ring "
                        "road,” Brek said.",
                        ["“We will not close"],
                    ),
                    ("Mayor Tomas Brek rejected that figure.", ["Mayor Tomas Brek rejected"]),
                ],
            )
        ],
        lambda r: len(r["false_attributions"]) >= 1 and len(r["absent_named"]) >= 1,
    ),
    # A headline fragment glued to a name.
    (
        "a name glued to a headline word",
        [
            (
                ["What did Tomas Brek Tells reporters?"],
                [
                    (
                        "The council will review the decision in March, Brek told reporters.",
                        ["The council will review"],
                    )
                ],
            )
        ],
        lambda r: len(r["false_attributions"]) >= 1,
    ),
    (
        "questions with no content",
        [
            (["What happened?"], [("Mayor Tomas Brek rejected that figure.", ["Mayor Tomas Brek rejected"])]),
            (
                ["What is the background?"],
                [
                    (
                        "The library, which opened in 1962, lends about 80,000 books a year.",
                        ["The library, which"],
                    )
                ],
            ),
            (
                ["What else does the article report?"],
                [("The county government declined to comment.", ["The county government"])],
            ),
        ],
        lambda r: len(r["content_free"]) >= 3,
    ),
    (
        "one-sentence answers",
        [
            (
                ["What did the council decide?"],
                [
                    (
                        "The town council of Elmsby voted on Tuesday to keep the public library open "
                        "for another year, after a debate that ran past midnight.",
                        ["The town council of Elmsby voted"],
                    )
                ],
            ),
            (
                ["How did Brek respond to Lind?"],
                [("Mayor Tomas Brek rejected that figure.", ["Mayor Tomas Brek rejected"])],
            ),
        ],
        lambda r: max(r["answer_lengths"]) == 1,
    ),
    (
        "an invented fact",
        [
            (
                ["What did the council decide?"],
                [
                    (
                        "The town council of Elmsby voted on Tuesday to close the public library for good.",
                        ["The town council of Elmsby voted"],
                    ),
                    (
                        "The library, which opened in 1962, lends about 80,000 books a year.",
                        ["The library, which"],
                    ),
                ],
            )
        ],
        lambda r: r["grounding"] < 1.0,
    ),
    (
        "a misquotation",
        [
            (
                ["What did Brek say?"],
                [
                    ("Brek said: “We will never close the library.”", ["“We will not close"]),
                    ("Mayor Tomas Brek rejected that figure.", ["Mayor Tomas Brek rejected"]),
                ],
            )
        ],
        lambda r: r["quotes"]["rate"] < 1.0,
    ),
    (
        "the whole article republished",
        [
            (
                ["What did the council decide?"],
                [
                    (s, [s[:30]])
                    for s in (
                        "The town council of Elmsby voted on Tuesday to keep the public library open "
                        "for another year, after a debate that ran past midnight.",
                        "Council finance chair Mara Lind presented the accounts at the start of the meeting.",
                        "She later claimed that the budget was short by 2 million crowns.",
                        "Mayor Tomas Brek rejected that figure.",
                        "The library, which opened in 1962, lends about 80,000 books a year.",
                        "Lind said the ring road contract could not be cancelled without a penalty.",
                        "The council will review the decision in March, Brek told reporters.",
                        "The county government declined to comment.",
                    )
                ],
            )
        ],
        lambda r: r["reuse"]["rate"] > 0.6 and max(r["answer_lengths"]) > 4,
    ),
    (
        "few attributed statements cited",
        [
            (
                ["What did the council decide?"],
                [
                    (
                        "The library, which opened in 1962, lends about 80,000 books a year.",
                        ["The library, which"],
                    )
                ],
            )
        ],
        lambda r: r["statement_coverage"]["rate"] < 0.6,
    ),
    (
        "a repeated question",
        [
            (
                ["What did Brek say about the library?"],
                [("Mayor Tomas Brek rejected that figure.", ["Mayor Tomas Brek rejected"])],
            ),
            (
                ["What did Brek say about the library?"],
                [
                    (
                        "The council will review the decision in March, Brek told reporters.",
                        ["The council will review"],
                    )
                ],
            ),
        ],
        lambda r: r["duplicates"]["exact"] >= 1,
    ),
]


def build(pairs: list[Pair]) -> Any:
    """An ``Interview`` with these questions and cited answers, audited by nothing yet."""
    from copydesk.model import AnswerSentence, Document, Interview, Span, Turn

    doc = Document(text=ARTICLE, id="self-test", published=PUBLISHED)
    turns = []
    for questions, answers in pairs:
        q = " ".join(questions)
        turns.append(Turn("Test Editor", "editor", q, (AnswerSentence(Span(0, len(q))),)))
        text = ""
        sentences = []
        for sentence, cites in answers:
            if text:
                text += " "
            spans = []
            for c in cites:
                spans.append(Span(*_line(ARTICLE.index(c))))
            sentences.append(AnswerSentence(Span(len(text), len(text) + len(sentence)), tuple(spans)))
            text += sentence
        turns.append(Turn("Test guest", "guest", text, tuple(sentences)))
    return Interview(
        doc,
        "Interview between Test Editor and Test guest",
        "Test",
        "Test guest",
        "Made by hand.",
        tuple(turns),
    )


def _line(pos: int) -> tuple[int, int]:
    """The line (paragraph) of the article holding ``pos``: what a citation covers here."""
    start = ARTICLE.rfind("\n", 0, pos) + 1
    end = ARTICLE.find("\n", pos)
    return start, len(ARTICLE) if end < 0 else end


def run(bench: ModuleType) -> list[str]:
    """Runs every case; returns what failed (empty when every measure caught its case)."""
    from copydesk import pipeline
    from copydesk.model import Document

    analysis = pipeline.analyse(Document(text=ARTICLE, id="self-test", published=PUBLISHED))
    failures = []
    good = bench.measure(build(GOOD), analysis, published=PUBLISHED)
    problems = {
        "false attributions": good["false_attributions"],
        "absent names": good["absent_named"],
        "content-free clauses over one": good["content_free"][1:],
        "unsupported sentences": good["unsupported_sentences"],
        "quote failures": good["quotes"]["failures"],
        "question claims": good["question_claims_unsupported"],
    }
    for name, found in problems.items():
        if found:
            failures.append(f"the good interview has {name}: {found}")
    for name, pairs, caught in CASES:
        row = bench.measure(build(pairs), analysis, published=PUBLISHED)
        if not caught(row):
            failures.append(f"{name}: not caught")
    return failures
