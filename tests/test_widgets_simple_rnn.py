"""The stepping widget: computes h_t and yhat_t once, redraws when the slider moves."""
import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lecturelib import losses, rnn  # noqa: E402
from lecturelib.activations import softmax  # noqa: E402
from lecturelib.widgets import rnn_stepper, sentence_pair_stepper  # noqa: E402


@pytest.fixture
def model():
    rng = np.random.default_rng(0)
    params = rnn.init_params(5, 3, rng=rng)
    out = losses.init_output_params(3, 2, rng=rng)
    x = np.eye(5)[[0, 1, 2, 3]]
    return x, ["a", "b", "c", "d"], params, out


def test_states_match_the_library(model):
    x, tokens, params, out = model
    box = rnn_stepper(x, tokens, params, out, ["yes", "no"])
    h, _ = rnn.forward(x[None], None, params)
    o, _ = losses.output_forward(h, out)
    np.testing.assert_allclose(box.h, h[0])
    np.testing.assert_allclose(box.yhat, softmax(o[0]))


def test_slider_redraws_and_counts_from_one(model):
    x, tokens, params, out = model
    box = rnn_stepper(x, tokens, params, out, ["yes", "no"], mark_last=True)
    assert (box.slider.min, box.slider.max, box.slider.value) == (1, 4, 4)
    assert box.live.renders == 1
    first = box.live.png
    assert first[:4] == b"\x89PNG"
    box.slider.value = 1
    assert box.live.renders == 2 and box.live.png != first
    assert "1 of 4" in box.live.frame["axes"][0].get_title()
    box.slider.value = 4  # back to the first frame: the same picture
    assert box.live.png == first


def test_bad_input(model):
    x, tokens, params, out = model
    with pytest.raises(ValueError, match="x must be one sequence"):
        rnn_stepper(x[None], tokens, params, out, ["yes", "no"])
    with pytest.raises(ValueError, match="tokens must have one entry per step"):
        rnn_stepper(x, tokens[:2], params, out, ["yes", "no"])
    with pytest.raises(ValueError, match="class_names must have 2 entries"):
        rnn_stepper(x, tokens, params, out, ["yes"])


@pytest.fixture
def pair_model():
    rng = np.random.default_rng(1)
    params = rnn.init_params(4, 3, rng=rng)
    out = losses.init_output_params(3, 2, rng=rng)
    sentences = [["a", "b", "c"], ["a", "d", "c"], ["d", "b", "c"]]
    vocab = ["a", "b", "c", "d"]
    X = np.eye(4)[[[vocab.index(w) for w in s] for s in sentences]]  # (3, 3, 4)
    return X, sentences, params, out


def test_pair_stepper_states_and_controls_redraw(pair_model):
    X, sentences, params, out = pair_model
    box = sentence_pair_stepper(X, sentences, params, out, ["yes", "no"], first=0, second=1)
    h, _ = rnn.forward(X, None, params)
    np.testing.assert_allclose(box.h, h)
    assert (box.slider.min, box.slider.max, box.slider.value) == (1, 3, 3)
    assert box.live.renders == 1
    first = box.live.png
    assert first[:4] == b"\x89PNG"
    # sentences 0 and 1 differ at step 2 only: the distance is 0 at t = 1, not at t = 2
    distance = box.live.frame["distance"]
    heights = [p.get_height() for p in distance.patches]
    assert heights[0] == 0.0 and heights[1] > 0.0
    box.slider.value = 1
    assert box.live.renders == 2 and box.live.png != first
    assert [bar.get_visible() for bar in box.live.frame["distance"].patches] == [True, False, False]  # steps read
    # the words under the strips are texts of their own, renamed when a sentence changes
    assert [x.get_text() for x in box.live.frame["labels_B"]] == ["a\nt=1", "d\nt=2", "c\nt=3"]
    assert [x.get_text() for x in box.live.frame["labels_d"]] == ["a", "b\nd", "c"]
    box.slider.value = 3
    assert box.live.png == first  # back to the first frame: the same picture, from the cache
    assert (box.live.renders, box.live.hits) == (2, 1)
    box.second.value = 2  # another sentence B: differs from A already at step 1
    assert box.live.renders == 3 and box.live.png != first
    assert box.live.frame["distance"].patches[0].get_height() > 0.0
    assert '"d b c"' in box.live.frame["h_B"].get_title()
    assert [x.get_text() for x in box.live.frame["labels_B"]] == ["d\nt=1", "b\nt=2", "c\nt=3"]
    assert [x.get_text() for x in box.live.frame["labels_d"]] == ["a\nd", "b", "c"]
    assert not any(x.get_text() for x in box.live.frame["h_B"].get_xticklabels())  # the ticks carry no label


def test_pair_stepper_bad_input(pair_model):
    X, sentences, params, out = pair_model
    with pytest.raises(ValueError, match="X must hold the sentences"):
        sentence_pair_stepper(X[0], sentences, params, out, ["yes", "no"])
    with pytest.raises(ValueError, match="sentences must be 3 lists"):
        sentence_pair_stepper(X, sentences[:2], params, out, ["yes", "no"])
    with pytest.raises(ValueError, match="second must be a sentence index"):
        sentence_pair_stepper(X, sentences, params, out, ["yes", "no"], second=3)
    with pytest.raises(ValueError, match="class_names must have 2 entries"):
        sentence_pair_stepper(X, sentences, params, out, ["yes"])
