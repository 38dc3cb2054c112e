"""Heat strips of gate activations over a sequence, shared by the LSTM and GRU drawings.

One strip per quantity (a gate, a candidate, a state): an image with one row per hidden
unit and one column per step t = 1..T. Steps after the current one are left blank and the
current step's column is framed, so a Play button can reveal the sequence step by step.
``draw_gate_strips`` lays the frame out once; ``update_gate_strips`` only moves the data
(cheap enough for a widget), and ``set_gate_strip_values`` swaps in the values of another
run of the same shape (e.g. the same sequence with a different first input). Gates in (0, 1) use the sequential map, signed quantities
(candidates, cell and hidden states, inputs) the diverging one, both from ``style``.
"""
from __future__ import annotations

import math

import matplotlib as mpl
import numpy as np
from matplotlib.patches import Rectangle

from . import style

__all__ = ["StripSpec", "draw_gate_strip", "draw_gate_strips", "update_gate_strips", "set_gate_strip_values"]

BLANK = "#eeeeee"  # steps not reached yet
TICK_FONTSIZE = 9  # unit labels, step numbers and colour-bar ticks: legible when the figure is scaled to a slide


class StripSpec:
    """How to show one quantity: its label, colour range and colour map."""

    def __init__(self, label: str, vmin: float, vmax: float, cmap: str):
        if not vmax > vmin:
            raise ValueError(f"vmax must be larger than vmin, got {vmin} and {vmax}")
        self.label, self.vmin, self.vmax, self.cmap = label, float(vmin), float(vmax), cmap

    @classmethod
    def gate(cls, label):
        """A sigmoid gate: values in (0, 1), sequential colours."""
        return cls(label, 0.0, 1.0, style.SEQUENTIAL_CMAP)

    @classmethod
    def signed(cls, label, values=None, *, limit=1.0):
        """A signed quantity: symmetric range [-m, m], m = max(limit, max |values|), diverging colours."""
        m = limit if values is None else max(limit, float(np.max(np.abs(values))))
        return cls(label, -m, m, style.DIVERGING_CMAP)


def _check_ax(ax):
    if not hasattr(ax, "imshow"):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")


def _check_values(name, values):
    arr = np.asarray(values, dtype=float)
    if arr.ndim != 2 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty (T, H) array (steps, units), got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite")
    return arr


def _check_t(t, T):
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or not 1 <= t <= T:
        raise ValueError(f"t must be an int step in 1..{T}, got {t!r}")
    return int(t)


def _masked(values, t):
    """values (T, H) -> image (H, T) with the steps after t masked."""
    img = np.ma.masked_array(values.T.copy(), mask=np.zeros(values.T.shape, dtype=bool))
    img.mask[:, t:] = True
    return img


def draw_gate_strip(ax, values, spec: StripSpec, t: int, *, show_xticks=True, colorbar=True):
    """One strip: values (T, H) as H rows x T columns, steps > t blank, column t framed.

    Returns a dict with the artists: "image", "frame" (the Rectangle), "values", "ax".
    """
    _check_ax(ax)
    vals = _check_values("values", values)
    T, H = vals.shape
    t = _check_t(t, T)
    cmap = mpl.colormaps[spec.cmap].with_extremes(bad=BLANK)
    image = ax.imshow(_masked(vals, t), aspect="auto", cmap=cmap, vmin=spec.vmin, vmax=spec.vmax,
                      extent=(0.5, T + 0.5, H + 0.5, 0.5), interpolation="nearest")
    frame = Rectangle((t - 0.5, 0.5), 1.0, H, fill=False, edgecolor=style.OKABE_ITO["vermillion"], lw=2.2,
                      zorder=3)
    ax.add_patch(frame)
    ax.set_title(spec.label, loc="left", fontsize=10, pad=3)
    ax.set_yticks([1, H] if H > 1 else [1], ["unit 1", f"{H}"] if H > 1 else ["unit 1"], fontsize=TICK_FONTSIZE)
    step = max(1, int(math.ceil(T / 10)))
    ax.set_xticks(np.arange(1, T + 1, step))
    ax.tick_params(axis="x", labelbottom=show_xticks, labelsize=TICK_FONTSIZE)
    for side in ("top", "right"):
        ax.spines[side].set_visible(True)
    if colorbar:
        cb = ax.figure.colorbar(image, ax=ax, fraction=0.05, pad=0.01, aspect=8)
        cb.ax.tick_params(labelsize=TICK_FONTSIZE)
    return {"image": image, "frame": frame, "values": vals, "ax": ax}


def step_title(fmt: str, t: int) -> str:
    """The frame title ``fmt`` ("... steps 1..{t}") at step t; at t = 1 it reads "step 1", not "steps 1..1"."""
    return (fmt.replace("steps 1..{t}", "step {t}") if t == 1 else fmt).format(t=t)


def draw_gate_strips(fig, strips: dict, specs: dict, t: int, *, x=None, ncols: int = 2, title=None):
    """A frame of several strips (a grid with ``ncols`` columns) and, on top, the input x.

    ``strips`` = {name: (T, H) values}, ``specs`` = {name: StripSpec} for every name; ``x``
    (T, D) or (T,) is drawn as a strip on top of every column (so the steps line up). Returns a frame dict for
    ``update_gate_strips``: {"strips": [...], "t": t, "T": T, "title": Text or None}.
    """
    if not hasattr(fig, "add_gridspec"):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    if not isinstance(strips, dict) or not strips:
        raise ValueError("strips must be a non-empty dict {name: (T, H) values}")
    missing = [k for k in strips if k not in specs]
    if missing:
        raise ValueError(f"specs has no entry for {missing}")
    values = {k: _check_values(f"strips[{k!r}]", val) for k, val in strips.items()}
    lengths = {val.shape[0] for val in values.values()}
    if len(lengths) != 1:
        raise ValueError(f"every strip needs the same number of steps T, got {sorted(lengths)}")
    T = lengths.pop()
    t = _check_t(t, T)
    if isinstance(ncols, bool) or not isinstance(ncols, int) or ncols < 1:
        raise ValueError(f"ncols must be a positive int, got {ncols!r}")
    nrows = int(math.ceil(len(values) / ncols))
    has_x = x is not None
    ratios = ([0.45] if has_x else []) + [1.0] * nrows
    grid = fig.add_gridspec(len(ratios), ncols, height_ratios=ratios)
    drawn, names = [], []  # names[k]: the key of strips shown by drawn[k], None for a copy of x
    if has_x:
        xs = np.asarray(x, dtype=float)
        xs = xs[:, None] if xs.ndim == 1 else xs
        xs = _check_values("x", xs)
        if xs.shape[0] != T:
            raise ValueError(f"x must have T = {T} steps like the strips, got {xs.shape[0]}")
        for col in range(ncols):  # one copy above each column, so step t lines up everywhere
            ax = fig.add_subplot(grid[0, col])
            drawn.append(draw_gate_strip(ax, xs, StripSpec.signed("input $x_t$", xs), t, show_xticks=False))
            names.append(None)
            ax.set_yticks([])
    for k, (name, val) in enumerate(values.items()):
        row, col = divmod(k, ncols)
        ax = fig.add_subplot(grid[row + int(has_x), col])
        last_row = row == nrows - 1 or (row == nrows - 2 and k + ncols >= len(values))
        drawn.append(draw_gate_strip(ax, val, specs[name], t, show_xticks=last_row))
        names.append(name)
        if last_row:
            ax.set_xlabel("step $t$", fontsize=9)
    text = fig.suptitle(step_title(title, t) if title else "", fontsize=12)
    return {"strips": drawn, "names": names, "t": t, "T": T, "title": text, "title_fmt": title}


def update_gate_strips(frame: dict, t: int) -> dict:
    """Show steps 1..t and frame column t in a frame from ``draw_gate_strips`` (no new layout)."""
    if not isinstance(frame, dict) or "strips" not in frame:
        raise ValueError("frame must be the dict returned by draw_gate_strips")
    t = _check_t(t, frame["T"])
    for strip in frame["strips"]:
        strip["image"].set_data(_masked(strip["values"], t))
        strip["frame"].set_x(t - 0.5)
    if frame["title_fmt"]:
        frame["title"].set_text(step_title(frame["title_fmt"], t))
    frame["t"] = t
    return frame


def set_gate_strip_values(frame: dict, strips: dict, *, x=None) -> dict:
    """Put new values into a frame from ``draw_gate_strips``: ``strips`` = {name: (T, H) values}
    for every strip of the frame, ``x`` for the input strip if the frame has one, each of the
    shape drawn before. Layout and colour ranges stay; call ``update_gate_strips`` to show them.
    """
    if not isinstance(frame, dict) or "strips" not in frame or "names" not in frame:
        raise ValueError("frame must be the dict returned by draw_gate_strips")
    if not isinstance(strips, dict):
        raise TypeError(f"strips must be a dict {{name: (T, H) values}}, got {type(strips).__name__}")
    new = []
    for strip, name in zip(frame["strips"], frame["names"]):
        if name is None:
            if x is None:
                raise ValueError("x is required: the frame shows the input")
            vals = np.asarray(x, dtype=float)
            vals = _check_values("x", vals[:, None] if vals.ndim == 1 else vals)
        else:
            if name not in strips:
                raise ValueError(f"strips has no entry for {name!r}")
            vals = _check_values(f"strips[{name!r}]", strips[name])
        if vals.shape != strip["values"].shape:
            raise ValueError(f"{'x' if name is None else f'strips[{name!r}]'} must have shape "
                             f"{strip['values'].shape} like the frame, got {vals.shape}")
        new.append(vals)
    for strip, vals in zip(frame["strips"], new):  # all checked: now swap
        strip["values"] = vals
    return frame
