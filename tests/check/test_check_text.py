"""Text utilities of the checker."""

from __future__ import annotations

import pytest
from check_helpers import analysed

from copydesk.check.text import recased

SOURCE = (
    "The Kremlin said on Monday that Vladimir Putin met U.S. envoys. Putin said the talks in "
    "Moscow were useful. Dr. Ames of Hungary's foreign ministry agreed."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "vladimir putin met u.s. envoys in moscow. the kremlin said i was wrong.",
            "Vladimir Putin met U.S. envoys in Moscow. The Kremlin said I was wrong.",
        ),
        # an apostrophe is no opening quotation mark; a quotation opens with a capital
        ('hungary\'s envoys said "the talks failed."', 'Hungary\'s envoys said "The talks failed."'),
        # "The" is capitalised in the source only where a sentence starts
        ("putin met the envoys.", "Putin met the envoys."),
        # a capital of two letters would move every offset after it
        ("ßtraße is a street. putin met envoys.", "ßtraße is a street. Putin met envoys."),
    ],
)
def test_a_lower_case_text_takes_the_sources_capitals(text, expected):
    out = recased(analysed(text), analysed(SOURCE))
    assert out == expected
    assert len(out) == len(text)


@pytest.mark.parametrize(
    ("text", "source"),
    [("Putin met envoys.", SOURCE), ("putin met envoys.", SOURCE.lower())],
)
def test_a_text_with_capitals_or_a_lower_case_source_is_left_as_it_is(text, source):
    assert recased(analysed(text), analysed(source)) == text
