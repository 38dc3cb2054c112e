"""How each architecture computes its hidden state at step t: the lecture's four panels.

(a) DNN: h from the current input only, h = phi(U x + b);
(b) simple RNN: h_t = tanh(W h_{t-1} + U x_t + b);
(c) LSTM: gates f, i, o and candidate g read [h_{t-1}, x_t]; the cell c_t = f*c_{t-1} + i*g
    runs along an additive path; h_t = o*tanh(c_t);
(d) GRU: reset r and update z read [h_{t-1}, x_t]; candidate n = tanh(U_n x_t + W_n (r*h_{t-1}) + b_n);
    h_t = (1 - z)*n + z*h_{t-1}, an interpolation between old state and candidate.

Each ``draw_*_cell(ax)`` draws one panel on a 10 x 8 canvas and returns its artists;
``FIGURES`` makes images/hidden-state-types.png.
"""
from __future__ import annotations

import math

from matplotlib.colors import to_rgba
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from . import style

__all__ = ["draw_dnn_cell", "draw_rnn_cell", "draw_lstm_cell", "draw_gru_cell",
           "draw_hidden_state_types", "make_hidden_state_types"]

C = style.OKABE_ITO
SIGMOID_FACE = "#cfe8f7"  # light sky blue: gates (sigmoid)
TANH_FACE = "#fbe3b5"  # light orange: tanh layers
STATE_PATH = C["vermillion"]  # the additive cell / interpolation path
WIRE = "#444444"


def _canvas(ax, title):
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 8)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, fontsize=13, loc="left", fontweight="bold")


def _box(ax, xy, text, face, w=1.3, h=0.85, fontsize=12):
    x, y = xy
    patch = FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.05",
                           facecolor=face, edgecolor="black", lw=1.2, zorder=3)
    ax.add_patch(patch)
    label = ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, zorder=4)
    return [patch, label]


def _op(ax, xy, text, r=0.32, fontsize=12):
    """A pointwise operation (product, sum, 1 - z) drawn as a small circle."""
    patch = Circle(xy, r, facecolor="white", edgecolor="black", lw=1.2, zorder=3)
    ax.add_patch(patch)
    label = ax.text(xy[0], xy[1], text, ha="center", va="center", fontsize=fontsize, zorder=4)
    return [patch, label]


def _arrow(ax, start, end, color=WIRE, lw=1.4, style_="-|>", label=None, label_xy=None):
    arrow = FancyArrowPatch(start, end, arrowstyle=style_, mutation_scale=12, color=color, lw=lw,
                            shrinkA=0, shrinkB=0, zorder=2)
    ax.add_patch(arrow)
    out = [arrow]
    if label:
        lx, ly = label_xy if label_xy else ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        out.append(ax.text(lx, ly, label, fontsize=11.5, ha="center", va="center", color="black",
                           bbox=dict(facecolor="white", edgecolor="none", pad=0.5), zorder=4))
    return out


def _line(ax, points, color=WIRE, lw=1.4):
    xs, ys = zip(*points)
    return ax.plot(xs, ys, color=color, lw=lw, solid_capstyle="butt", zorder=1)


def _label(ax, xy, text, **kw):
    kw = {"fontsize": 13, "ha": "center", "va": "center", **kw}
    return ax.text(xy[0], xy[1], text, **kw)


def _equation(ax, text, y=0.15):
    return ax.text(5, y, text, ha="center", va="bottom", fontsize=12, linespacing=1.5,
                   bbox=dict(facecolor="#f4f4f4", edgecolor="#bbbbbb", boxstyle="round,pad=0.3"))


def _bus(ax, x_end, y=1.9, x_in=1.4, label=True):
    """h_{t-1} from the left and x_t from below join on one wire feeding every gate."""
    arts = [_label(ax, (0.55, y), "$h_{t-1}$")] if label else []
    arts += _line(ax, [(1.0, y), (x_end, y)])
    arts += [_label(ax, (x_in, 0.95), "$x_t$")]
    arts += _arrow(ax, (x_in, 1.2), (x_in, y))
    return arts


def draw_dnn_cell(ax):
    """(a) A DNN layer: h depends on the current input only, h = phi(U x + b)."""
    _canvas(ax, "(a) DNN")
    arts = [_label(ax, (5, 1.75), "$x$ (e.g. a window of inputs)")]
    arts += _arrow(ax, (5, 2.1), (5, 3.55), label="$U$", label_xy=(5.45, 2.85))
    arts += _box(ax, (5, 4.0), r"$\phi$", TANH_FACE)
    arts += _arrow(ax, (5, 4.45), (5, 5.9))
    arts += [_label(ax, (5, 6.3), "$h$")]
    arts += [_label(ax, (8.1, 4.0), "no arrow from\nthe previous step:\nno memory beyond\nthe window",
                    fontsize=11.5, color="#555555")]
    arts += [_equation(ax, r"$h = \phi(U x + b)$")]
    return arts


def draw_rnn_cell(ax):
    """(b) The simple RNN: h_t = tanh(W h_{t-1} + U x_t + b)."""
    _canvas(ax, "(b) simple RNN")
    arts = [_label(ax, (0.8, 4.0), "$h_{t-1}$")]
    arts += _arrow(ax, (1.35, 4.0), (4.3, 4.0), color=C["blue"], lw=2, label="$W$", label_xy=(2.8, 4.0))
    arts += [_label(ax, (5, 1.5), "$x_t$")]
    arts += _arrow(ax, (5, 1.85), (5, 3.55), label="$U$", label_xy=(5.0, 2.7))
    arts += _box(ax, (5, 4.0), r"$\tanh$", TANH_FACE)
    arts += _arrow(ax, (5.7, 4.0), (8.6, 4.0), color=C["blue"], lw=2)
    arts += [_label(ax, (9.25, 4.0), "$h_t$")]
    arts += _arrow(ax, (7.4, 4.0), (7.4, 6.0), color=C["blue"], lw=1.4)
    arts += [_label(ax, (7.4, 6.4), "output $V h_t + c$", fontsize=12.5)]  # not "o_t =": in 07 o_t is a gate
    arts += [_equation(ax, r"$h_t = \tanh(W h_{t-1} + U x_t + b)$")]
    return arts


def draw_lstm_cell(ax):
    """(c) LSTM: gates f, i, o and candidate g; additive cell path c_t = f*c_{t-1} + i*g."""
    _canvas(ax, "(c) LSTM")
    top = 6.6
    gate_y = 3.3
    gx = {"f": 2.3, "i": 3.8, "g": 5.3, "o": 6.8}
    arts = [_label(ax, (0.55, top), "$c_{t-1}$")]
    # the cell path: multiply by f, add i*g, leave as c_t
    arts += _line(ax, [(1.05, top), (2.0, top)], color=STATE_PATH, lw=3)
    arts += _op(ax, (gx["f"], top), r"$\times$")
    arts += _line(ax, [(gx["f"] + 0.32, top), (4.73, top)], color=STATE_PATH, lw=3)
    arts += _op(ax, (5.05, top), "$+$")
    arts += _arrow(ax, (5.37, top), (9.0, top), color=STATE_PATH, lw=3)
    arts += [_label(ax, (9.5, top), "$c_t$")]
    arts += [_label(ax, (3.6, top + 0.55), "additive path", fontsize=11.5, color=STATE_PATH)]
    # gates read h_{t-1} and x_t
    arts += _bus(ax, gx["o"])
    for name, face, fn in (("f", SIGMOID_FACE, r"\sigma"), ("i", SIGMOID_FACE, r"\sigma"),
                           ("g", TANH_FACE, r"\tanh"), ("o", SIGMOID_FACE, r"\sigma")):
        arts += _arrow(ax, (gx[name], 1.9), (gx[name], gate_y - 0.43))
        arts += _box(ax, (gx[name], gate_y), f"${fn}$\n${name}$", face, w=1.05, h=0.95, fontsize=11.5)
    arts += _arrow(ax, (gx["f"], gate_y + 0.48), (gx["f"], top - 0.32))
    arts += _op(ax, (4.55, 4.85), r"$\times$")
    arts += _line(ax, [(gx["i"], gate_y + 0.48), (gx["i"], 4.85), (4.23, 4.85)])
    arts += _line(ax, [(gx["g"], gate_y + 0.48), (gx["g"], 4.85), (4.87, 4.85)])
    arts += _line(ax, [(4.55, 5.17), (4.55, 5.6), (5.05, 5.6)])
    arts += _arrow(ax, (5.05, 5.6), (5.05, top - 0.32))
    # output: h_t = o * tanh(c_t)
    arts += _line(ax, [(8.0, top), (8.0, 5.55)], color=STATE_PATH, lw=1.6)
    arts += _box(ax, (8.0, 5.15), r"$\tanh$", TANH_FACE, w=1.0, h=0.6, fontsize=11.5)
    arts += _arrow(ax, (8.0, 4.85), (8.0, 4.12))
    arts += _op(ax, (8.0, 3.8), r"$\times$")
    arts += _line(ax, [(gx["o"] + 0.53, gate_y), (7.68, gate_y), (7.68, 3.8)])
    arts += _line(ax, [(8.0, 3.48), (8.0, 2.7)], color=C["blue"], lw=2)
    arts += _arrow(ax, (8.0, 2.7), (9.0, 2.7), color=C["blue"], lw=2)
    arts += [_label(ax, (9.5, 2.7), "$h_t$")]
    arts += [_equation(ax, r"$c_t = f \odot c_{t-1} + i \odot g$,   $h_t = o \odot \tanh(c_t)$")]
    return arts


def draw_gru_cell(ax):
    """(d) GRU: reset r, update z, candidate n; h_t = (1 - z)*n + z*h_{t-1}.

    The candidate reads x_t on a wire of its own and h_{t-1} only through the product node
    r * h_{t-1} (Cho et al.'s placement of the reset), fed by r and by a wire tapped off the
    state line before z acts on it. The z and r gates read h_{t-1} and x_t on one bus.
    """
    _canvas(ax, "(d) GRU")
    top = 6.6
    gate_y = 3.3
    gx = {"z": 2.2, "r": 3.55, "n": 6.3}
    reset_x = 4.85  # the product node r * h_{t-1}, between r and n
    keep_x = 5.7  # the product node z * h_{t-1} on the state line
    x_in, x_branch = 1.6, 1.55  # x_t comes up at x_in; its own wire to n leaves at height x_branch
    arts = [_label(ax, (0.55, top), "$h_{t-1}$")]
    arts += _line(ax, [(1.05, top), (keep_x - 0.32, top)], color=STATE_PATH, lw=3)
    arts += _op(ax, (keep_x, top), r"$\times$")
    arts += _line(ax, [(keep_x + 0.32, top), (7.48, top)], color=STATE_PATH, lw=3)
    arts += _op(ax, (7.8, top), "$+$")
    arts += _arrow(ax, (8.12, top), (9.0, top), color=STATE_PATH, lw=3)
    arts += [_label(ax, (9.5, top), "$h_t$")]
    arts += [_label(ax, ((keep_x + 7.8) / 2, top + 0.55), r"keep $z \odot h_{t-1}$", fontsize=11.5,
                    color=STATE_PATH)]
    # the gates z and r read h_{t-1} and x_t on one wire, as in the LSTM; it stops at r
    arts += _line(ax, [(1.05, top), (1.05, 1.9)], color=WIRE, lw=1.0)
    arts += _line(ax, [(1.05, 1.9), (gx["r"], 1.9)])
    arts += [_label(ax, (x_in, 0.95), "$x_t$")]
    arts += _line(ax, [(x_in, 1.2), (x_in, x_branch)])
    arts += _arrow(ax, (x_in, x_branch), (x_in, 1.9))  # its head: h_{t-1} on the bus does not flow down here
    # x_t alone goes on to the candidate, on its own wire below the bus
    arts += _line(ax, [(x_in, x_branch), (gx["n"], x_branch)])
    arts += _arrow(ax, (gx["n"], x_branch), (gx["n"], gate_y - 0.43))
    for name, face, fn in (("z", SIGMOID_FACE, r"\sigma"), ("r", SIGMOID_FACE, r"\sigma"),
                           ("n", TANH_FACE, r"\tanh")):
        if name != "n":
            arts += _arrow(ax, (gx[name], 1.9), (gx[name], gate_y - 0.43))
        arts += _box(ax, (gx[name], gate_y), f"${fn}$\n${name}$", face, w=1.05, h=0.95, fontsize=11.5)
    # reset: h_{t-1}, taken off the state line, times r; only the product enters n. The branch is
    # the candidate's input, not the copy path: an ordinary wire, not the thick state colour.
    arts += _op(ax, (reset_x, gate_y), r"$\times$")
    arts += _arrow(ax, (gx["r"] + 0.53, gate_y), (reset_x - 0.32, gate_y))
    arts += _arrow(ax, (reset_x, top), (reset_x, gate_y + 0.32))
    arts += _arrow(ax, (reset_x + 0.32, gate_y), (gx["n"] - 0.53, gate_y),
                   label=r"$r \odot h_{t-1}$", label_xy=(5.45, gate_y - 0.75))
    # update gate: z multiplies h_{t-1}, 1 - z multiplies n
    # (the z wire hops over the h_{t-1} wire going down to the reset node: they do not join)
    hop = [(reset_x - 0.17 * math.cos(a), 4.85 + 0.17 * math.sin(a)) for a in
           (math.pi * k / 12 for k in range(13))]
    arts += _line(ax, [(gx["z"], gate_y + 0.48), (gx["z"], 4.85), *hop, (6.5, 4.85)])
    arts += _arrow(ax, (keep_x, 4.85), (keep_x, top - 0.32))
    arts += _op(ax, (6.9, 4.85), "$1-$", r=0.4, fontsize=11)
    arts += _arrow(ax, (7.3, 4.85), (7.48, 4.85))
    arts += _op(ax, (7.8, 4.85), r"$\times$")
    arts += _line(ax, [(gx["n"], gate_y + 0.48), (gx["n"], 4.1), (7.8, 4.1)])
    arts += _arrow(ax, (7.8, 4.1), (7.8, 4.53))
    arts += _arrow(ax, (7.8, 5.17), (7.8, top - 0.32))
    arts += [_equation(ax, r"$n = \tanh(U_n x_t + W_n(r \odot h_{t-1}) + b_n)$" "\n"
                           r"$h_t = (1-z) \odot n + z \odot h_{t-1}$", y=0.15)]
    return arts


def _legend_handles(axes, *, with_dnn: bool = False):
    """One legend entry per kind of element the panels on ``axes`` actually draw, in a fixed order.

    Panels (a) and (b) have no gate and no pointwise operation, so a picture of those two
    lists only the tanh layer; the gated panels add the sigmoid gates and the pointwise circles.
    Only panel (a) writes its layer as phi (any activation), so only a picture with (a)
    (``with_dnn``) names phi in the legend.
    """
    faces = {tuple(p.get_facecolor()) for ax in axes for p in ax.patches if isinstance(p, FancyBboxPatch)}
    has_op = any(isinstance(p, Circle) for ax in axes for p in ax.patches)
    layer_label = (r"layer: $\tanh$, values in (-1, 1); in (a), $\phi$: the DNN's activation" if with_dnn
                   else r"layer: $\tanh$, values in (-1, 1)")
    kinds = [
        (to_rgba(SIGMOID_FACE) in faces,
         FancyBboxPatch((0, 0), 1, 1, facecolor=SIGMOID_FACE, edgecolor="black", label=r"gate: sigmoid $\sigma$, values in (0, 1)")),
        (to_rgba(TANH_FACE) in faces,
         FancyBboxPatch((0, 0), 1, 1, facecolor=TANH_FACE, edgecolor="black", label=layer_label)),
        (has_op, Circle((0, 0), 1, facecolor="white", edgecolor="black", label=r"pointwise $\times$, $+$, $1-$")),
    ]
    return [handle for drawn, handle in kinds if drawn]


def draw_hidden_state_types(fig, panels: str = "abcd"):
    """The panels named in ``panels`` (letters of "abcd", in order) on ``fig``; returns the Axes.

    All four give the lecture's 2 x 2 grid; two or fewer go in one row (e.g. "ab" then "cd"
    on two slides, where the text stays large enough to read). The title goes with every call,
    and a legend of the box colours that lists only the kinds of box the chosen panels draw.
    """
    if not isinstance(panels, str) or not panels or any(p not in _PANELS for p in panels) \
            or len(set(panels)) != len(panels):
        raise ValueError(f"panels must be distinct letters out of 'abcd', got {panels!r}")
    shape = (2, 2) if len(panels) > 2 else (1, len(panels))
    axes = fig.subplots(*shape, squeeze=False)
    for letter, ax in zip(panels, axes.flat):
        _PANELS[letter](ax)
    for ax in axes.flat[len(panels):]:
        ax.axis("off")
    legend = _legend_handles(axes.flat[:len(panels)], with_dnn="a" in panels)
    fig.legend(handles=legend, loc="outside lower center", ncol=len(legend), frameon=False, fontsize=11)
    fig.suptitle("How the hidden state at step $t$ is computed", fontsize=14)
    return axes if shape == (2, 2) else axes[0]


def make_hidden_state_types():
    """images/hidden-state-types.png: (a) DNN, (b) simple RNN, (c) LSTM, (d) GRU."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(11, 9.2), layout="constrained")
    draw_hidden_state_types(fig)
    return fig


_PANELS = {"a": draw_dnn_cell, "b": draw_rnn_cell, "c": draw_lstm_cell, "d": draw_gru_cell}

FIGURES = {"hidden-state-types.png": make_hidden_state_types}
