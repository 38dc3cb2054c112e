"""Step a trained simple RNN through a sentence: h_t as a heat strip, yhat_t at every step."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Rectangle

from .. import losses, rnn
from ..activations import softmax
from ..drawing import style
from ..drawing.simple_rnn import _subscript, draw_rnn_step, draw_sentence_pair, update_rnn_step
from ._base import LiveFigure, play_controls

__all__ = ["rnn_stepper", "sentence_pair_stepper"]


def _step_artists(frame):
    """What ``update_rnn_step`` changes (with what lies over it: the frame of the last output)."""
    ax_h, ax_o, ax_b = frame["axes"]
    return [frame["h_image"], frame["o_image"], *frame["lines"], *frame["o_texts"], *ax_o.patches,
            *frame["bars"], *frame["bar_texts"], frame["info"], ax_h.title, ax_b.title,
            ax_h.yaxis, ax_o.yaxis, *ax_b.spines.values()]  # ticks and spines that overlap what moves


def rnn_stepper(x, tokens, params, out_params, class_names, *, target=None, mark_last=False, interval_ms=700):
    """Play / slider over the steps t = 1..T of one sequence x (T, D), h_0 = 0.

    ``mark_last`` frames yhat_tau (a many-to-one model). Every frame shows h_1..h_t, yhat_1..yhat_t = softmax(V h_t + c) and yhat_t as bars.
    The box has ``.slider`` (the step t, 1..T), ``.play``, ``.live`` (the figure),
    and ``.h`` (T, H), ``.yhat`` (T, K) computed once up front.
    """
    xs = np.asarray(x, dtype=np.float64)
    if xs.ndim != 2:
        raise ValueError(f"x must be one sequence of shape (T, D), got shape {xs.shape}")
    if len(tokens) != xs.shape[0]:
        raise ValueError(f"tokens must have one entry per step (T = {xs.shape[0]}), got {len(tokens)}")
    h, _ = rnn.forward(xs[None], None, params)  # (1, T, H)
    o, _ = losses.output_forward(h, out_params)  # (1, T, K)
    h, yhat = h[0], softmax(o[0])
    if yhat.shape[1] != len(class_names):
        raise ValueError(f"class_names must have {yhat.shape[1]} entries (K), got {len(class_names)}")

    def build(fig, t):
        return draw_rnn_step(fig, h, yhat, tokens, class_names, t, target=target, mark_last=mark_last)

    live = LiveFigure(build, move=update_rnn_step, animated=_step_artists, figsize=(9.0, 4.2))
    T = len(tokens)
    play, slider, controls = play_controls(T + 1, value=T, interval_ms=interval_ms)
    slider.min = play.min = 1  # steps are counted from 1, as in the equations

    def refresh(_=None):
        live.update(t=slider.value)

    slider.observe(refresh, names="value")
    refresh()
    box = widgets.VBox([controls, live.image])
    box.slider, box.play, box.live, box.h, box.yhat = slider, play, live, h, yhat
    return box


def sentence_pair_stepper(X, sentences, params, out_params, class_names, *, first=0, second=1, interval_ms=700):
    """Two sentences through the same RNN, step by step: pick each from a dropdown, step with Play / slider.

    X (S, T, D) holds the S sentences one-hot, ``sentences`` their tokens (S lists of T words).
    The box has ``.first`` and ``.second`` (the dropdowns, values are sentence indices),
    ``.slider`` (the step t, 1..T), ``.play``, ``.live`` (the figure), and ``.h`` (S, T, H),
    ``.yhat`` (S, T, K) computed once up front (h_0 = 0 for every sentence).
    """
    xs = np.asarray(X, dtype=np.float64)
    if xs.ndim != 3:
        raise ValueError(f"X must hold the sentences as (S, T, D), got shape {xs.shape}")
    S, T, _ = xs.shape
    if len(sentences) != S or any(len(s) != T for s in sentences):
        raise ValueError(f"sentences must be {S} lists of T = {T} tokens, one per row of X")
    for name, index in (("first", first), ("second", second)):
        if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or not 0 <= index < S:
            raise ValueError(f"{name} must be a sentence index in [0, {S}), got {index!r}")
    h, _ = rnn.forward(xs, None, params)  # (S, T, H)
    o, _ = losses.output_forward(h, out_params)  # (S, T, K)
    yhat = softmax(o)
    if yhat.shape[2] != len(class_names):
        raise ValueError(f"class_names must have {yhat.shape[2]} entries (K), got {len(class_names)}")

    steps = np.arange(1, T + 1)
    tick_axes = (("h_A", "labels_A"), ("h_B", "labels_B"), ("distance", "labels_d"))

    def build(fig, a, b, t):
        axes = draw_sentence_pair(fig, h[a], h[b], yhat[a], yhat[b], sentences[a], sentences[b], class_names, t)
        # The layout is solved once, with these tick labels, and kept. The words under the strips and the
        # distance bars then become texts of their own where the tick labels were, renamed in place when a
        # sentence changes (drawing the axes again was most of a frame's cost); the ticks stay put.
        fig.draw_without_rendering()
        fig.set_layout_engine("none")
        for name, key in tick_axes:
            ax = axes[name]
            axes[key] = [ax.text(*tick.label1.get_position(), tick.label1.get_text(),
                                 transform=tick.label1.get_transform(), ha=tick.label1.get_ha(),
                                 va=tick.label1.get_va(), fontproperties=tick.label1.get_fontproperties(),
                                 color=tick.label1.get_color())
                         for tick in ax.xaxis.get_major_ticks()]
            ax.set_xticks(ax.get_xticks(), [""] * len(axes[key]))
        for name in ("A", "B"):  # the strip shows every step; a veil in the axes' colour hides those not read yet
            ax = axes[f"h_{name}"]
            axes[f"veil_{name}"] = ax.add_patch(Rectangle((0, 0), 0, 0, facecolor=ax.get_facecolor(), edgecolor="none",
                                                          antialiased=False, zorder=1))
        ax = axes["distance"]  # one bar per step, shown up to t (rather than new bars at every move)
        for bar in list(ax.patches):
            bar.remove()
        ax.bar(steps, np.zeros(T), color=style.OKABE_ITO["vermillion"], width=0.6)
        move(axes, a, b, t)
        return axes

    def move(axes, a, b, t):
        """Every artist of ``draw_sentence_pair`` given the new sentences and step (the layout stays)."""
        axes["pair"] = (a, b)
        for name, k in (("A", a), ("B", b)):
            ax = axes[f"h_{name}"]
            ax.images[0].set_data(h[k].T)
            (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
            axes[f"veil_{name}"].set_bounds(t - 0.5, min(y0, y1), max(x1 - (t - 0.5), 0.0), abs(y1 - y0))
            ax.lines[-1].set_xdata([t - 0.5, t - 0.5])
            for label, j, s in zip(axes[f"labels_{name}"], range(T), sentences[k]):
                label.set_text(f"{s}\nt={j + 1}")
            ax.set_title(f"{name}: \"{' '.join(sentences[k])}\", h\u209c after {t} of {T} tokens", fontsize=10)
            bars = axes[f"bars_{name}"]
            for bar, text, p in zip(bars.patches, bars.texts, yhat[k][t - 1]):
                bar.set_width(p)
                text.set_x(min(p + 0.02, 0.8))
                text.set_text(f"{p:.2f}")
            bars.set_title(f"{name}: \u0177{_subscript(t)}", fontsize=11)
        dist = np.linalg.norm(h[b] - h[a], axis=1)
        for bar, d, step in zip(axes["distance"].patches, dist, steps):  # the steps read so far
            bar.set_height(d)
            bar.set_visible(bool(step <= t))
        for label, x, y in zip(axes["labels_d"], sentences[a], sentences[b]):
            label.set_text(f"{x}\n{y}" if x != y else x)
        first_diff = next((i + 1 for i, (x, y) in enumerate(zip(sentences[a], sentences[b])) if x != y), None)
        info = (f"first different word: t = {first_diff}\ndistance at t = {t}: {dist[t - 1]:.2f}"
                if first_diff is not None else "the sentences are the same")
        axes["text"].texts[0].set_text(info)
        return axes

    def moving(axes):
        artists = [axes["text"].texts[0], *axes["distance"].patches]
        for name in ("A", "B"):
            ax, bars = axes[f"h_{name}"], axes[f"bars_{name}"]
            artists += [axes[f"veil_{name}"], *ax.lines, ax.title, *bars.patches, *bars.texts, bars.title,
                        *bars.spines.values()]
        return artists

    def words(axes):  # the strips and the words under them show the chosen sentences: drawn again when they change
        return axes["pair"], [axes["h_A"].images[0], axes["h_B"].images[0], *axes["labels_A"], *axes["labels_B"],
                              *axes["labels_d"]]

    live = LiveFigure(build, move=move, animated=moving, semistatic=words, figsize=(9.5, 4.8))
    options = [(" ".join(s), i) for i, s in enumerate(sentences)]
    layout = widgets.Layout(width="420px")
    drop_a = widgets.Dropdown(options=options, value=int(first), description="sentence A", layout=layout)
    drop_b = widgets.Dropdown(options=options, value=int(second), description="sentence B", layout=layout)
    play, slider, controls = play_controls(T + 1, value=T, interval_ms=interval_ms)
    slider.min = play.min = 1  # steps are counted from 1, as in the equations

    def refresh(_=None):
        live.update(a=drop_a.value, b=drop_b.value, t=slider.value)

    for control in (drop_a, drop_b, slider):
        control.observe(refresh, names="value")
    refresh()
    box = widgets.VBox([widgets.HBox([drop_a, drop_b]), controls, live.image])
    box.first, box.second, box.slider, box.play, box.live, box.h, box.yhat = drop_a, drop_b, slider, play, live, h, yhat
    return box
