"""lecturelib.widgets.compare: the length slider and the keep-bias buttons redraw, headless."""
import matplotlib

matplotlib.use("Agg")
import numpy as np
import pytest

from lecturelib.widgets import first_input_gradient_explorer


@pytest.fixture(scope="module")
def box():
    return first_input_gradient_explorer(rng=np.random.default_rng(0), max_T=12, keep_biases=(0.0, 2.0),
                                         hidden_size=6, n=16)


def _labels(box):
    return [ln.get_label() for ln in box.live.fig.axes[0].get_lines() if not ln.get_label().startswith("_")]


def test_precomputed_sweeps_and_first_frame(box):
    assert set(box.sweeps) == {0.0, 2.0}
    assert list(box.sweeps[2.0]["lengths"]) == list(range(1, 13))
    assert box.slider.value == 10 and box.keep.value == 2.0
    assert box.live.renders == 1 and box.live.png.startswith(b"\x89PNG")
    lo, hi = box.ylim  # whole decades around every nonzero value, so the axis never jumps between frames
    values = np.concatenate([g[g > 0] for s in box.sweeps.values() for g in s["grad"].values()])
    assert lo <= values.min() and values.max() <= hi and np.log10(lo) == int(np.log10(lo))
    assert box.live.fig.axes[0].get_ylim() == pytest.approx(box.ylim)


def test_slider_moves_the_marked_length(box):
    first, n = box.live.png, box.live.renders
    box.slider.value = 3
    assert box.live.renders == n + 1 and box.live.png != first
    sweep = box.sweeps[2.0]
    rnn_label = [s for s in _labels(box) if s.startswith("simple RNN")][0]
    assert rnn_label == f"simple RNN:  {sweep['grad']['rnn'][2]:.0e}"  # the value at T = 3
    assert box.live.fig.axes[0].get_legend().get_title().get_text() == "at $T = 3$"


def test_keep_bias_changes_the_gated_curves_only(box):
    box.slider.value = 12
    lstm_kept = [ln for ln in box.live.fig.axes[0].get_lines() if ln.get_label().startswith("LSTM")][0].get_ydata()
    before = box.live.png
    box.keep.value = 0.0
    assert box.live.png != before
    lstm_plain = [ln for ln in box.live.fig.axes[0].get_lines() if ln.get_label().startswith("LSTM")][0].get_ydata()
    assert np.allclose(lstm_plain, box.sweeps[0.0]["grad"]["lstm"])
    assert not np.allclose(lstm_plain, lstm_kept)
    assert np.allclose(box.sweeps[0.0]["grad"]["rnn"], box.sweeps[2.0]["grad"]["rnn"])
    box.keep.value = 2.0


def test_bad_input():
    with pytest.raises(ValueError, match="max_T"):
        first_input_gradient_explorer(rng=np.random.default_rng(0), max_T=0)
    with pytest.raises(ValueError, match="keep_biases"):
        first_input_gradient_explorer(rng=np.random.default_rng(0), keep_biases=())
