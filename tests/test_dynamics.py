import numpy as np
import pytest

from lecturelib import dynamics as d


def test_simulate_passes_t_action_and_theta_in_order():
    seen = []

    def f(t, s, a, th):
        seen.append((t, float(a[0]), th))
        return s + a

    states = d.simulate(f, [0.0], 3, actions=[[1.0], [2.0], [3.0]], theta=lambda t: 10 * t)
    assert seen == [(1, 1.0, 10), (2, 2.0, 20), (3, 3.0, 30)]
    np.testing.assert_allclose(d.stack(states)[:, 0], [0, 1, 3, 6])


def test_simulate_constant_theta_and_no_actions():
    states = d.simulate(lambda t, s, a, th: th * s + (a is None), [1.0], 2, theta=0.5)
    np.testing.assert_allclose(d.stack(states)[:, 0], [1.0, 1.5, 1.75])


def test_damped_rotation_matches_closed_form():
    rho, omega = 0.9, 0.4
    s = d.damped_rotation(5, rho=rho, omega=omega, s0=(1.0, 0.0))
    t = np.arange(6)
    np.testing.assert_allclose(s[:, 0], rho**t * np.cos(omega * t), atol=1e-12)
    np.testing.assert_allclose(s[:, 1], rho**t * np.sin(omega * t), atol=1e-12)


def test_damped_rotation_control_enters_through_b():
    s = d.damped_rotation(1, rho=0.5, omega=0.0, s0=(0.0, 0.0), actions=[[2.0]])
    np.testing.assert_allclose(s[1], [2.0, 0.0])
    # another direction b: the push lands along it, from a non-zero start s_0 as well
    s = d.damped_rotation(1, rho=0.5, omega=0.0, s0=(1.0, 1.0), b=(0.0, 3.0), actions=[[2.0]])
    np.testing.assert_allclose(s[1], [0.5, 6.5])


def test_simulate_hands_f_the_previous_state_and_this_steps_action():
    seen = []

    def f(t, s_prev, a_t, theta_t):
        seen.append((t, s_prev.tolist(), a_t.tolist()))
        return s_prev + a_t

    states = d.simulate(f, [1.0, 2.0], 2, actions=[[10.0, 20.0], [30.0, 40.0]])
    assert seen == [(1, [1.0, 2.0], [10.0, 20.0]), (2, [11.0, 22.0], [30.0, 40.0])]
    assert [s.tolist() for s in states] == [[1.0, 2.0], [11.0, 22.0], [41.0, 62.0]]


def test_logistic_map_values_and_fixed_point():
    s = d.logistic_map(3.0, 0.5, 2)
    np.testing.assert_allclose(s, [0.5, 0.75, 0.5625])
    assert d.logistic_fixed_point(2.5) == pytest.approx(0.6)
    assert d.logistic_map(2.5, 0.2, 200)[-1] == pytest.approx(0.6, abs=1e-9)


def test_logistic_tails_fixed_point_cycle_and_chaos():
    tails = d.logistic_tails([2.5, 3.2, 3.9], keep=64)
    assert np.ptp(tails[0]) < 1e-9  # one value: fixed point
    assert len(np.unique(tails[1].round(6))) == 2  # period 2
    assert len(np.unique(tails[2].round(6))) > 30  # chaos


def test_drifting_params_move_from_start_to_end():
    theta = d.drifting_params(11, rho=(0.9, 1.0), omega=(0.1, 0.6))
    A1, A11 = theta(1)["A"], theta(11)["A"]
    assert np.linalg.det(A1) == pytest.approx(0.81)
    assert np.linalg.det(A11) == pytest.approx(1.0)
    assert np.arctan2(A11[1, 0], A11[0, 0]) == pytest.approx(0.6)
    assert theta(11)["rho"] == pytest.approx(1.0) and theta(11)["omega"] == pytest.approx(0.6)  # stored as given too
    s = d.drifting_rotation(10)
    assert s.shape == (11, 2)


def test_growing_memory_state_space_changes_with_t():
    states = d.growing_memory([1.0, 2.0, 3.0], lam=0.5)
    assert [s.shape for s in states] == [(1,), (2,), (3,), (4,)]
    np.testing.assert_allclose(states[3], [0.0, 0.25, 1.0, 3.0])
    with pytest.raises(ValueError, match="states cannot be stacked"):
        d.stack(states)


def test_variable_sensors_action_space_changes_with_t():
    readings, states = d.variable_sensors(40, rng=np.random.default_rng(1), max_sensors=4, alpha=0.3)
    sizes = {len(a) for a in readings}
    assert len(sizes) > 1 and sizes <= {1, 2, 3, 4}
    assert states.shape == (41,)
    assert states[1] == pytest.approx(0.7 * states[0] + 0.3 * readings[0].mean())


def test_sensor_step_keeps_state_for_empty_action():
    states = d.simulate(d.sensor_average_step, [5.0], 2, actions=[[], [7.0]], theta=0.5)
    np.testing.assert_allclose(d.stack(states)[:, 0], [5.0, 5.0, 6.0])


def test_variable_sensors_is_deterministic_under_a_seed():
    a = d.variable_sensors(20, rng=np.random.default_rng(3))[1]
    b = d.variable_sensors(20, rng=np.random.default_rng(3))[1]
    np.testing.assert_array_equal(a, b)


def test_bad_inputs_name_the_argument():
    with pytest.raises(ValueError, match="actions must hold one action per step, i.e. 3"):
        d.simulate(d.damped_rotation_step, [1.0, 0.0], 3, actions=[[1.0]] * 2, theta=d.rotation_params())
    with pytest.raises(TypeError, match="f must be a function"):
        d.simulate("not a function", [1.0], 3)
    with pytest.raises(ValueError, match="s0 must be finite"):
        d.simulate(d.logistic_step, [np.nan], 3, theta=3.0)
    with pytest.raises(ValueError, match="steps must be a positive int"):
        d.simulate(d.logistic_step, [0.1], 0, theta=3.0)
    with pytest.raises(ValueError, match="state returned by f at t=2"):
        d.simulate(lambda t, s, a, th: s if t < 2 else np.array([np.inf]), [1.0], 3)
    with pytest.raises(ValueError, match="r must be a number in"):
        d.logistic_map(5.0, 0.2, 3)
    with pytest.raises(ValueError, match="s0 must be a number in"):
        d.logistic_map(3.0, 1.5, 3)
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        d.variable_sensors(5, rng=0)
    with pytest.raises(ValueError, match="truth must have shape"):
        d.variable_sensors(5, rng=np.random.default_rng(0), truth=np.zeros(4))


def test_damped_rotation_takes_one_number_per_action():
    theta = d.rotation_params(0.5, 0.0, b=(2.0, 0.0))
    s = d.damped_rotation_step(1, np.array([1.0, 0.0]), np.array([3.0]), theta)
    assert s == pytest.approx([0.5 + 6.0, 0.0])
    with pytest.raises(ValueError, match="a_t at t=1 must hold one number"):
        d.damped_rotation_step(1, np.array([1.0, 0.0]), np.array([1.0, 2.0]), theta)
