"""lecturelib.drawing.spectral, drawn headless."""
import matplotlib

matplotlib.use("Agg")
import numpy as np
import pytest
from matplotlib.figure import Figure

from lecturelib import jacobians as jb, rnn
from lecturelib.drawing import spectral as ds


@pytest.fixture(scope="module")
def sweep():
    rng = np.random.default_rng(0)
    params = rnn.init_params(1, 6, rng=rng)
    W = jb.random_recurrent_weights(6, 1.0, rng=rng)
    return jb.radius_sweep(W, rng.normal(size=(2, 12, 1)), params, [0.5, 1.0, 1.5])


def test_eigenvalues_split_inside_outside():
    ax = Figure().subplots()
    lam = np.array([0.5, 1.2j, -1.5, 0.1 + 0.1j])
    artists = ds.draw_eigenvalues(ax, lam)
    inside, outside = artists[2], artists[3]
    assert len(inside.get_offsets()) == 2 and len(outside.get_offsets()) == 2
    assert np.allclose(sorted(outside.get_offsets()[:, 0]), [-1.5, 0.0])
    ring = artists[1].get_xydata()
    assert np.isclose(np.max(np.hypot(ring[:, 0], ring[:, 1])), 1.5)  # dotted circle at rho
    assert ax.get_xlim() == (-2.2, 2.2)


def test_norm_curve_is_log10():
    ax = Figure().subplots()
    (line,) = ds.draw_norm_curve(ax, np.arange(4), np.array([0.0, -1.0, -2.0, -3.0]), label="x")
    assert np.allclose(line.get_ydata(), [0, -1, -2, -3])


def test_spectral_frame_draws_the_chosen_radius(sweep):
    fig = Figure()
    ax_eig, ax_norm = ds.draw_spectral_frame(fig, sweep, 2)
    lines = {l.get_label(): l for l in ax_norm.get_lines()}
    lin = [l for k, l in lines.items() if k.startswith("linear")][0]
    assert np.allclose(lin.get_ydata(), sweep["log10_linear"][2])
    ref = [l for k, l in lines.items() if "rho" in k][0]  # the reference line $\rho^{t-k}$
    assert np.allclose(ref.get_ydata(), np.arange(13) * np.log10(1.5))
    assert "exploding" in ax_norm.get_title()
    assert ax_norm.get_ylim() == (-16, 16)
    labels = [t.get_text() for t in ax_norm.get_yticklabels()]
    assert "1e-15" in labels and "1" in labels
    fig2 = Figure()
    _, ax2 = ds.draw_spectral_frame(fig2, sweep, 0, show=("tanh",))
    assert "vanishing" in ax2.get_title()
    assert not any(l.get_label().startswith("linear") for l in ax2.get_lines())


def test_norms_for_radii_one_line_per_curve():
    ax = Figure().subplots()
    arts = ds.draw_norms_for_radii(ax, np.arange(5), {"a": np.zeros(5), "b": -np.arange(5.0)})
    assert len(arts) == 2 and np.allclose(arts[1].get_ydata(), -np.arange(5))


def test_bad_input(sweep):
    ax = Figure().subplots()
    with pytest.raises(ValueError, match="eigvals"):
        ds.draw_eigenvalues(ax, np.array([]))
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        ds.draw_eigenvalues(None, np.array([1.0]))
    with pytest.raises(ValueError, match="same length"):
        ds.draw_norm_curve(ax, np.arange(3), np.zeros(4), label="x")
    with pytest.raises(ValueError, match="index must be an int"):
        ds.draw_spectral_frame(Figure(), sweep, 3)
    with pytest.raises(ValueError, match="show must contain"):
        ds.draw_spectral_frame(Figure(), sweep, 0, show=("relu",))
    with pytest.raises(ValueError, match="sweep must be the dict"):
        ds.draw_spectral_frame(Figure(), {"rho": [1.0]}, 0)
