"""The document-level split of the development data: held-out, calibration and training parts."""

from training.splits import CALIBRATION_PERCENT, HELDOUT_PERCENT, bucket, is_calibration, is_heldout

TEXTS = [f"Source document number {i} about the harbour strike." for i in range(2000)]


def test_parts_are_disjoint_and_sized_by_their_percentages():
    held = [t for t in TEXTS if is_heldout(t)]
    cal = [t for t in TEXTS if is_calibration(t)]
    assert not set(held) & set(cal)
    assert abs(len(held) / len(TEXTS) * 100 - HELDOUT_PERCENT) < 4
    assert abs(len(cal) / len(TEXTS) * 100 - CALIBRATION_PERCENT) < 4


def test_the_calibration_part_is_the_buckets_after_the_held_out_ones():
    for t in TEXTS[:200]:
        b = bucket(t)
        assert is_calibration(t) == (HELDOUT_PERCENT <= b < HELDOUT_PERCENT + CALIBRATION_PERCENT)


def test_the_split_ignores_whitespace_and_unicode_form():
    assert bucket("Caf\u00e9  opens\n") == bucket("Cafe\u0301 opens")
