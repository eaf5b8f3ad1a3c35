"""read_text, read_bytes and read_path: verbatim text, metadata, and every bad-input case."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import sys
from pathlib import Path

import pytest

from copydesk.config import Settings
from copydesk.errors import InputError
from copydesk.ingest import read_bytes, read_path, read_text

SETTINGS = Settings()

ARTICLE = (
    "Library to open on Sundays after petition\n"
    "The central library in Dunmore will open on Sundays from next month, the county council said on "
    "Wednesday, after more than 3,000 residents signed a petition asking for longer hours.\n"
    "\u201cPeople told us they could only come at weekends,\u201d said librarian Nadia Okafor.\n"
    "Source: RES-MPE\n"
)


def test_text_is_kept_verbatim_with_crlf_and_leading_whitespace() -> None:
    text = "\r\n   " + ARTICLE.replace("\n", "\r\n") + "  \r\n"
    doc = read_text(text, settings=SETTINGS)
    assert doc.text == text
    assert doc.credit_span is not None
    assert doc.credit_span.of(doc.text) == "Source: RES-MPE"
    assert doc.source_credit == "RES-MPE"
    start = text.index("Nadia")
    assert doc.text[start : start + len("Nadia Okafor")] == "Nadia Okafor"


def test_bytes_are_decoded_verbatim() -> None:
    text = "\t" + ARTICLE.replace("\n", "\r\n")
    doc = read_bytes(text.encode(), settings=SETTINGS)
    assert doc.text == text
    assert doc.warnings == ()


def test_utf8_bom_is_dropped() -> None:
    doc = read_bytes(b"\xef\xbb\xbf" + ARTICLE.encode(), settings=SETTINGS)
    assert doc.text == ARTICLE


def test_utf16_with_bom() -> None:
    doc = read_bytes(ARTICLE.encode("utf-16"), settings=SETTINGS)
    assert doc.text == ARTICLE
    assert doc.warnings == ()


def test_latin1_is_detected_and_recorded() -> None:
    text = (
        "Café owners in Saint-Malo said on Tuesday that rents near the harbour had doubled in two years. "
        "\u00abWe cannot go on like this,\u00bb said Aurélie Morvan, who runs a crêperie on the quay.\n"
    )
    doc = read_bytes(text.encode("latin-1"), settings=SETTINGS)
    assert doc.text == text
    assert len(doc.warnings) == 1 and doc.warnings[0].startswith("decoded as ")


def test_metadata_is_validated_and_kept() -> None:
    meta = {"id": 42, "title": " Sunday hours ", "published": "2024-05-02", "byline": "Jo Lamb", "x": 1}
    doc = read_text(ARTICLE, settings=SETTINGS, meta=meta)
    assert doc.id == "42"
    assert doc.title == "Sunday hours"
    assert doc.published == dt.date(2024, 5, 2)
    assert doc.byline == "Jo Lamb"
    assert doc.warnings == ("ignored unknown metadata field(s): x",)


def test_metadata_date_forms() -> None:
    for value in (dt.date(2024, 5, 2), dt.datetime(2024, 5, 2, 9, 30), "2024-05-02T09:30:00Z"):
        assert read_text(ARTICLE, settings=SETTINGS, meta={"published": value}).published == dt.date(
            2024, 5, 2
        )


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Published: 14 March 2025", dt.date(2025, 3, 14)),
        ("Posted on Tuesday, March 4th, 2025 10:42 a.m. EST", dt.date(2025, 3, 4)),
        ("Updated 2025-03-04T10:00Z", dt.date(2025, 3, 4)),
        ("Published: March 14", None),  # no year
        ("Published: 31 February 2025", None),  # no such day
        ("Published: 14 March 2025, after a long delay", None),  # more than a date
    ],
)
def test_a_date_line_near_the_top_gives_the_publication_date(line, published) -> None:
    text = ARTICLE.replace("\n", f"\n{line}\n", 1)
    doc = read_text(text, settings=SETTINGS)
    assert doc.published == published and doc.text == text
    given = read_text(text, settings=SETTINGS, meta={"published": "2024-01-02"})
    assert given.published == dt.date(2024, 1, 2)  # the caller's date wins


def test_a_date_line_deep_in_the_text_is_not_the_publication_date() -> None:
    text = "Headline\n" + "A line of the story.\n" * 6 + "Published: 14 March 2025\n" + ARTICLE
    assert read_text(text, settings=SETTINGS).published is None


def test_metadata_source_credit_wins_but_span_stays() -> None:
    doc = read_text(ARTICLE, settings=SETTINGS, meta={"source_credit": "Dunmore Echo"})
    assert doc.source_credit == "Dunmore Echo"
    assert doc.credit_span is not None


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ({"published": "2 May 2024"}, "metadata field 'published'"),
        ({"published": "2024-13-01"}, "metadata field 'published'"),
        ({"published": 20240502}, "metadata field 'published'"),
        ({"title": ["a", "b"]}, "metadata field 'title' must be a string"),
    ],
)
def test_bad_metadata(meta: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_text(ARTICLE, name="a.txt", settings=SETTINGS, meta=meta)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty input"),
        ("  \r\n\t\n ", "input is only whitespace"),
        ("Words then\x00a NUL. " * 3, "NUL characters"),
    ],
)
def test_bad_text(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        read_text(text, name="note.txt", settings=SETTINGS)
    assert str(info.value).startswith("note.txt: ")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b"   \n\n  ", "input is only whitespace"),
        (b"The council met.\x00\x00\x00\x01 and then", r"binary data \(NUL bytes\)"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>", r"binary data \(looks like PDF\)"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", r"binary data \(looks like ZIP"),
    ],
)
def test_bad_bytes(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_bytes(data, name="upload", settings=SETTINGS)


def test_undecodable_bytes() -> None:
    data = bytes((37 * i + 11) % 128 + 128 for i in range(600))
    with pytest.raises(InputError, match="cannot decode the input"):
        read_bytes(data, settings=SETTINGS)


def test_size_limit_is_checked_on_bytes_before_decoding() -> None:
    small = Settings(max_input_bytes=100)
    with pytest.raises(InputError, match=r"input is 600 bytes, over the limit of 100 \(max_input_bytes\)"):
        read_bytes(b"\x00" * 600, settings=small)  # binary too: the size is what is reported


def test_size_limit_on_text_counts_utf8_bytes() -> None:
    small = Settings(max_input_bytes=100)
    text = "Café crème. " * 8  # 96 characters, 112 bytes
    assert len(text) <= 100 < len(text.encode())
    with pytest.raises(InputError, match="over the limit of 100"):
        read_text(text, settings=small)


@pytest.mark.parametrize(
    "text",
    [
        "Le conseil municipal a voté jeudi la reconstruction du vieux pont, qui était fermé depuis les "
        "inondations de l'hiver dernier, et les travaux commenceront au printemps selon le maire.",
        "Der Stadtrat hat am Donnerstag beschlossen, die alte Brücke neu zu bauen, und die Arbeiten sollen "
        "im Frühjahr beginnen und etwa zwei Jahre dauern, sagte die Bürgermeisterin.",
        "El ayuntamiento aprobó el jueves la reconstrucción del viejo puente, que estaba cerrado desde las "
        "inundaciones del invierno pasado, y las obras empezarán en primavera.",
        "Городской совет в четверг проголосовал за восстановление старого моста после наводнения.",
        "市议会星期四投票决定重建老桥。市长说，工程将于春季开始。",
    ],
    ids=["french", "german", "spanish", "russian", "chinese"],
)
def test_non_english_is_refused(text: str) -> None:
    with pytest.raises(InputError, match=r"^<text>: text looks non-English \("):
        read_text(text, settings=SETTINGS)


def test_read_path_txt(tmp_path: Path) -> None:
    p = tmp_path / "library-hours.txt"
    p.write_bytes(ARTICLE.replace("\n", "\r\n").encode())
    doc = read_path(p, settings=SETTINGS)
    assert doc.id == "library-hours"
    assert doc.text == ARTICLE.replace("\n", "\r\n")


def test_read_path_suffix_forces_text(tmp_path: Path) -> None:
    p = tmp_path / "snippet.txt"
    text = "<p>Markup shown in a story about web pages is kept as text.</p>\n" + ARTICLE
    p.write_text(text, encoding="utf-8", newline="")
    assert read_path(p, settings=SETTINGS).text == text


@pytest.mark.parametrize("case", ["missing", "directory"])
def test_read_path_errors_name_the_path(tmp_path: Path, case: str) -> None:
    p = tmp_path / "nope.txt" if case == "missing" else tmp_path
    with pytest.raises(InputError) as info:
        read_path(p, settings=SETTINGS)
    assert str(p) in str(info.value)
    assert ("no such file" if case == "missing" else "is a directory") in str(info.value)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file")
def test_read_path_unreadable(tmp_path: Path) -> None:
    p = tmp_path / "locked.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    p.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            read_path(p, settings=SETTINGS)
    finally:
        p.chmod(0o600)


def test_read_path_size_limit_uses_file_size(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text(ARTICLE * 10, encoding="utf-8")
    with pytest.raises(InputError, match=f"input is {len((ARTICLE * 10).encode()):,} bytes"):
        read_path(p, settings=Settings(max_input_bytes=200))


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_read_path_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(ARTICLE.encode()))
    doc = read_path("-", settings=SETTINGS)
    assert doc.text == ARTICLE
    assert doc.id is None


def test_read_path_stdin_over_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(ARTICLE.encode() * 5))
    with pytest.raises(InputError, match=r"^<stdin>: input is more than 200 bytes"):
        read_path("-", settings=Settings(max_input_bytes=200))


TRANSCRIPT_JSON = {
    "id": "ep-7",
    "title": "Interview with librarian Nadia Okafor",
    "turns": [
        {"speaker": "Host", "text": "Why open on Sundays?"},
        {"speaker": "Nadia Okafor", "text": "People told us they could only come\n at weekends."},
        {"role": "Host", "content": "Thank you."},
    ],
}


def test_read_path_json_article_and_transcript(tmp_path: Path) -> None:
    import json

    article = tmp_path / "story.json"
    article.write_text(json.dumps({"title": "Sundays", "published": "2025-03-01", "text": ARTICLE}))
    doc = read_path(article, settings=SETTINGS)
    assert (doc.id, doc.title, doc.published, doc.text) == ("story", "Sundays", dt.date(2025, 3, 1), ARTICLE)
    interview = tmp_path / "interview.json"
    interview.write_text(json.dumps(TRANSCRIPT_JSON))
    doc = read_path(interview, settings=SETTINGS)
    assert doc.id == "ep-7"
    assert doc.text.splitlines() == [
        "Interview with librarian Nadia Okafor",
        "Host: Why open on Sundays?",
        "Nadia Okafor: People told us they could only come at weekends.",
        "Host: Thank you.",
    ]


def test_json_is_sniffed_on_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(TRANSCRIPT_JSON).encode())))
    assert read_path("-", settings=SETTINGS).text.startswith("Interview with librarian Nadia Okafor\nHost:")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('{"title": "x"', "bad JSON"),
        ('["a", "b"]', "JSON list, not an object"),
        ('{"title": "x"}', 'no "text", "html" or "turns" field'),
        ('{"turns": []}', '"turns" must be a non-empty list'),
        ('{"turns": ["Host: hi"]}', "turn 1 is not a JSON object"),
        ('{"turns": [{"speaker": "Host"}]}', 'turn 1 has no "text" string'),
        ('{"text": 12}', "field 'text' must be a string, got int"),
    ],
)
def test_bad_json(data: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        read_bytes(data.encode(), settings=SETTINGS, kind="json")


def test_braces_without_json_stay_text() -> None:
    text = "{Draft} " + ARTICLE + " {end}"
    assert read_bytes(text.encode(), settings=SETTINGS).text == text


def test_an_ingested_article_is_marked_english() -> None:
    doc = read_text(ARTICLE, settings=SETTINGS)
    assert doc.language == "en"
    html = f"<html><body><article><p>{ARTICLE}</p></article></body></html>".encode()
    assert read_bytes(html, name="page.html", settings=SETTINGS, kind="html").language == "en"
