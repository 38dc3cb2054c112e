import numpy as np
import pytest

from lecturelib import dynamics as d
from lecturelib.widgets import state_player


def test_state_player_redraws_when_the_step_changes():
    box = state_player(d.damped_rotation(30))
    assert box.slider.max == 30 and box.play.max == 30
    first, renders = box.live.png, box.live.renders
    assert first.startswith(b"\x89PNG")
    box.slider.value = 12
    assert box.live.renders == renders + 1
    assert box.live.png != first


def test_state_player_1d_and_bad_input():
    box = state_player(d.logistic_map(3.9, 0.2, 20), start=5)
    assert box.slider.value == 5
    with pytest.raises(ValueError, match="states must be finite"):
        state_player(np.array([0.0, np.nan]))
    with pytest.raises(ValueError, match="start must be an int in"):
        state_player(d.logistic_map(3.9, 0.2, 20), start=21)


def test_rotation_explorer_reruns_the_system_when_a_parameter_moves():
    from lecturelib.widgets import rotation_explorer
    from lecturelib.widgets.dynamics import driven_rotation

    box = rotation_explorer(steps=30)
    assert box.slider.value == 30 and box.play.max == 30  # starts on the whole run; Play rewinds to 0
    frames = [box.live.png]
    for control, value in ((box.rho, 1.0), (box.omega, 0.6), (box.push, 0.0), (box.slider, 10)):
        control.value = value
        frames.append(box.live.png)
    assert len(set(frames)) == len(frames)  # every control changed the picture
    # the frame shows the system with the sliders' parameters: rho = 1, no push keeps |s_t| = |s_0| = 1
    moved_axes = box.live.frame
    s = np.column_stack([line.get_ydata() for line in moved_axes[0].lines[:2]])
    np.testing.assert_allclose(np.linalg.norm(s, axis=1), 1.0)
    np.testing.assert_allclose(s, driven_rotation(30, 1.0, 0.6, 0.0))


def test_rotation_explorer_axes_keep_a_round_range_that_holds_the_run():
    from lecturelib.drawing.dynamics import round_range
    from lecturelib.widgets import rotation_explorer

    box = rotation_explorer()
    traj, phase = box.live.frame
    for rho in (0.8, 0.93, 0.94, 1.0, 1.05):
        box.rho.value = rho
        lo, hi = traj.get_ylim()
        s = np.column_stack([line.get_ydata() for line in traj.lines[:2]])
        assert lo == -hi and np.abs(s).max() <= 0.92 * hi  # symmetric, nothing clipped, a margin
        assert np.abs(s).max() > 0.92 * hi / 2.5  # and not far too wide: the next smaller round range would clip
        assert phase.get_xlim() == phase.get_ylim() == (lo, hi) == round_range(s)
    box.rho.value = 0.93
    before = traj.get_ylim()
    box.rho.value = 0.94  # a small change of the system: the same axes, so the growth shows
    assert traj.get_ylim() == before


def test_logistic_explorer_redraws_for_r_and_s0():
    from lecturelib.widgets import logistic_explorer

    box = logistic_explorer(steps=40, r=2.8)
    frames = [box.live.png]
    box.r.value = 3.9
    frames.append(box.live.png)
    box.s0.value = 0.21
    frames.append(box.live.png)
    box.slider.value = 3
    frames.append(box.live.png)
    assert len(set(frames)) == 4
    ghost = box.live.frame[0].lines[0].get_ydata()
    np.testing.assert_allclose(ghost, d.logistic_map(3.9, 0.21, 40))


def test_explorers_reject_bad_parameters():
    from lecturelib.widgets import logistic_explorer, rotation_explorer

    with pytest.raises(ValueError, match="rho must be a number in"):
        rotation_explorer(rho=1.5)
    with pytest.raises(ValueError, match="steps must be an int"):
        rotation_explorer(steps=1)
    with pytest.raises(ValueError, match="r must be a number in"):
        logistic_explorer(r=4.2)
