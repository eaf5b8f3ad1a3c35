"""The language data: every file reads, word lists are defined once, and the stages use them."""

from __future__ import annotations

import ast
import pathlib
import tomllib

import pytest

from copydesk import lang
from copydesk.errors import ConfigError

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "copydesk"
LANG = SRC / "lang"
FILES = sorted(p for p in LANG.glob("*/*") if p.suffix in (".txt", ".tsv"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_data_file_reads_and_says_what_it_is(path):
    if path.suffix == ".txt":
        found = lang.sections(path.stem, path.parent.name)
        assert found and all(found.values()), "every section has entries"
        for name, entries in found.items():
            assert len(set(entries)) == len(entries), f"[{name}] lists an entry twice"
            assert all(e == e.strip() for e in entries)
    else:
        rows = lang.rows(path.stem, path.parent.name)
        assert rows and len({len(r) for r in rows}) == 1, "every row has the same columns"
        assert all(c for r in rows for c in r), "no empty column (write - for none)"


def test_a_missing_file_or_section_is_a_config_error():
    with pytest.raises(ConfigError, match="no language data"):
        lang.words("no_such_list", "x")
    with pytest.raises(ConfigError, match=r"has no section \[nope\]"):
        lang.words("negation", "nope")


def test_calendar_and_people_helpers():
    from copydesk.model import MONTH_NAMES

    assert lang.month_names() == MONTH_NAMES  # the stdlib-only model keeps its own copy
    assert lang.months()["sept"] == 9 and lang.months()["may"] == 5
    assert lang.weekday_names()[0] == "Monday"
    assert {"mr", "mr.", "dr", "dr."} <= lang.honorifics("courtesy")
    assert "jr" in lang.honorifics("suffix") and "jr" not in lang.honorifics("courtesy")
    assert lang.pronouns(person=3, gender="female", case="subject") == {"she"}
    assert lang.pronouns(person=3, case="reflexive") == {"himself", "herself", "itself", "themselves"}


def test_other_languages_have_function_words():
    assert {"en", "fr", "de"} <= set(lang.languages())
    assert "und" in lang.words("function_words", "closed_class", "de")


def test_the_data_files_ship_with_the_package():
    config = tomllib.loads((SRC.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "lang/**/*" in config["tool"]["setuptools"]["package-data"]["copydesk"]


def test_the_stages_read_their_word_lists_from_the_language_data():
    from copydesk.analyse import lexicon as analysis_words
    from copydesk.check import polarity, text
    from copydesk.generate import lexicon as interview_words

    assert lang.words("stop_words", "content") == text.STOPWORDS
    assert lang.words("negation", "cues") == polarity.NEGATION_CUES
    assert text.TITLE_WORDS <= analysis_words.SPEAKER_TITLES  # one list of titles for both
    assert analysis_words.HONORIFICS <= text.HONORIFICS
    assert lang.pronouns(person=3, case="subject") == interview_words.SUBJECT_PRONOUNS


MAX_LITERAL_WORDS = 8
"""A longer list of words typed into a stage's code is a word list that belongs in lang/."""


NOT_WORDS = ("_DEPS", "_FRAMES", "_FRAME_CUES", "_TYPES", "_LABELS", "_ORDER")
"""Constants named so hold labels (the parser's dependencies, entity types, frames, verdicts),
not English words."""


def _is_word(w: str) -> bool:
    return w.replace("-", "").replace("'", "").isalpha()


def _literal_words(node: ast.AST) -> int:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        words = node.value.split()
        return len(words) if len(words) > 1 and all(_is_word(w) for w in words) else 0
    if isinstance(node, ast.Set | ast.List | ast.Tuple):
        items = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        return len(items) if len(items) == len(node.elts) and all(_is_word(x) for x in items) else 0
    if isinstance(node, ast.Dict):
        keys = [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
        return len(keys) if len(keys) == len(node.keys) and all(_is_word(k) for k in keys) else 0
    return 0


def _target(node: ast.Assign | ast.AnnAssign) -> str:
    target = node.targets[0] if isinstance(node, ast.Assign) else node.target
    return target.id if isinstance(target, ast.Name) else ""


def _value_words(value: ast.AST) -> int:
    if isinstance(value, ast.Call) and getattr(value.func, "id", "") in ("lexicon", "_wordset", "frozenset"):
        return max((_literal_words(arg) for arg in value.args), default=0)
    return _literal_words(value)


@pytest.mark.parametrize("stage", ["analyse", "check", "generate"])
def test_no_stage_types_a_word_list_into_its_code(stage):
    offenders = []
    for path in (SRC / stage).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
                continue
            n = 0 if _target(node).endswith(NOT_WORDS) else _value_words(node.value)
            if n > MAX_LITERAL_WORDS:
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno} ({n} words)")
    assert not offenders, offenders
