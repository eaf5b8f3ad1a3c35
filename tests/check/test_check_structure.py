"""The checker keeps no language processing of its own: it reads the analysis' tokens, sentences
and date mentions, and its word lists come from ``copydesk/lang``."""

from __future__ import annotations

import ast
import pathlib
import re

import pytest

from copydesk.check import audit
from copydesk.config import Settings
from copydesk.errors import CheckError
from copydesk.model import Analysis, Document, Span

CHECK = pathlib.Path(__file__).resolve().parents[2] / "src" / "copydesk" / "check"
MODULES = sorted(CHECK.rglob("*.py"))

TEXT_PROCESSING = re.compile(
    r"^(?:_?tokens?|_?tokeni[sz]e\w*|_?stem(?:s|mer)?|_?split_sentences|_?sentences?_split\w*|"
    r"_?read_dates?|_?parse_dates?|_?find_dates|_?lemmati[sz]e\w*)$"
)
"""Names of functions that would split, stem or date-read a text on the checker's own."""

READERS = re.compile(r"^(?:_?TOKEN_RE|_?WORD_RE|DATE_PATTERNS|WEEKDAY_RE|RELATIVE_RE|YEARS_APART_RE|_MONTH)$")
"""Module constants of the readers the checker used to keep (a word pattern, date patterns)."""


def _tree(path: pathlib.Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(CHECK)))
def test_no_check_module_tokenises_stems_splits_or_reads_dates(path):
    tree = _tree(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            assert not TEXT_PROCESSING.match(node.name), f"{node.name} in {path.name}"
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    assert not READERS.match(target.id), f"{target.id} in {path.name}"
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                assert name.split(".")[0] not in ("spacy", "nltk", "stanza"), f"{name} in {path.name}"
                assert not name.startswith("copydesk.analyse"), f"{name} in {path.name}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(CHECK)))
def test_no_check_module_spells_out_month_names(path):
    source = path.read_text(encoding="utf-8")
    assert not re.search(r"Jan(?:uary)?\|Feb|\"january\"|'january'", source), path.name


def test_the_checker_reads_words_only_from_the_analysis():
    text = "The council approved the plan on Monday."
    bare = Analysis(Document(text), (Span(0, len(text)),))  # no tokens: not made by the analyser
    with pytest.raises(CheckError, match="no tokens"):
        audit(bare, bare, settings=Settings())


def test_the_retriever_gets_the_analysis_lemmas(make_analysis, fake_scorer):
    seen = {}

    class Spy:
        def top_k(self, claims, sentences, *, k=3, claim_terms=None, sentence_terms=None):
            seen["claims"], seen["sentences"] = claim_terms, sentence_terms
            return [[(0, 1.0)] for _ in claims]

    source = make_analysis("The councils approved the plans on Monday. It rained.")
    derived = make_analysis("The council has backed the plans, officials say.")
    audit(source, derived, settings=Settings(), retriever=Spy(), scorer=fake_scorer)
    claim_keys = {key for key, _ in seen["claims"][0]}
    assert {"council", "back", "plan", "official"} <= claim_keys  # lemmas, not the words as written
    assert {"council", "approve", "plan", "monday"} <= {key for key, _ in seen["sentences"][0]}
