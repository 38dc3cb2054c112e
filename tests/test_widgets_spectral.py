"""lecturelib.widgets.spectral: the slider redraws, headless."""
import matplotlib

matplotlib.use("Agg")
import numpy as np
import pytest

from lecturelib.widgets import spectral_radius_explorer


@pytest.fixture(scope="module")
def box():
    return spectral_radius_explorer(rng=np.random.default_rng(0), hidden_size=8, T=12, n_examples=2,
                                    rho_min=0.5, rho_max=1.5, rho_step=0.25)


def test_grid_and_initial_frame(box):
    assert np.allclose(box.sweep["rho"], [0.5, 0.75, 1.0, 1.25, 1.5])
    assert box.slider.value == 1.0
    assert box.live.renders == 1 and box.live.png.startswith(b"\x89PNG")


def test_slider_redraws_with_new_radius(box):
    first, n = box.live.png, box.live.renders
    box.slider.value = 1.5
    assert box.live.renders == n + 1 and box.live.png != first
    ax_norm = box.live.fig.axes[1]
    assert "exploding" in ax_norm.get_title()
    lin = [l for l in ax_norm.get_lines() if l.get_label().startswith("linear")][0]
    assert np.allclose(lin.get_ydata(), box.sweep["log10_linear"][4])
    box.slider.value = 0.5
    assert "vanishing" in box.live.fig.axes[1].get_title()


def test_curve_toggle(box):
    box.curves.value = ("tanh",)
    labels = [l.get_label() for l in box.live.fig.axes[1].get_lines()]
    assert not any(s.startswith("linear") for s in labels) and any(s.startswith("tanh") for s in labels)
    box.curves.value = ("linear", "tanh")


def test_bad_input():
    with pytest.raises(TypeError, match="rng"):
        spectral_radius_explorer(rng=1)
    with pytest.raises(ValueError, match="rho_max must be larger"):
        spectral_radius_explorer(rng=np.random.default_rng(0), rho_min=1.0, rho_max=0.5)
    with pytest.raises(ValueError, match="hidden_size"):
        spectral_radius_explorer(rng=np.random.default_rng(0), hidden_size=0)
