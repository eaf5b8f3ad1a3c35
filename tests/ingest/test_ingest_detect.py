"""Binary sniffing, decoding and the English check, on original texts."""

from __future__ import annotations

import random

import pytest

from copydesk.ingest.detect import decode, english_ratio, non_english_reason, sniff_binary

ENGLISH_HEADLINE_ARTICLE = (
    "Rail strike called off after late-night talks\n"
    "Train drivers in the northern region will return to work on Monday after their union accepted "
    "a revised pay offer, ending a walkout that had stranded thousands of commuters for a week."
)

NON_ENGLISH = {
    "French": (
        "Le conseil municipal de la ville a voté jeudi soir la reconstruction du vieux pont, qui était "
        "fermé depuis les inondations de l'hiver dernier. Selon le maire, les travaux commenceront au "
        "printemps et dureront environ deux ans."
    ),
    "German": (
        "Der Stadtrat hat am Donnerstag beschlossen, die alte Brücke über den Fluss neu zu bauen. Die "
        "Arbeiten sollen im Frühjahr beginnen und etwa zwei Jahre dauern, sagte die Bürgermeisterin nach "
        "der Sitzung."
    ),
    "Spanish": (
        "El ayuntamiento de la ciudad aprobó el jueves la reconstrucción del viejo puente, que estaba "
        "cerrado desde las inundaciones del invierno pasado. Según la alcaldesa, las obras empezarán en "
        "primavera y durarán unos dos años."
    ),
}

RUSSIAN = (
    "Городской совет в четверг проголосовал за восстановление старого моста, закрытого после "
    "зимнего наводнения. Работы начнутся весной и продлятся около двух лет, сообщила мэр города."
)
CHINESE = (
    "市议会星期四投票决定重建老桥。这座桥自去年冬天的洪水以来一直关闭。"
    "市长说，工程将于春季开始，大约需要两年时间。"
)


def test_english_headline_and_paragraph_is_accepted() -> None:
    assert non_english_reason(ENGLISH_HEADLINE_ARTICLE, min_ratio=0.12) is None
    assert english_ratio(ENGLISH_HEADLINE_ARTICLE) > 0.2


@pytest.mark.parametrize(
    "sentence",
    [
        "Tropical storm Kelso approached the island chain on Saturday.",
        "Mayor Ina Brook wins second term.",
        "Shares of Rondel Corp. rose 4% to $12.80 in early trading.",
    ],
)
def test_short_english_sentences_are_accepted(sentence: str) -> None:
    assert non_english_reason(sentence, min_ratio=0.12) is None


@pytest.mark.parametrize("language", sorted(NON_ENGLISH))
def test_latin_script_languages_are_refused_and_named(language: str) -> None:
    reason = non_english_reason(NON_ENGLISH[language], min_ratio=0.12)
    assert reason is not None
    assert reason.startswith("text looks non-English (")
    assert f"looks {language}" in reason


def test_short_french_sentence_is_refused() -> None:
    reason = non_english_reason(
        "Le maire a déclaré que les travaux de la gare sont terminés.", min_ratio=0.12
    )
    assert reason is not None and "French" in reason


def test_russian_is_refused_naming_cyrillic() -> None:
    assert non_english_reason(RUSSIAN, min_ratio=0.12) == (
        "text looks non-English (no common English function words; Cyrillic script)"
    )


def test_chinese_is_refused_naming_han() -> None:
    reason = non_english_reason(CHINESE, min_ratio=0.12)
    assert reason is not None and "Han (Chinese) script" in reason


def test_english_article_quoting_a_few_foreign_words_is_accepted() -> None:
    text = ENGLISH_HEADLINE_ARTICLE + " A banner at the station read «Поезд отменён» in Russian."
    assert non_english_reason(text, min_ratio=0.12) is None


def test_threshold_comes_from_the_caller() -> None:
    assert non_english_reason(ENGLISH_HEADLINE_ARTICLE, min_ratio=0.95) is not None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "looks like PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "looks like ZIP (or DOCX/XLSX/EPUB)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like PNG"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "looks like gzip"),
        (b"Plain words\x00and a NUL", "NUL bytes"),
        (bytes(range(1, 9)) * 20 + b"some text", None),
    ],
)
def test_sniff_binary(data: bytes, reason: str | None) -> None:
    if reason is None:
        found = sniff_binary(data)
        assert found is not None and found.endswith("control characters")
    else:
        assert sniff_binary(data) == reason


@pytest.mark.parametrize(
    "data",
    [
        b"Plain text with a tab\tand CRLF\r\nlines.",
        b"MZ Holdings said on Tuesday it would cut 40 jobs.",
        "Café owners said the rent had doubled.".encode("utf-16"),
    ],
)
def test_text_is_not_binary(data: bytes) -> None:
    assert sniff_binary(data) is None


def test_decode_utf8_and_boms() -> None:
    text = "Zoë Hartley said “no”.\r\n"
    assert decode(text.encode("utf-8")) == (text, None)
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, None)
    assert decode(text.encode("utf-16")) == (text, None)  # Python writes a BOM
    assert decode(text.encode("utf-32")) == (text, None)


def test_decode_legacy_western_text_with_a_warning() -> None:
    text = (
        "The café owner, José Müller, said the crème brûlée now costs 5 € — “a bargain,” he noted. "
        "Señora Peña agreed that the façade needed work.\n"
    )
    decoded, warning = decode(text.encode("cp1252"))
    assert decoded == text
    assert warning is not None and "cp1252" in warning


def test_decode_latin1_text() -> None:
    text = "Prices at the crêperie in Saint-Malo rose by 3% this year, the owner, Aurélie Morvan, said.\n"
    decoded, warning = decode(text.encode("latin-1"))
    assert decoded == text
    assert warning is not None and warning.startswith("decoded as ")


def test_undecodable_bytes_raise() -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(400))
    with pytest.raises(UnicodeError):
        decode(data)
