"""s_t = f_t(s_{t-1}, a_t; theta_t): a general discrete-time dynamical system, run as code.

The lecture's equation leaves three things free to change with the step t: the state
space (the shape of s_t), the action space (the shape of a_t) and the transition
f_t with its parameters theta_t. ``simulate`` allows all three: the transition is a
Python function that receives t, the actions may have a different length at each step,
the parameters may be a function of t, and the state returned by f may change shape.

Ready examples (each a transition ``f(t, s_prev, a_t, theta_t)`` plus a short runner):
  damped rotation      s_t = rho R(omega) s_{t-1} + b a_t           (2-D, driven by a control)
  logistic map         s_t = r s_{t-1} (1 - s_{t-1})                 (fixed point ... chaos)
  drifting rotation    same as the damped rotation, but rho_t, omega_t change with t
  growing memory       s_t = [lam s_{t-1}, a_t]                      (state space grows with t)
  variable sensors     s_t = (1 - alpha) s_{t-1} + alpha mean(a_t)   (a_t has k_t entries)

States are 1-D arrays (one system, not a batch): s_t has shape (S_t,), a_t (A_t,).
numpy only. Source: the lecture, section "Sequences"; Goodfellow et al. (2016), sec. 10.1.
"""
from __future__ import annotations

import numpy as np

from . import _validate as v

__all__ = [
    "simulate", "stack", "damped_rotation_step", "rotation_params", "damped_rotation",
    "logistic_step", "logistic_map", "logistic_fixed_point", "logistic_tails",
    "drifting_params", "drifting_rotation", "growing_memory_step", "growing_memory",
    "sensor_average_step", "variable_sensors",
]


# --------------------------------------------------------------------------- the simulator
def _as_state(name, value, allow_empty=False):
    arr = v.as_float_array(name, value, ndim=(0, 1), allow_empty=allow_empty)
    return arr.reshape(-1)  # a scalar state becomes shape (1,)


def _checked_inputs(f, s0, steps, actions):
    """Check simulate's arguments; return s_0 (S_0,), the list a (a[t - 1] is a_t, or None) and tau."""
    if not callable(f):
        raise TypeError(f"f must be a function f(t, s_prev, a_t, theta_t), got {type(f).__name__}")
    tau = v.check_positive_int("steps", steps)
    s_0 = _as_state("s0", s0)
    if actions is None:
        return s_0, [None] * tau, tau
    if isinstance(actions, (str, bytes, dict)) or not hasattr(actions, "__len__"):
        raise TypeError(f"actions must be a sequence of {tau} actions (or None), got {type(actions).__name__}")
    if len(actions) != tau:
        raise ValueError(f"actions must hold one action per step, i.e. {tau} (= steps), got {len(actions)}")
    return s_0, [_as_state(f"actions[{i}]", a_t, allow_empty=True) for i, a_t in enumerate(actions)], tau


def _checked_state(s_t, t):
    """The state f returned at step t as a 1-D float array; a clear error naming t otherwise."""
    return _as_state(f"the state returned by f at t={t}", s_t)


def simulate(f, s0, steps, *, actions=None, theta=None):
    """s_t = f_t(s_{t-1}, a_t; theta_t) for t = 1..steps; returns [s_0, s_1, ..., s_tau].

    f        callable ``f(t, s_prev, a_t, theta_t) -> s_t``; it receives t, so it may
             behave differently at every step (the transition depends on t).
    s0       initial state, shape (S_0,) (a number counts as shape (1,)).
    steps    tau, the number of transitions.
    actions  None (no control: a_t is None), or a sequence of exactly ``steps`` items;
             item t-1 is a_t, shape (A_t,); A_t may differ from step to step.
    theta    None, a constant (same parameters at every step) or a callable
             ``theta(t) -> theta_t`` (parameters that depend on t).

    Returns a list of steps + 1 float arrays; the shapes may differ (state space
    depending on t). ``stack`` turns it into an array when all shapes agree.
    """
    s_0, a, tau = _checked_inputs(f, s0, steps, actions)  # tau = steps; a[t - 1] is a_t
    states = [s_0]                                        # states[t] will hold s_t
    for t in range(1, tau + 1):
        theta_t = theta(t) if callable(theta) else theta
        s_t = f(t, states[t - 1], a[t - 1], theta_t)      # s_t = f_t(s_{t-1}, a_t; theta_t)
        states.append(_checked_state(s_t, t))             # a vector of finite numbers, or an error naming t
    return states


def stack(states):
    """Stack a list of states of equal shape (S,) into an array (tau + 1, S)."""
    if not isinstance(states, (list, tuple)) or len(states) == 0:
        raise TypeError(f"states must be a non-empty list of arrays, got {type(states).__name__}")
    first = np.shape(states[0])
    for t, s in enumerate(states):
        if np.shape(s) != first:
            raise ValueError(
                f"states cannot be stacked: s_0 has shape {first} but s_{t} has shape {np.shape(s)} "
                "(the state space changes with t)"
            )
    return np.array(states, dtype=np.float64)


# ----------------------------------------------------------------- damped rotation (2-D)
def rotation_params(rho=0.95, omega=0.3, b=(1.0, 0.0)):
    """theta = {rho, omega, b, A = rho R(omega)}: a rotation by omega radians, shrunk by rho per step.

    The step uses rho and omega only through A, which is built here once rather than at every step.
    """
    rho = v.check_positive_float("rho", rho)
    if isinstance(omega, bool) or not np.isscalar(omega) or not np.isfinite(omega):
        raise ValueError(f"omega must be a finite number (radians per step), got {omega!r}")
    b = v.as_float_array("b", b, ndim=1)
    v.check_shape("b", b, (2,))
    c, s = np.cos(omega), np.sin(omega)
    return {"rho": rho, "omega": float(omega), "b": b, "A": rho * np.array([[c, -s], [s, c]])}


def _one_number(name, value, t):
    """The single entry of a one-entry action; a clear error naming the step otherwise."""
    if np.size(value) != 1:
        raise ValueError(f"{name} at t={t} must hold one number (a scalar control), got shape {np.shape(value)}")
    return float(np.reshape(value, -1)[0])


def damped_rotation_step(t, s_prev, a_t, theta):
    """s_t = A s_{t-1} + b a_t with A = rho R(omega); a_t is a scalar control (or None)."""
    A, b = theta["A"], theta["b"]  # A = rho R(omega), built once from theta's rho and omega
    s_t = A @ s_prev
    if a_t is not None:  # a_t arrives as a vector with one entry
        s_t = s_t + b * _one_number("a_t", a_t, t)
    return s_t


def damped_rotation(steps, *, rho=0.95, omega=0.3, s0=(1.0, 0.0), b=(1.0, 0.0), actions=None):
    """Run the damped rotation from s_0 = s0, pushed along b by the actions; returns states (steps + 1, 2)."""
    theta = rotation_params(rho, omega, b)
    return stack(simulate(damped_rotation_step, s0, steps, actions=actions, theta=theta))


# ------------------------------------------------------------------------ logistic map
def logistic_step(t, s_prev, a_t, r):
    """s_t = r s_{t-1} (1 - s_{t-1}); theta_t is the growth rate r (a number in [0, 4])."""
    return r * s_prev * (1.0 - s_prev)


def _check_r(r):
    if isinstance(r, bool) or not np.isscalar(r) or not (0.0 <= float(r) <= 4.0):
        raise ValueError(f"r must be a number in [0, 4] (so that s stays in [0, 1]), got {r!r}")
    return float(r)


def logistic_map(r, s0, steps):
    """s_t = r s_{t-1} (1 - s_{t-1}) for t = 1..steps; returns s_{0:tau}, shape (steps + 1,)."""
    r = _check_r(r)
    if isinstance(s0, bool) or not np.isscalar(s0) or not (0.0 <= float(s0) <= 1.0):
        raise ValueError(f"s0 must be a number in [0, 1], got {s0!r}")
    return stack(simulate(logistic_step, s0, steps, theta=r))[:, 0]


def logistic_fixed_point(r):
    """The non-zero fixed point s* = 1 - 1/r (solves s = r s (1 - s)); stable for 1 < r < 3."""
    r = _check_r(r)
    if r <= 1.0:
        raise ValueError(f"r must be > 1 for a non-zero fixed point, got {r}")
    return 1.0 - 1.0 / r


def logistic_tails(r_values, *, s0=0.2, transient=300, keep=100):
    """Where the logistic map settles: for each r, s_t for the ``keep`` steps after ``transient``.

    Vectorised over r (all maps run side by side). Returns an array (R, keep): one
    value per row for a fixed point, 2, 4, ... for cycles, a spread for chaos.
    """
    r = v.as_float_array("r_values", r_values, ndim=1)
    if r.min() < 0 or r.max() > 4:
        raise ValueError(f"r_values must lie in [0, 4], got values from {r.min()} to {r.max()}")
    transient = v.check_positive_int("transient", transient)
    keep = v.check_positive_int("keep", keep)
    s = np.full_like(r, float(s0))
    for _ in range(transient):
        s = r * s * (1.0 - s)
    out = np.empty((r.size, keep))
    for k in range(keep):
        s = r * s * (1.0 - s)
        out[:, k] = s
    return out


# ------------------------------------------------- parameters that drift with t
def drifting_params(steps, *, rho=(0.90, 1.0), omega=(0.15, 0.6), b=(1.0, 0.0)):
    """theta(t): rho_t and omega_t move linearly from their first to their last value over 1..steps."""
    tau = v.check_positive_int("steps", steps)
    (r0, r1), (w0, w1) = rho, omega

    def theta(t):
        frac = (t - 1) / max(tau - 1, 1)
        return rotation_params(r0 + frac * (r1 - r0), w0 + frac * (w1 - w0), b)

    return theta


def drifting_rotation(steps, *, rho=(0.90, 1.0), omega=(0.15, 0.6), s0=(1.0, 0.0), actions=None):
    """The damped rotation with theta_t drifting over time; returns states (steps + 1, 2)."""
    theta = drifting_params(steps, rho=rho, omega=omega)
    return stack(simulate(damped_rotation_step, s0, steps, actions=actions, theta=theta))


# ------------------------------------------------- a state space that grows with t
def growing_memory_step(t, s_prev, a_t, lam):
    """s_t = [lam s_{t-1}, a_t]: keep every past input (faded by lam), append the new one.

    dim s_t = dim s_{t-1} + dim a_t, so the state space changes at every step.
    """
    if a_t is None:
        raise ValueError(f"growing_memory_step needs an action a_t at t={t}, got None")
    return np.concatenate([lam * s_prev, a_t])


def growing_memory(actions, *, lam=0.8):
    """Run the growing memory from an empty-ish start s_0 = [0]; returns the list of states.

    With scalar actions, s_t has 1 + t entries.
    """
    lam = v.check_positive_float("lam", lam, allow_zero=True)
    if actions is None or not hasattr(actions, "__len__") or len(actions) == 0:
        raise ValueError("actions must be a non-empty sequence (one action per step)")
    return simulate(growing_memory_step, [0.0], len(actions), actions=actions, theta=lam)


# ------------------------------------------------- an action space that changes with t
def sensor_average_step(t, s_prev, a_t, alpha):
    """s_t = (1 - alpha) s_{t-1} + alpha mean(a_t): a_t holds the k_t readings that arrived at step t.

    k_t may differ at every step (sensors join and drop out); with k_t = 0 the state is kept.
    """
    if a_t is None or a_t.size == 0:
        return s_prev.copy()
    return (1.0 - alpha) * s_prev + alpha * np.mean(a_t)


def variable_sensors(steps, *, rng, truth=None, max_sensors=5, noise=1.0, alpha=0.3):
    """Noisy readings of a slowly varying quantity from a changing number of sensors.

    Returns (readings, states): ``readings`` is a list of ``steps`` arrays a_t of shape
    (k_t,) with k_t in 1..max_sensors, ``states`` the smoothed estimate, shape (steps + 1,).
    ``truth`` (steps,) is the measured quantity; default a slow sine around 10.
    """
    tau = v.check_positive_int("steps", steps)
    rng = v.check_rng(rng)
    k_max = v.check_positive_int("max_sensors", max_sensors)
    if truth is None:
        truth = 10.0 + 2.0 * np.sin(2 * np.pi * np.arange(1, tau + 1) / 60.0)
    truth = v.as_float_array("truth", truth, ndim=1)
    v.check_shape("truth", truth, (tau,))
    counts = rng.integers(1, k_max + 1, size=tau)
    readings = [truth[i] + noise * rng.standard_normal(k) for i, k in enumerate(counts)]
    states = simulate(sensor_average_step, [readings[0].mean()], tau, actions=readings, theta=alpha)
    return readings, stack(states)[:, 0]
