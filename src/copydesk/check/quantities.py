"""Numbers in a text, normalised by value and unit, and the ``number`` check.

Quantities are compared by value, not by wording: "24 hours" equals "a day", "1.2 million"
equals "1,200,000", "a dozen" equals "12". Durations are converted to hours, money keeps its
currency, percentages and factors ("doubled", "threefold") are units of their own, and any other
count is tied to the noun it counts ("seven times", "four regions") so that unrelated counts are
not compared. A hedged figure ("about 25,000", "nearly 40 percent") matches within
:data:`HEDGE_TOLERANCE`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from copydesk import lang
from copydesk.check.polarity import NEGATION_CUES
from copydesk.check.text import STOPWORDS, words
from copydesk.model import Analysis, Finding, Span


def _units(kind: str) -> dict[str, float]:
    return {w: float(v) for w, k, v in lang.rows("units") if k == kind}


WORD_NUMBERS: dict[str, float] = {w: float(v) for w, v, _ in lang.rows("numbers")}
"""Number words; "a"/"an"/"one" count only before a unit ("a day", "one percent")."""

SCALES: dict[str, float] = _units("scale")
"""Multipliers that may follow a number ("3.2 million")."""

TIME_UNITS: dict[str, float] = _units("time")
"""Durations, in hours."""

CURRENCIES: dict[str, str] = {w: code for w, kind, code in lang.rows("units") if kind == "currency"}
"""Currency signs and names."""

DURATION_LEADS = lang.words("figures", "duration_leads")
"""Words after which "a day", "an hour" is a duration (elsewhere "a year" is usually a rate)."""

YEAR_LEADS = lang.words("figures", "year_leads")
"""Words after which a four-digit number is a year ("third quarter of 2021 results")."""

PERCENT_WORDS = frozenset(w for w, kind, _ in lang.rows("units") if kind == "percent")

HEDGES_RE = re.compile(
    r"\b(?:about|around|approximately|roughly|nearly|almost|some|over|more\s+than|less\s+than|fewer\s+than|"
    r"up\s+to|at\s+least|at\s+most|close\s+to|just\s+over|just\s+under|under|estimated|an\s+estimated|"
    r"upwards\s+of|as\s+many\s+as|as\s+much\s+as)\s*$",
    re.I,
)
"""A hedge just before a number: the figure is approximate."""

HEDGE_TOLERANCE = 0.15
"""Relative difference within which a hedged figure still matches."""
EXACT_TOLERANCE = 0.005
"""Relative difference within which a figure in words matches (its precision unwritten)."""
MAX_INFERRED_COUNT = 3
"""A count in words up to this ("two friends") that the evidence has no figure for is not
reported absent: a summary counts the people or things the source names one by one."""

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_WORDS = "|".join(sorted((w for w in WORD_NUMBERS if w not in ("a", "an")), key=len, reverse=True))
QUANTITY_RE = re.compile(
    rf"(?<![\w.\-/:])(?:(?P<cur>US\$|[$£€¥])\s?)?(?P<num>{_NUM})(?P<suffix>st|nd|rd|th)?"
    rf"(?:\s*-?\s*(?P<scale>hundred|thousand|million|billion|trillion|mln|mn|bn|tn|[kmb])\b)?(?![A-Za-z])"
    rf"|(?<![\w\-])(?P<word>(?:(?:{_WORDS})(?:(?:[\s\-]+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+)(?:{_WORDS}))*|an?))"
    rf"(?:\s+(?:point|dot)\s+(?P<frac>(?:{_WORDS})(?:[\s\-]+(?:{_WORDS}))*))?"
    rf"(?:\s+(?P<wscale>hundred|thousand|million|billion|trillion))?(?![\w])",
    re.I,
)
MULTIPLIER_RE = re.compile(
    r"\b(?:(?P<stem>doubl|tripl|quadrupl|halv)(?:e|ed|es|ing)(?!-)|(?P<fold>two|three|four|five|ten)-?fold)\b",
    re.I,
)
"""A change by a factor: "will double", "tripled", "halved", "a fourfold rise" (not a compound:
"double-digit")."""
MULTIPLIERS: dict[str, float] = {k: float(v) for k, v in lang.rows("multipliers")}
"""The factor of each :data:`MULTIPLIER_RE` stem; such figures have the unit "×"."""
WRITTEN_FIGURE_RE = re.compile(r"\d[\d,]*(?:\.(\d+))?")
"""A figure in digits as written ("1,240", "5.52"); group 1 holds its decimals."""
UNIT_RE = re.compile(r"\s*-?\s*(?P<unit>%|per\s+cent|[a-zA-Z’']+)")


@dataclass(frozen=True)
class Quantity:
    """A number in a text: its span, value, unit ("hour", "%", "USD", or a counted noun's stem)."""

    span: Span
    value: float
    unit: str
    hedged: bool = False
    surface: str = ""

    def matches(self, other: Quantity) -> bool:
        return self.unit == other.unit and _agree(self, other)

    @property
    def resolution(self) -> float:
        """The precision the figure is written to, in its unit: "$5.52" to 0.01, "1.6 billion"
        to 100 million, "2 days" to 24 hours; a figure in words to :data:`EXACT_TOLERANCE` of
        itself."""
        m = WRITTEN_FIGURE_RE.search(self.surface)
        written = float(m.group().replace(",", "")) if m else 0.0
        if not m or written == 0:
            return EXACT_TOLERANCE * abs(self.value)
        return abs(self.value / written) * 10.0 ** -len(m.group(1) or "")


def _fraction(phrase: str) -> float | None:
    """The decimals of a spoken number after "point" or "dot": digit by digit ("two five" is
    .25) or as one number ("fifty" is .50)."""
    words = re.split(r"[\s\-]+", phrase.lower())
    if all(WORD_NUMBERS.get(w, 10) < 10 for w in words):
        digits = "".join(str(int(WORD_NUMBERS[w])) for w in words)
    else:
        value = _word_value(phrase)
        if value is None or value != int(value):
            return None
        digits = str(int(value))
    return float("0." + digits)


def _word_value(phrase: str) -> float | None:
    total, current = 0.0, 0.0
    for w in re.split(r"[\s\-]+", phrase.lower()):
        if w == "and":
            continue  # "one hundred and twenty"
        if w not in WORD_NUMBERS:
            return None
        v = WORD_NUMBERS[w]
        if w == "hundred":
            current = max(current, 1) * 100
        elif w == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            current += v
    return total + current


def quantities(
    analysis: Analysis, start: int = 0, end: int | None = None, *, skip: Iterable[Span] = ()
) -> list[Quantity]:
    """The quantities in ``[start, end)`` of an analysed text.

    Years (four digits, 1900-2099, with no unit) and ordinals are left to the date check;
    numbers inside ``skip`` spans (date mentions) are ignored, and so is a bare "a"/"an"/"one"
    that counts no unit of time, money or percentage. A count's unit is the lemma of the noun
    it counts ("four regions": "region").
    """
    text = analysis.document.text
    end = len(text) if end is None else end
    lemmas = {w.start: w.lemma for w in words(analysis, start, end)}
    skip = list(skip)
    out: list[Quantity] = []
    for m in QUANTITY_RE.finditer(text, start, end):
        s, e = m.start(), m.end()
        if any(sp.start <= s < sp.end for sp in skip):
            continue
        if m.group("num"):
            if m.group("suffix"):
                continue
            raw = m.group("num").replace(",", "")
            value = float(raw)
            scale = (m.group("scale") or "").lower()
            if re.fullmatch(r"(19|20)\d\d", raw) and not scale and not m.group("cur"):
                nxt = UNIT_RE.match(text, e, end)
                unit_text = nxt.group("unit") if nxt else ""
                before = re.findall(r"[\w’']+", text[max(0, s - 20) : s])
                if (
                    not unit_text
                    or unit_text[0].isupper()
                    or unit_text.lower() in STOPWORDS
                    or (before and before[-1].lower() in YEAR_LEADS)
                ):
                    continue  # a year: the date check judges it
        else:
            word = m.group("word")
            parsed = _word_value(word)
            if parsed is None:
                continue
            if m.group("frac"):
                # "two point five percent", "twelve dot fifty euros": spoken decimals
                decimals = _fraction(m.group("frac"))
                if decimals is None:
                    continue
                parsed += decimals
            if word.lower() in ("a", "an"):
                before = re.findall(r"[\w’']+", text[max(0, s - 20) : s])
                if not before or before[-1].lower() not in DURATION_LEADS:
                    continue  # "14 million euros a year" is a rate, not a duration
            value = parsed
            scale = (m.group("wscale") or "").lower()
        value *= SCALES.get(scale, 1.0)
        unit_m = UNIT_RE.match(text, e, end)
        unit_word = unit_m.group("unit").lower().replace("’", "'") if unit_m else ""
        currency = CURRENCIES.get((m.group("cur") or "").lower()) if m.group("num") else None
        if unit_word in TIME_UNITS:
            unit, value, e = "hour", value * TIME_UNITS[unit_word], unit_m.end() if unit_m else e
        elif unit_word in PERCENT_WORDS or re.fullmatch(r"per\s+cent", unit_word):
            unit, e = "%", unit_m.end() if unit_m else e
        elif currency:
            unit = currency
        elif unit_word in CURRENCIES:
            unit, e = CURRENCIES[unit_word], unit_m.end() if unit_m else e
        else:
            word = (m.group("word") or "").lower()
            if word in ("a", "an", "one", "single", "half", "double", "triple", "both"):
                continue
            counted = lemmas.get(unit_m.start("unit"), unit_word) if unit_m else unit_word
            unit = counted if unit_word and unit_word not in STOPWORDS else "#"
        hedged = bool(HEDGES_RE.search(text[max(0, s - 25) : s]))
        out.append(Quantity(Span(s, e), value, unit, hedged, text[s:e]))
    for m in MULTIPLIER_RE.finditer(text, start, end):
        if not any(sp.start <= m.start() < sp.end for sp in skip):
            factor = MULTIPLIERS[(m.group("stem") or m.group("fold")).lower()]
            out.append(Quantity(Span(m.start(), m.end()), factor, "×", False, m.group()))
    return sorted(out, key=lambda q: q.span.start)


def check_numbers(
    claim: list[Quantity],
    evidence: list[Quantity],
    source: list[Quantity],
    *,
    evidence_span: Span | None,
    source_text: str = "",
) -> list[Finding]:
    """``number`` findings for the claim's quantities.

    A quantity the evidence states is fine, and so is one whose digits ``source_text`` writes
    bare or with its unit (:func:`_digits_written`). So is one stated elsewhere in the source
    (same value and unit) when the evidence has no figure of its unit or fewer than the claim,
    or when another of the claim's figures is the evidence's: a summary sentence often gathers
    figures from several source sentences.
    Otherwise, where the evidence has figures of the same unit, the claim contradicts it ("72
    hours" where the evidence has "48 hours", even if another sentence mentions "three days");
    where it has none, the figure is reported as absent from the source (no contradiction),
    unless it is a small count in words (:data:`MAX_INFERRED_COUNT`).
    """
    digits: dict[str, list[int]] = {}
    for m in WRITTEN_FIGURE_RE.finditer(source_text):
        digits.setdefault(m.group().replace(",", ""), []).append(m.start())
    out: list[Finding] = []
    for q in claim:
        same_unit = [x for x in evidence if x.unit == q.unit]
        if any(q.matches(x) for x in same_unit):
            continue
        in_claim = sum(1 for y in claim if y.unit == q.unit)
        others_in_evidence = any(y is not q and any(y.matches(x) for x in same_unit) for y in claim)
        if any(q.matches(x) for x in source) and (
            not same_unit or in_claim > len(same_unit) or others_in_evidence
        ):
            # Stated elsewhere in the source, and the claim gathers more figures of this unit
            # than the evidence has, or its other figures are the evidence's: a summary
            # sentence drawing on several source sentences.
            continue
        if _digits_written(q, digits, source):
            continue
        if any(x.unit == "#" and _agree(q, x) for x in evidence):
            continue  # the evidence counts them bare ("all three were caught" for "three inmates")
        if same_unit and q.unit != "#":
            shown = ", ".join(_show(x) for x in same_unit[:3])
            out.append(
                Finding(
                    "number",
                    q.span,
                    f"{_show(q)} where the evidence has {shown}",
                    evidence_span,
                    relation="contradicts",
                )
            )
            continue
        if any(_agree(q, x) for x in source):
            continue  # the value is in the source, perhaps counting something worded differently
        if q.value <= MAX_INFERRED_COUNT and q.surface.isalpha():
            continue  # "two friends, Steve and Carly": a summary counts what the source names
        out.append(Finding("number", q.span, f"{_show(q)} appears nowhere in the source"))
    return out


def _digits_written(q: Quantity, digits: dict[str, list[int]], source: list[Quantity]) -> bool:
    """Whether the source writes the claim figure's digits (``digits``: where each figure is
    written) with no unit the reader tied to them, or with the claim's: "1.30" vouches for
    "$1.30", but the source's "30-minute" not for "30%". A claim figure with a word after its
    digits ("3 million") needs more than its digits."""
    raw = WRITTEN_FIGURE_RE.search(q.surface)
    if raw is None or re.search(r"[a-zA-Z]", q.surface[raw.end() :]):
        return False
    return any(
        not any(x.span.start <= at < x.span.end and x.unit not in (q.unit, "#") for x in source)
        for at in digits.get(raw.group().replace(",", ""), ())
    )


def _agree(a: Quantity, b: Quantity) -> bool:
    """Whether two values are equal: within :data:`HEDGE_TOLERANCE` when either is hedged, else
    up to rounding to the coarser of the two ("$1.64 billion" is "$1.6 billion", "$5.53" is not
    "$5.52")."""
    big = max(abs(a.value), abs(b.value), 1e-9)
    if a.hedged or b.hedged:
        return abs(a.value - b.value) <= HEDGE_TOLERANCE * big
    return abs(a.value - b.value) <= max(a.resolution, b.resolution) / 2 + 1e-9 * big


def _show(q: Quantity) -> str:
    """The figure as written, with its normalised value where it has a unit ("a day" -> 24 h)."""
    v = q.value
    if q.unit == "hour":
        return f"{q.surface!r} ({v:g} h)"
    if q.unit in ("%", "#") or not q.unit.isupper():
        return f"{q.surface!r}"
    return f"{q.surface!r} ({v:,.{0 if v.is_integer() else 2}f} {q.unit})"


RISES = lang.words("figures", "rises")
FALLS = lang.words("figures", "falls")
"""Words that say which way a figure moved."""
COMPARED_RE = re.compile(r"\b(?:compared?|compares|comparing)\s+(?:to|with)\b|\bversus\b|\bvs\b\.?", re.I)
"""What sets a figure against the one it is compared with ("$94.8 million, compared to $106.6
million a year earlier")."""
EARLIER_RE = re.compile(
    r"\b(?:last|previous|prior|preceding|earlier|ago|year-ago|linked|quarter|q[1-4]|(?:19|20)\d\d)\b", re.I
)
"""What a change over time compares with: an earlier period ("a year earlier", "Q2 of last
year", "the linked quarter", "2019"). "$41 a month, compared with $52 for rivals" compares two
offers, not two times."""
OTHER_BASELINES = lang.words("figures", "other_baselines")
"""A comparison with what was expected is no change over time."""


def _moves(words: Iterable[str]) -> set[int]:
    return {1 for w in words if w in RISES} | {-1 for w in words if w in FALLS}


def check_trend(
    derived: Analysis,
    claim: Span,
    claim_figures: list[Quantity],
    source: Analysis,
    evidence: list[Span],
    figures: list[Quantity],
) -> list[Finding]:
    """A ``number`` finding for a claim that says a figure rose (or fell) where its evidence
    gives only the figures, and they went the other way: "net income increased" against "net
    income was $94.8 million, compared to $106.6 million a year earlier". The figures before
    the comparison (with an earlier period, :data:`EARLIER_RE`) are paired in order with those
    after it; the claim must share a content word with what the evidence compares, give no
    figure and no negation of its own."""
    evidence_text = source.document.text
    said_words = words(derived, claim.start, claim.end)
    moved = _moves(t.norm for t in said_words)
    if len(moved) != 1 or claim_figures:
        return []
    if any(t.norm in NEGATION_CUES or t.norm.endswith("n't") for t in said_words):
        return []
    mine = {t.lemma for t in said_words if t.norm not in STOPWORDS and not _moves([t.norm])}
    for e in evidence:
        for m in COMPARED_RE.finditer(evidence_text, e.start, e.end):
            nxt = COMPARED_RE.search(evidence_text, m.end(), e.end)
            stop = nxt.start() if nxt else e.end
            before = [q for q in figures if e.start <= q.span.start and q.span.end <= m.start()]
            after = [q for q in figures if m.end() <= q.span.start and q.span.end <= stop]
            k = min(len(before), len(after))
            pairs = list(zip(before[len(before) - k :], after[:k], strict=True))
            if not pairs or any(a.unit != b.unit for a, b in pairs):
                continue
            if not EARLIER_RE.search(evidence_text, m.end(), stop):
                continue
            said = words(source, e.start, pairs[-1][1].span.end)
            if _moves(t.norm for t in said) or any(t.norm in OTHER_BASELINES for t in said):
                continue  # the evidence says which way in words, or compares with a forecast
            went = {1 if a.value > b.value else -1 for a, b in pairs if not _agree(a, b)}
            compared = {t.lemma for t in words(source, e.start, m.start()) if t.norm not in STOPWORDS}
            if len(went) == 1 and went != moved and mine & compared:
                word = next(t for t in said_words if _moves([t.norm]))
                a, b = pairs[0]
                detail = (
                    f"the claim says {word.text!r} where the evidence has {a.surface!r} against {b.surface!r}"
                )
                return [Finding("number", Span(word.start, word.end), detail, e, relation="contradicts")]
    return []
