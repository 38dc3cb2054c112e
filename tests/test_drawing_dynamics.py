import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from lecturelib import dynamics as d  # noqa: E402
from lecturelib.drawing import dynamics as dd  # noqa: E402


def test_trajectory_draws_up_to_t_with_fixed_limits():
    s = d.damped_rotation(20)
    ax = Figure().subplots()
    lines = dd.draw_trajectory(ax, s, 5)
    assert len(lines) == 4  # a line and a dot per component
    np.testing.assert_allclose(lines[0].get_xdata(), np.arange(6))
    np.testing.assert_allclose(lines[0].get_ydata(), s[:6, 0])
    assert ax.get_xlim() == (-0.5, 20.5)
    assert ax.get_xlabel() == "step t"


def test_phase_portrait_marks_start_and_current_state():
    s = d.damped_rotation(20)
    ax = Figure().subplots()
    path, start, now = dd.draw_phase(ax, s, 7)
    np.testing.assert_allclose(path.get_xydata(), s[:8])
    np.testing.assert_allclose(now.get_xydata(), s[7:8])
    np.testing.assert_allclose(start.get_xydata(), s[:1])
    with pytest.raises(ValueError, match="2 components"):
        dd.draw_phase(ax, np.zeros((5, 3)))


def test_bifurcation_one_dot_per_value():
    r = np.linspace(2.5, 4.0, 30)
    tails = d.logistic_tails(r, keep=10)
    ax = Figure().subplots()
    dots = dd.draw_bifurcation(ax, r, tails)
    assert dots.get_offsets().shape == (300, 2)
    assert ax.get_xlabel() == "growth rate r"


def test_render_state_panels_and_bad_t():
    fig = Figure()
    assert len(dd.render_state(fig, d.damped_rotation(10), 3)) == 2
    fig = Figure()
    assert len(dd.render_state(fig, d.logistic_map(3.5, 0.2, 10), 3)) == 1
    with pytest.raises(ValueError, match=r"t must be an int in \[0, 10\]"):
        dd.render_state(Figure(), d.damped_rotation(10), 11)
