"""The antonym table generated from WordNet 3.0 (``training/build_lexicon.py``)."""

from __future__ import annotations

import importlib.util
import pathlib

import pytest

from copydesk import lang
from copydesk.check.polarity import ANTONYM_TABLE

WORDNET = pathlib.Path("/usr/share/wordnet/index.noun")


def test_the_table_pairs_content_words_of_one_part_of_speech():
    rows = lang.rows("antonyms")
    assert len(rows) > 1000
    stop = lang.words("stop_words", "content")
    for a, b, pos, how in rows:
        assert a < b and a.isalpha() and b.isalpha() and a not in stop and b not in stop
        assert pos in ("n", "v", "a", "r") and how in ("direct", "similar")
    assert {"reject/v", "refuse/v"} <= ANTONYM_TABLE["accept/v"]
    assert "accept/v" in ANTONYM_TABLE["reject/v"]  # each way
    assert "cheap/a" in ANTONYM_TABLE["expensive/a"]


@pytest.mark.slow
@pytest.mark.skipif(not WORDNET.exists(), reason="WordNet (Debian wordnet-base) is not installed")
def test_the_shipped_table_is_what_wordnet_gives():
    if importlib.util.find_spec("training") is None:
        pytest.skip("the training scripts are not on the path")
    from training.build_lexicon import build, render
    from training.wordnet import WordNet

    table = pathlib.Path(lang.__file__).parent / "en" / "antonyms.tsv"
    assert table.read_text(encoding="utf-8") == render(build(WordNet(), lang.words("stop_words", "content")))
