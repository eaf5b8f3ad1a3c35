"""Dates of a claim against its evidence, judged by value: the ``date`` check.

The analyser resolves date expressions to ISO values ("2024-06-14", "2024-06", "2022",
ranges "2024-10-01/2024-10-31"); each value is an interval of days. Two dates agree when
their intervals overlap, so "June 14" agrees with "mid-June" and with "June", and "in 2024"
agrees with both. Where the analysis has no value for a date expression, a small rule-based
reader fills in month-day-year dates ("June 14", "14 June 2024", "mid-June", "February
2022", "in 2021"), leaving the year open when the text does not give it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from copydesk.check.text import MONTHS, STOPWORDS, content_lemmas, coverage, words
from copydesk.model import Analysis, DateMention, Finding, Span

_MONTH = (
    r"(?P<{name}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"\b(?P<part>early|mid|late|the\s+middle\s+of|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)"
        r"[\s\-]+" + _MONTH.format(name="month") + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
    ),
    re.compile(
        r"\b"
        + _MONTH.format(name="month")
        + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
    ),
    re.compile(
        r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
        + _MONTH.format(name="month")
        + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
    ),
    re.compile(r"\b" + _MONTH.format(name="month") + r",?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(
        r"\b(?:in|of|since|until|by|from|during|last|next|this|before|after|through)\s+(?P<at>)"
        + _MONTH.format(name="month")
        + r"\b"
    ),
    re.compile(r"(?<![$£€\d.,])\b(?P<year>(?:19|20)\d\d)\b(?!\s*(?:%|percent|per\s+cent)|[.,]\d)"),
)
"""Date expressions the fallback reader understands, tried in this order."""

PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 10),
    "the start of": (1, 10),
    "the beginning of": (1, 10),
    "mid": (10, 20),
    "the middle of": (10, 20),
    "late": (20, 31),
    "the end of": (20, 31),
}
"""Days of the month covered by "early June", "mid-June", "late June"."""

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


def read_dates(text: str, start: int = 0, end: int | None = None) -> list[DateValue]:
    """Rule-based date reading (the fallback for expressions the analysis left unresolved)."""
    end = len(text) if end is None else end
    out: list[DateValue] = []
    taken: list[Span] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text, start, end):
            span = Span(m.start("at") if "at" in m.groupdict() else m.start(), m.end())
            if any(span.overlaps(t) for t in taken):
                continue
            groups = m.groupdict()
            year = int(groups["year"]) if groups.get("year") else None
            month_name = groups.get("month")
            lo: YMD
            hi: YMD
            if month_name is None:
                following = re.match(r"\s+([a-z]+)", text[m.end() : m.end() + 30])
                if year is None or (following and following.group(1) not in STOPWORDS):
                    continue  # "2000 troops" counts something
                lo, hi = (year, 1, 1), (year, 12, 31)
            else:
                month = MONTHS.get(month_name.lower().rstrip("."))
                if month is None:
                    continue
                last = _last_day(year, month)
                if groups.get("day"):
                    day = int(groups["day"])
                    if not 1 <= day <= last:
                        continue
                    lo, hi = (year, month, day), (year, month, day)
                elif groups.get("part"):
                    a, b = PARTS[re.sub(r"\s+", " ", groups["part"].lower())]
                    lo, hi = (year, month, a), (year, month, min(b, last))
                else:
                    lo, hi = (year, month, 1), (year, month, last)
            taken.append(span)
            out.append(DateValue(span, lo, hi, span.of(text)))
    return sorted(out, key=lambda d: d.span)


def dates_in(
    text: str, mentions: Iterable[DateMention], spans: Iterable[Span], *, counted: bool = False
) -> list[DateValue]:
    """Dates inside ``spans``: the analysis' resolved values, then what the fallback reader adds,
    and with ``counted`` (for a source) the years counted from them (:func:`_years_apart`). A
    claim's "the prior year" is left alone: what it counts from need not be in the claim."""
    spans = list(spans)
    out: list[DateValue] = []
    for dm in mentions:
        if not any(s.start <= dm.span.start and dm.span.end <= s.end for s in spans):
            continue
        parsed = parse_value(dm.value)
        if parsed:
            out.append(DateValue(dm.span, parsed[0], parsed[1], dm.span.of(text)))
    for s in spans:
        for d in read_dates(text, s.start, s.end):
            if not any(d.span.overlaps(x.span) for x in out):
                out.append(d)
    if counted:
        out += [d for s in spans for d in _years_apart(text, s, out)]
    return sorted(out, key=lambda d: d.span)


YEARS_APART_RE = re.compile(
    r"\b(?:(?P<before>(?:a|one) year (?:earlier|before)|the (?:previous|prior|preceding) year|the year"
    r" before)|(?P<after>(?:a|one) year later|the (?:following|next) year|the year after))\b",
    re.I,
)
"""A year counted from a date just said: "a profit of $95 million for 2024, against $40 million
a year earlier"."""
ANCHOR_CHARS = 200
"""How far before it, within its sentence, such a phrase looks for the date it counts from."""


def _shifted(d: YMD, years: int) -> YMD:
    y, m, day = d
    assert y is not None
    return (y + years, m, min(day, _last_day(y + years, m)))


def _years_apart(text: str, within: Span, found: list[DateValue]) -> list[DateValue]:
    """The dates that "a year earlier" or "the following year" name, one year from the last date
    with a year before the phrase in its sentence; none where there is no such date, or where a
    date of ``found`` already covers the phrase."""
    out = []
    for m in YEARS_APART_RE.finditer(text, within.start, within.end):
        if any(x.span.overlaps(Span(m.start(), m.end())) for x in found):
            continue  # the analysis read the phrase already
        before = [
            d
            for d in found
            if m.start() - ANCHOR_CHARS <= d.span.start and d.span.end <= m.start()
            and d.lo[0] is not None and d.hi[0] is not None
            and not re.search(r"[.!?]\s", text[d.span.end : m.start()])
        ]  # fmt: skip
        if before:
            anchor = max(before, key=lambda d: d.span.start)
            years = -1 if m.group("before") else 1
            out.append(
                DateValue(
                    Span(m.start(), m.end()),
                    _shifted(anchor.lo, years),
                    _shifted(anchor.hi, years),
                    m.group(),
                )
            )
    return out


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


WEEKDAY_RE = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
"""A weekday name (capitalised, so a day and not a word)."""


def check_weekdays(claim_text: str, claim: Span, source_text: str, evidence: list[Span]) -> list[Finding]:
    """A ``date`` finding for a weekday of the claim that the source never names while its
    evidence names another one: "on Tuesday" against "on Wednesday" is wrong whatever the
    dates resolve to (and whether or not a publication date resolves them)."""
    return _stated_otherwise(
        WEEKDAY_RE, lambda a, b: a.group() == b.group(), claim_text, claim, source_text, evidence
    )


def _stated_otherwise(
    pattern: re.Pattern[str],
    same: Callable[[re.Match[str], re.Match[str]], bool],
    claim_text: str,
    claim: Span,
    source_text: str,
    evidence: list[Span],
) -> list[Finding]:
    """A ``date`` finding for the first match of ``pattern`` in the claim that is ``same`` as
    no match anywhere in the source, when the evidence has matches of its own."""
    found = list(pattern.finditer(claim_text, claim.start, claim.end))
    ev = [m for e in evidence for m in pattern.finditer(source_text, e.start, e.end)] if found else []
    if not ev:
        return []
    stated = list(pattern.finditer(source_text))
    wrong = next((m for m in found if not any(same(m, x) for x in stated)), None)
    if wrong is None:
        return []
    shown = ", ".join(dict.fromkeys(repr(x.group()) for x in ev))
    ev_span = next(e for e in evidence if e.start <= ev[0].start() < e.end)
    detail = f"{wrong.group()!r} where the evidence has {shown}"
    return [Finding("date", Span(wrong.start(), wrong.end()), detail, ev_span, relation="contradicts")]


CLOCK_RE = re.compile(
    r"(?<![:.\d])\b(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s*(?P<mer>[ap]\.m\.|[ap]m\b)"
    r"|(?<![:.\d])\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b(?!:)",
    re.I,
)
"""A clock time: "1:34 PM", "9 a.m.", "18:45" (not "3:16:05", not "2:1")."""


def _clock(m: re.Match[str]) -> tuple[int, int, str | None]:
    """A clock time's hour (on a 12-hour dial), minute and "a"/"p" (None when not written)."""
    hour = int(m.group("h") or m.group("h24"))
    minute = int(m.group("m") or m.group("m24") or 0)
    mer = m.group("mer")
    if mer is None and hour >= 12:
        mer = "p"
    return hour % 12, minute, mer[0].lower() if mer else None


def _same_time(a: re.Match[str], b: re.Match[str]) -> bool:
    """Whether two clock times are one (a time with no a.m. or p.m. is either)."""
    x, y = _clock(a), _clock(b)
    return x[:2] == y[:2] and (x[2] is None or y[2] is None or x[2] == y[2])


def check_clock_times(claim_text: str, claim: Span, source_text: str, evidence: list[Span]) -> list[Finding]:
    """A ``date`` finding for a clock time of the claim that the source never states while its
    evidence states another: "departing at 1:24 PM" against "at 1:34 PM"."""
    return _stated_otherwise(CLOCK_RE, _same_time, claim_text, claim, source_text, evidence)


RELATIVE_RE = re.compile(
    r"\b(?:(?P<dir>next|last|this|coming|past|previous|following)\s+(?P<unit>week(?:end)?|month|year)"
    r"|(?P<day>today|tonight|tomorrow|yesterday))\b",
    re.I,
)
"""A relative time ("next week", "last year", "tomorrow"), which needs a publication date to resolve."""
DIRECTIONS = {
    "next": "future", "coming": "future", "following": "future", "last": "past", "past": "past",
    "previous": "past", "this": "present",
}  # fmt: skip
DAY_WORDS = {"today": "present", "tonight": "present", "tomorrow": "future", "yesterday": "past"}
RELATIVE_COVERAGE = 0.5
"""Share of the claim's content words an evidence sentence must hold for its relative times to
be compared with the claim's ("next week" of a vote against "this week" of the ships is no clash)."""


def _relative(text: str, start: int, end: int) -> list[tuple[Span, tuple[str, str]]]:
    """The relative times in ``text[start:end]``, each with its (direction, unit) key."""
    out = []
    for m in RELATIVE_RE.finditer(text, start, end):
        if m.group("day"):
            key = (DAY_WORDS[m.group("day").lower()], "day")
        else:
            key = (DIRECTIONS[m.group("dir").lower()], m.group("unit").lower())
        out.append((Span(m.start(), m.end()), key))
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
        for s, k in _relative(claim_text, claim.start, claim.end)
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
    ev = [(s, k) for e in about for s, k in _relative(source_text, e.start, e.end)]
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
