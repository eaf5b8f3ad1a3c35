"""The scorer's training tools that run without the development data: inflection, WordNet
swaps, and the rule that no weights enter the package without their calibration."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from training.edits import co_hyponyms, inflect
from training.wordnet import wordnet_dir


@pytest.mark.parametrize(
    ("lemma", "tag", "form"),
    [
        ("lawyer", "NNS", "lawyers"),
        ("church", "NNS", "churches"),
        ("city", "NNS", "cities"),
        ("lease", "VBD", "leased"),
        ("stop", "VBD", None),  # in WordNet's exception list: past forms are not guessed
        ("carry", "VBZ", "carries"),
        ("make", "VBG", "making"),
        ("sell", "VBD", None),  # irregular: past and participle are not told apart
        ("approve", "VB", "approve"),
    ],
)
def test_inflect(lemma: str, tag: str, form: str | None):
    if form is None and not (wordnet_dir() / "verb.exc").exists():  # pragma: no cover
        pytest.skip("WordNet's exception lists are not installed")
    assert inflect(lemma, tag) == form


@pytest.mark.skipif(not (wordnet_dir() / "index.noun").exists(), reason="WordNet is not installed")
def test_co_hyponyms_are_related_but_different_words():
    siblings = co_hyponyms("week", "n")
    assert "year" in siblings
    assert "week" not in siblings and "hebdomad" not in siblings  # itself and its synonym


def test_weights_are_not_written_into_the_package_uncalibrated(tmp_path: Path, monkeypatch):
    from training import train_checker

    argv = ["train_checker", "--no-calibrate", "--work", str(tmp_path)]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as e:
        train_checker.main()
    assert e.value.code == 2
    assert not list(tmp_path.glob("*.pt"))
