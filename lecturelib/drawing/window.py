"""Drawings for the windowed DNN (notebook 03): the sliding window, the network, the two limitations.

Every ``draw_*(ax, ...)`` draws into the given Axes and returns its artists. ``FIGURES``
holds ``images/dnn-sequential-processing.png``: a sentence, the window of tau = 3 words,
their embeddings concatenated, the hidden layer h and the distribution over the next word.
"""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

from . import style

C = style.OKABE_ITO
SLOT_COLOURS = (C["orange"], C["green"], C["purple"], C["sky"], C["vermillion"], C["yellow"], C["blue"], C["black"])


def _slot_colour(j: int) -> str:
    return SLOT_COLOURS[j % len(SLOT_COLOURS)]


def _check_window(tokens, start, tau):
    tokens = list(tokens)
    if not tokens:
        raise ValueError("tokens must not be empty")
    if not isinstance(tau, (int, np.integer)) or tau < 1:
        raise ValueError(f"tau must be a positive int, got {tau!r}")
    if not isinstance(start, (int, np.integer)) or not 0 <= start or start + tau > len(tokens):
        raise ValueError(
            f"start must put the whole window inside the {len(tokens)} tokens: need 0 <= start <= {len(tokens) - tau}, "
            f"got start={start!r} with tau={tau}"
        )
    return tokens


def draw_window_sentence(ax, tokens, start: int, tau: int, *, show_next: bool = True):
    """The words of a sentence in boxes; slots start..start+tau-1 highlighted as the window.

    The word right after the window (if any) is outlined as the one to predict.
    Returns the list of patches and texts drawn.
    """
    tokens = _check_window(tokens, start, tau)
    n = len(tokens)
    arts = []
    ax.set_xlim(-0.6, n - 0.4)
    ax.set_ylim(-0.9, 1.0)
    ax.axis("off")
    for i, tok in enumerate(tokens):
        in_win = start <= i < start + tau
        nxt = show_next and i == start + tau
        face = _slot_colour(i - start) if in_win else "white"
        edge = C["blue"] if nxt else ("black" if in_win else "0.6")
        box = FancyBboxPatch((i - 0.45, -0.3), 0.9, 0.6, boxstyle="round,pad=0.02,rounding_size=0.1",
                             facecolor=face, alpha=0.9 if in_win else 1.0, edgecolor=edge, lw=2.5 if nxt else 1.2)
        ax.add_patch(box)
        arts.append(box)
        arts.append(ax.text(i, 0.0, tok, ha="center", va="center", fontsize=11,
                            color="black" if in_win or nxt else "0.35", fontweight="bold" if in_win else "normal"))
        if in_win:
            arts.append(ax.text(i, -0.55, f"slot {i - start + 1}", ha="center", va="center", fontsize=9))
    left, right = start - 0.5, start + tau - 0.5
    arts.append(ax.plot([left, left, right, right], [0.45, 0.6, 0.6, 0.45], color="black", lw=1.5)[0])
    arts.append(ax.text((left + right) / 2, 0.78, rf"window, $\tau$ = {tau}", ha="center", va="center", fontsize=10))
    if show_next and start + tau < n:
        arts.append(ax.text(start + tau, -0.55, "next?", ha="center", va="center", fontsize=9, color=C["blue"]))
    return arts


def draw_top_predictions(ax, words, probs, *, target=None):
    """Horizontal bars of the most probable next words (largest on top); the true next
    word, if given and among them, is drawn in green, the others in blue."""
    words, probs = list(words), np.asarray(probs, dtype=float)
    if len(words) != len(probs) or not len(words):
        raise ValueError(f"words and probs must have the same non-zero length, got {len(words)} and {len(probs)}")
    y = np.arange(len(words))[::-1]
    colours = [C["green"] if w == target else C["blue"] for w in words]
    bars = ax.barh(y, probs, color=colours)
    ax.set_yticks(y, words)
    ax.set_xlim(0, 1.05)
    ax.set_xlabel("predicted probability of the next word")
    for yi, p in zip(y, probs):
        ax.text(min(p + 0.02, 0.9), yi, f"{p:.2f}", va="center", fontsize=9)
    return list(bars)


def render_window_frame(fig, tokens, start, tau, words, probs, *, target=None, note=None):
    """One frame of the sliding-window widget: the sentence on top, the predictions below.

    ``note`` (e.g. which words were unknown) is written under the sentence.
    """
    ax_s, ax_p = fig.subplots(2, 1, height_ratios=[1.0, 1.6])
    draw_window_sentence(ax_s, tokens, start, tau)
    if note:
        ax_s.text(0.0, -0.15, note, transform=ax_s.transAxes, fontsize=9, color=C["vermillion"], va="top")
    draw_top_predictions(ax_p, words, probs, target=target)
    shown = " ".join(tokens[start:start + tau])
    ax_p.set_title(f'after "{shown}" the model predicts' + (f' (true next: "{target}")' if target else ""), fontsize=10)
    return ax_s, ax_p


def draw_loss_curve(ax, history, *, smooth: int = 20, label="training loss"):
    """Per-step losses (light) and their running mean over ``smooth`` steps (dark)."""
    h = np.asarray(history, dtype=float)
    if h.ndim != 1 or not len(h):
        raise ValueError(f"history must be a non-empty 1-D sequence of losses, got shape {h.shape}")
    raw = ax.plot(np.arange(1, len(h) + 1), h, color=C["sky"], lw=0.8, alpha=0.7, label="per step")[0]
    k = max(1, min(smooth, len(h)))
    mean = np.convolve(h, np.ones(k) / k, mode="valid")
    line = ax.plot(np.arange(k, len(h) + 1), mean, color=C["blue"], lw=2, label=f"{label} (mean of {k})")[0]
    ax.set_xlabel("training step")
    ax.set_ylabel("cross-entropy (nats)")
    ax.legend(frameon=False)
    return [raw, line]


def draw_agreement_curve(ax, ks, accuracy_by_tau: dict, *, chance: float = 0.5):
    """Accuracy against the subject-verb distance k, one line per window size tau.

    The subject sits k + 1 tokens before the verb, so it is inside a window of tau
    exactly when k < tau: a dotted line marks each window's edge.
    """
    ks = np.asarray(ks)
    arts = []
    for j, (tau, acc) in enumerate(sorted(accuracy_by_tau.items())):
        colour = style.CYCLE[j % len(style.CYCLE)]
        arts.append(ax.plot(ks, 100 * np.asarray(acc), "o-", color=colour, lw=2, label=rf"window $\tau$ = {tau}")[0])
        arts.append(ax.axvline(tau - 0.5, color=colour, ls=":", lw=1.5))
    arts.append(ax.axhline(100 * chance, color="0.4", ls="--", lw=1, label=f"chance ({100 * chance:.0f}%)"))
    ax.set_xlabel("k = filler words between subject and verb")
    ax.set_ylabel("verb agreement accuracy (%)")
    ax.set_ylim(0, 105)
    ax.set_xticks(ks)
    ax.legend(frameon=False, loc="lower left")
    return arts


def draw_param_counts(ax, taus, counts, *, rnn_count=None):
    """Parameter count of the windowed DNN against tau (and, optionally, an RNN's flat line)."""
    arts = [ax.plot(taus, counts, "o-", color=C["vermillion"], lw=2, label="windowed DNN")[0]]
    if rnn_count is not None:
        arts.append(ax.axhline(rnn_count, color=C["green"], ls="--", lw=2, label=r"RNN (any $\tau$)"))
    ax.set_xlabel(r"window size $\tau$")
    ax.set_ylabel("number of parameters")
    ax.legend(frameon=False)
    return arts


def draw_slot_blocks(axes, blocks, *, names=None, vmax=None):
    """Heat maps of the blocks U_1 ... U_tau of the input weights, one Axes each, same colour scale."""
    blocks = [np.asarray(b, dtype=float) for b in blocks]
    axes = list(np.ravel(axes))
    if len(axes) != len(blocks):
        raise ValueError(f"need one Axes per block: got {len(axes)} Axes and {len(blocks)} blocks")
    vmax = vmax or max(float(np.abs(b).max()) for b in blocks) or 1.0
    images = []
    for j, (ax, b) in enumerate(zip(axes, blocks)):
        images.append(ax.imshow(b, cmap=style.DIVERGING_CMAP, vmin=-vmax, vmax=vmax, aspect="auto"))
        ax.set_title(names[j] if names else f"slot {j + 1}: $U_{j + 1}$", fontsize=10)
        ax.set_xlabel("embedding unit")
        ax.set_xticks([])
        ax.set_yticks([])
    axes[0].set_ylabel("hidden unit")
    return images


def draw_slot_transfer(ax, accuracies: dict, *, chance=None):
    """Bars of accuracy (%) per test condition, e.g. {"slots (2,3): seen": 1.0, "slots (1,2): moved": 0.0}.

    The y-axis is labelled 0..100 %; a value label that would sit on the chance line is lifted above it.
    """
    names, vals = list(accuracies), 100 * np.asarray(list(accuracies.values()), dtype=float)
    colours = [C["green"] if i % 2 == 0 else C["vermillion"] for i in range(len(names))]
    bars = ax.bar(range(len(names)), vals, color=colours)
    ax.set_xticks(range(len(names)), names)
    line = None if chance is None else 100 * chance
    for i, val in enumerate(vals):
        y = val + 2
        if line is not None and y < line + 2 and y + 7 > line - 1:  # the label would cross the chance line
            y = line + 2
        ax.text(i, y, f"{val:.0f}%", ha="center", fontsize=10)
    if line is not None:
        ax.axhline(line, color="0.4", ls="--", lw=1, label=f"chance ({line:.1f}%)")
        ax.legend(frameon=False, loc="upper center", fontsize=9)
    ax.set_ylim(0, 122)  # headroom for the labels and the legend; ticks and spine stop at 100 %
    ax.set_yticks(range(0, 101, 25))
    ax.spines["left"].set_bounds(0, 100)
    ax.set_ylabel("accuracy of the next word (%)")
    return list(bars)


def draw_slot_contribution(ax, contrib):
    """What one word adds to the hidden layer in each slot: contrib (tau, H) drawn as tau columns."""
    contrib = np.asarray(contrib, dtype=float)
    if contrib.ndim != 2:
        raise ValueError(f"contrib must have shape (tau, H), got shape {contrib.shape}")
    vmax = float(np.abs(contrib).max()) or 1.0
    img = ax.imshow(contrib.T, cmap=style.DIVERGING_CMAP, aspect="auto", vmin=-vmax, vmax=vmax)
    ax.set_xticks(range(len(contrib)), [f"slot {j + 1}" for j in range(len(contrib))])
    ax.set_yticks([])
    ax.set_ylabel("hidden unit")
    return img


def render_slot_transfer(fig, accuracies: dict, blocks, contrib, *, word="ground", chance=None):
    """Notebook 03's slot experiment in one figure: accuracy bars, the blocks U_j, U_j e(word).

    accuracies as for ``draw_slot_transfer``; blocks [U_1, ..., U_tau] (each (H, D));
    contrib (tau, H) from ``window.slot_contribution``. Each heat map gets a colour bar
    (one shared by the blocks). Returns the Axes: [bars, block_1, ..., block_tau, contribution].
    """
    ax_bar, *ax_blocks, ax_c = fig.subplots(1, len(blocks) + 2, width_ratios=[2.2] + [1] * len(blocks) + [1.2])
    draw_slot_transfer(ax_bar, accuracies, chance=chance)
    ax_bar.set_title("verb after the probe phrase")
    images = draw_slot_blocks(ax_blocks, blocks)
    fig.colorbar(images[0], ax=ax_blocks, location="bottom", shrink=0.6,
                 label="weight (one scale for " + ", ".join(f"$U_{j + 1}$" for j in range(len(blocks))) + ")")
    img = draw_slot_contribution(ax_c, contrib)
    fig.colorbar(img, ax=ax_c, location="bottom", label="input to unit")
    ax_c.set_title(rf'$U_j\,e$("{word}")')
    return [ax_bar, *ax_blocks, ax_c]


# ---------------------------------------------------------------- the architecture figure
def _cells(ax, x0, y0, values, *, w=0.28, h=0.28, vertical=True, edge="black", vmax=1.0):
    """A column (or row) of small squares coloured by ``values``."""
    import matplotlib as mpl

    cmap = mpl.colormaps[style.DIVERGING_CMAP]
    arts = []
    for i, val in enumerate(values):
        x, y = (x0, y0 + i * h) if vertical else (x0 + i * w, y0)
        r = Rectangle((x, y), w, h, facecolor=cmap(0.5 + 0.5 * val / vmax), edgecolor=edge, lw=1.2)
        ax.add_patch(r)
        arts.append(r)
    return arts


def _arrow(ax, a, b, colour="0.3"):
    arr = FancyArrowPatch(a, b, arrowstyle="-|>", mutation_scale=12, color=colour, lw=1.2, shrinkA=2, shrinkB=2)
    ax.add_patch(arr)
    return arr


def draw_dnn_sequential(ax, tokens, start: int, tau: int = 3, *, dim: int = 4, hidden: int = 6,
                        predictions=None, seed: int = 0):
    """The windowed DNN at one step, drawn bottom-up.

    words (window highlighted) -> one embedding column per slot, from the shared table E
    -> the concatenated vector x_t (tau * dim cells, coloured by slot) -> hidden layer h
    -> bars of yhat over a few next words (``predictions``: list of (word, p)); the true
    next word of ``tokens`` is green.
    Cell colours are illustrative values drawn with ``seed``.
    """
    tokens = _check_window(tokens, start, tau)
    rng = np.random.default_rng(seed)
    n = len(tokens)
    W = max(n, tau * dim * 0.32 + 2) + 1.0
    ax.set_xlim(-0.1, W + 2.7)
    ax.set_ylim(-0.8, 7.1)
    ax.set_aspect("equal")
    ax.axis("off")
    arts = []
    emb = rng.uniform(-1, 1, (tau, dim))  # the same numbers appear in the columns and in x_t
    gap = (W - 1.0) / n
    xs = [0.5 + gap * i for i in range(n)]
    # words
    for i, tok in enumerate(tokens):
        in_win = start <= i < start + tau
        nxt = i == start + tau
        face = _slot_colour(i - start) if in_win else "white"
        box = FancyBboxPatch((xs[i] - 0.42 * gap, -0.25), 0.84 * gap, 0.55, boxstyle="round,pad=0.02,rounding_size=0.1",
                             facecolor=face, edgecolor=C["blue"] if nxt else ("black" if in_win else "0.6"),
                             lw=2.5 if nxt else 1.2)
        ax.add_patch(box)
        arts += [box, ax.text(xs[i], 0.03, tok, ha="center", va="center", fontsize=10,
                              fontweight="bold" if in_win else "normal", color="black" if in_win or nxt else "0.4")]
    wl, wr = xs[start] - 0.48 * gap, xs[start + tau - 1] + 0.48 * gap
    arts.append(ax.add_patch(Rectangle((wl, -0.4), wr - wl, 0.85, fill=False, ls="--", lw=1.5, edgecolor="black")))
    arts.append(ax.text(wr + 0.1, -0.5, rf"window of $\tau$ = {tau} words (the memory)", fontsize=9, va="top", ha="left"))
    # embeddings: one column per slot
    cw = 0.3
    emb_top = 1.1 + dim * cw
    for j in range(tau):
        x = xs[start + j] - cw / 2
        arts += _cells(ax, x, 1.1, emb[j], w=cw, h=cw)
        arts.append(_arrow(ax, (xs[start + j], 0.45), (xs[start + j], 1.08)))
    arts.append(ax.text(xs[start + tau - 1] + 0.5 * gap, 1.1 + dim * cw / 2,
                        "embeddings $e(w)$ = rows of\none table $E$, shared by the slots", fontsize=9, va="center"))
    # concatenation
    row_w = tau * dim * cw
    cx0 = (W - 0.5) / 2 - row_w / 2
    cy = emb_top + 0.9
    for j in range(tau):
        seg = _cells(ax, cx0 + j * dim * cw, cy, emb[j], w=cw, h=cw, vertical=False,
                     edge=_slot_colour(j))
        arts += seg
        arts.append(_arrow(ax, (xs[start + j], emb_top + 0.02), (cx0 + (j + 0.5) * dim * cw, cy - 0.02)))
        arts.append(ax.text(cx0 + (j + 0.5) * dim * cw, cy + cw + 0.12, f"slot {j + 1}", ha="center", fontsize=8,
                            color="black"))
    arts.append(ax.text(cx0 + row_w + 0.3, cy + cw / 2, rf"concatenated $x_t$ (${tau} \times {dim}$ = {tau * dim} numbers)",
                        fontsize=9, va="center"))
    # hidden layer
    hy = cy + 1.6
    hx = np.linspace(cx0 + 0.2, cx0 + row_w - 0.2, hidden)
    vals = np.tanh(rng.normal(0, 1, hidden))
    import matplotlib as mpl

    cmap = mpl.colormaps[style.DIVERGING_CMAP]
    for j in range(tau):
        for x in hx[:: max(1, hidden // 3)]:
            arts.append(ax.plot([cx0 + (j + 0.5) * dim * cw, x], [cy + cw + 0.35, hy - 0.2], color="0.75", lw=0.6)[0])
    for x, val in zip(hx, vals):
        circ = mpl.patches.Circle((x, hy), 0.18, facecolor=cmap(0.5 + 0.5 * val), edgecolor="black", lw=1.2)
        ax.add_patch(circ)
        arts.append(circ)
    arts.append(ax.text(cx0 + row_w + 0.3, hy, r"hidden layer $h_t = \tanh(U x_t + b)$", fontsize=9, va="center"))
    # prediction
    preds = predictions or [("there", 0.55), (".", 0.30), ("is", 0.10), ("shakes", 0.05)]
    py = hy + 0.9
    bw = row_w / len(preds)
    for i, (word, p) in enumerate(preds):
        x = cx0 + i * bw + 0.1 * bw
        true_next = tokens[start + tau] if start + tau < n else None
        bar = Rectangle((x, py), 0.8 * bw, 1.4 * p, facecolor=C["green"] if word == true_next else C["blue"],
                        edgecolor="none")
        ax.add_patch(bar)
        arts += [bar, ax.text(x + 0.4 * bw, py - 0.12, word, ha="center", va="top", fontsize=9),
                 ax.text(x + 0.4 * bw, py + 1.4 * p + 0.05, f"{p:.2f}", ha="center", va="bottom", fontsize=8)]
    arts.append(_arrow(ax, (cx0 + row_w / 2, hy + 0.2), (cx0 + row_w / 2, py - 0.35)))
    arts.append(ax.text(cx0 + row_w + 0.3, py + 0.4, r"next word: $\hat y_t = \mathrm{softmax}(V h_t + c)$",
                        fontsize=9, va="center"))
    return arts


def make_dnn_sequential_figure(predictions=None) -> Figure:
    """images/dnn-sequential-processing.png: the lecture's example with the window on "in the ground"."""
    fig = Figure(figsize=(10, 6.0), layout="constrained")
    ax = fig.subplots()
    tokens = ["we", "dig", "in", "the", "ground", "there", "."]
    draw_dnn_sequential(ax, tokens, 2, 3, predictions=predictions)
    ax.set_title(r"A windowed DNN predicts the next word from the last $\tau$ = 3 words", fontsize=12)
    return fig


FIGURES = {"dnn-sequential-processing.png": make_dnn_sequential_figure}
