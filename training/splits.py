"""The train / held-out split of the development data, by source document.

A row is held out when its *source text* is: every derived text of one source (SummEdits has
dozens of edits of one document) falls on the same side, so no held-out source was seen in
training. The rule is a hash of the normalised source text, so it needs no list of ids and does
not change when files are reordered or rows added. The factuality benchmark imports
``is_heldout`` to report on the held-out part only: keep this function stable.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

HELDOUT_PERCENT = 30
"""Share of source documents held out, in percent (by hash bucket, so approximately)."""

CALIBRATION_PERCENT = 15
"""Share of source documents, next after the held-out ones, that a scorer trained with
``train_checker --calibration-split`` never sees, so that its thresholds can be chosen on them
(``benchmarks/factuality.py --calibrate --calibration-part``)."""

_SPACE = re.compile(r"\s+")


def normalise(source_text: str) -> str:
    """NFKC, whitespace runs collapsed to one space, stripped: the text that is hashed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", source_text)).strip()


def bucket(source_text: str) -> int:
    """A stable bucket in ``range(100)`` for a source text (first 8 hex digits of its SHA-1)."""
    digest = hashlib.sha1(normalise(source_text).encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 100


def is_heldout(source_text: str) -> bool:
    """True when this source document (and every derived text of it) is in the held-out part."""
    return bucket(source_text) < HELDOUT_PERCENT


def is_calibration(source_text: str) -> bool:
    """True when this source document is in the calibration part (a slice of the training part)."""
    return HELDOUT_PERCENT <= bucket(source_text) < HELDOUT_PERCENT + CALIBRATION_PERCENT


__all__ = ["CALIBRATION_PERCENT", "HELDOUT_PERCENT", "bucket", "is_calibration", "is_heldout", "normalise"]
