import matplotlib

matplotlib.use("Agg")
import io  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Circle  # noqa: E402

from lecturelib.drawing import unrolling as u  # noqa: E402


def _texts(art):
    return [a.get_text() for a in art if hasattr(a, "get_text")]


def test_folded_has_h_x_and_both_weights():
    ax = Figure().subplots()
    texts = _texts(u.draw_folded_rnn(ax))
    for label in (r"$h$", r"$x$", r"$W$", r"$U$"):
        assert label in texts


def test_unrolled_labels_every_step_and_shares_weights():
    ax = Figure().subplots()
    art = u.draw_unrolled_rnn(ax, 4)
    texts = _texts(art)
    assert [t for t in texts if t.startswith("$h_")] == ["$h_{0}$", "$h_{1}$", "$h_{2}$", "$h_{3}$", "$h_{4}$"]
    assert texts.count("$W$") == 4 and texts.count("$U$") == 4
    assert sum(isinstance(a, Circle) for a in art) == 9


def test_unrolled_highlight_greys_the_future():
    ax = Figure().subplots()
    art = u.draw_unrolled_rnn(ax, 4, highlight=2)
    circles = [a for a in art if isinstance(a, Circle)]
    grey = matplotlib.colors.to_rgba(u.FUTURE)
    n_grey = sum(np.allclose(c.get_facecolor(), grey) for c in circles)
    assert n_grey == 4  # h_3, x_3, h_4, x_4
    with pytest.raises(ValueError, match="highlight"):
        u.draw_unrolled_rnn(ax, 4, highlight=5)


def test_unrolled_window_starts_at_first():
    ax = Figure().subplots()
    texts = _texts(u.draw_unrolled_rnn(ax, 3, first=5, title=False))
    assert "$h_{4}$" in texts and "$x_{7}$" in texts and "$x_{4}$" not in texts


def test_hidden_strip_masks_future_steps():
    h = np.linspace(-1, 1, 12).reshape(4, 3)  # T = 4, H = 3
    ax = Figure().subplots()
    img = u.draw_hidden_strip(ax, h, 2)
    arr = img.get_array()
    assert arr.shape == (3, 4)
    np.testing.assert_allclose(arr[:, :2], h[:2].T)
    assert arr.mask[:, 2:].all() and not arr.mask[:, :2].any()
    assert img.get_clim() == (-1, 1)


def test_render_unrolled_frames_differ_by_step():
    h = np.tanh(np.random.default_rng(0).normal(size=(12, 5)))
    pngs = []
    for t in (0, 3, 12):
        fig = Figure(layout="constrained")
        u.render_unrolled(fig, h, t)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=50)
        pngs.append(buf.getvalue())
    assert len(set(pngs)) == 3
    with pytest.raises(ValueError, match="t must be an int"):
        u.render_unrolled(Figure(), h, 13)


def test_rnn_recurrence_figure_is_registered():
    fig = u.FIGURES["rnn-recurrence.png"]()
    assert isinstance(fig, Figure)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "unfold" in texts and "$h_{4}$" in texts
