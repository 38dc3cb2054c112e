"""Pictures for sampling from a character model: the next-character distribution at a
given temperature, softmax(o / temperature), and a sampled text laid out in the figure.

(The temperature is never called T here: T is the sequence length in the series.)"""
from __future__ import annotations

import textwrap

import numpy as np

from . import style

_SHOW = {" ": "␣", "\n": "\\n", "\t": "\\t"}


def char_label(ch: str) -> str:
    """A visible label for a character (space and newline would be invisible)."""
    return _SHOW.get(ch, ch)


def draw_next_char_probs(ax, probs, chars: str, *, top: int = 12, temperature=None, prompt=None):
    """Bars of the ``top`` most likely next characters. Returns the bar container."""
    p = np.asarray(probs, dtype=float)
    if p.ndim != 1 or p.size != len(chars):
        raise ValueError(f"probs must be 1-D with one entry per character ({len(chars)}), got shape {p.shape}")
    if not np.isfinite(p).all() or (p < 0).any() or not np.isclose(p.sum(), 1.0, atol=1e-6):
        raise ValueError("probs must be a probability vector (non-negative, summing to 1)")
    n = max(1, min(int(top), p.size))
    order = np.argsort(-p, kind="stable")[:n]
    bars = ax.bar(np.arange(n), p[order], color=style.OKABE_ITO["blue"])
    ax.set_xticks(np.arange(n), [char_label(chars[i]) for i in order])
    ax.set_ylim(0, 1)
    ax.set_ylabel("probability")
    ax.set_xlabel(f"next character: the {n} most likely of K = {p.size}")
    ax.axhline(1.0 / p.size, color="0.4", ls="--", lw=1)  # where every bar would sit if all K were equally likely
    ax.text(n - 0.5, 1.0 / p.size, f"1/K = {1.0 / p.size:.3f}", ha="right", va="bottom", fontsize=9, color="0.3")
    parts = []  # the x label already says "next character", so the title stays short
    if prompt is not None:
        parts.append(f"after {prompt[-16:]!r}")
    if temperature is not None:
        parts.append(f"at temperature {temperature:.2f}")
    title = " ".join(parts) or "next-character distribution"
    ax.set_title(title, fontsize=10)
    return bars


def sample_lines(text: str, *, width: int = 64, max_lines: int = 10) -> str:
    """The text as ``draw_sample_text`` shows it: wrapped to ``width`` columns, newlines as ↵."""
    lines = []
    paras = text.split("\n")
    for i, para in enumerate(paras):
        # a no-break space keeps the ↵ on the line it ends (textwrap only breaks at ASCII spaces)
        shown_para = para + ("\u00a0↵" if i < len(paras) - 1 else "")
        lines += textwrap.wrap(shown_para, width=width) or [shown_para]
    return "\n".join(lines[:max_lines])


def draw_sample_text(ax, text: str, *, width: int = 64, max_lines: int = 10, title: str = "sample"):
    """The sampled text, wrapped to ``width`` columns (newlines shown as ↵). Returns the Text."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    shown = sample_lines(text, width=width, max_lines=max_lines)
    ax.axis("off")
    ax.set_title(title, fontsize=10, loc="left")
    return ax.text(0.0, 1.0, shown, family="monospace", fontsize=10, linespacing=1.0, va="top", ha="left",
                   transform=ax.transAxes)
