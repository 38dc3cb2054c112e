"""Pictures of a simple RNN reading a sentence: h_t as a heat strip, yhat_t as bars.

``draw_hidden_strip`` shows the hidden states h_1..h_T as columns (one row per unit,
colour = value in [-1, 1]); ``draw_output_strip`` does the same for the output
distributions yhat_t; ``draw_output_bars`` shows one yhat_t. ``draw_rnn_step`` puts the
three together for step t; ``update_rnn_step`` moves an existing frame to another step,
which is what the stepping widget does on every slider move.
"""
from __future__ import annotations

import numpy as np

from . import style

__all__ = ["draw_hidden_strip", "draw_output_strip", "draw_output_bars", "draw_rnn_step", "update_rnn_step",
           "draw_sentence_pair"]


def _as_2d(name, value, width=None):
    arr = np.asarray(value, dtype=np.float64)
    if arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name} must be a non-empty 2-D array (T, ...), got shape {arr.shape}")
    if width is not None and arr.shape[1] != width:
        raise ValueError(f"{name} must have {width} columns, got shape {arr.shape}")
    return arr


def _check_tokens(tokens, T):
    tokens = [str(s) for s in tokens]
    if len(tokens) != T:
        raise ValueError(f"tokens must have one entry per step (T = {T}), got {len(tokens)}")
    return tokens


def _check_upto(upto, T):
    if upto is None:
        return T
    if isinstance(upto, bool) or not isinstance(upto, (int, np.integer)) or not 1 <= upto <= T:
        raise ValueError(f"upto must be an int in [1, {T}] (steps shown), got {upto!r}")
    return int(upto)


def _first_steps(values, upto):
    """values (T, rows) as a (rows, T) masked array with the steps after ``upto`` hidden."""
    mask = np.zeros(values.T.shape, dtype=bool)
    mask[:, upto:] = True
    return np.ma.masked_array(values.T, mask=mask)


def _strip(ax, values, tokens, upto, *, cmap, vmin, vmax):
    """Columns 1..upto of ``values`` (T, rows) as an image; later steps left blank."""
    T = values.shape[0]
    image = ax.imshow(_first_steps(values, upto), cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto", interpolation="nearest")
    ax.set_facecolor("#eeeeee")
    ax.set_xticks(range(T), [f"{s}\nt={t + 1}" for t, s in enumerate(tokens)], fontsize=9)
    ax.tick_params(axis="x", length=0)
    ax.axvline(upto - 0.5, color=style.OKABE_ITO["black"], lw=1.5)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return image


def draw_hidden_strip(ax, h, tokens, *, upto=None, colorbar=True):
    """Hidden states h (T, H) as a heat strip: column t is h_t, row j is unit j.

    Steps after ``upto`` are blank, so a reader sees only what the RNN has read so far.
    Returns the image artist.
    """
    h = _as_2d("h", h)
    T, H = h.shape
    tokens = _check_tokens(tokens, T)
    upto = _check_upto(upto, T)
    image = _strip(ax, h, tokens, upto, cmap=style.DIVERGING_CMAP, vmin=-1.0, vmax=1.0)
    ax.set_yticks(range(H), [str(j + 1) for j in range(H)], fontsize=8)
    ax.set_ylabel("unit j of $h_t$")
    ax.set_title(f"hidden state h\u209c after reading {upto} of {T} tokens", fontsize=11)
    if colorbar:
        ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    return image


def draw_output_strip(ax, yhat, tokens, class_names, *, upto=None, colorbar=True, mark_last=False):
    """Output distributions yhat (T, K) as a strip: column t is yhat_t (colour = probability).

    ``mark_last=True`` frames the last column: in a many-to-one model only yhat_tau enters the loss.
    """
    class_names = [str(c) for c in class_names]
    yhat = _as_2d("yhat", yhat, width=len(class_names))
    T = yhat.shape[0]
    tokens = _check_tokens(tokens, T)
    upto = _check_upto(upto, T)
    image = _strip(ax, yhat, tokens, upto, cmap=style.SEQUENTIAL_CMAP, vmin=0.0, vmax=1.0)
    ax.set_yticks(range(len(class_names)), class_names, fontsize=9)
    ax.set_title(r"output distribution $\hat y_t$ = softmax($V h_t + c$)", fontsize=11)
    for t in range(T):  # every number is written; those not read yet stay invisible
        for k in range(len(class_names)):
            p = yhat[t, k]
            ax.text(t, k, f"{p:.2f}", ha="center", va="center", fontsize=8,
                    color="black" if p > 0.5 else "white", visible=t < upto)
    if mark_last:
        from matplotlib.patches import Rectangle

        ax.add_patch(Rectangle((T - 1.5, -0.5), 1.0, len(class_names), fill=False, lw=2.5,
                               edgecolor=style.OKABE_ITO["vermillion"], clip_on=False))
        ax.set_title(r"output distribution $\hat y_t$; only $\hat y_\tau$ (framed) enters the loss", fontsize=11)
    if colorbar:
        ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02, label="probability")
    return image


def draw_output_bars(ax, probs, class_names, *, target=None, title=None):
    """One distribution yhat_t (K,) as horizontal bars; ``target`` (a class index) in orange."""
    class_names = [str(c) for c in class_names]
    p = np.asarray(probs, dtype=np.float64)
    if p.shape != (len(class_names),):
        raise ValueError(f"probs must have shape ({len(class_names)},) like class_names, got {p.shape}")
    colours = [style.OKABE_ITO["blue"]] * len(p)
    if target is not None:
        if not 0 <= int(target) < len(p):
            raise ValueError(f"target must be a class index in [0, {len(p)}), got {target}")
        colours[int(target)] = style.OKABE_ITO["orange"]
    y = np.arange(len(p))
    bars = ax.barh(y, p, color=colours)
    ax.set_yticks(y, class_names)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("probability" if target is None else "probability (orange: true label)")
    for yi, pi in zip(y, p):
        ax.text(min(pi + 0.02, 0.8), yi, f"{pi:.2f}", va="center", fontsize=9)
    if title:
        ax.set_title(title, fontsize=11)
    return bars


def _subscript(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089"))


def draw_rnn_step(fig, h, yhat, tokens, class_names, t, *, target=None, mark_last=False):
    """The whole frame for step t (1-based): hidden strip on top; below it the output
    strip and yhat_t as bars (``target``, a class index, drawn in orange).

    Returns a dict of the artists that change with t; ``update_rnn_step(frame, t)`` moves
    an existing frame to another step without redrawing it from scratch (fast for widgets).
    """
    h = _as_2d("h", h)
    T = h.shape[0]
    yhat = _as_2d("yhat", yhat, width=len(class_names))
    t = _check_upto(t, T)
    tokens = _check_tokens(tokens, T)
    grid = fig.add_gridspec(2, 2, width_ratios=[3.0, 1.2],
                            height_ratios=[max(h.shape[1], 3), max(len(class_names), 2) + 1])
    ax_h = fig.add_subplot(grid[0, 0])
    ax_o = fig.add_subplot(grid[1, 0])
    ax_b = fig.add_subplot(grid[1, 1])
    ax_txt = fig.add_subplot(grid[0, 1])
    ax_txt.axis("off")
    info = ax_txt.text(0.0, 0.95, "", va="top", ha="left", fontsize=10, transform=ax_txt.transAxes)
    ax_txt.text(0.0, 0.55, r"$h_t = \tanh(W h_{t-1} + U x_t + b)$" "\n" r"$\hat y_t = \mathrm{softmax}(V h_t + c)$",
                va="top", ha="left", fontsize=10, transform=ax_txt.transAxes)
    h_image = draw_hidden_strip(ax_h, h, tokens, upto=t)
    o_image = draw_output_strip(ax_o, yhat, tokens, class_names, upto=t, mark_last=mark_last)
    bars = draw_output_bars(ax_b, yhat[t - 1], class_names, target=target, title=" ")
    frame = {
        "fig": fig, "axes": (ax_h, ax_o, ax_b), "h": h, "yhat": yhat, "tokens": tokens, "T": T,
        "h_image": h_image, "o_image": o_image, "lines": [ax_h.lines[-1], ax_o.lines[-1]],
        "o_texts": list(ax_o.texts), "bars": bars, "bar_texts": list(ax_b.texts), "info": info,
    }
    update_rnn_step(frame, t)
    return frame


def update_rnn_step(frame, t):
    """Move a frame made by ``draw_rnn_step`` to step t (1-based): data, texts and titles."""
    T, h, yhat, tokens = frame["T"], frame["h"], frame["yhat"], frame["tokens"]
    t = _check_upto(t, T)
    K = yhat.shape[1]
    frame["h_image"].set_data(_first_steps(h, t))
    frame["o_image"].set_data(_first_steps(yhat, t))
    for line in frame["lines"]:
        line.set_xdata([t - 0.5, t - 0.5])
    for idx, text in enumerate(frame["o_texts"]):
        text.set_visible(idx // K < t)
    for bar, p, text in zip(frame["bars"], yhat[t - 1], frame["bar_texts"]):
        bar.set_width(p)
        text.set_x(min(p + 0.02, 0.8))
        text.set_text(f"{p:.2f}")
    ax_h, _, ax_b = frame["axes"]
    # Plain-text titles (no $...$): mathtext is re-parsed for every new string, which a slider pays for.
    ax_h.set_title(f"hidden state h\u209c after reading {t} of {T} tokens", fontsize=11)
    ax_b.set_title(f"\u0177{_subscript(t)} after \"{tokens[t - 1]}\"", fontsize=11)
    frame["info"].set_text(f"step t = {t}\nreads x{_subscript(t)} = \"{tokens[t - 1]}\"")
    return frame


def draw_sentence_pair(fig, h_a, h_b, yhat_a, yhat_b, tokens_a, tokens_b, class_names, t):
    """Two sentences read by the same RNN, side by side up to step t (1-based).

    Left: the hidden strips of sentence A and sentence B, and below them the distance
    ||h_t(B) - h_t(A)|| at every step read so far, which is zero until the first word
    that differs. Right: yhat_t of each sentence as bars. Returns a dict of the axes.
    """
    h_a, h_b = _as_2d("h_a", h_a), _as_2d("h_b", h_b)
    if h_a.shape != h_b.shape:
        raise ValueError(f"h_a and h_b must have the same shape (T, H), got {h_a.shape} and {h_b.shape}")
    T = h_a.shape[0]
    class_names = [str(c) for c in class_names]
    yhat_a = _as_2d("yhat_a", yhat_a, width=len(class_names))
    yhat_b = _as_2d("yhat_b", yhat_b, width=len(class_names))
    if yhat_a.shape[0] != T or yhat_b.shape[0] != T:
        raise ValueError(f"yhat_a and yhat_b must have T = {T} rows like h_a, got {yhat_a.shape[0]} and {yhat_b.shape[0]}")
    tokens_a, tokens_b = _check_tokens(tokens_a, T), _check_tokens(tokens_b, T)
    t = _check_upto(t, T)
    grid = fig.add_gridspec(3, 2, width_ratios=[3.0, 1.1], height_ratios=[1.0, 1.0, 0.8])
    axes = {}
    for row, (name, h, yhat, tokens) in enumerate((("A", h_a, yhat_a, tokens_a), ("B", h_b, yhat_b, tokens_b))):
        ax = axes[f"h_{name}"] = fig.add_subplot(grid[row, 0])
        draw_hidden_strip(ax, h, tokens, upto=t, colorbar=False)
        ax.set_ylabel(f"{name}: unit j", fontsize=9)
        ax.set_title(f"{name}: \"{' '.join(tokens)}\", h\u209c after {t} of {T} tokens", fontsize=10)
        bars = axes[f"bars_{name}"] = fig.add_subplot(grid[row, 1])
        draw_output_bars(bars, yhat[t - 1], class_names, title=f"{name}: \u0177{_subscript(t)}")
    dist = np.linalg.norm(h_b - h_a, axis=1)  # (T,)
    ax = axes["distance"] = fig.add_subplot(grid[2, 0])
    steps = np.arange(1, T + 1)
    shown = steps <= t
    ax.bar(steps[shown], dist[shown], color=style.OKABE_ITO["vermillion"], width=0.6)
    ax.set_xlim(0.5, T + 0.5)
    ax.set_ylim(0, max(2.0 * np.sqrt(h_a.shape[1]), 1e-9))  # the largest possible distance for states in [-1, 1]
    ax.set_xticks(steps, [f"{a}\n{b}" if a != b else a for a, b in zip(tokens_a, tokens_b)], fontsize=9)
    ax.set_ylabel("||h\u209c(B) \u2212 h\u209c(A)||", fontsize=9)
    ax.set_title("how far apart the two hidden states are", fontsize=10)
    axes["text"] = fig.add_subplot(grid[2, 1])
    axes["text"].axis("off")
    first = next((i + 1 for i, (a, b) in enumerate(zip(tokens_a, tokens_b)) if a != b), None)
    axes["text"].text(0.0, 0.9, "the sentences are the same" if first is None else
                      f"first different word: t = {first}\ndistance at t = {t}: {dist[t - 1]:.2f}",
                      va="top", fontsize=10, transform=axes["text"].transAxes)
    return axes
