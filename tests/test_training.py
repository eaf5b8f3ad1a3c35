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


def _bag(i: int, bad: bool, rng: object) -> object:
    """A derived text of two claims: a bad one has one claim with a number contradiction and a
    low scorer figure; a good one has none (a few carry a stray finding of another rule)."""
    import random

    from training.calibrate import Bag

    assert isinstance(rng, random.Random)

    def claim(score: float, findings: list[dict[str, str]]) -> dict[str, object]:
        return {"model_score": score, "similarity": 0.7, "findings": findings, "words": 8, "scores": [score]}

    number = {"type": "number", "rule": "number", "relation": "contradicts"}
    stray = {"type": "entity", "rule": "entity_swap", "relation": "contradicts"}
    good = claim(rng.uniform(0.4, 0.99), [stray] if rng.random() < 0.3 else [])
    flagged = claim(rng.uniform(0.01, 0.4), [number]) if bad else claim(rng.uniform(0.3, 0.99), [])
    return Bag(str(i), (good, flagged), int(bad), f"doc{i // 2}", "f")


def test_the_combiner_fit_finds_the_worst_claim_and_the_precise_rule():
    import random

    pytest.importorskip("sklearn", reason="the combiner's fit needs the train extra (scikit-learn)")
    from training.calibrate import fit_calibration

    rng = random.Random(1)
    bags = [_bag(i, i % 3 == 0, rng) for i in range(240)]
    cal, choice = fit_calibration(bags, "0" * 64)  # type: ignore[arg-type]
    assert choice.auc > 0.9
    assert cal.precise("number:number") and not cal.precise("entity:entity_swap")
    number = {"type": "number", "rule": "number", "relation": "contradicts"}
    stray = {"type": "entity", "rule": "entity_swap", "relation": "contradicts"}
    base = {"model_score": 0.3, "similarity": 0.7, "words": 8, "scores": [0.3]}
    assert cal.decide({**base, "findings": [number]})[0] == "contradicted"
    assert cal.decide({**base, "findings": [stray]})[0] != "contradicted"
