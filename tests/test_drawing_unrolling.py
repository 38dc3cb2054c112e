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


def test_unrolled_writes_the_x_values_under_the_inputs():
    ax = Figure().subplots()
    texts = [a for a in u.draw_unrolled_rnn(ax, 3, first=2, x_values=[0.5, -1.25, 2.0, 0.0]) if hasattr(a, "get_text")]
    shown = [t.get_text() for t in texts]
    assert "-1.25" in shown and "+2.00" in shown and "+0.00" in shown and "+0.50" not in shown  # steps 2..4
    with pytest.raises(ValueError, match="x_values must hold a value for every drawn step"):
        u.draw_unrolled_rnn(Figure().subplots(), 3, x_values=[0.5, 1.0])


def test_persistence_drops_exact_zeros_and_names_the_last_step():
    ax = Figure().subplots()
    (curve, marker) = u.draw_persistence(ax, [0.2, 1e-3, 1e-9, 0.0, 0.0], 2)
    y = curve.get_ydata()
    assert np.isnan(y[3]) and np.isnan(y[4]) and y[2] == 1e-9
    np.testing.assert_allclose(marker.get_xydata(), [[2, 1e-3]])
    assert "exactly 0 after t = 3" in ax.get_title()
    ax2 = Figure().subplots()
    u.draw_persistence(ax2, [0.2, 1e-3, 2.5e-10])
    assert "2.5e-10 left at t = 3" in ax2.get_title()
    with pytest.raises(ValueError, match="non-negative"):
        u.draw_persistence(Figure().subplots(), [0.1, -1.0])


def test_render_unrolled_explorer_frames_differ_by_step():
    rng = np.random.default_rng(0)
    x, h, change = rng.normal(size=6), np.tanh(rng.normal(size=(6, 3))), np.abs(rng.normal(size=6))
    figs = []
    for t in (0, 3):
        fig = Figure(figsize=(9, 5))
        axes = u.render_unrolled_explorer(fig, x, h, change, t)
        assert len(axes) == 3
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=50)
        figs.append(buf.getvalue())
    assert figs[0] != figs[1]
    with pytest.raises(ValueError, match="x must have shape"):
        u.render_unrolled_explorer(Figure(), x[:5], h, change, 1)
