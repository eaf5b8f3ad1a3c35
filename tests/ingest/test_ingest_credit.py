"""Wire and source credit lines, on original texts."""

from __future__ import annotations

import pytest

from copydesk.ingest.credit import find_credit, strip_credit

BODY = (
    "The regional water board said on Friday that reservoir levels had recovered after a wet spring, "
    "and that the hosepipe ban imposed last summer would not return this year."
)


@pytest.mark.parametrize(
    ("text", "name", "covered", "kind"),
    [
        (BODY + "\nSource: RES-MPE\n", "RES-MPE", "Source: RES-MPE", "source_line"),
        (BODY + "\n\nSource: Reuters  \n\n", "Reuters", "Source: Reuters", "source_line"),
        (
            BODY + "\n(Source: Coastal News Service)",
            "Coastal News Service",
            "(Source: Coastal News Service)",
            "source_line",
        ),
        ("WASHINGTON (AP) — " + BODY, "AP", "(AP) —", "dateline"),
        ("LONDON (Reuters) - " + BODY, "Reuters", "(Reuters) -", "dateline"),
        ("  NEW YORK, June 3 (Reuters) -- " + BODY, "Reuters", "(Reuters) --", "dateline"),
        ("Reservoirs recover after wet spring\n\nLEEDS (PA) – " + BODY, "PA", "(PA) –", "dateline"),
        (
            BODY + "\n(Reporting by Ana Ruiz in Madrid; Editing by Tom Hale)\n",
            "Reporting by Ana Ruiz in Madrid; Editing by Tom Hale",
            "(Reporting by Ana Ruiz in Madrid; Editing by Tom Hale)",
            "sign_off",
        ),
    ],
)
def test_credit_forms(text: str, name: str, covered: str, kind: str) -> None:
    credit = find_credit(text)
    assert credit is not None
    assert credit.name == name
    assert credit.span.of(text) == covered
    assert credit.kind == kind


def test_source_line_wins_over_dateline() -> None:
    text = "ATHENS (AMNA) — " + BODY + "\nSource: RES-MPE"
    credit = find_credit(text)
    assert credit is not None and credit.name == "RES-MPE"


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        BODY + "\nThe source of the leak was never found.",
        "Officials in Washington (and in Ottawa) - both capitals - said nothing. " + BODY,
        "The minister (Labour) - who spoke first - said the ban was over. " + BODY,
        BODY + "\nSources said the board would meet again in May, and that the chair was expected to "
        "step down after the vote on the new charges for farms.",
    ],
)
def test_no_credit(text: str) -> None:
    assert find_credit(text) is None


def test_strip_last_line_credit() -> None:
    text = BODY + "\nSource: RES-MPE\n"
    credit = find_credit(text)
    assert credit is not None
    assert strip_credit(text, credit).strip() == BODY


def test_strip_dateline_keeps_the_place_and_dash() -> None:
    text = "LONDON (Reuters) - Shares fell sharply on Monday."
    credit = find_credit(text)
    assert credit is not None
    assert strip_credit(text, credit) == "LONDON - Shares fell sharply on Monday."
