"""Verdicts on the kinds of edit that separate a faithful rewrite from an unfaithful one, with the
shipped checker (models included): an open-class swap, an antonym, modality and quantifier
changes and an added detail must not be supported; a paraphrase and a fusion of two source
sentences must be. The article and the rewrite are original texts.

Cases marked ``xfail(strict=True)`` are judged wrongly today: no typed check covers them, the
shipped scorer (trained on near-extractive positives) rates them as supported, and the learned
combiner (``copydesk.check.combine``, not the default verdict step) keeps them under its
threshold too. A scorer retrained on such edits did not beat the
shipped one and was not shipped (see its model card). When one catches them the marks must go (a
strict xfail that passes fails the run).
"""

from __future__ import annotations

import pytest

from copydesk import pipeline
from copydesk.model import Audit

pytestmark = pytest.mark.slow

SOURCE = (
    "Marden council votes to shut Old Quay bridge\n"
    "The regional council of Marden voted on Tuesday to close the Old Quay bridge for repairs. "
    "The bridge will stay shut for about 40 days, the council said. "
    "Mayor Lena Hart said the repairs would cost 2.1 million euros and would be paid from the harbour "
    "fund. Shop owners on Quay Street rejected the plan, saying the closure would cut their trade by "
    "half. The council is building a temporary footbridge next to the old one. Work on the footbridge "
    "began in March."
)

NEEDS_THE_SCORER = (
    "no typed check covers it, and neither the shipped scorer nor the learned combiner catches it"
)

CASES = [
    # (sentence of the rewrite, it is faithful, what kind of edit)
    pytest.param(
        "The regional council of Marden voted on Tuesday to close the Old Quay tunnel for repairs.",
        False,
        id="open-class swap (tunnel for bridge)",
        marks=pytest.mark.xfail(strict=True, reason=NEEDS_THE_SCORER),
    ),
    pytest.param(
        "Shop owners on Quay Street accepted the plan, saying the closure would cut their trade by half.",
        False,
        id="antonym (accepted for rejected)",
    ),
    pytest.param(
        "The council is considering a temporary footbridge next to the old one.",
        False,
        id="modality (is considering for is building)",
        marks=pytest.mark.xfail(strict=True, reason=NEEDS_THE_SCORER),
    ),
    pytest.param(
        "The bridge will stay shut for less than 40 days, the council said.",
        False,
        id="quantifier (less than for about)",
        marks=pytest.mark.xfail(strict=True, reason=NEEDS_THE_SCORER),
    ),
    pytest.param(
        "Mayor Lena Hart said the repairs would cost 2.1 million euros and would be paid from the "
        "harbour fund and a new tourist tax.",
        False,
        id="added detail (a tourist tax)",
        marks=pytest.mark.xfail(strict=True, reason=NEEDS_THE_SCORER),
    ),
    pytest.param(
        "According to the council, the bridge will be closed for roughly 40 days.",
        True,
        id="faithful paraphrase",
    ),
    pytest.param(
        "Work on a temporary footbridge beside the old bridge began in March.",
        True,
        id="faithful fusion of two sentences",
    ),
]


@pytest.fixture(scope="module")
def audited() -> Audit:
    derived = " ".join(p.values[0] for p in CASES)
    return pipeline.check(SOURCE, derived)


@pytest.mark.parametrize(("sentence", "faithful"), CASES)
def test_each_edit_gets_the_right_verdict(audited, sentence, faithful):
    text = audited.derived.text
    (claim,) = [c for c in audited.sentences if c.span.of(text) == sentence]
    if faithful:
        assert claim.verdict == "supported", claim.findings
    else:
        assert claim.verdict in ("unsupported", "contradicted")


def test_the_antonym_is_a_contradiction_found_by_the_wordnet_table(audited):
    text = audited.derived.text
    (claim,) = [c for c in audited.sentences if c.span.of(text).startswith("Shop owners")]
    assert claim.verdict == "contradicted"
    (found,) = claim.findings
    assert (found.rule, found.type, found.relation) == ("antonym", "negation", "contradicts")
    assert found.span.of(text) == "accepted"
