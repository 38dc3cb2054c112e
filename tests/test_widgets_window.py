"""Tests for the sliding-window widget (lecturelib.widgets.window)."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lecturelib import corpus as C  # noqa: E402
from lecturelib import window as W  # noqa: E402
from lecturelib.widgets import window_slider  # noqa: E402


@pytest.fixture(scope="module")
def model():
    sents = C.grammar_corpus(150, rng=np.random.default_rng(0))
    vocab = C.Vocab.build(sents)
    X, y = C.corpus_windows(sents, vocab, 3)
    p = W.init_params(len(vocab), 3, 6, 12, rng=np.random.default_rng(0))
    W.train(p, X, y, steps=150, lr=0.02, batch_size=64, rng=np.random.default_rng(0))
    return p, vocab


def test_build_and_slide(model):
    p, vocab = model
    box = window_slider(p, vocab, "we dig in the ground there .")
    assert box.slider.max == 7 - 3  # positions 0..4
    first = box.live.png
    assert first.startswith(b"\x89PNG") and box.live.renders == 1
    box.slider.value = 2
    assert box.live.renders == 2 and box.live.png != first
    assert box.tokens[2:5] == ["in", "the", "ground"]


def test_unknown_words_enter_as_unk(model):
    p, vocab = model
    box = window_slider(p, vocab, "the tractor digs in the ground")
    assert box.tokens[1] == "tractor"
    box.slider.value = 1
    assert box.live.renders == 2


def test_bad_input(model):
    p, vocab = model
    with pytest.raises(ValueError, match="shorter than the window tau=3"):
        window_slider(p, vocab, "the ground")
    with pytest.raises(TypeError, match="vocab must be"):
        window_slider(p, {"the": 0}, "in the ground there")
    small = C.Vocab.build(["the ground"])
    with pytest.raises(ValueError, match="vocabulary of"):
        window_slider(p, small, "in the ground there")
