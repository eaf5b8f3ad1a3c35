"""Date and time expressions: find them in a text and resolve them to ISO values.

Pure Python (regular expressions and calendar arithmetic), so it runs on every document at
negligible cost. The approach is that of rule-based normalisers such as HeidelTime (Strötgen and
Gertz, "HeidelTime: High Quality Rule-based Extraction and Normalization of Temporal
Expressions", SemEval 2010): patterns find an expression, and calendar rules resolve it against
the document creation time (here the publication date) to a TIMEX3-style ISO 8601 value.

Each pattern family below is a few compiled expressions and one small function that yields
candidate ``(start, end, value)`` triples; it runs only on windows of text around its trigger
words (``_Triggers``). ``find_dates`` keeps the longest candidates that do not overlap, so
"Friday, June 14, 2024" wins over "Friday", "June 14" and "2024".

Values (see ``copydesk.model.DateMention``):

* a day ``"2024-06-14"``, a month ``"2022-02"``, a year ``"2021"``;
* a range of days ``"2024-10-28/2024-11-03"`` (both ends inclusive);
* a range of whole years ``"1990/1999"`` (decades and spans such as "2019-2021");
* ``None`` when the expression needs the publication date and there is none.

Resolution rules, relative to the publication date ``published``:

* A month or a day without a year ("in July", "June 14") is the most recent one on or before
  the publication date, so the same rule serves both and they compare consistently.
* A bare weekday ("on Monday") is the most recent such day on or before publication; "last
  Monday" the one strictly before, "next Monday" the one strictly after, "this Monday" the one in
  the publication's ISO week (Monday to Sunday).
* A bare weekday, a day or a month without a year that a future form precedes in its sentence
  ("will strike from Monday", "is due to vote on December 3", "will run until the end of June",
  :data:`FUTURE_RE`) is the next one after publication instead (for a weekday, strictly after;
  for a day or a month, on or after).
* Weeks are ISO weeks (Monday to Sunday); seasons are northern-hemisphere meteorological
  seasons (spring March-May, summer June-August, autumn September-November, winter December to
  February, named by the year in which it starts).
* "early"/"mid"/"late" split a month into days 1-10, 11-20 and 21-end, a year into
  January-April, May-August and September-December, and a decade into years 0-3, 4-6 and 7-9.
* "the past/last N days|weeks|months|years" is the range of that length ending on the
  publication day; "N days|weeks|months|years ago" is the day, ISO week, month or year that
  far back. Vague quantities ("a few", "several") become ranges (``VAGUE_QUANTITIES``).

Spans leave out prepositions ("in July" -> "July", "from 2021" -> "2021", "on Monday" ->
"Monday") but keep the words that change the value ("last month", "early July", "the past two
weeks"). A clock time attached to a date joins its span ("3 p.m. on Monday") without changing
the value; bare clock times are not tagged.

False positives avoided: month and weekday names must be capitalised, so the modal "may" and a
"protest march" are not dates; a month name alone ("May", "March", "June") counts only after a
cue word (``BARE_MONTH_CUES``) or a modifier ("last", "early", ...). A bare four-digit number is
a year only for 1900-2099, not inside a larger number, not after a currency sign, and not
followed by a unit noun ("2000 votes"; ``UNIT_NOUNS``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from copydesk import lang
from copydesk.errors import AnalysisError
from copydesk.model import DateMention, Span

# --------------------------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------------------------


def _parts(period: str) -> dict[str, tuple[int, int]]:
    """The parts ("early", "mid", "late") of a month, year or decade, each with its first and last
    day, month or year."""
    return {
        key.split(":", 1)[1]: (int(first), int(last))
        for key, first, last in lang.rows("date_parts")
        if key.startswith(f"{period}:")
    }


MONTHS: dict[str, int] = {name: i + 1 for i, name in enumerate(lang.month_names())}
"""Full month names (matched capitalised only)."""

MONTH_ABBREVIATIONS: dict[str, int] = lang.month_abbreviations()
"""Abbreviated month names, with or without a full stop; they count only before a day or year."""

WEEKDAYS: dict[str, int] = {name: i for i, name in enumerate(lang.weekday_names())}
"""Weekday names (matched capitalised only), numbered as ``date.weekday()``."""

WEEKDAY_NAME_PREFIXES: frozenset[str] = lang.words("dates", "weekday_name_prefixes")
"""Words that make a weekday part of a name ("Good Friday", "Super Tuesday"): not resolved."""

WEEKDAY_NAME_SUFFIXES: frozenset[str] = lang.words("dates", "weekday_name_suffixes")
"""Words that make a weekday part of a title ("the Sunday Times"): not a date."""

SEASONS: dict[str, int] = {season: int(month) for season, month in lang.rows("seasons")}
"""Season names and the first month of each (meteorological, northern hemisphere)."""

NUMBER_WORDS: dict[str, int] = {
    word: int(float(value))
    for word, value, kind in lang.rows("numbers")
    if kind in ("cardinal", "article") and float(value) >= 1
}
"""Spelt-out counts in "two weeks ago", "the past three years"."""

VAGUE_QUANTITIES: dict[str, tuple[int, int]] = {
    w: (int(a), int(b)) for w, a, b in lang.rows("vague_quantities")
}
"""Vague counts and the (least, most) number of units each is taken to cover."""

PARTS_OF_MONTH: dict[str, tuple[int, int]] = _parts("month")
"""Days of the month covered by "early/mid/late June" (the last day is clamped to the month)."""

PARTS_OF_YEAR: dict[str, tuple[int, int]] = _parts("year")
"""Months covered by "early/mid/late 2021"."""

PARTS_OF_DECADE: dict[str, tuple[int, int]] = _parts("decade")
"""Years of the decade covered by "the early/mid/late 1990s"."""

PART_PHRASES: dict[str, str] = {
    phrase: part for phrase, part, _ in lang.rows("date_parts") if ":" not in phrase
}
"""Phrases that pick a part of a period, and the part each picks."""

ORDINALS: dict[str, int] = {
    form: int(n)
    for word, n in lang.rows("ordinals")
    if int(n) <= 4
    for form in (word, f"{n}{('st', 'nd', 'rd', 'th')[int(n) - 1]}")
}
"""Ordinals of quarters and halves ("the third quarter of 2023"); "last"/"final" means the last."""

BARE_MONTH_CUES: tuple[str, ...] = lang.entries("dates", "bare_month_cues")
"""Words after which a month name alone ("in May", "since March") is a date."""

MONTH_LINKS: tuple[str, ...] = lang.entries("dates", "month_links")
"""Words joining a second month to a cued one ("between April and June")."""

SEASON_CUES: tuple[str, ...] = lang.entries("dates", "season_cues")
"""Words after which a season alone ("in the summer") is a date ("fall" needs a modifier or year)."""

UNIT_NOUNS: tuple[str, ...] = lang.entries("dates", "unit_nouns")
"""Nouns that make a preceding 19xx/20xx number a count ("2000 votes"), not a year."""

QUANTITY_ADJECTIVES: tuple[str, ...] = lang.entries("dates", "quantity_adjectives")
"""Adjectives allowed between a count and its unit noun ("2000 new jobs")."""

NON_YEAR_PRECEDERS: frozenset[str] = lang.words("dates", "non_year_preceders")
"""Words after which a 19xx/20xx number is a count or an identifier ("Flight 2020"), not a year."""

TIME_ZONES: tuple[str, ...] = lang.entries("dates", "time_zones")
"""Time-zone labels that may follow a clock time attached to a date."""

# --------------------------------------------------------------------------------------------
# Periods and calendar arithmetic
# --------------------------------------------------------------------------------------------

Grain = Literal["day", "month", "year", "days", "years"]


@dataclass(frozen=True)
class _Period:
    """An inclusive range of days, and how its value is written."""

    start: dt.date
    end: dt.date
    grain: Grain

    @property
    def value(self) -> str:
        if self.grain == "day":
            return self.start.isoformat()
        if self.grain == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        if self.grain == "year":
            return f"{self.start.year:04d}"
        if self.grain == "years":
            return f"{self.start.year:04d}/{self.end.year:04d}"
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


def _day(d: dt.date) -> _Period:
    return _Period(d, d, "day")


def _month(year: int, month: int) -> _Period:
    return _Period(dt.date(year, month, 1), _month_end(year, month), "month")


def _year(year: int) -> _Period:
    return _Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _days(start: dt.date, end: dt.date) -> _Period:
    return _Period(start, end, "days")


def _years(first: int, last: int) -> _Period:
    return _Period(dt.date(first, 1, 1), dt.date(last, 12, 31), "years")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def _shift_months(d: dt.date, n: int) -> dt.date:
    """The same day ``n`` months later (earlier when negative), clamped to the month's end."""
    year, month = _add_months(d.year, d.month, n)
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _iso_week(d: dt.date) -> _Period:
    monday = _monday(d)
    return _days(monday, monday + dt.timedelta(days=6))


def _shift(d: dt.date, unit: str, n: int) -> dt.date:
    """``d`` moved ``n`` units back in time (unit: day, week, month, year, decade)."""
    if unit == "day":
        return d - dt.timedelta(days=n)
    if unit == "week":
        return d - dt.timedelta(weeks=n)
    if unit == "month":
        return _shift_months(d, -n)
    if unit == "year":
        return _shift_months(d, -12 * n)
    return _shift_months(d, -120 * n)  # decade


def _recent_month_year(month: int, published: dt.date, *, strictly_before: bool = False) -> int:
    """The year of the most recent ``month`` on (or strictly before) the publication month."""
    if month < published.month or (month == published.month and not strictly_before):
        return published.year
    return published.year - 1


def _month_year(month: int, published: dt.date, *, forward: bool) -> int:
    """The year of a month named without one: the most recent on or before the publication
    month, or with ``forward`` the first on or after it."""
    if forward:
        return published.year if month >= published.month else published.year + 1
    return _recent_month_year(month, published)


def _nearest_day(month: int, day: int, published: dt.date, *, forward: bool = False) -> dt.date | None:
    """The most recent ``month``/``day`` on or before the publication date, or with ``forward``
    the first one on or after it (None if there is no such day)."""
    step = 1 if forward else -1
    pub = (published.month, published.day)
    this_year = (month, day) >= pub if forward else (month, day) <= pub
    year = published.year if this_year else published.year + step
    for candidate in range(year, year + 8 * step, step):  # 29 February: on to a leap year
        try:
            return dt.date(candidate, month, day)
        except ValueError:
            continue
    return None


FUTURE_RE = re.compile(
    r"\b(?:will|shall|won[’']t|would(?!\s+have\b)|(?:is|are|was|were)\s+(?:due|set|scheduled|expected|going|planned)\s+to|"
    r"(?:is|are)\s+to|plans?\s+to|planning\s+to|intends?\s+to|scheduled\s+(?:for|to))\b|[’']ll\b",
    re.IGNORECASE,
)
"""A future form: a date after it in the same sentence is looked for after publication. "would"
is the future of reported speech ("said the cuts would be completed by the end of June"), but
not with "have" ("would have ended in May" looks back)."""
FUTURE_WINDOW = 120
"""How far back from a date (in characters, within its sentence) a future form counts."""
_SENTENCE_STOP_RE = re.compile(r"[.!?](?=\s)|\n")


def _in_future(text: str, start: int) -> bool:
    """Whether a future form precedes position ``start`` in its sentence."""
    window = max(0, start - FUTURE_WINDOW)
    stops = [m.end() for m in _SENTENCE_STOP_RE.finditer(text, window, start)]
    return FUTURE_RE.search(text, stops[-1] if stops else window, start) is not None


_LEAP_YEAR = 2000
"""A year in which every day of the calendar exists (29 February), to check a day of no known year."""


def _yearless(month: int, day: int | None = None, last: int | None = None) -> str | None:
    """The value of a month ("XXXX-06"), a day ("XXXX-06-14") or a range of days of a month
    ("XXXX-06-14/XXXX-06-16") whose year the text does not give and no publication date supplies
    (TIMEX3 writes an unknown year as XXXX); None for a day no calendar has."""
    if day is None:
        return f"XXXX-{month:02d}"
    if _safe_date(_LEAP_YEAR, month, day) is None:
        return None
    if last is None:
        return f"XXXX-{month:02d}-{day:02d}"
    if _safe_date(_LEAP_YEAR, month, last) is None:
        return None
    return f"XXXX-{month:02d}-{day:02d}/XXXX-{month:02d}-{last:02d}"


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _part_of_month(part: str, year: int, month: int) -> _Period:
    first, last = PARTS_OF_MONTH[part]
    end = min(last, calendar.monthrange(year, month)[1])
    return _days(dt.date(year, month, first), dt.date(year, month, end))


def _part_of_year(part: str, year: int) -> _Period:
    first, last = PARTS_OF_YEAR[part]
    return _days(dt.date(year, first, 1), _month_end(year, last))


def _season(season: str, year: int) -> _Period:
    first = SEASONS[season]
    end_year, end_month = _add_months(year, first, 2)
    return _days(dt.date(year, first, 1), _month_end(end_year, end_month))


def _quarter(year: int, quarter: int) -> _Period:
    first = 3 * (quarter - 1) + 1
    return _days(dt.date(year, first, 1), _month_end(year, first + 2))


def _half(year: int, half: int) -> _Period:
    if half == 1:
        return _days(dt.date(year, 1, 1), dt.date(year, 6, 30))
    return _days(dt.date(year, 7, 1), dt.date(year, 12, 31))


def _weekend(week_monday: dt.date) -> _Period:
    return _days(week_monday + dt.timedelta(days=5), week_monday + dt.timedelta(days=6))


# --------------------------------------------------------------------------------------------
# Regular-expression building blocks
# --------------------------------------------------------------------------------------------

_SP = r"(?:[ \t\u00a0]+(?:\n[ \t\u00a0]*)?|\n[ \t\u00a0]*)"  # spacing with at most one line break


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, with spaces matching any spacing."""
    escaped = (re.escape(w).replace(r"\ ", _SP) for w in sorted(words, key=len, reverse=True))
    return "|".join(escaped)


_FLAGS = re.IGNORECASE
_MONTH_FULL = rf"(?-i:{_alternation(MONTHS)})\b"
_MONTH_ANY = rf"(?:(?-i:{_alternation(MONTHS)})\b|(?-i:{_alternation(MONTH_ABBREVIATIONS)})(?:\.|\b))"
_WEEKDAY = rf"(?-i:{_alternation(WEEKDAYS)})\b"
_YEAR = r"(?:19|20)\d\d(?!\d|[.,]\d)"
_DAY = r"[0-3]?\d(?:st|nd|rd|th)?\b(?![.,:]\d)"
_NUMBER = rf"\d{{1,3}}|(?:a{_SP})?(?:{_alternation(VAGUE_QUANTITIES)})|{_alternation(NUMBER_WORDS)}"
_UNIT = r"(?:day|week|month|year|decade)s?"
_TIME = (
    rf"(?:(?:[01]?\d(?::[0-5]\d)?[ \t]*(?:a\.m\.|p\.m\.|am\b|pm\b)|[0-2]?\d:[0-5]\d\b|noon\b|midnight\b)"
    rf"(?:{_SP}(?-i:{_alternation(TIME_ZONES)})\b)?)"
)

_UNIT_AFTER_RE = re.compile(
    rf"{_SP}(?:(?:{_alternation(QUANTITY_ADJECTIVES)}){_SP})?(?:{_alternation(UNIT_NOUNS)})\b", _FLAGS
)
_PREVIOUS_WORD_RE = re.compile(r"([A-Za-z]+)\.?\s+$")
_TIME_BEFORE_RE = re.compile(rf"{_TIME}{_SP}(?:on{_SP})?$", _FLAGS)
_TIME_AFTER_RE = re.compile(rf",?{_SP}at{_SP}{_TIME}", _FLAGS)

Candidate = tuple[int, int, str | None]
"""A possible mention: start, end, value (None when it needs the publication date)."""
Scan = Callable[[re.Pattern[str]], Iterator[re.Match[str]]]
"""Runs a pattern over the parts of the text where its family can match (see ``_Triggers``)."""


def _value(period: _Period | None) -> str | None:
    return None if period is None else period.value


def _previous_word(text: str, start: int) -> str:
    match = _PREVIOUS_WORD_RE.search(text, max(0, start - 30), start)
    return match.group(1).lower() if match else ""


def _is_count(text: str, start: int, end: int) -> bool:
    """True when the number in ``text[start:end]`` is a count or an identifier, not a year."""
    return bool(_UNIT_AFTER_RE.match(text, end)) or _previous_word(text, start) in NON_YEAR_PRECEDERS


def _month_number(name: str) -> int:
    name = name.rstrip(".")
    return MONTHS.get(name) or MONTH_ABBREVIATIONS[name]


ORDINAL_DAYS: dict[str, int] = {word: int(n) for word, n in lang.rows("ordinals")}
"""Spelt-out days of the month ("the fourteenth of June")."""


def _day_number(token: str) -> int:
    word = " ".join(token.lower().split()).replace(" ", "-")
    if word in ORDINAL_DAYS:
        return ORDINAL_DAYS[word]
    return int(re.sub(r"\D", "", token))


def _quantity(token: str) -> tuple[int, int]:
    """The (least, most) count a number token stands for ("three" -> (3, 3), "a few" -> (2, 5))."""
    words = " ".join(token.lower().split())
    if words.isdigit():
        return int(words), int(words)
    if words in NUMBER_WORDS:
        return NUMBER_WORDS[words], NUMBER_WORDS[words]
    words = words.removeprefix("a ")
    return VAGUE_QUANTITIES[words]


def _unit(token: str) -> str:
    return token.lower().rstrip("s")


# --------------------------------------------------------------------------------------------
# Pattern families: each yields candidates for one kind of expression
# --------------------------------------------------------------------------------------------

_ISO_RE = re.compile(r"(?<![\w./-])((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?![\d-])")
_NUMERIC_RE = re.compile(r"(?<![\w./-])([0-3]?\d)([/.])([0-3]?\d)\2((?:19|20)\d\d)(?![\w/]|[.,]\d)")


def _numeric_dates(text: str, scan: Scan, published: dt.date | None, loose: bool) -> Iterator[Candidate]:
    """ISO "2024-06-14"; "6/14/2024" (US order unless the first number is over 12); "14.06.2024"."""
    for m in scan(_ISO_RE):
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d is not None:
            yield m.start(), m.end(), d.isoformat()
    for m in scan(_NUMERIC_RE):
        a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        month, day = (b, a) if m.group(2) == "." or a > 12 else (a, b)
        d = _safe_date(year, month, day)
        if d is not None:
            yield m.start(), m.end(), d.isoformat()


_MONTH_DAY_RE = re.compile(
    rf"(?:{_WEEKDAY},?{_SP})?(?P<md>(?P<month>{_MONTH_ANY}){_SP}(?P<day>{_DAY})"
    rf"(?:[ \t]*[-–][ \t]*(?P<day2>{_DAY}))?)(?:,?{_SP}(?P<year>{_YEAR}))?",
    _FLAGS,
)
_ORDINAL = _alternation([*ORDINAL_DAYS, *(w.replace("-", " ") for w in ORDINAL_DAYS if "-" in w)])
_ORDINAL_DAY_RE = re.compile(
    rf"(?<![\w$£€.,/:])(?P<md>the{_SP}(?P<day>{_ORDINAL})"
    rf"{_SP}of{_SP}(?P<month>{_MONTH_ANY}))(?:,?{_SP}(?P<year>{_YEAR}))?",
    _FLAGS,
)
_DAY_MONTH_RE = re.compile(
    rf"(?:{_WEEKDAY},?{_SP})?(?<![\w$£€.,/:])(?P<md>(?:the{_SP})?(?P<day>{_DAY})(?:{_SP}of)?{_SP}"
    rf"(?P<month>{_MONTH_ANY}))(?:,?{_SP}(?P<year>{_YEAR}))?",
    _FLAGS,
)


def _day_month_dates(text: str, scan: Scan, published: dt.date | None, loose: bool) -> Iterator[Candidate]:
    """Finds "June 14", "Jun. 14th", "June 14, 2024", "June 14-16", "Friday, 14 June 2024", "the
    fourteenth of June"."""
    for regex in (_MONTH_DAY_RE, _DAY_MONTH_RE, _ORDINAL_DAY_RE):
        for m in scan(regex):
            month, day = _month_number(m.group("month")), _day_number(m.group("day"))
            day2 = _day_number(m.group("day2")) if m.groupdict().get("day2") else None
            end = m.end()
            year: int | None = None
            if m.group("year") and not _is_count(text, m.start("year"), m.end("year")):
                year = int(m.group("year"))
            elif m.group("year"):
                end = m.end("md")
            if day == 0 or day > 31 or (day2 is not None and day2 <= day):
                continue
            if year is not None:
                first = _safe_date(year, month, day)
            elif published is not None:
                first = _nearest_day(month, day, published, forward=_in_future(text, m.start()))
            else:
                yield m.start(), end, _yearless(month, day, day2)
                continue
            if first is None:
                continue
            if day2 is None:
                yield m.start(), end, first.isoformat()
                continue
            last = _safe_date(first.year, month, day2)
            if last is not None:
                yield m.start(), end, _days(first, last).value


_MONTH_YEAR_RE = re.compile(rf"(?P<month>{_MONTH_ANY}),?{_SP}(?:of{_SP})?(?P<year>{_YEAR})", _FLAGS)


def _month_year_dates(text: str, scan: Scan, published: dt.date | None, loose: bool) -> Iterator[Candidate]:
    """Finds "February 2022", "Feb. 2022", "May of 2021"."""
    for m in scan(_MONTH_YEAR_RE):
        if _is_count(text, m.start("year"), m.end("year")):
            continue
        yield m.start(), m.end(), _month(int(m.group("year")), _month_number(m.group("month"))).value


_CUED_MONTH_RE = re.compile(rf"\b(?:{_alternation(BARE_MONTH_CUES)}){_SP}(?P<d>{_MONTH_FULL})", _FLAGS)
_LOOSE_MONTH_RE = re.compile(rf"(?P<d>{_MONTH_FULL})", _FLAGS)
_LINKED_MONTH_RE = re.compile(rf"{_SP}?(?:{_alternation(MONTH_LINKS)}){_SP}?(?P<d>{_MONTH_FULL})", _FLAGS)
_MODIFIED_MONTH_RE = re.compile(
    rf"\b(?P<mod>last|next|this(?:{_SP}(?:past|coming))?|past|coming){_SP}(?P<month>{_MONTH_FULL})", _FLAGS
)


def _month_dates(text: str, scan: Scan, published: dt.date | None, loose: bool) -> Iterator[Candidate]:
    """A month alone after a cue: "in July", "since March", "between April and June"; "last July"."""

    def bare(name: str, start: int) -> str | None:
        month = MONTHS[name]
        if published is None:
            return _yearless(month)
        return _month(_month_year(month, published, forward=_in_future(text, start)), month).value

    for m in scan(_LOOSE_MONTH_RE if loose else _CUED_MONTH_RE):
        yield m.start("d"), m.end("d"), bare(m.group("d"), m.start("d"))
        link = _LINKED_MONTH_RE.match(text, m.end("d"))
        while link is not None:
            yield link.start("d"), link.end("d"), bare(link.group("d"), m.start("d"))
            link = _LINKED_MONTH_RE.match(text, link.end("d"))
    for m in scan(_MODIFIED_MONTH_RE):
        if published is None:
            yield m.start(), m.end(), None
            continue
        month, mod = MONTHS[m.group("month")], " ".join(m.group("mod").lower().split())
        if mod == "this":
            year = published.year
        elif mod in ("next", "coming", "this coming"):
            year = published.year if month > published.month else published.year + 1
        else:  # last, past, this past
            year = _recent_month_year(month, published, strictly_before=True)
        yield m.start(), m.end(), _month(year, month).value


_PART_RE = re.compile(
    rf"\b(?P<part>{_alternation(PART_PHRASES)})(?:-|{_SP})(?:(?P<month>{_MONTH_FULL})(?:,?{_SP}(?P<year>{_YEAR}))?"
    rf"|(?P<year2>{_YEAR})|(?P<rel>last|this|next){_SP}(?P<unit>month|year)\b|the{_SP}(?P<cur>month|year)\b)",
    _FLAGS,
)


def _part_dates(text: str, scan: Scan, published: dt.date | None, loose: bool) -> Iterator[Candidate]:
    """Finds "early July", "mid-June 2023", "late 2021", "the end of last year", "early this month"."""
    for m in scan(_PART_RE):
        part = PART_PHRASES[" ".join(m.group("part").lower().split())]
        if m.group("year2"):
            if _is_count(text, m.start("year2"), m.end("year2")):
                continue
            yield m.start(), m.end(), _part_of_year(part, int(m.group("year2"))).value
            continue
        if m.group("month"):
            month, end = MONTHS[m.group("month")], m.end()
            if m.group("year") and not _is_count(text, m.start("year"), m.end("year")):
                yield m.start(), end, _part_of_month(part, int(m.group("year")), month).value
                continue
            end = m.end("month")
            if published is None:
                first, last = PARTS_OF_MONTH[part]
                yield (
                    m.start(),
                    end,
                    _yearless(month, first, min(last, calendar.monthrange(_LEAP_YEAR, month)[1])),
                )
                continue
            year = _month_year(month, published, forward=_in_future(text, m.start()))
            yield m.start(), end, _part_of_month(part, year, month).value
            continue
        if published is None:
            yield m.start(), m.end(), None
            continue
        unit = (m.group("unit") or m.group("cur")).lower()
        step = {"last": -1, "next": 1}.get((m.group("rel") or "this").lower(), 0)
        if unit == "year":
            yield m.start(), m.end(), _part_of_year(part, published.year + step).value
        else:
            year, month = _add_months(published.year, published.month, step)
            yield m.start(), m.end(), _part_of_month(part, year, month).value


_DECADE_RE = re.compile(
    rf"\b(?:(?P<the>the){_SP})?(?:(?P<part>early|mid|late)(?:-|{_SP}))?(?P<decade>(?:19|20)\d0)['’]?s\b"
    rf"|\bthe{_SP}(?:(?P<part2>early|mid|late)(?:-|{_SP}))?['’]?(?P<short>[3-9]0)['’]?s\b",
    _FLAGS,
)


def _decade_dates(text: str, scan: Scan, published: dt.date | None, loose: bool) -> Iterator[Candidate]:
    """Finds "the 1990s", "the early 2000s", "the '80s" (two-digit decades only for the 1930s-1990s)."""
    for m in scan(_DECADE_RE):
        first = int(m.group("decade")) if m.group("decade") else 1900 + int(m.group("short"))
        part = (m.group("part") or m.group("part2") or "").lower()
        low, high = PARTS_OF_DECADE.get(part, (0, 9))
        yield m.start(), m.end(), _years(first + low, first + high).value


_WEEKDAY_RE = re.compile(
    rf"\b(?:(?P<mod>last|next|this(?:{_SP}(?:past|coming))?|past|coming){_SP})?(?P<wd>{_WEEKDAY})"
    rf"(?:{_SP}(?:morning|afternoon|evening|night)\b)?",
    _FLAGS,
)
_NEXT_WORD_RE = re.compile(r"[ \t]+([A-Za-z]+)")


def _weekday_dates(text: str, scan: Scan, published: dt.date | None, loose: bool) -> Iterator[Candidate]:
    """Finds "Monday", "last Tuesday", "next Friday", "this Sunday", "Monday morning"."""
    for m in scan(_WEEKDAY_RE):
        if not m.group("mod") and _previous_word(text, m.start()) in WEEKDAY_NAME_PREFIXES:
            continue
        following = _NEXT_WORD_RE.match(text, m.end("wd"))
        if following and following.group(1).lower() in WEEKDAY_NAME_SUFFIXES:
            continue
        if published is None:
            yield m.start(), m.end(), None
            continue
        weekday = WEEKDAYS[m.group("wd")]
        mod = " ".join((m.group("mod") or "").lower().split())
        back = (published.weekday() - weekday) % 7
        if mod in ("last", "past", "this past"):
            d = published - dt.timedelta(days=back or 7)
        elif mod == "this":
            d = _monday(published) + dt.timedelta(days=weekday)
        elif mod in ("next", "coming", "this coming") or (not mod and _in_future(text, m.start())):
            d = published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
        else:
            d = published - dt.timedelta(days=back)
        yield m.start(), m.end(), d.isoformat()


RELATIVE_DAYS: dict[str, int] = {words: int(offset) for words, offset in lang.rows("relative_days")}
"""Day words and their offset in days from the publication date."""

_RELATIVE_DAY_RE = re.compile(
    rf"\b(?P<d>{_alternation(RELATIVE_DAYS)})\b(?:{_SP}(?:morning|afternoon|evening|night)\b)?", _FLAGS
)


def _relative_day_dates(text: str, scan: Scan, published: dt.date | None, loose: bool) -> Iterator[Candidate]:
    """Finds "today", "yesterday", "tomorrow", "tonight", "this morning", "last night"."""
    for m in scan(_RELATIVE_DAY_RE):
        if m.group("d")[0].isupper() and m.start() > 0:
            # "USA Today", NBC's "Today" show: a capitalised day word inside a sentence is a name.
            before = text[: m.start()].rstrip()
            if before and (before[-1].isalnum() or before[-1] in ",'’"):
                continue
        if published is None:
            yield m.start(), m.end(), None
            continue
        offset = RELATIVE_DAYS[" ".join(m.group("d").lower().split())]
        yield m.start(), m.end(), (published + dt.timedelta(days=offset)).isoformat()


_RELATIVE_PERIOD_RE = re.compile(
    rf"\b(?P<mod>last|this|next){_SP}(?P<unit>week|weekend|month|year|quarter)\b"
    rf"|\b(?:over|during|at|on){_SP}(?P<weekend>the{_SP}weekend)\b",
    _FLAGS,
)
_LOOSE_WEEKEND_RE = re.compile(rf"(?P<weekend>the{_SP}weekend)\b", _FLAGS)


def _relative_period_dates(
    text: str, scan: Scan, published: dt.date | None, loose: bool
) -> Iterator[Candidate]:
    """Finds "last week", "this month", "next year", "last quarter", "this weekend", "over the weekend"."""
    matches = list(scan(_RELATIVE_PERIOD_RE))
    if loose:
        matches.extend(scan(_LOOSE_WEEKEND_RE))
    for m in matches:
        weekend, mod = m.groupdict().get("weekend"), m.groupdict().get("mod")
        start = m.start("weekend") if weekend else m.start()
        if mod and _previous_word(text, m.start()) == "the":
            continue  # "the last year of his term": see _past_dates
        if published is None:
            yield start, m.end(), None
            continue
        if weekend:  # the most recent weekend that has begun
            monday = _monday(published)
            yield (
                start,
                m.end(),
                _weekend(monday if published.weekday() >= 5 else monday - dt.timedelta(7)).value,
            )
            continue
        step = {"last": -1, "this": 0, "next": 1}[str(mod).lower()]
        unit = m.group("unit").lower()
        if unit == "week":
            period = _iso_week(published + dt.timedelta(weeks=step))
        elif unit == "weekend":
            period = _weekend(_monday(published) + dt.timedelta(weeks=step))
        elif unit == "month":
            period = _month(*_add_months(published.year, published.month, step))
        elif unit == "year":
            period = _year(published.year + step)
        else:
            year, month = _add_months(published.year, published.month, 3 * step)
            period = _quarter(year, (month - 1) // 3 + 1)
        yield start, m.end(), period.value


_EARLIER_LATER_RE = re.compile(rf"\b(?P<mod>earlier|later){_SP}this{_SP}(?P<unit>week|month|year)\b", _FLAGS)


def _earlier_later_dates(
    text: str, scan: Scan, published: dt.date | None, loose: bool
) -> Iterator[Candidate]:
    """Finds "earlier this month" (its start to publication), "later this year" (publication to its end)."""
    for m in scan(_EARLIER_LATER_RE):
        if published is None:
            yield m.start(), m.end(), None
            continue
        unit = m.group("unit").lower()
        if unit == "week":
            whole = _iso_week(published)
        elif unit == "month":
            whole = _month(published.year, published.month)
        else:
            whole = _year(published.year)
        earlier = m.group("mod").lower() == "earlier"
        period = _days(whole.start, published) if earlier else _days(published, whole.end)
        yield m.start(), m.end(), period.value


_AGO_RE = re.compile(rf"\b(?P<n>{_NUMBER}){_SP}(?P<unit>{_UNIT}){_SP}ago\b", _FLAGS)


def _ago_dates(text: str, scan: Scan, published: dt.date | None, loose: bool) -> Iterator[Candidate]:
    """Finds "three days ago" (a day), "two weeks ago" (an ISO week), "a few months ago" (a range)."""
    for m in scan(_AGO_RE):
        if published is None:
            yield m.start(), m.end(), None
            continue
        low, high = _quantity(m.group("n"))
        unit = _unit(m.group("unit"))
        if unit == "decade":
            unit, low, high = "year", 10 * low, 10 * high
        if unit == "day":
            period = _day(_shift(published, "day", low))
            if high != low:
                period = _days(_shift(published, "day", high), period.start)
        elif unit == "week":
            period = _days(
                _monday(_shift(published, "week", high)), _iso_week(_shift(published, "week", low)).end
            )
        elif unit == "month":
            newest, oldest = _shift(published, "month", low), _shift(published, "month", high)
            period = _month(newest.year, newest.month)
            if high != low:
                period = _days(dt.date(oldest.year, oldest.month, 1), period.end)
        else:
            period = (
                _year(published.year - low)
                if low == high
                else _years(published.year - high, published.year - low)
            )
        yield m.start(), m.end(), period.value


_PAST_RE = re.compile(
    rf"\b(?:the|these){_SP}(?:past|last|previous|preceding){_SP}(?:(?P<n>{_NUMBER}){_SP})?"
    rf"(?P<unit>{_UNIT})\b(?!{_SP}of\b)",
    _FLAGS,
)


def _past_dates(text: str, scan: Scan, published: dt.date | None, loose: bool) -> Iterator[Candidate]:
    """Finds "the past two weeks", "the last 10 days", "the past year": a range ending on publication."""
    for m in scan(_PAST_RE):
        if published is None:
            yield m.start(), m.end(), None
            continue
        high = _quantity(m.group("n"))[1] if m.group("n") else 1
        start = _shift(published, _unit(m.group("unit")), high) + dt.timedelta(days=1)
        yield m.start(), m.end(), _days(start, published).value


_SEASON_ALTERNATION = _alternation(SEASONS)
_MODIFIED_SEASON_RE = re.compile(
    rf"\b(?P<mod>last|next|this(?:{_SP}(?:past|coming))?|past|coming){_SP}(?P<season>{_SEASON_ALTERNATION})\b",
    _FLAGS,
)
_SEASON_YEAR_RE = re.compile(
    rf"\b(?:the{_SP})?(?P<season>{_SEASON_ALTERNATION}){_SP}(?:of{_SP})?(?P<year>{_YEAR})", _FLAGS
)
_BARE_SEASONS = _alternation(s for s in SEASONS if s != "fall")
_CUED_SEASON_RE = re.compile(
    rf"\b(?:{_alternation(SEASON_CUES)}){_SP}(?P<d>(?:the{_SP})?(?-i:(?P<season>{_BARE_SEASONS})))\b", _FLAGS
)
_LOOSE_SEASON_RE = re.compile(rf"\b(?P<d>(?:the{_SP})?(?P<season>{_SEASON_ALTERNATION}))\b", _FLAGS)


def _season_dates(text: str, scan: Scan, published: dt.date | None, loose: bool) -> Iterator[Candidate]:
    """Finds "last summer", "this winter", "the spring of 2023", "summer 2023", "in the autumn"."""
    for m in scan(_SEASON_YEAR_RE):
        if not _is_count(text, m.start("year"), m.end("year")):
            yield m.start(), m.end(), _season(m.group("season").lower(), int(m.group("year"))).value
    for m in scan(_MODIFIED_SEASON_RE):
        mod = " ".join(m.group("mod").lower().split())
        yield m.start(), m.end(), _value(_resolve_season(m.group("season").lower(), mod, published))
    for m in scan(_LOOSE_SEASON_RE if loose else _CUED_SEASON_RE):
        yield m.start("d"), m.end("d"), _value(_resolve_season(m.group("season").lower(), "", published))


def _resolve_season(season: str, mod: str, published: dt.date | None) -> _Period | None:
    """Which instance of ``season`` a modifier picks (see the module docstring)."""
    if published is None:
        return None
    instances = [_season(season, y) for y in range(published.year - 2, published.year + 2)]
    if mod in ("last", "past", "this past"):
        return [p for p in instances if p.end < published][-1]
    if mod in ("next", "coming", "this coming"):
        return next(p for p in instances if p.start > published)
    if mod == "this":
        current = [p for p in instances if p.start <= published <= p.end]
        return current[0] if current else _season(season, published.year)
    return [p for p in instances if p.start <= published][-1]


_ORDINAL_ALTERNATION = _alternation([*ORDINALS, "last", "final"])
_QUARTER_RE = re.compile(
    rf"\b(?:the{_SP})?(?P<ord>{_ORDINAL_ALTERNATION}){_SP}(?P<kind>quarter|half){_SP}(?:of{_SP})?"
    rf"(?P<year>{_YEAR})"
    rf"|\b(?P<kind2>Q|H)(?P<n>[1-4])(?:{_SP}(?:of{_SP})?|[-/])?(?P<year2>{_YEAR})",
    _FLAGS,
)


def _quarter_dates(text: str, scan: Scan, published: dt.date | None, loose: bool) -> Iterator[Candidate]:
    """Finds "the third quarter of 2023", "Q3 2023", "the first half of 2024", "H2 2023"."""
    for m in scan(_QUARTER_RE):
        if m.group("year"):
            kind, year = m.group("kind").lower(), int(m.group("year"))
            last = 4 if kind == "quarter" else 2
            n = ORDINALS.get(m.group("ord").lower(), last)
        else:
            kind = "quarter" if m.group("kind2").lower() == "q" else "half"
            year, n, last = int(m.group("year2")), int(m.group("n")), 4 if kind == "quarter" else 2
        if n > last:
            continue
        yield m.start(), m.end(), (_quarter(year, n) if kind == "quarter" else _half(year, n)).value


_YEAR_RE = re.compile(
    rf"(?<![\w$£€¥#/:.,'’-])(?P<year>{_YEAR})(?:[ \t]*[-–][ \t]*(?P<year2>(?:19|20)\d\d|\d\d))?"
    r"(?![\w%°]|[.,]\d|[-–/]\d)",
    _FLAGS,
)


def _year_dates(text: str, scan: Scan, published: dt.date | None, loose: bool) -> Iterator[Candidate]:
    """A year "2021" (1900-2099), or a span of years "2019-2021", "2021-22"."""
    for m in scan(_YEAR_RE):
        first = int(m.group("year"))
        if _previous_word(text, m.start()) in NON_YEAR_PRECEDERS:
            continue
        if m.group("year2"):
            second = m.group("year2")
            last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
            if last > first and not _is_count(text, m.start(), m.end()):
                yield m.start(), m.end(), _years(first, last).value
            continue
        if not _is_count(text, m.start(), m.end()):
            yield m.start(), m.end(), _year(first).value


Family = Callable[[str, Scan, dt.date | None, bool], Iterator[Candidate]]


@dataclass(frozen=True)
class _Triggers:
    """Words one family cannot match without, and how far around them its expressions reach.

    A family runs only on windows of text around its trigger words, found with ``str.find``:
    most words of an article start no date, so this keeps the whole pass to a few scans of the
    windows that matter instead of one regex pass over the whole text per family.
    """

    words: tuple[str, ...]
    """Single words, so that any spacing between the words of an expression still triggers."""
    before: int
    after: int
    cased: bool = False
    """Search ``words`` in the text as it is (month and weekday names) instead of lower-cased."""

    def windows(self, text: str, lower: str) -> list[tuple[int, int]]:
        haystack = text if self.cased else lower
        hits: list[tuple[int, int]] = []
        for word in self.words:
            i = haystack.find(word)
            while i != -1:
                hits.append((max(0, i - self.before), i + len(word) + self.after))
                i = haystack.find(word, i + 1)
        merged: list[tuple[int, int]] = []
        for lo, hi in sorted(hits):
            if merged and lo <= merged[-1][1] + _LOOKAHEAD:
                merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
            else:
                merged.append((lo, hi))
        return merged


_LOOKAHEAD = 60
"""Characters past a window that a match may still read (lookaheads, the end of a long date)."""

_MONTH_TRIGGERS = _Triggers(tuple(MONTH_ABBREVIATIONS) + ("May",), before=35, after=45, cased=True)
_YEAR_TRIGGERS = ("19", "20")
_DAY_WORD_TRIGGERS = ("today", "tonight", "yesterday", "tomorrow", "night", "morning", "afternoon", "evening")

_FAMILIES: tuple[tuple[Family, _Triggers], ...] = (
    (_numeric_dates, _Triggers(_YEAR_TRIGGERS, before=8, after=12)),
    (_day_month_dates, _MONTH_TRIGGERS),
    (_month_year_dates, _MONTH_TRIGGERS),
    (_month_dates, _MONTH_TRIGGERS),
    (_part_dates, _Triggers(("early", "mid", "late", "beginning", "start", "end"), before=10, after=35)),
    (_decade_dates, _Triggers(("0s", "0's", "0’s"), before=25, after=3)),
    (_weekday_dates, _Triggers(tuple(WEEKDAYS), before=20, after=25, cased=True)),
    (_relative_day_dates, _Triggers(_DAY_WORD_TRIGGERS, before=30, after=15)),
    (_relative_period_dates, _Triggers(("week", "month", "year", "quarter"), before=20, after=10)),
    (_earlier_later_dates, _Triggers(("earlier", "later"), before=2, after=25)),
    (_ago_dates, _Triggers(("ago",), before=45, after=3)),
    (_past_dates, _Triggers(("past", "last", "previous", "preceding"), before=10, after=40)),
    (_season_dates, _Triggers(tuple(SEASONS), before=25, after=20)),
    (_quarter_dates, _Triggers(("quarter", "half", "q1", "q2", "q3", "q4", "h1", "h2"), before=25, after=20)),
    (_year_dates, _Triggers(_YEAR_TRIGGERS, before=4, after=12)),
)

# --------------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------------


def _checked_date(published: object) -> dt.date | None:
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    raise AnalysisError(f"the publication date must be a datetime.date, got {type(published).__name__}")


def _select(candidates: Iterable[Candidate]) -> list[Candidate]:
    """The longest candidates that do not overlap (ties: the earlier one), in text order."""
    chosen: list[Candidate] = []
    for cand in sorted(set(candidates), key=lambda c: (c[0] - c[1], c[0], c[2] is None, c[2] or "")):
        if all(cand[1] <= c[0] or c[1] <= cand[0] for c in chosen):
            chosen.append(cand)
    return sorted(chosen)


def _with_times(text: str, mentions: list[Candidate]) -> list[Candidate]:
    """Widens each mention over an attached clock time ("3 p.m. on Monday", "Monday at 3 p.m.")."""
    out: list[Candidate] = []
    for i, (start, end, value) in enumerate(mentions):
        floor = out[-1][1] if out else 0
        ceiling = mentions[i + 1][0] if i + 1 < len(mentions) else len(text)
        before = _TIME_BEFORE_RE.search(text, max(floor, start - 40), start)
        if before is not None:
            start = before.start()
        after = _TIME_AFTER_RE.match(text, end, ceiling)
        if after is not None:
            end = after.end()
        out.append((start, end, value))
    return out


def _scanner(text: str, windows: list[tuple[int, int]]) -> Scan:
    """A ``Scan`` over ``windows`` of ``text``; lookbehinds still see the text before a window."""

    def scan(regex: re.Pattern[str]) -> Iterator[re.Match[str]]:
        for lo, hi in windows:
            for m in regex.finditer(text, lo, min(len(text), hi + _LOOKAHEAD)):
                if m.start() >= hi:
                    break
                yield m

    return scan


def _candidates(text: str, published: dt.date | None, *, loose: bool) -> list[Candidate]:
    """Every family's candidates, the longest non-overlapping kept, widened over clock times.

    ``loose`` (for ``resolve_date``) scans the whole text and lets a month or season stand alone.
    """
    lower = text.lower()
    found: list[Candidate] = []
    for family, triggers in _FAMILIES:
        windows = [(0, len(text))] if loose else triggers.windows(text, lower)
        if windows:
            found.extend(family(text, _scanner(text, windows), published, loose))
    return _with_times(text, _select(found))


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Finds the date and time expressions in a text and resolves them against a publication date.

    Args:
        text: The text to search; every returned span is a ``[start, end)`` range into it.
        published: The publication date that relative expressions ("yesterday", "last month",
            "in July") resolve against. Without one they are still found, with value None;
            absolute expressions ("June 14, 2024", "February 2022") keep their value.

    Returns:
        The mentions in text order, without overlaps (the longest match wins).

    Raises:
        AnalysisError: ``text`` is not a string or ``published`` is not a date.
    """
    if not isinstance(text, str):
        raise AnalysisError(f"dates can only be found in a str, got {type(text).__name__}")
    published = _checked_date(published)
    anchors: dict[tuple[int, int], Span] = {}
    found = _counted(text, _candidates(text, published, loose=False), anchors)
    return [DateMention(Span(s, e), v, anchors.get((s, e))) for s, e, v in found]


YEARS_APART_RE = re.compile(
    r"\b(?:(?P<before>(?:a|one) year (?:earlier|before)|the (?:previous|prior|preceding) year|the year"
    r" before)|(?P<after>(?:a|one) year later|the (?:following|next) year|the year after))\b",
    re.I,
)
"""A year counted from a date just said: "a profit of $95 million for 2024, against $40 million
a year earlier"."""
ANCHOR_CHARS = 200
"""How far before it, within its sentence, such a phrase looks for the date it counts from."""
_DATED_RE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?:/\d{4}(?:-\d{2}(?:-\d{2})?)?)?")


def _shift_value(value: str, years: int) -> str:
    """A date value moved by whole years (29 February becomes the 28th in a common year)."""

    def one(part: str) -> str:
        year, _, rest = part.partition("-")
        shifted = int(year) + years
        if rest == "02-29" and not calendar.isleap(shifted):
            rest = "02-28"
        return f"{shifted:04d}" + (f"-{rest}" if rest else "")

    return "/".join(one(p) for p in value.split("/"))


def _counted(text: str, mentions: list[Candidate], anchors: dict[tuple[int, int], Span]) -> list[Candidate]:
    """The mentions, with the years that "a year earlier" or "the following year" name: one year
    from the last date with a year before the phrase in its sentence. A phrase the patterns read
    with a value is left as read; one they could not resolve (no publication date) takes the
    counted year, and so does one they did not read; none where no such date comes before it.
    ``anchors`` receives the date each counted one was counted from."""
    out = list(mentions)
    for m in YEARS_APART_RE.finditer(text):
        span = (m.start(), m.end())
        overlapping = [c for c in out if c[0] < span[1] and span[0] < c[1]]
        if any(c[2] is not None for c in overlapping):
            continue  # the analysis read the phrase already
        before = [
            c
            for c in out
            if m.start() - ANCHOR_CHARS <= c[0] and c[1] <= m.start()
            and c[2] is not None and _DATED_RE.fullmatch(c[2])
            and not re.search(r"[.!?]\s", text[c[1] : m.start()])
        ]  # fmt: skip
        if not before:
            continue
        anchor = max(before, key=lambda c: c[0])
        value = _shift_value(str(anchor[2]), -1 if m.group("before") else 1)
        out = [c for c in out if c not in overlapping] + [(span[0], span[1], value)]
        anchors[span] = Span(anchor[0], anchor[1])
    return sorted(out)


_LEADING_WORDS_RE = re.compile(r"(?:(?:on|in|at|since|from|until|till|by|during|of|before|after)\s+)*", re.I)


def resolve_date(expression: str, published: dt.date | None) -> str | None:
    """The value of one date expression, for comparing dates by value.

    The expression is read as a date even without the cue words ``find_dates`` needs around a
    lone month or season ("July" -> the most recent July). A leading preposition ("in July",
    "on Monday") and trailing punctuation are allowed.

    Args:
        expression: One date expression, such as "last month", "June 14" or "the 1990s".
        published: The publication date relative expressions resolve against.

    Returns:
        The ISO value (see ``copydesk.model.DateMention``), or None when the expression is not
        one date expression or needs a publication date that is missing.

    Raises:
        AnalysisError: ``expression`` is not a string or ``published`` is not a date.
    """
    if not isinstance(expression, str):
        raise AnalysisError(f"a date expression must be a str, got {type(expression).__name__}")
    published = _checked_date(published)
    expression = expression.strip().rstrip(".,;:!?")
    lead = _LEADING_WORDS_RE.match(expression)
    body = expression[lead.end() if lead else 0 :]
    found = _candidates(body, published, loose=True)
    if len(found) == 1 and found[0][:2] == (0, len(body)):
        return found[0][2]
    return None


_VALUE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day (inclusive) a date value covers, for comparing values.

    ``"2024-06"`` -> (2024-06-01, 2024-06-30); ``"1990/1999"`` -> (1990-01-01, 1999-12-31).

    Raises:
        ValueError: ``value`` is not a value ``find_dates`` writes.
    """

    def bounds(part: str) -> tuple[dt.date, dt.date]:
        m = _VALUE_RE.fullmatch(part)
        if m is None:
            raise ValueError(f"not a date value: {value!r}")
        year = int(m.group(1))
        try:
            if m.group(3):
                d = dt.date(year, int(m.group(2)), int(m.group(3)))
                return d, d
            if m.group(2):
                return dt.date(year, int(m.group(2)), 1), _month_end(year, int(m.group(2)))
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        except ValueError:
            raise ValueError(f"not a calendar date: {value!r}") from None

    if not isinstance(value, str):
        raise ValueError(f"not a date value: {value!r}")
    parts = value.split("/")
    if len(parts) > 2:
        raise ValueError(f"not a date value: {value!r}")
    first, last = bounds(parts[0])[0], bounds(parts[-1])[1]
    if last < first:
        raise ValueError(f"date range ends before it starts: {value!r}")
    return first, last


__all__ = ["find_dates", "resolve_date", "date_bounds"]
