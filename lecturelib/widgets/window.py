"""Widget for notebook 03: slide the window of a trained windowed DNN along a sentence.

Wiring only: the math is ``lecturelib.window``, the picture ``lecturelib.drawing.window``.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import corpus
from .. import window as win
from ..drawing.window import C, render_window_frame
from ..drawing.window import _slot_colour as slot_colour
from ._base import LiveFigure, play_controls

__all__ = ["window_slider"]


def window_slider(params, vocab, sentence, *, top: int = 5):
    """A slider over the positions of ``sentence`` (a string or a token list).

    At position t the window holds tokens t .. t + tau - 1 (highlighted) and the bars show
    the ``top`` most probable next words; the true next word (``</s>`` after the last
    word) is green when it is among them. Words outside ``vocab`` are marked with a star
    but enter the model as ``<unk>`` (id ``corpus.UNK_ID``). A sentence of fewer than tau
    tokens raises a ValueError. The returned box has ``.slider``, ``.play``, ``.live``.
    """
    if not isinstance(vocab, corpus.Vocab):
        raise TypeError(f"vocab must be a lecturelib.corpus.Vocab, got {type(vocab).__name__}")
    K, tau, _, _ = win.sizes(params)
    if K != len(vocab):
        raise ValueError(f"params are for a vocabulary of {K} tokens, but vocab has {len(vocab)}")
    tokens = corpus.tokenize(sentence) if isinstance(sentence, str) else [str(t) for t in sentence]
    if len(tokens) < tau:
        raise ValueError(
            f"sentence has {len(tokens)} tokens ({tokens}), shorter than the window tau={tau}: "
            f"give at least {tau} words"
        )
    shown = [t if t in vocab else f"{t}*" for t in tokens]
    unknown = sorted({t for t in tokens if t not in vocab})
    note = f"* not in the vocabulary, enters the model as <unk>: {', '.join(unknown)}" if unknown else None
    ids = vocab.encode(tokens)  # unknown words -> UNK_ID
    n_pos = len(tokens) - tau + 1

    predictions = [win.top_next_words(params, vocab.itos, ids[t:t + tau], top) for t in range(n_pos)]  # cheap
    targets = [tokens[t + tau] if t + tau < len(tokens) else corpus.EOS for t in range(n_pos)]
    sentence = shown + [corpus.EOS]
    widest = max((words for words, _ in predictions), key=lambda ws: max(len(w) for w in ws))

    def render(fig, t):
        ax_s, ax_p = render_window_frame(fig, sentence, t, tau, *predictions[t], target=targets[t], note=note)
        texts = list(ax_s.texts)
        frame = {"ax_s": ax_s, "ax_p": ax_p, "bars": list(ax_p.patches), "values": list(ax_p.texts),
                 "boxes": list(ax_s.patches), "bracket": ax_s.lines[0],
                 "words": [x for x in texts if x.get_position()[1] == 0.0 and x.get_transform() == ax_s.transData],
                 "slots": sorted((x for x in texts if x.get_text().startswith("slot ")), key=lambda x: x.get_text()),
                 "label": next(x for x in texts if x.get_text().startswith("window")),
                 "next": next((x for x in texts if x.get_text() == "next?"), None)}
        if frame["next"] is None:  # the window ends the sentence: no word to predict is outlined yet
            frame["next"] = ax_s.text(0, -0.55, "next?", ha="center", va="center", fontsize=9, color=C["blue"],
                                      visible=False)
        # The layout is solved once, with the widest labels any position will show, and then kept.
        ax_p.set_yticks(ax_p.get_yticks(), widest)
        fig.draw_without_rendering()
        fig.set_layout_engine("none")
        # The word labels become texts of their own, where the tick labels were, renamed in place at every
        # step; the ticks stay in the background (drawing the axis again per frame was most of its cost).
        frame["word_labels"] = [ax_p.text(*tick.label1.get_position(), "", transform=tick.label1.get_transform(),
                                          ha=tick.label1.get_ha(), va=tick.label1.get_va(),
                                          fontproperties=tick.label1.get_fontproperties(),
                                          color=tick.label1.get_color())
                                for tick in ax_p.yaxis.get_major_ticks()]
        ax_p.set_yticks(ax_p.get_yticks(), [""] * len(frame["word_labels"]))
        move(frame, t)
        return frame

    def move(frame, t):
        """Every artist moved in place to window position t (as draw_window_sentence would draw it)."""
        n = len(sentence)
        for i, (box, word) in enumerate(zip(frame["boxes"], frame["words"])):
            in_win, nxt = t <= i < t + tau, i == t + tau
            box.set_facecolor(slot_colour(i - t) if in_win else "white")
            box.set_edgecolor(C["blue"] if nxt else ("black" if in_win else "0.6"))
            box.set_alpha(0.9 if in_win else 1.0)
            box.set_linewidth(2.5 if nxt else 1.2)
            word.set_color("black" if in_win or nxt else "0.35")
            word.set_fontweight("bold" if in_win else "normal")
        for k, slot in enumerate(frame["slots"]):
            slot.set_x(t + k)
        left, right = t - 0.5, t + tau - 0.5
        frame["bracket"].set_xdata([left, left, right, right])
        frame["label"].set_x((left + right) / 2)
        frame["next"].set_x(t + tau)
        frame["next"].set_visible(t + tau < n)
        words, probs = predictions[t]
        y = np.arange(len(words))[::-1]
        for bar, text, w, p, yi in zip(frame["bars"], frame["values"], words, probs, y):
            bar.set_width(p)
            bar.set_color(C["green"] if w == targets[t] else C["blue"])
            text.set_x(min(p + 0.02, 0.9))
            text.set_text(f"{p:.2f}")
        ax_p = frame["ax_p"]
        for label, w in zip(frame["word_labels"], words):  # largest on top, as the ticks y
            label.set_text(w)
        window = " ".join(sentence[t:t + tau])
        ax_p.set_title(f'after "{window}" the model predicts' + (f' (true next: "{targets[t]}")' if targets[t] else ""),
                       fontsize=10)
        return frame

    def moving(frame):
        ax_p = frame["ax_p"]
        return [*frame["boxes"], *frame["words"], *frame["slots"], frame["bracket"], frame["label"], frame["next"],
                *frame["bars"], *frame["values"], *frame["word_labels"], *ax_p.spines.values(), ax_p.title]

    live = LiveFigure(render, move=move, animated=moving, figsize=(8.0, 4.4))
    play, slider, controls = play_controls(n_pos, interval_ms=900, description="window at")
    slider.observe(lambda change: live.update(t=change["new"]), names="value")
    live.update(t=0)
    box = widgets.VBox([controls, live.image])
    box.slider, box.play, box.live, box.tokens = slider, play, live, tokens
    return box
