"""Byte and text sniffing: binary data, character encodings and the language of a text.

Everything here is cheap and local: magic numbers and control-character counts for binary data,
BOMs then charset-normalizer for encodings, and a function-word count plus a script census for
language. The language test follows the classic stopword-ratio idea (Grefenstette 1995,
"Comparing two language identification schemes"): running English prose is dense in a small,
closed set of function words, and other languages are not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from copydesk import lang

MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE)"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"OggS", "Ogg"),
    (b"ID3", "MP3"),
    (b"RIFF", "RIFF (WAV/AVI/WebP)"),
)
"""Leading bytes of common binary formats, with the name used in the error message."""

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
"""Byte-order marks, longest first where they share a prefix (UTF-32 LE starts like UTF-16 LE)."""

PREFERRED_LEGACY_ENCODINGS: tuple[str, ...] = ("cp1252", "latin_1", "iso8859_15")
"""Among equally clean guesses, these win: copydesk reads English articles, and Western code
pages are what legacy English text is written in (charset-normalizer often ties cp1250, cp1252
and cp1257 on short Western text)."""

CONTROL_SAMPLE_BYTES = 8192
"""How many leading bytes the control-character test looks at."""
MAX_CONTROL_SHARE = 0.05
"""Share of C0 control bytes (other than tab, newlines, form feed) above which data is binary."""

_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1b")


ENGLISH_FUNCTION_WORDS: frozenset[str] = lang.words("function_words", "closed_class")
"""Closed-class English words (articles, pronouns, auxiliaries, prepositions, conjunctions)."""

LANGUAGE_NAMES: Mapping[str, str] = {
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
}
"""The languages besides English with function words in ``copydesk/lang``, by code."""

OTHER_FUNCTION_WORDS: Mapping[str, frozenset[str]] = {
    name: lang.words("function_words", "closed_class", code) for code, name in LANGUAGE_NAMES.items()
}
"""Small function-word lists used only to name the language of a rejected Latin-script text."""

SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x10A0, 0x10FF, "Georgian"),
    (0x1100, 0x11FF, "Hangul (Korean)"),
    (0x3040, 0x30FF, "Japanese kana"),
    (0x3400, 0x4DBF, "Han (Chinese)"),
    (0x4E00, 0x9FFF, "Han (Chinese)"),
    (0xAC00, 0xD7AF, "Hangul (Korean)"),
    (0xF900, 0xFAFF, "Han (Chinese)"),
)
"""Unicode blocks of the non-Latin scripts the language check can name."""

LANGUAGE_SAMPLE_CHARS = 20_000
"""The language check reads at most this many leading characters."""
MIN_WORDS_FOR_RATIO = 20
"""Below this many words the function-word ratio is not trusted. English prose runs at about 40%
function words; at that density 20 words hold fewer than 3 of them (a ratio under 0.12) with
probability about 0.004, while 10 words hold at most one with probability about 0.05, which would
refuse one English headline-like sentence in twenty."""
SHORT_TEXT_MIN_FOREIGN_HITS = 3
"""A shorter text is refused only on positive evidence: at least this many function words of one
other language, and more than twice as many as English ones."""
MAX_FOREIGN_SCRIPT_SHARE = 0.5
"""A text whose letters are mostly in one non-Latin script is called non-English."""

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


def sniff_binary(data: bytes) -> str | None:
    """Says why bytes look binary, or returns None when they may be text.

    Args:
        data: The raw input.

    Returns:
        A short reason such as ``"looks like PDF"`` or ``"NUL bytes"``; None for text.
    """
    for magic, kind in MAGIC_NUMBERS:
        if data.startswith(magic):
            if kind == "Windows executable" and not _has_pe_header(data):
                continue
            return f"looks like {kind}"
    if any(data.startswith(bom) for bom, enc in BOMS if enc != "utf-8-sig"):
        return None  # UTF-16/32 text is full of NUL bytes by design
    sample = data[:CONTROL_SAMPLE_BYTES]
    if b"\x00" in sample:
        return "NUL bytes"
    controls = sum(1 for b in sample if (b < 0x20 and b not in _TEXT_CONTROLS) or b == 0x7F)
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        return f"{controls / len(sample):.0%} control characters"
    return None


def _has_pe_header(data: bytes) -> bool:
    """True when an ``MZ`` start is followed by a PE header (so ``MZ`` as text is not binary)."""
    if len(data) < 0x40:
        return False
    offset = int.from_bytes(data[0x3C:0x40], "little")
    return data[offset : offset + 4] == b"PE\x00\x00"


def decode(data: bytes) -> tuple[str, str | None]:
    """Decodes bytes: UTF-8 (BOM stripped), then a UTF-16/32 BOM, then charset-normalizer's guess.

    Args:
        data: The raw input, already known not to be binary.

    Returns:
        The text and a warning naming the detected encoding (None for UTF-8 or a BOM).

    Raises:
        UnicodeError: No encoding decodes the bytes.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise UnicodeError("the bytes are not UTF-8 and no other encoding fits them")
    best = matches[0]
    for m in matches:
        if m.encoding in PREFERRED_LEGACY_ENCODINGS and m.chaos <= best.chaos:
            best = m
            break
    return str(best), f"decoded as {best.encoding} (the input is not UTF-8)"


def _script_census(sample: str) -> tuple[int, Counter[str]]:
    """Counts letters, and letters by non-Latin script."""
    letters = 0
    scripts: Counter[str] = Counter()
    for ch in sample:
        if not ch.isalpha():
            continue
        letters += 1
        cp = ord(ch)
        if cp < 0x0370:
            continue
        for lo, hi, name in SCRIPT_RANGES:
            if lo <= cp <= hi:
                scripts[name] += 1
                break
    return letters, scripts


def english_ratio(text: str) -> float:
    """The share of word tokens that are English function words (0.0 for a text without words)."""
    words = _words(text)
    if not words:
        return 0.0
    return sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words)


def _words(text: str) -> list[str]:
    return [w.lower().replace("\u2019", "'") for w in _WORD.findall(text[:LANGUAGE_SAMPLE_CHARS])]


def _foreign_hits(words: list[str]) -> tuple[str, int]:
    """The other language with the most function words among ``words``, and their count."""
    hits = {lang: sum(w in vocab for w in words) for lang, vocab in OTHER_FUNCTION_WORDS.items()}
    return max(hits.items(), key=lambda kv: kv[1])


def guess_latin_language(text: str) -> str | None:
    """Names the other language whose function words make up a tenth or more of the words."""
    words = _words(text)
    if not words:
        return None
    lang, hits = _foreign_hits(words)
    return lang if hits / len(words) >= 0.1 else None


def non_english_reason(text: str, *, min_ratio: float) -> str | None:
    """Says why a text does not look English, or returns None when it does.

    A text is refused when most of its letters are in one non-Latin script, or when (with at
    least ``MIN_WORDS_FOR_RATIO`` words) English function words make up less than ``min_ratio``
    of its words. A shorter Latin-script text is refused only when another language's function
    words clearly outnumber English ones (``SHORT_TEXT_MIN_FOREIGN_HITS``).

    Args:
        text: The text to test (only the first ``LANGUAGE_SAMPLE_CHARS`` characters are read).
        min_ratio: The least share of English function words among words.

    Returns:
        A message like ``"text looks non-English (no common English function words; Cyrillic
        script)"``, or None.
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    letters, scripts = _script_census(sample)
    if letters and scripts:
        script, count = scripts.most_common(1)[0]
        if count / letters > MAX_FOREIGN_SCRIPT_SHARE:
            if "Han" in script and "Japanese kana" in scripts:
                script = "Japanese"
            return f"text looks non-English (no common English function words; {script} script)"
    words = _words(sample)
    if len(words) < MIN_WORDS_FOR_RATIO:
        english = sum(w in ENGLISH_FUNCTION_WORDS for w in words)
        lang, hits = _foreign_hits(words)
        if hits >= SHORT_TEXT_MIN_FOREIGN_HITS and hits > 2 * english:
            return f"text looks non-English (few English function words; looks {lang})"
        return None
    ratio = english_ratio(sample)
    if ratio >= min_ratio:
        return None
    detail = (
        "no common English function words"
        if ratio == 0
        else (f"English function words are {ratio:.0%} of words, below {min_ratio:.0%}")
    )
    language = guess_latin_language(sample)
    if language:
        detail += f"; looks {language}"
    return f"text looks non-English ({detail})"
