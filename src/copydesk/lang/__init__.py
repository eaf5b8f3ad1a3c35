"""Language data: the word lists and tables every stage reads, defined once, as files.

Each language has a folder named by its ISO 639-1 code (``lang/en/``). Two kinds of file:

- a **list** (``NAME.txt``): one entry per line, in sections headed ``[section]`` (a file with
  no section header is one list, the section ``""``); an entry may hold spaces ("per cent", "the
  month of");
- a **table** (``NAME.tsv``): one row per line, its columns separated by tab characters.

In both, blank lines and lines starting with ``#`` are comments; each file's header says what
it is for and where it comes from. Stdlib only, like ``copydesk.model``, so that every stage may
read it; files are read on first use and cached.

    >>> from copydesk import lang
    >>> "never" in lang.words("negation", "cues")
    True
    >>> lang.rows("months")[0]
    ('1', 'January', 'Jan')
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from copydesk.errors import ConfigError

DEFAULT_LANGUAGE = "en"
"""The language of the shipped data (and the only one with every file)."""


def _read(name: str, language: str) -> list[str]:
    path = resources.files(__name__).joinpath(language, name)
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as e:
        raise ConfigError(f"no language data {language}/{name}", source=str(path)) from e
    return [line.rstrip("\r") for line in text.split("\n")]


@cache
def sections(name: str, language: str = DEFAULT_LANGUAGE) -> dict[str, tuple[str, ...]]:
    """Every section of the list ``name``, its entries in file order (entries before the first
    section header, in a file with none, are the section ``""``).

    Raises:
        ConfigError: There is no such file, or a file with sections has an entry before the first.
    """
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    unnamed: list[str] = []
    for line in _read(f"{name}.txt", language):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if entry.startswith("[") and entry.endswith("]"):
            current = out.setdefault(entry[1:-1].strip(), [])
            continue
        if current is None:
            unnamed.append(entry)
            continue
        current.append(entry)
    if unnamed and out:
        raise ConfigError(f"{language}/{name}.txt: entries before the first [section]")
    if unnamed:
        out[""] = unnamed
    return {k: tuple(v) for k, v in out.items()}


def entries(name: str, section: str = "", language: str = DEFAULT_LANGUAGE) -> tuple[str, ...]:
    """The entries of one section of a list, in file order.

    Raises:
        ConfigError: There is no such file or section.
    """
    found = sections(name, language)
    if section not in found:
        raise ConfigError(f"{language}/{name}.txt has no section [{section}]")
    return found[section]


@cache
def words(name: str, section: str = "", language: str = DEFAULT_LANGUAGE) -> frozenset[str]:
    """The entries of one section of a list, as a set."""
    return frozenset(entries(name, section, language))


@cache
def rows(name: str, language: str = DEFAULT_LANGUAGE) -> tuple[tuple[str, ...], ...]:
    """The rows of the table ``name``, each a tuple of its columns.

    Raises:
        ConfigError: There is no such file.
    """
    return tuple(
        tuple(line.split("\t"))
        for line in _read(f"{name}.tsv", language)
        if line.strip() and not line.startswith("#")
    )


def mapping(name: str, language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """A two-column table as a mapping from its first column to its second."""
    return {r[0]: r[1] for r in rows(name, language)}


def month_names(language: str = DEFAULT_LANGUAGE) -> tuple[str, ...]:
    """The month names, January first, as written ("January")."""
    return tuple(r[1] for r in rows("months", language))


def month_abbreviations(language: str = DEFAULT_LANGUAGE) -> dict[str, int]:
    """Each abbreviation of a month name ("Sept"), as written, with the month's number."""
    return {a: int(r[0]) for r in rows("months", language) for a in r[2].split() if a != "-"}


def months(language: str = DEFAULT_LANGUAGE) -> dict[str, int]:
    """Month names and abbreviations, lower-cased, with the month's number ("sept" -> 9)."""
    out = {name.lower(): i + 1 for i, name in enumerate(month_names(language))}
    out.update({a.lower(): n for a, n in month_abbreviations(language).items()})
    return out


def weekday_names(language: str = DEFAULT_LANGUAGE) -> tuple[str, ...]:
    """The weekday names, Monday first, as written."""
    return tuple(r[1] for r in sorted(rows("weekdays", language), key=lambda r: int(r[0])))


def honorifics(*kinds: str, language: str = DEFAULT_LANGUAGE) -> frozenset[str]:
    """Honorifics of the given kinds (every kind when none is given), lower-cased, each with and
    without a full stop ("dr", "dr."). (Whom a courtesy title names, a man or a woman, is in
    ``gender_words.tsv``.)"""
    forms = [r[0] for r in rows("honorifics", language) if not kinds or r[1] in kinds]
    return frozenset(forms) | frozenset(f"{w}." for w in forms)


def pronouns(
    *,
    person: int | None = None,
    gender: str | None = None,
    number: str | None = None,
    case: str | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> frozenset[str]:
    """Personal pronouns with the given person, gender, number and case (any, where not given)."""
    return frozenset(
        r[0]
        for r in rows("pronouns", language)
        if (person is None or int(r[1]) == person)
        and (gender is None or r[2] == gender)
        and (number is None or r[3] == number)
        and (case is None or case in r[4].split())
    )


def languages() -> tuple[str, ...]:
    """The codes of the languages with data."""
    root = resources.files(__name__)
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_")))


__all__ = [
    "DEFAULT_LANGUAGE",
    "sections",
    "entries",
    "words",
    "rows",
    "mapping",
    "month_names",
    "month_abbreviations",
    "months",
    "weekday_names",
    "honorifics",
    "pronouns",
    "languages",
]
