"""Tests of lecturelib._layout: the two layouts of a batch of sequences."""
import numpy as np

from lecturelib import _layout


def test_to_columns_puts_each_steps_examples_in_columns():
    rows = np.arange(2 * 3 * 4, dtype=float).reshape(2, 3, 4)  # (N, T, K)
    cols = _layout.to_columns(rows)
    assert cols.shape == (3, 4, 2) and cols.flags.c_contiguous
    assert cols[1, 2, 0] == rows[0, 1, 2] and cols[2, 3, 1] == rows[1, 2, 3]
    np.testing.assert_array_equal(cols, rows.transpose(1, 2, 0))


def test_to_rows_undoes_to_columns():
    rows = np.random.default_rng(0).normal(size=(5, 7, 3))
    back = _layout.to_rows(_layout.to_columns(rows))
    assert back.flags.c_contiguous
    np.testing.assert_array_equal(back, rows)


def test_to_features_first_puts_each_feature_over_all_steps_in_one_row():
    rows = np.random.default_rng(1).normal(size=(2, 3, 4))  # (N, T, K)
    cols = _layout.to_features_first(rows)
    assert cols.shape == (4, 3, 2) and cols.flags.c_contiguous
    np.testing.assert_array_equal(cols, rows.transpose(2, 1, 0))
    np.testing.assert_array_equal(cols.reshape(4, 6)[:, 2:4], rows[:, 1].T)  # step 1's columns, side by side with the others
