"""State-evolution players: Play + step slider over s_{0:tau}, trajectory and phase portrait.

``state_player`` replays given states; ``rotation_explorer`` and ``logistic_explorer`` add
sliders for the system's parameters and rerun the system whenever one moves. Wiring only:
the frames are ``lecturelib.drawing.dynamics.render_state`` and ``render_logistic``.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import _validate as v
from .. import dynamics
from ..drawing.dynamics import move_logistic, move_state, render_logistic, render_state
from ._base import LiveFigure, play_controls

__all__ = ["state_player", "rotation_explorer", "logistic_explorer"]


def state_player(states, *, labels=None, title=None, interval_ms=150, start=0):
    """Step or play through s_0 .. s_tau. states (tau + 1, S) or (tau + 1,).

    Returns a VBox with attributes ``slider``, ``play`` and ``live`` (``live.png`` is the
    last frame drawn); moving the slider redraws.
    """
    s = v.as_float_array("states", states, ndim=(1, 2))
    n = s.shape[0]
    if isinstance(start, bool) or not isinstance(start, (int, np.integer)) or not 0 <= start < n:
        raise ValueError(f"start must be an int in [0, {n - 1}], got {start!r}")
    figsize = (9.0, 3.4) if s.ndim == 2 and s.shape[1] == 2 else (8.0, 3.2)
    live = LiveFigure(lambda fig, t: render_state(fig, s, t, labels=labels, title=title), figsize=figsize)
    play, slider, controls = play_controls(n, value=int(start), interval_ms=interval_ms)
    slider.observe(lambda change: live.update(t=int(change["new"])), names="value")
    live.update(t=int(start))
    box = widgets.VBox([controls, live.image])
    box.slider, box.play, box.live = slider, play, live
    return box


def _param_slider(description, value, lo, hi, step, fmt=".2f"):
    return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=description,
                               readout_format=fmt, continuous_update=True, style={"description_width": "initial"},
                               layout=widgets.Layout(width="300px"))


def _moving(axes):
    """What ``move_state`` / ``move_logistic`` change: the lines, the titles and the legends (their labels name t)."""
    artists = []
    for ax in axes:
        artists += [*ax.lines, ax.title]
        if ax.get_legend() is not None:
            artists.append(ax.get_legend())
    return artists


def _check_steps(steps):
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or not 2 <= steps <= 400:
        raise ValueError(f"steps must be an int in [2, 400], got {steps!r}")
    return int(steps)


def driven_rotation(steps, rho, omega, push):
    """The damped rotation of notebook 01 driven by a_t = push * cos(omega * t), in step with the turn."""
    actions = push * np.cos(omega * np.arange(1, steps + 1))
    return dynamics.damped_rotation(steps, rho=rho, omega=omega, actions=actions[:, None])


def rotation_explorer(*, steps=80, rho=0.93, omega=0.3, push=0.15, interval_ms=150):
    """s_t = rho R(omega) s_{t-1} + b a_t with a_t = push cos(omega t): sliders for rho, omega and the push.

    Moving a parameter reruns the system and redraws the trajectory and the phase portrait
    (the whole run faint, steps 0..t bold); Play and the step slider walk through t. The state
    axes span a round range (``round_range``) that changes only when the run outgrows it or
    shrinks well inside it.
    Returns a VBox with ``slider`` (the step), ``play``, ``rho``, ``omega``, ``push`` and ``live``.
    """
    steps = _check_steps(steps)
    for name, value, lo, hi in (("rho", rho, 0.8, 1.05), ("omega", omega, 0.05, 1.0), ("push", push, 0.0, 0.5)):
        if isinstance(value, bool) or not np.isscalar(value) or not lo <= float(value) <= hi:
            raise ValueError(f"{name} must be a number in [{lo}, {hi}], got {value!r}")
    rho_s = _param_slider("ρ (shrink per step)", float(rho), 0.8, 1.05, 0.01)
    omega_s = _param_slider("ω (turn per step)", float(omega), 0.05, 1.0, 0.05)
    push_s = _param_slider("push (size of a_t)", float(push), 0.0, 0.5, 0.05)
    play, slider, controls = play_controls(steps + 1, value=steps, interval_ms=interval_ms)
    run = {"states": None}

    def rerun():
        run["states"] = driven_rotation(steps, rho_s.value, omega_s.value, push_s.value)

    def ranged(axes):  # the state axes' ticks change only with the round range of the run
        return axes[0].get_ylim(), [axes[0].yaxis, axes[1].xaxis, axes[1].yaxis]

    live = LiveFigure(lambda fig, t: render_state(fig, run["states"], t, ghost=True, round_limits=True),
                      move=lambda axes, t: move_state(axes, run["states"], t, round_limits=True), animated=_moving,
                      semistatic=ranged, watch_limits=False, figsize=(9.0, 3.4))

    def on_param(change):
        rerun()
        live.clear_cache()  # the frames of the old run are stale
        live.update(t=int(slider.value))

    for s_ in (rho_s, omega_s, push_s):
        s_.observe(on_param, names="value")
    slider.observe(lambda change: live.update(t=int(change["new"])), names="value")
    rerun()
    live.update(t=steps)
    box = widgets.VBox([widgets.HBox([rho_s, omega_s, push_s]), controls, live.image])
    box.slider, box.play, box.live = slider, play, live
    box.rho, box.omega, box.push = rho_s, omega_s, push_s
    return box


def logistic_explorer(*, steps=60, r=3.2, s0=0.2, interval_ms=150):
    """s_t = r s_{t-1} (1 - s_{t-1}): sliders for r and s_0; trajectory and cobweb redrawn on every move.

    Returns a VBox with ``slider`` (the step), ``play``, ``r``, ``s0`` and ``live``.
    """
    steps = _check_steps(steps)
    for name, value, lo, hi in (("r", r, 2.5, 4.0), ("s0", s0, 0.01, 0.99)):
        if isinstance(value, bool) or not np.isscalar(value) or not lo <= float(value) <= hi:
            raise ValueError(f"{name} must be a number in [{lo}, {hi}], got {value!r}")
    r_s = _param_slider("growth rate r", float(r), 2.5, 4.0, 0.01)
    s0_s = _param_slider("start s₀", float(s0), 0.01, 0.99, 0.01)
    play, slider, controls = play_controls(steps + 1, value=steps, interval_ms=interval_ms)
    run = {"states": None}

    def rerun():
        run["states"] = dynamics.logistic_map(r_s.value, s0_s.value, steps)

    live = LiveFigure(lambda fig, t: render_logistic(fig, r_s.value, run["states"], t),
                      move=lambda axes, t: move_logistic(axes, r_s.value, run["states"], t), animated=_moving,
                      figsize=(9.0, 3.4))

    def on_param(change):
        rerun()
        live.clear_cache()  # the frames of the old run are stale
        live.update(t=int(slider.value))

    for s_ in (r_s, s0_s):
        s_.observe(on_param, names="value")
    slider.observe(lambda change: live.update(t=int(change["new"])), names="value")
    rerun()
    live.update(t=steps)
    box = widgets.VBox([widgets.HBox([r_s, s0_s]), controls, live.image])
    box.slider, box.play, box.live = slider, play, live
    box.r, box.s0 = r_s, s0_s
    return box
