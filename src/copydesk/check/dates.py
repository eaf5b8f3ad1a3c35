"""Dates of a claim against its evidence, judged by value: the ``date`` check.

The analyser resolves date expressions to ISO values ("2024-06-14", "2024-06", "2022",
ranges "2024-10-01/2024-10-31"); each value is an interval of days. Two dates agree when
their intervals overlap, so "June 14" agrees with "mid-June" and with "June", and "in 2024"
agrees with both; a value of no known year ("XXXX-06-14", which the analyser gives when no
publication date supplies the year) leaves the year open. Every date comes from the analysis'
date mentions: the checker reads no date from the text itself. A relative date no publication
date resolved has no value, and is compared only with the evidence's own relative dates and
weekday names (:func:`check_relative`, :func:`check_weekdays`), never contradicted by a date it
could not be placed against.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from copydesk import lang
from copydesk.check.text import content_lemmas, coverage, words
from copydesk.model import Analysis, DateMention, Finding, Span

YMD = tuple[int | None, int, int]
PLACEHOLDER_YEAR = 2000
"""The year a yearless date is measured in (a leap year, so "February 29" exists)."""
UNBOUNDED_DAYS = 10**6
"""The width given to an interval whose year is known at one end only."""
VOUCHING_DAYS = 30
"""A source date elsewhere in the source vouches for a claim date it overlaps when it is no
wider than this many days (a month: "mid-June" for "June 14") or no wider than the claim's."""


@dataclass(frozen=True)
class DateValue:
    """A date mention as an interval of days ``[lo, hi]``; the year may be unknown (None)."""

    span: Span
    lo: YMD
    hi: YMD
    surface: str = ""

    def overlaps(self, other: DateValue) -> bool:
        a_lo, a_hi, b_lo, b_hi = self.lo, self.hi, other.lo, other.hi
        if None not in (a_lo[0], a_hi[0], b_lo[0], b_hi[0]):
            return a_lo <= b_hi and b_lo <= a_hi
        if a_lo[0] != a_hi[0] or b_lo[0] != b_hi[0]:
            return True  # a range over years against a yearless date: cannot judge
        return (a_lo[1], a_lo[2]) <= (b_hi[1], b_hi[2]) and (b_lo[1], b_lo[2]) <= (a_hi[1], a_hi[2])

    def days(self) -> int:
        """How many days the interval spans, less one (0 for a single day); a yearless date
        is measured in a leap year, and one with only one end's year counts as very wide."""
        (ly, lm, ld), (hy, hm, hd) = self.lo, self.hi
        if (ly is None) != (hy is None):
            return UNBOUNDED_DAYS
        lo = dt.date(ly or PLACEHOLDER_YEAR, lm, ld)
        hi = dt.date(hy or PLACEHOLDER_YEAR, hm, hd)
        return (hi - lo).days

    def show(self) -> str:
        def one(d: YMD) -> str:
            return f"{d[0] if d[0] is not None else '????'}-{d[1]:02d}-{d[2]:02d}"

        return one(self.lo) if self.lo == self.hi else f"{one(self.lo)}/{one(self.hi)}"


def _last_day(year: int | None, month: int) -> int:
    return calendar.monthrange(year if year is not None else 2001, month)[1]


def _parse_one(value: str) -> tuple[YMD, YMD] | None:
    m = re.fullmatch(r"(\d{4}|XXXX|-)-?(\d{2})?(?:-(\d{2}))?(?:T.*)?", value.strip())
    if not m:
        return None
    year = int(m.group(1)) if m.group(1).isdigit() else None
    if m.group(2) is None:
        if year is None:
            return None
        return (year, 1, 1), (year, 12, 31)
    month = int(m.group(2))
    if not 1 <= month <= 12:
        return None
    if m.group(3) is None:
        return (year, month, 1), (year, month, _last_day(year, month))
    day = int(m.group(3))
    return (year, month, day), (year, month, day)


def parse_value(value: str | None) -> tuple[YMD, YMD] | None:
    """An ISO date, month, year or ``a/b`` range as an interval; None when it is not one."""
    if not value:
        return None
    if "/" in value:
        a, _, b = value.partition("/")
        pa, pb = _parse_one(a), _parse_one(b)
        if pa and pb:
            return pa[0], pb[1]
        return None
    return _parse_one(value)


def dates_in(
    text: str, mentions: Iterable[DateMention], spans: Iterable[Span], *, counted: bool = True
) -> list[DateValue]:
    """The analysis' dates with a value inside ``spans`` (relative dates no publication date
    resolved have none); without ``counted``, not the years the analyser counted from a date
    just said ("the prior year"): a claim's may count from a date it does not give."""
    spans = list(spans)
    out: list[DateValue] = []
    for dm in mentions:
        if not any(s.start <= dm.span.start and dm.span.end <= s.end for s in spans):
            continue
        if dm.anchor is not None and not counted:
            continue
        parsed = parse_value(dm.value)
        if parsed:
            out.append(DateValue(dm.span, parsed[0], parsed[1], dm.span.of(text)))
    return sorted(out, key=lambda d: d.span)


def _vouches(source: DateValue, claim: DateValue, *, contested: bool) -> bool:
    """Whether a source date elsewhere in the source states the claim's date: it overlaps it, is
    no wider than the claim date (or than a month, unless the evidence has another date), and
    gives a year where the claim does."""
    if claim.lo[0] is not None and source.lo[0] is None:
        return False  # "late June" says nothing of the year in "2021"
    widest = claim.days() if contested else max(claim.days(), VOUCHING_DAYS)
    return claim.overlaps(source) and source.days() <= widest


def _states(evidence: DateValue, claim: DateValue) -> bool:
    """Whether an evidence date can state the claim's: they overlap, and a date with no year
    ("in March") is no narrower than a claim date with one ("March 2030", not "2030")."""
    if claim.lo[0] is not None and evidence.lo[0] is None and claim.days() > evidence.days():
        return False
    return claim.overlaps(evidence)


def _restates(claim: DateValue, evidence: DateValue) -> bool:
    same = claim.surface.lower() == evidence.surface.lower()
    return same or (_states(evidence, claim) and _states(claim, evidence))


def check_dates(
    claim: list[DateValue],
    evidence: list[DateValue],
    source: list[DateValue],
    *,
    evidence_span: Span | None,
    source_text: str = "",
) -> list[Finding]:
    """``date`` findings: claim dates that no evidence date overlaps.

    A date that overlaps a date of the evidence is fine, and so is one that overlaps a date
    of any other source sentence no wider than a month (:data:`VOUCHING_DAYS`) or than itself:
    a summary sentence may take its date from another sentence, but "in 2022" elsewhere does
    not vouch for "March 21", nor "late June" for "2021". Where the evidence has another date
    ("March 12"), only a date as precise as the claim's vouches: "in March" elsewhere does not
    make "March 21" right; nor does an evidence's "in July" make "July 14" right where that
    evidence also has "June 14".
    A date in the evidence's own words ("on Monday") is fine too, though the tenses around
    each may resolve it to different days. Otherwise, where the evidence has dates, the claim
    contradicts it; where it has none, the date is reported as absent from the source, unless
    ``source_text`` has its words (a date the source's reading missed, "the last weekend of
    January?").
    """
    out: list[Finding] = []
    for d in claim:
        if any(d.surface.lower() == x.surface.lower() for x in evidence):
            continue  # the evidence's own words ("Monday"), whatever tense each was resolved by
        # A date of the evidence as precise as the claim's that says otherwise ("June 14" for
        # "July 14") outweighs a vaguer one that overlaps it ("in July").
        precise_other = any(x.days() <= d.days() and not _states(x, d) for x in evidence)
        if any(_states(x, d) and (x.days() <= d.days() or not precise_other) for x in evidence):
            continue
        # A claim that also states every date of the evidence compares with another time ("in
        # the second quarter of 2021, against 2020"): the evidence does not contest its other date.
        contested = bool(evidence) and not all(
            any(y is not d and _restates(y, x) for y in claim) for x in evidence
        )
        if any(_vouches(x, d, contested=contested) for x in source):
            continue
        if contested:
            shown = ", ".join(f"{x.surface!r} ({x.show()})" for x in evidence[:3])
            out.append(
                Finding(
                    "date",
                    d.span,
                    f"{d.surface!r} ({d.show()}) where the evidence has {shown}",
                    evidence_span,
                    relation="contradicts",
                )
            )
        elif not re.search(rf"\b{re.escape(d.surface)}\b", source_text, re.IGNORECASE):
            out.append(Finding("date", d.span, f"{d.surface!r} ({d.show()}) appears nowhere in the source"))
    return out


WEEKDAYS = frozenset(lang.weekday_names())
"""Weekday names, as written (capitalised, so a day and not a word)."""


def _weekdays(analysis: Analysis, start: int, end: int) -> list[tuple[Span, str]]:
    """The weekday names inside the analysis' date mentions in ``[start, end)``."""
    out = []
    for dm in analysis.dates:
        if start <= dm.span.start and dm.span.end <= end:
            out += [
                (w.span, w.text) for w in words(analysis, dm.span.start, dm.span.end) if w.text in WEEKDAYS
            ]
    return out


def check_weekdays(derived: Analysis, claim: Span, source: Analysis, evidence: list[Span]) -> list[Finding]:
    """A ``date`` finding for a weekday of the claim that the source never names while its
    evidence names another one: "on Tuesday" against "on Wednesday" is wrong whatever the
    dates resolve to (and whether or not a publication date resolves them)."""
    source_text = source.document.text
    found = _weekdays(derived, claim.start, claim.end)
    ev = [x for e in evidence for x in _weekdays(source, e.start, e.end)] if found else []
    stated = {name for _, name in _weekdays(source, 0, len(source_text))} if ev else set()
    return _stated_otherwise(
        found, ev, lambda a, b: a == b, [(Span(0, 0), n) for n in stated], derived, source, evidence
    )


def _stated_otherwise(
    found: list[tuple[Span, Any]],
    ev: list[tuple[Span, Any]],
    same: Callable[[Any, Any], bool],
    stated: list[tuple[Span, Any]],
    derived: Analysis,
    source: Analysis,
    evidence: list[Span],
) -> list[Finding]:
    """A ``date`` finding for the first of the claim's ``found`` times (span, key) that is
    ``same`` as none of the source's ``stated`` ones, when the evidence has times of its own
    (``ev``)."""
    if not ev:
        return []
    wrong = next((x for x in found if not any(same(x[1], y[1]) for y in stated)), None)
    if wrong is None:
        return []
    source_text, claim_text = source.document.text, derived.document.text
    shown = ", ".join(dict.fromkeys(repr(x[0].of(source_text)) for x in ev))
    ev_span = next(e for e in evidence if e.start <= ev[0][0].start < e.end)
    detail = f"{wrong[0].of(claim_text)!r} where the evidence has {shown}"
    return [Finding("date", wrong[0], detail, ev_span, relation="contradicts")]


CLOCK_RE = re.compile(
    r"(?<![:.\d])\b(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s*(?P<mer>[ap]\.m\.|[ap]m\b)"
    r"|(?<![:.\d])\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b(?!:)",
    re.I,
)
"""A clock time: "1:34 PM", "9 a.m.", "18:45" (not "3:16:05", not "2:1")."""


Clock = tuple[int, int, str | None]
"""A clock time's hour (on a 12-hour dial), minute and "a"/"p" (None when not written)."""


def _clocks(analysis: Analysis, start: int, end: int) -> list[tuple[Span, Clock]]:
    """The clock times in ``[start, end)`` of a text, read as figures are (:data:`CLOCK_RE`)."""
    out: list[tuple[Span, Clock]] = []
    for m in CLOCK_RE.finditer(analysis.document.text, start, end):
        hour = int(m.group("h") or m.group("h24"))
        minute = int(m.group("m") or m.group("m24") or 0)
        mer = m.group("mer")
        if mer is None and hour >= 12:
            mer = "p"
        out.append((Span(m.start(), m.end()), (hour % 12, minute, mer[0].lower() if mer else None)))
    return out


def _same_time(x: Clock, y: Clock) -> bool:
    """Whether two clock times are one (a time with no a.m. or p.m. is either)."""
    return x[:2] == y[:2] and (x[2] is None or y[2] is None or x[2] == y[2])


def check_clock_times(
    derived: Analysis, claim: Span, source: Analysis, evidence: list[Span]
) -> list[Finding]:
    """A ``date`` finding for a clock time of the claim that the source never states while its
    evidence states another: "departing at 1:24 PM" against "at 1:34 PM"."""
    found = _clocks(derived, claim.start, claim.end)
    ev = [x for e in evidence for x in _clocks(source, e.start, e.end)] if found else []
    stated = _clocks(source, 0, len(source.document.text)) if ev else []
    return _stated_otherwise(found, ev, _same_time, stated, derived, source, evidence)


RELATIVE_UNITS = lang.words("dates", "relative_units")
"""The periods of a relative time ("next week", "last year")."""
DIRECTIONS: dict[str, str] = lang.mapping("relative_directions")
"""The words that say which way a relative time points ("next": future, "last": past), and the
day words ("tomorrow": future)."""
DAY_WORDS = lang.words("dates", "day_words")
"""The relative times that are a day ("today", "tomorrow")."""
RELATIVE_COVERAGE = 0.5
"""Share of the claim's content words an evidence sentence must hold for its relative times to
be compared with the claim's ("next week" of a vote against "this week" of the ships is no clash)."""


def _relative(analysis: Analysis, start: int, end: int) -> list[tuple[Span, tuple[str, str]]]:
    """The relative times in ``[start, end)`` that no publication date resolved (the analysis'
    date mentions without a value), each with its (direction, unit) key: "next week" is
    (future, week), "yesterday" (past, day)."""
    out = []
    for dm in analysis.dates:
        if dm.value is not None or not (start <= dm.span.start and dm.span.end <= end):
            continue
        norms = [w.norm for w in words(analysis, dm.span.start, dm.span.end)]
        direction = next((DIRECTIONS[n] for n in norms if n in DIRECTIONS), None)
        unit = next((n for n in norms if n in RELATIVE_UNITS), None)
        day = next((n for n in norms if n in DAY_WORDS), None)
        if day is not None:
            out.append((dm.span, (DIRECTIONS[day], "day")))
        elif direction is not None and unit is not None:
            out.append((dm.span, (direction, unit)))
    return out


def check_relative(
    derived: Analysis, claim: Span, resolved: list[DateValue], source: Analysis, evidence: list[Span]
) -> list[Finding]:
    """A ``date`` finding for a relative time of the claim that its evidence puts otherwise.

    Only times that no publication date resolved (not in ``resolved``) are read: "next month"
    against evidence with "next week" (the same direction, another unit) or "last week" against
    "next week" (the same unit, another direction). A claim time that the evidence states too,
    or that shares neither direction nor unit with the evidence's times ("this year" against
    "next month"), is left alone. Only evidence sentences that hold at least
    :data:`RELATIVE_COVERAGE` of the claim's content words are compared, so that both times
    belong to the same event.
    """
    claim_text, source_text = derived.document.text, source.document.text
    times = [
        (s, k)
        for s, k in _relative(derived, claim.start, claim.end)
        if not any(s.overlaps(d.span) for d in resolved)
    ]
    if not times:
        return []
    claim_stems = content_lemmas(words(derived, claim.start, claim.end))
    about = [
        e
        for e in evidence
        if coverage(claim_stems, content_lemmas(words(source, e.start, e.end))) >= RELATIVE_COVERAGE
    ]
    ev = [(s, k) for e in about for s, k in _relative(source, e.start, e.end)]
    keys = {k for _, k in ev}
    for span, key in times:
        if key in keys:
            continue
        clash = [(s, k) for s, k in ev if (k[0] == key[0]) != (k[1] == key[1])]
        if not clash:
            continue
        shown = ", ".join(dict.fromkeys(repr(s.of(source_text)) for s, _ in clash))
        ev_span = next(e for e in evidence if e.start <= clash[0][0].start < e.end)
        detail = f"{span.of(claim_text)!r} where the evidence has {shown}"
        return [Finding("date", span, detail, ev_span, relation="contradicts")]
    return []
