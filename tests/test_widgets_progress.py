"""The progress bar fed by a training loop's callback."""
import numpy as np
import pytest

from lecturelib import bptt, charlm
from lecturelib.widgets import progress_bar


def test_callback_moves_the_bar_every_n_steps_and_at_the_end():
    box = progress_bar(25, every=10)
    assert (box.bar.value, box.bar.max) == (0, 25)
    box.callback(3, 25, 2.5)
    assert box.bar.value == 0  # not a multiple of 10: no redraw
    box.callback(10, 25, 2.345)
    assert box.bar.value == 10 and "loss 2.35" in box.label.value and "10 / 25" in box.label.value
    box.callback(25, 25, 1.0)
    assert box.bar.value == 25 and box.bar.bar_style == "success"


def test_the_training_loop_drives_it():
    text = "abcab" * 20
    vocab = charlm.CharVocab.from_text(text)
    ids = vocab.encode(text)
    n = 2 * len(bptt.stream_windows(ids, 2, 5))
    box = progress_bar(n, every=1)
    bptt.train(charlm.init_params(vocab.size, 4, rng=np.random.default_rng(0)), ids,
               truncation=5, n_streams=2, epochs=2, callback=box.callback)
    assert box.bar.value == n and f"{n} / {n}" in box.label.value


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="total must be a positive int, got 0"):
        progress_bar(0)
    with pytest.raises(TypeError, match="every must be a positive int"):
        progress_bar(10, every=1.5)


def test_the_training_loop_does_not_import_widgets():
    import lecturelib.bptt as mod
    import lecturelib.charlm as mod2

    for m in (mod, mod2):
        src = open(m.__file__).read()
        assert "ipywidgets" not in src and "matplotlib" not in src
