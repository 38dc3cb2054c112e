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


def test_ghost_draws_the_whole_run_behind_the_part_up_to_t():
    s = d.damped_rotation(20)
    ax = Figure().subplots()
    lines = dd.draw_trajectory(ax, s, 5, ghost=True)
    assert len(lines) == 6  # two faint whole-run lines, then a line and a dot per component
    np.testing.assert_allclose(lines[0].get_ydata(), s[:, 0])
    np.testing.assert_allclose(lines[2].get_ydata(), s[:6, 0])
    ax2 = Figure().subplots()
    dd.draw_phase(ax2, s, 5, ghost=True)
    np.testing.assert_allclose(ax2.lines[0].get_xydata(), s)


def test_cobweb_walks_between_the_parabola_and_the_diagonal():
    s = d.logistic_map(2.8, 0.2, 10)
    ax = Figure().subplots()
    parabola, diagonal, web, now = dd.draw_cobweb(ax, 2.8, s, 3)
    # (s0, s0) -> (s0, s1) -> (s1, s1) -> (s1, s2) -> (s2, s2) -> (s2, s3)
    np.testing.assert_allclose(web.get_xdata(), [s[0], s[0], s[1], s[1], s[2], s[2]])
    np.testing.assert_allclose(web.get_ydata(), [s[0], s[1], s[1], s[2], s[2], s[3]])
    np.testing.assert_allclose(now.get_xydata(), [[s[2], s[3]]])
    grid = parabola.get_xdata()
    np.testing.assert_allclose(parabola.get_ydata(), 2.8 * grid * (1 - grid))
    web0 = dd.draw_cobweb(Figure().subplots(), 2.8, s, 0)[2]
    np.testing.assert_allclose(web0.get_xydata(), [[s[0], s[0]]])
    with pytest.raises(ValueError, match="r must be a number in"):
        dd.draw_cobweb(Figure().subplots(), 4.5, s)
    with pytest.raises(ValueError, match="one number per step"):
        dd.draw_cobweb(Figure().subplots(), 2.8, d.damped_rotation(5))


def test_move_state_matches_a_fresh_render():
    a, b = d.damped_rotation(30, rho=0.9), d.damped_rotation(30, rho=1.02, omega=0.5)
    moved = dd.render_state(Figure(), a, 30, ghost=True)
    dd.move_state(moved, b, 12)
    fresh = dd.render_state(Figure(), b, 12, ghost=True)
    for ax_m, ax_f in zip(moved, fresh):
        for lm, lf in zip(ax_m.lines, ax_f.lines):
            np.testing.assert_allclose(lm.get_xydata(), lf.get_xydata())
        assert ax_m.get_ylim() == pytest.approx(ax_f.get_ylim())
        assert ax_m.get_title() == ax_f.get_title()


def test_move_logistic_matches_a_fresh_render():
    a, b = d.logistic_map(3.2, 0.2, 30), d.logistic_map(3.9, 0.3, 30)
    moved = dd.render_logistic(Figure(), 3.2, a, 30)
    dd.move_logistic(moved, 3.9, b, 7)
    fresh = dd.render_logistic(Figure(), 3.9, b, 7)
    for ax_m, ax_f in zip(moved, fresh):
        for lm, lf in zip(ax_m.lines, ax_f.lines):
            np.testing.assert_allclose(lm.get_xydata(), lf.get_xydata())
        assert ax_m.get_title() == ax_f.get_title()


def test_round_range_holds_the_states_with_a_round_half_width():
    assert dd.round_range(np.array([[1.0, -0.2]])) == (-1.5, 1.5)  # 1 / 0.92 = 1.09 -> 1.5
    assert dd.round_range(np.array([0.5, -0.9])) == (-1.0, 1.0)
    assert dd.round_range(np.array([4.4])) == (-5.0, 5.0)
    assert dd.round_range(np.array([300.0])) == (-500.0, 500.0)
    assert dd.round_range(np.zeros(3)) == (-1.0, 1.0)
    for big in (0.013, 0.9, 1.3, 7.0, 42.0, 305.8):
        lo, hi = dd.round_range(np.array([big, -big / 2]))
        assert big <= 0.92 * hi < 2.5 * big  # holds the run with a margin, never far too wide


def test_move_state_with_round_limits_matches_a_fresh_render():
    a, b = d.damped_rotation(30, rho=0.9), d.damped_rotation(30, rho=1.05, omega=0.5)
    moved = dd.render_state(Figure(), a, 30, ghost=True, round_limits=True)
    assert moved[0].get_ylim() == moved[1].get_xlim() == moved[1].get_ylim() == dd.round_range(a)
    dd.move_state(moved, b, 12, round_limits=True)
    fresh = dd.render_state(Figure(), b, 12, ghost=True, round_limits=True)
    for ax_m, ax_f in zip(moved, fresh):
        assert ax_m.get_ylim() == ax_f.get_ylim() == dd.round_range(b)
        assert ax_m.get_xlim() == pytest.approx(ax_f.get_xlim())
