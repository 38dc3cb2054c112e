"""Widget for notebook 03: slide the window of a trained windowed DNN along a sentence.

Wiring only: the math is ``lecturelib.window``, the picture ``lecturelib.drawing.window``.
"""
from __future__ import annotations

import ipywidgets as widgets

from .. import corpus
from .. import window as win
from ..drawing.window import render_window_frame
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

    def render(fig, t):
        words, probs = win.top_next_words(params, vocab.itos, ids[t:t + tau], top)
        target = tokens[t + tau] if t + tau < len(tokens) else corpus.EOS
        render_window_frame(fig, shown + [corpus.EOS], t, tau, words, probs, target=target, note=note)

    live = LiveFigure(render, figsize=(8.0, 4.4))
    play, slider, controls = play_controls(n_pos, interval_ms=900, description="window at")
    slider.observe(lambda change: live.update(t=change["new"]), names="value")
    live.update(t=0)
    box = widgets.VBox([controls, live.image])
    box.slider, box.play, box.live, box.tokens = slider, play, live, tokens
    return box
