"""Drawings for vanishing and exploding gradients: eigenvalues against the unit circle,
Jacobian norms against the lag on a log scale, and the widget's two-panel frame."""
from __future__ import annotations

import numpy as np

from . import style

C = style.OKABE_ITO


def _check_ax(ax):
    if not hasattr(ax, "plot"):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")


def draw_eigenvalues(ax, eigvals, *, limit: float = 2.2, title: str | None = None):
    """Eigenvalues of W in the complex plane with the unit circle |lambda| = 1.

    Eigenvalues inside the circle are blue dots, those outside (|lambda| > 1) vermillion
    triangles; a dotted circle marks the spectral radius rho. Returns the list of artists.
    """
    _check_ax(ax)
    lam = np.asarray(eigvals)
    if lam.ndim != 1 or lam.size == 0 or not np.all(np.isfinite(lam)):
        raise ValueError(f"eigvals must be a non-empty 1-D array of finite numbers, got shape {lam.shape}")
    if not limit > 0:
        raise ValueError(f"limit must be > 0, got {limit}")
    theta = np.linspace(0, 2 * np.pi, 200)
    rho = float(np.max(np.abs(lam)))
    ring = C["vermillion"] if rho > 1.0 else C["blue"]
    artists = ax.plot(np.cos(theta), np.sin(theta), color=C["black"], lw=1.2)
    artists += ax.plot(rho * np.cos(theta), rho * np.sin(theta), color=ring, lw=1.2, ls=":")
    inside = np.abs(lam) <= 1.0
    artists.append(ax.scatter(lam.real[inside], lam.imag[inside], s=18, color=C["blue"], zorder=3))
    artists.append(ax.scatter(lam.real[~inside], lam.imag[~inside], s=22, color=C["vermillion"], marker="^", zorder=3))
    d = np.sqrt(0.5)
    artists.append(ax.text(-d, d + 0.05, "|λ| = 1 ", ha="right", va="bottom", fontsize=9,
                           bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1}))
    artists.append(ax.text(rho * d, -rho * d - 0.05, f" ρ = {rho:.2f}", ha="left", va="top", fontsize=9, color=ring,
                           bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1}))
    ax.axhline(0, color="0.85", lw=0.8, zorder=0)
    ax.axvline(0, color="0.85", lw=0.8, zorder=0)
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit, limit)
    ax.set_aspect("equal")
    ax.set_xlabel("Re λ")
    ax.set_ylabel("Im λ")
    ax.set_title(title or "eigenvalues of W")
    return artists


def draw_norm_curve(ax, lags, log10_norms, *, label: str, color=None, ls="-"):
    """One curve log10 ||dh_t/dh_{t-l}|| against the lag l = t - k.

    The y axis holds log10 values (so 1e-300 and 1e+300 stay finite and the frame draws
    fast); ``_style_norm_axes`` labels its ticks as powers of ten. Returns the artists.
    """
    _check_ax(ax)
    lags = np.asarray(lags, dtype=float)
    y = np.asarray(log10_norms, dtype=float)
    if lags.ndim != 1 or y.shape != lags.shape:
        raise ValueError(f"lags and log10_norms must be 1-D of the same length, got {lags.shape} and {y.shape}")
    if not np.all(np.isfinite(y)):
        raise ValueError("log10_norms must be finite")
    return ax.plot(lags, y, label=label, color=color, ls=ls, lw=2)


def _style_norm_axes(ax, T, ylim, step=5):
    """Fixed limits and plain-text power-of-ten tick labels (cheap to draw, unlike mathtext ticks)."""
    lo, hi = int(np.floor(np.log10(ylim[0]))), int(np.ceil(np.log10(ylim[1])))
    ticks = np.arange(-(-lo // step) * step, hi + 1, step)  # multiples of step inside [lo, hi]
    ax.axhline(0.0, color="0.5", lw=0.8, ls="--")
    ax.set_xlim(0, T)
    ax.set_ylim(lo, hi)
    ax.set_yticks(ticks, [f"1e{k:+d}" if k else "1" for k in ticks])
    ax.set_xlabel(r"lag $t - k$ (steps back from the last state $h_t$)")
    ax.set_ylabel(r"$\|\partial h_t / \partial h_k\|_2$")
    ax.grid(True, axis="y", alpha=0.3)


def draw_norms_for_radii(ax, lags, curves: dict, *, ylim=(1e-16, 1e16), title=None):
    """Several curves, one per label in ``curves`` = {label: log10 norms (T+1,)}, in palette order."""
    _check_ax(ax)
    if not isinstance(curves, dict) or not curves:
        raise ValueError("curves must be a non-empty dict {label: log10 norms}")
    artists = []
    for i, (label, y) in enumerate(curves.items()):
        artists += draw_norm_curve(ax, lags, y, label=label, color=style.CYCLE[i % len(style.CYCLE)])
    _style_norm_axes(ax, float(np.max(lags)), ylim)
    ax.legend(fontsize=8, loc="best")
    if title:
        ax.set_title(title)
    return artists


def draw_spectral_frame(fig, sweep: dict, index: int, *, show=("linear", "tanh"), ylim=(1e-16, 1e16),
                        margins=None):
    """The widget's frame: eigenvalues of W at radius sweep["rho"][index] and the norm curves.

    ``sweep`` is the dict of ``jacobians.radius_sweep``; ``show`` picks the curves
    ("linear": ||W^l||, the clean case; "tanh": the real RNN, mean over examples in log10).
    ``margins``: optional dict of gridspec positions (left, right, bottom, top, wspace) for
    a figure without a layout engine. Returns (ax_eig, ax_norm).
    """
    for key in ("rho", "lags", "log10_linear", "log10_tanh", "eigvals"):
        if not isinstance(sweep, dict) or key not in sweep:
            raise ValueError(f"sweep must be the dict from jacobians.radius_sweep, missing {key!r}")
    n = len(sweep["rho"])
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or not 0 <= index < n:
        raise ValueError(f"index must be an int in [0, {n}), got {index!r}")
    show = tuple(show)
    for s in show:
        if s not in ("linear", "tanh"):
            raise ValueError(f"show must contain only 'linear' and 'tanh', got {s!r}")
    rho = float(sweep["rho"][index])
    ax_eig, ax_norm = fig.subplots(1, 2, width_ratios=[1, 1.7], gridspec_kw=margins)
    draw_eigenvalues(ax_eig, sweep["eigvals"] * rho, title="eigenvalues of W (▲: |λ| > 1)")
    lags = sweep["lags"]
    if "linear" in show:
        draw_norm_curve(ax_norm, lags, sweep["log10_linear"][index], label=r"linear RNN: $\|W^{t-k}\|_2$", color=C["blue"])
    if "tanh" in show:
        draw_norm_curve(ax_norm, lags, sweep["log10_tanh"][index], label="tanh RNN (average of log over inputs)",
                        color=C["orange"])
    draw_norm_curve(ax_norm, lags, lags * np.log10(rho), label=r"$\rho^{t-k}$", color=C["black"], ls=":")
    _style_norm_axes(ax_norm, float(lags[-1]), ylim)
    verdict = "vanishing (ρ < 1)" if rho < 1 else ("exploding (ρ > 1)" if rho > 1 else "on the border (ρ = 1)")
    ax_norm.set_title(f"gradient flow back in time: {verdict}")
    ax_norm.legend(fontsize=8, loc="upper left")
    return ax_eig, ax_norm
