"""Page furniture and genre labels in an article's text, read line by line.

Furniture is what a page prints with a story that is not the story: bylines, section labels,
sub-headlines, corrections, editor's notes, author bios, photo captions and credits, kickers,
"Related:" lines and sign-up or share boilerplate. It stays in ``Document.text`` (offsets are
exact) and is marked by ``Furniture`` spans, one per line; the analyser makes no sentence, quote,
actor or reference of it.

A line is furniture by its own words (the patterns below) or, for HTML, because the page's
markup says so (``hints``: the text of ``h2``-``h4`` headings, ``figcaption`` and elements whose
class names say "caption", "byline", "correction", "bio" ...; see ``html.furniture_hints``).
The rules favour precision: a line of the story taken for furniture is lost to every consumer,
so the looser shapes (a sub-headline, a kicker) need a prose paragraph beside them.

Genre labels are read here too: a section label line or headline prefix ("Opinion",
"Op-Ed", "Column", "Commentary", "Analysis", "Editorial") and a "The views expressed ..."
disclaimer. What the author's voice says about the genre is the analyser's part.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from copydesk.model import Furniture, FurnitureKind, Span

GENRE_LABELS: dict[str, str] = {
    "opinion": "Opinion",
    "opinions": "Opinion",
    "op-ed": "Op-Ed",
    "oped": "Op-Ed",
    "op ed": "Op-Ed",
    "column": "Column",
    "columns": "Column",
    "commentary": "Commentary",
    "analysis": "Analysis",
    "news analysis": "Analysis",
    "editorial": "Editorial",
    "our view": "Editorial",
    "guest essay": "Op-Ed",
    "perspective": "Opinion",
}
"""Section labels that mark an opinion piece (lower case -> the label as reported)."""

LABEL_LINE = re.compile(r"^\W{0,2}(?P<label>[A-Za-z][A-Za-z \-]{2,20}?)\W{0,3}$")
HEADLINE_PREFIX = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z \-]{2,20}?)\s*[:|\u2013\u2014]\s+\S")
DISCLAIMER = re.compile(
    r"\b(?:the\s+)?(?:views|opinions)\s+expressed\s+(?:here(?:in)?\s+|in\s+this\s+\w+(?:\s+\w+)?\s+)?"
    r"(?:are|is|were)\s+(?:those\s+of\s+the\s+(?:author|writer|columnist)|(?:the\s+)?(?:author|writer)['’]s|"
    r"solely|(?:his|her|their)\s+own)",
    re.I,
)
"""The opinion disclaimer: "The views expressed are those of the author"."""

BYLINE = re.compile(r"^(?:By|BY|Written by|WRITTEN BY|Words by)[ \t]+(?P<body>[A-Z][^\n]{1,150})$")
BYLINE_LINES = 6
"""A byline is looked for in the first few non-blank lines."""
BYLINE_ROLES = frozenset(
    {
        "staff writer", "staff reporter", "correspondent", "reporter", "contributor", "columnist",
        "senior writer", "editor", "special correspondent", "staff", "writer",
    }
)  # fmt: skip
"""What may follow a byline's names that is a role, not a credit ("By Jane Doe, Staff Writer")."""

PATTERNS: tuple[tuple[FurnitureKind, re.Pattern[str]], ...] = (
    (
        "correction",
        re.compile(
            r"^\W{0,3}(?:corrections?|clarifications?)\b\s*[:.\-\u2013\u2014]"
            r"|^\W{0,3}(?:this|the)\s+(?:story|article|report|post|piece|column)\s+(?:has\s+been|was|is)\s+"
            r"(?:corrected|updated|amended|clarified|changed)\b"
            r"|^\W{0,3}an\s+earlier\s+version\s+of\s+this\s+(?:story|article|report|post|piece|column)\b",
            re.I,
        ),
    ),
    (
        "editors_note",
        re.compile(
            r"^\W{0,3}(?:editor['’]?s['’]?\s+note|note\s+from\s+the\s+editors?|publisher['’]s\s+note)\b", re.I
        ),
    ),
    (
        "related",
        re.compile(
            r"^\W{0,3}(?:related(?:\s+(?:stories|articles|coverage|reading))?|read\s+more|read\s+also|"
            r"also\s+read|see\s+also|more\s+on\s+this(?:\s+story)?|more\s+from\s+[\w ]{1,30}|"
            r"further\s+reading|recommended|watch|listen)\s*[:|\u2013\u2014>]"
            r"|^\W{0,3}(?:read|watch|see|listen\s+to)\s+(?:it\s+all|the\s+rest(?:\s+of\s+[\w ]{1,20})?|more|"
            r"the\s+(?:full|whole)\s+\w+|the\s+(?:ad|video|clip|interview|speech)(?:\s+\w+)?)\s+(?:here|above|below)\W*$",
            re.I,
        ),
    ),
    (
        "boilerplate",
        re.compile(
            r"^\W{0,3}(?:sign\s+up\b|subscribe\b|follow\s+(?:us|@\w+)\b|(?:twitter|email|e-mail):\s*@?\w+|"
            r"follow\s+[\w .'’-]{1,40}\s+on\s+(?:twitter|x|facebook|instagram|threads|bluesky)\b|"
            r"share\s+(?:this|on)\b|click\s+here\b|"
            r"get\s+(?:our|the)\b.{0,40}\bnewsletter\b|download\s+(?:our|the)\s+\w+\s+app\b|"
            r"(?:this\s+(?:story|article)\s+(?:was\s+)?(?:originally\s+)?(?:appeared|published))\b|"
            r"copyright\b|\u00a9|all\s+rights\s+reserved\b)",
            re.I,
        ),
    ),
    (
        "caption",
        re.compile(
            r"^\W{0,3}(?:photo(?:graph)?s?|image|picture|caption|graphic|video)\s*(?::|by\b|credit\b)"
            r"|\b(?:AP\s+Photo/|REUTERS/|Getty\s+Images|AFP\s+via\s+Getty|Photograph:\s|Photo:\s|"
            r"Credit:\s|Image:\s|Photo\s+by\s|Photo\s+credit)",
        ),
    ),
)
"""Furniture a line's own words give away, tried in this order."""
CAPTION_MAX_CHARS = 300
"""A caption line is short; a long line with a photo credit in it is a paragraph."""

BIO = re.compile(
    r"^\W{0,3}(?:\(\s*)?(?P<name>(?:[A-Z][\w.'’\-]+[ \t]+){1,3}[A-Z][\w.'’\-]+)[ \t]+"
    r"(?:is|was|has\s+been|writes|covers|reports)\b(?P<rest>.*)$"
)
BIO_ROLES = re.compile(
    r"\b(?:reporter|correspondent|columnist|writer|contributor|contributing|journalist|editor|"
    r"author\s+of|fellow\s+at|the\s+author|bureau\s+chief|freelance)\b",
    re.I,
)
"""Words that make "<Name> is ..." at the end an author's bio."""
BIO_LINES = 3
"""A bio is one of the last few non-blank lines of the article."""

SUBHEAD_MAX_WORDS = 10
SUBHEAD_MAX_CHARS = 90
PROSE_MIN_WORDS = 8
"""A line with at least this many words and a sentence mark reads as a paragraph of prose."""
KICKER_MAX_WORDS = 8
KICKER_PROSE_WORDS = 15
"""The paragraph before a kicker is a full one of at least this many words."""
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "this", "that"})
_REPORTING = re.compile(r"\b(?:said|says|told|tells|added|declined|comment|according)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*$")
_QUOTE_MARKS = re.compile('["“”]')
_NEWS_WORDS = re.compile(
    r"\b(?:will|would|could|may|might|must|should|can|shall|today|tonight|tomorrow|yesterday|"
    r"week|weeks|month|months|year|years|next|later|soon|expected|due)\b",
    re.I,
)
"""Words that make a short last line news (what comes next) rather than a quip."""
_DATE_LINE = re.compile(r"^\W*(?:published|posted|updated|last\s+updated)\b", re.I)


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Found:
    """What ``find_furniture`` read: the furniture, the byline and credit a "By" line gives,
    and the genre labels with their evidence."""

    furniture: list[Furniture] = field(default_factory=list)
    byline: str | None = None
    credit: str | None = None
    labels: list[str] = field(default_factory=list)


def lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with their offsets, surrounding whitespace left out."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Line(start, end, text[start:end]))
    return out


def _norm(s: str) -> str:
    return " ".join(s.split()).strip().lower()


def _prose(line: Line) -> bool:
    return line.words >= PROSE_MIN_WORDS and bool(re.search(r"[.!?]", line.text))


def genre_label(value: str) -> str | None:
    """The label a section name or label line gives ("OPINION" -> "Opinion"), or None."""
    return GENRE_LABELS.get(_norm(value).strip(":|-\u2013\u2014 "))


def _title_case(names: str) -> str:
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in names.split())


def read_byline(body: str) -> tuple[str, str | None]:
    """A byline's names and its credit: "JANE DOE and JOHN ROE, Associated Press" ->
    ("Jane Doe and John Roe", "Associated Press"); "Jane Doe | Reuters" -> ("Jane Doe",
    "Reuters"); a role after the names ("Staff Writer") is no credit."""
    body = body.strip().rstrip(".")
    names, credit = body, None
    m = re.match(r"^(?P<names>.+?)\s*(?:,|\||\s[\u2013\u2014-]\s)\s*(?P<tail>[^,|]+)$", body)
    if m and " and " not in m.group("tail") and "&" not in m.group("tail"):
        tail = m.group("tail").strip()
        names = m.group("names").strip()
        if _norm(tail) not in BYLINE_ROLES:
            credit = tail
    return _title_case(names), credit


def find_furniture(
    text: str,
    *,
    hints: Mapping[str, FurnitureKind] | None = None,
    title: str | None = None,
    credit: Span | None = None,
) -> Found:
    """Finds the page furniture of an article, its byline and its genre labels.

    Args:
        text: The article text (plain text, or the text extracted from a page).
        hints: Normalised line text -> kind, from the page's markup (HTML only).
        title: The headline, when the caller knows it (a prefix such as "Opinion:" labels it).
        credit: The span of the credit line or part (``credit.find_credit``), marked "credit"
            when it is a line of its own.

    Returns:
        The furniture (in text order, at most one record per line), the byline and credit a
        "By ..." line gives, and the genre labels found ("section label 'Opinion' (line 1)").
    """
    found = Found()
    all_lines = lines(text)
    if not all_lines:
        return found
    kinds: dict[int, FurnitureKind] = {}
    hints = hints or {}
    if title:
        m = HEADLINE_PREFIX.match(title)
        label = genre_label(m.group("label")) if m else None
        if label:
            found.labels.append(f"headline prefix {label!r}")
    for n, line in enumerate(all_lines):
        if credit is not None and line.start >= credit.start and line.end <= credit.end:
            kinds[n] = "credit"
            continue
        hinted = hints.get(_norm(line.text))
        if hinted is not None:
            kinds[n] = hinted
            continue
        kind = _own_kind(line, n, all_lines, found)
        if kind is not None:
            kinds[n] = kind
    # shapes that depend on their neighbours, once the self-evident lines are known
    for n, line in enumerate(all_lines):
        if n in kinds:
            continue
        if n >= len(all_lines) - BIO_LINES and _bio(line, found.byline):
            kinds[n] = "author_bio"
        elif _subhead(n, all_lines, kinds):
            kinds[n] = "subhead"
    body = [n for n in range(len(all_lines)) if n not in kinds]
    if _kicker(body, all_lines):
        kinds[body[-1]] = "kicker"
    for n, line in enumerate(all_lines):
        if DISCLAIMER.search(line.text):
            found.labels.append(f"disclaimer {line.text[:60]!r}")
            kinds.setdefault(n, "boilerplate")
    found.furniture = [
        Furniture(Span(all_lines[n].start, all_lines[n].end), k) for n, k in sorted(kinds.items())
    ]
    found.labels = list(dict.fromkeys(found.labels))
    return found


def _own_kind(line: Line, n: int, all_lines: list[Line], found: Found) -> FurnitureKind | None:
    """The kind of furniture a line's own words make it, noting bylines and labels in ``found``."""
    text = line.text
    if n < BYLINE_LINES:
        m = BYLINE.match(text)
        if m and line.words <= 20 and not _QUOTE_MARKS.search(text):
            names, credit = read_byline(m.group("body"))
            if found.byline is None:
                found.byline, found.credit = names, credit
            return "byline"
        if n < 4 and len(text) <= 30:
            m2 = LABEL_LINE.match(text)
            label = genre_label(m2.group("label")) if m2 else None
            if label:
                found.labels.append(f"section label {label!r} (line {n + 1})")
                return "label"
        if n == 0:
            m3 = HEADLINE_PREFIX.match(text)
            label = genre_label(m3.group("label")) if m3 else None
            if label:
                found.labels.append(f"headline prefix {label!r}")
    quoted = bool(_QUOTE_MARKS.search(text)) or "''" in text
    for kind, pattern in PATTERNS:
        if pattern.search(text):
            if quoted and kind in ("caption", "related", "boilerplate"):
                continue  # "''Follow us,'' Ms. Gil said": someone's words, not the page's
            if kind == "caption" and len(text) > CAPTION_MAX_CHARS:
                continue
            return kind
    return None


def _bio(line: Line, byline: str | None) -> bool:
    m = BIO.match(line.text)
    if not m or _QUOTE_MARKS.search(line.text):
        return False
    name = _norm(m.group("name"))
    if byline and (name in _norm(byline) or _norm(byline) in name):
        return True
    return bool(BIO_ROLES.search(m.group("rest")))


def _subhead(n: int, all_lines: list[Line], kinds: Mapping[int, str]) -> bool:
    """A short line without a sentence's end between two paragraphs of prose (not the first
    line, which is the headline)."""
    line = all_lines[n]
    text = line.text
    if n == 0 or n + 1 >= len(all_lines):
        return False
    if line.words > SUBHEAD_MAX_WORDS or len(text) > SUBHEAD_MAX_CHARS or _QUOTE_MARKS.search(text):
        return False
    if re.search(r"[.!?;,:'\"”’)\]]$", text) or _DATE_LINE.match(text) or not re.search(r"[A-Za-z]", text):
        return False  # a question on a line of its own is the author's, not a heading
    if re.match(r"^[\w.'’ ]{1,40}:\s", text) or re.search(r"\d$", text):
        return False  # a transcript turn ("Q: ...", "TAPPER: ..."), a list item ("Ana Ruiz, 62")
    if text.lstrip()[:1] in "-*•\u2022#>" or re.match(r"^\d", text):
        return False
    before = next((all_lines[k] for k in range(n - 1, -1, -1) if k not in kinds), None)
    after = all_lines[n + 1]
    return before is not None and _prose(before) and (n + 1) not in kinds and _prose(after)


def _kicker(body: list[int], all_lines: list[Line]) -> bool:
    """The last line of the story is a short quip after a full paragraph: one sentence of a
    few words, no names, numbers, quotation, attribution, modal or time word, and no more than
    one content word that the rest of the story uses ("Another claim bites the dust."; not "The
    islands will lose the winter service.", which goes on with the story)."""
    if len(body) < 2:
        return False
    line, before = all_lines[body[-1]], all_lines[body[-2]]
    words = line.text.split()
    if _NEWS_WORDS.search(line.text):
        return False
    story = {w for n in body[:-1] for w in _content_words(all_lines[n].text)}
    if len(_content_words(line.text) & story) > 1:
        return False
    if not (1 < len(words) <= KICKER_MAX_WORDS) or not _SENTENCE_END.search(line.text):
        return False
    if len(re.findall(r"[.!?]", line.text.rstrip(".!?\"”’')"))) > 0:
        return False
    if _QUOTE_MARKS.search(line.text) or re.search(r"\d", line.text) or _REPORTING.search(line.text):
        return False
    if words[0].lower().strip(",") in _PRONOUNS or any(w[:1].isupper() for w in words[1:]):
        return False
    return before.words >= KICKER_PROSE_WORDS and _prose(before)


def _content_words(text: str) -> set[str]:
    """Lower-case words of four letters or more, plurals folded ("islands" -> "island")."""
    return {w[:-1] if w.endswith("s") and len(w) > 4 else w for w in re.findall(r"[a-z]{4,}", text.lower())}
