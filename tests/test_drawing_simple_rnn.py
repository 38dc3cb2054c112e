"""Heat strips and bars of lecturelib.drawing.simple_rnn, drawn headless."""
import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from lecturelib.drawing import simple_rnn as d  # noqa: E402

TOKENS = ["the", "ground", "there", "is", "not", "wet"]


def test_hidden_strip_shows_only_the_steps_read():
    h = np.linspace(-1, 1, 6 * 4).reshape(6, 4)
    ax = Figure().add_subplot()
    image = d.draw_hidden_strip(ax, h, TOKENS, upto=2)
    data = image.get_array()
    assert data.shape == (4, 6)  # rows = units, columns = steps
    np.testing.assert_allclose(data[:, :2], h[:2].T)
    assert data.mask[:, 2:].all() and not data.mask[:, :2].any()
    assert image.get_clim() == (-1.0, 1.0)
    assert "2 of 6" in ax.get_title()


def test_output_strip_writes_probabilities_and_frames_last():
    yhat = np.array([[0.9, 0.1], [0.25, 0.75], [0.5, 0.5]])
    ax = Figure().add_subplot()
    d.draw_output_strip(ax, yhat, ["a", "b", "c"], ["wet", "dry"], mark_last=True, colorbar=False)
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["0.90", "0.10", "0.25", "0.75", "0.50", "0.50"]
    assert len(ax.patches) == 1 and "only" in ax.get_title()


def test_output_bars_heights_and_target_colour():
    ax = Figure().add_subplot()
    bars = d.draw_output_bars(ax, [0.2, 0.8], ["wet", "dry"], target=1)
    assert [b.get_width() for b in bars] == [0.2, 0.8]
    assert bars[1].get_facecolor() != bars[0].get_facecolor()


def test_rnn_step_frame_and_update_agree_with_a_fresh_draw():
    rng = np.random.default_rng(0)
    h, yhat = rng.uniform(-1, 1, (6, 3)), rng.dirichlet([1, 1], size=6)
    fresh = d.draw_rnn_step(Figure(layout="constrained"), h, yhat, TOKENS, ["wet", "dry"], 2)
    moved = d.draw_rnn_step(Figure(layout="constrained"), h, yhat, TOKENS, ["wet", "dry"], 6)
    d.update_rnn_step(moved, 2)
    for frame in (fresh, moved):
        np.testing.assert_array_equal(frame["h_image"].get_array().mask[:, 2:], True)
        np.testing.assert_array_equal(frame["h_image"].get_array().mask[:, :2], False)
        assert [t.get_visible() for t in frame["o_texts"]] == [True] * 4 + [False] * 8
        assert [b.get_width() for b in frame["bars"]] == list(yhat[1])
        assert frame["lines"][0].get_xdata()[0] == 1.5
        assert '"ground"' in frame["axes"][2].get_title() and "2 of 6" in frame["axes"][0].get_title()
        assert "x\u2082" in frame["info"].get_text()
    with pytest.raises(ValueError, match="upto must be an int in"):
        d.update_rnn_step(moved, 0)


@pytest.mark.parametrize("call, match", [
    (lambda ax: d.draw_hidden_strip(ax, np.zeros(6), TOKENS), "h must be a non-empty 2-D"),
    (lambda ax: d.draw_hidden_strip(ax, np.zeros((5, 2)), TOKENS), "tokens must have one entry per step"),
    (lambda ax: d.draw_hidden_strip(ax, np.zeros((6, 2)), TOKENS, upto=7), "upto must be an int in"),
    (lambda ax: d.draw_output_strip(ax, np.zeros((6, 3)), TOKENS, ["a", "b"]), "yhat must have 2 columns"),
    (lambda ax: d.draw_output_bars(ax, [0.5, 0.5], ["a", "b", "c"]), "probs must have shape"),
    (lambda ax: d.draw_output_bars(ax, [0.5, 0.5], ["a", "b"], target=2), "target must be a class index"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call(Figure().add_subplot())


def test_sentence_pair_distance_is_zero_until_the_words_differ():
    rng = np.random.default_rng(0)
    h_a = rng.uniform(-1, 1, (6, 3))
    h_b = h_a.copy()
    h_b[4:] += 0.5  # the sentences differ from step 5 on
    yhat = rng.dirichlet([1, 1], size=6)
    other = TOKENS[:4] + ["very", "wet"]
    axes = d.draw_sentence_pair(Figure(layout="constrained"), h_a, h_b, yhat, yhat, TOKENS, other, ["wet", "dry"], 6)
    heights = [p.get_height() for p in axes["distance"].patches]
    np.testing.assert_allclose(heights, [0, 0, 0, 0, np.sqrt(3 * 0.25), np.sqrt(3 * 0.25)])
    assert "t = 5" in axes["text"].texts[0].get_text()
    assert [t.get_text() for t in axes["distance"].get_xticklabels()][4] == "not\nvery"
    axes = d.draw_sentence_pair(Figure(layout="constrained"), h_a, h_b, yhat, yhat, TOKENS, other, ["wet", "dry"], 3)
    assert len(axes["distance"].patches) == 3
    with pytest.raises(ValueError, match="h_a and h_b must have the same shape"):
        d.draw_sentence_pair(Figure(), h_a, h_b[:5], yhat, yhat, TOKENS, other, ["wet", "dry"], 3)
