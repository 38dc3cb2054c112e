"""Temperature slider for sampling text from a trained character model.

Each redraw samples with a fresh generator from the same ``seed``, so moving the slider
changes only the temperature, never the random numbers.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import _validate as v
from .. import charlm
from ..activations import softmax
from ..drawing.sampling import draw_next_char_probs, draw_sample_text, sample_lines
from ._base import LiveFigure

__all__ = ["temperature_sampler", "render_sampling"]


class _Sampler:
    """``charlm.next_char_probs`` and ``charlm.sample`` for one model and prompt, made for a slider.

    The arguments are checked and the prompt is read once, when the widget is made, rather than in
    every frame and at every sampled character (the checks were most of a sample's time); the first
    step after the prompt, which no temperature changes, is computed once too. Each step is
    ``charlm.sample``'s, the same operations in the same order on the same arrays, so the
    distribution and the text are exactly charlm's (tests/test_widgets_sampling.py checks it).
    """

    def __init__(self, params, vocab, prompt: str):
        charlm.next_char_probs(params, vocab, prompt)  # charlm's checks and errors (a bad prompt fails here)
        cell, out, h, last = charlm._warm_up(params, vocab, prompt)
        self.K, self.decode = vocab.size, vocab.decode
        self.W, self.U, self.b = cell["W"], cell["U"], cell["b"]
        self.V_T, self.c = np.ascontiguousarray(out["V"].T), out["c"]
        self.x = np.zeros((1, self.K))
        self.h1, self.o1 = self._step(h, last)  # the state and logits after the prompt: the same at every temperature

    def _step(self, h, last):
        """rnn.step_forward and losses.output_forward for one example and the one-hot input ``last``."""
        x = self.x
        x[:] = 0.0
        x[0, last] = 1.0
        h = np.tanh(h @ self.W.T + x @ self.U.T + self.b)
        o = h @ self.V_T
        o += self.c
        return h, o

    def probs(self, temperature: float) -> np.ndarray:
        """charlm.next_char_probs(params, vocab, prompt, temperature=temperature)."""
        return softmax(self.o1[0] / temperature)

    def sample(self, n_chars: int, seed: int, temperature: float) -> str:
        """charlm.sample(params, vocab, n_chars, rng=np.random.default_rng(seed), prompt=prompt, temperature=...)."""
        rng = np.random.default_rng(seed)
        h, o = self.h1, self.o1
        drawn = []
        for k in range(n_chars):
            if k:
                h, o = self._step(h, drawn[-1])
            drawn.append(int(rng.choice(self.K, p=softmax(o[0] / temperature))))
        return self.decode(drawn)


def render_sampling(fig, params, vocab, *, prompt: str, temperature: float, n_chars: int, seed: int):
    """Draw the next-character bars and one sample at ``temperature`` into ``fig``."""
    probs = charlm.next_char_probs(params, vocab, prompt, temperature=temperature)
    text = charlm.sample(params, vocab, n_chars, rng=np.random.default_rng(seed), prompt=prompt,
                         temperature=temperature)
    ax_p, ax_t = fig.subplots(1, 2, width_ratios=[1, 2.2])
    draw_next_char_probs(ax_p, probs, vocab.chars, temperature=temperature, prompt=prompt)
    draw_sample_text(ax_t, prompt + text, width=64, max_lines=10,
                     title=f"{n_chars} sampled characters after the prompt (seed {seed})")
    return text


def temperature_sampler(params, vocab, *, prompt: str = "the ", n_chars: int = 200, seed: int = 0,
                        temperature: float = 1.0, t_min: float = 0.1, t_max: float = 2.0):
    """A FloatSlider for the temperature; each release redraws the distribution and a fresh sample.

    Returns the container with ``box.slider``, ``box.live`` (LiveFigure) and ``box.text``
    (the latest sample, without the prompt).
    """
    n_chars = v.check_positive_int("n_chars", n_chars)
    temperature = v.check_positive_float("temperature", temperature)
    t_min = v.check_positive_float("t_min", t_min)
    t_max = v.check_positive_float("t_max", t_max)
    if not t_min <= temperature <= t_max:
        raise ValueError(f"temperature must lie in [t_min, t_max] = [{t_min}, {t_max}], got {temperature}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative int, got {seed!r}")
    sampler = _Sampler(params, vocab, prompt)  # fails early on a bad prompt
    slider = widgets.FloatSlider(value=temperature, min=t_min, max=t_max, step=0.05, description="temperature",
                                 style={"description_width": "initial"},
                                 continuous_update=False, readout_format=".2f",
                                 layout=widgets.Layout(width="420px"))
    box = widgets.VBox([slider])
    texts = {}  # temperature -> its sample, also for frames taken from the cache

    def render(fig, temperature):
        box.text = texts[temperature] = render_sampling(fig, params, vocab, prompt=prompt, temperature=temperature,
                                   n_chars=n_chars, seed=seed)
        ax_p, ax_t = fig.axes
        return {"bars": list(ax_p.patches), "probs_title": ax_p.title, "text": ax_t.texts[0],
                "order": np.argsort(-sampler.probs(temperature), kind="stable")[:len(ax_p.patches)]}

    def move(frame, temperature):
        # Only the bar heights, the temperature in the title and the sample change: the bars keep
        # their characters (dividing the logits by a temperature keeps their order).
        probs = sampler.probs(temperature)
        box.text = texts[temperature] = sampler.sample(n_chars, seed, temperature)
        for bar, p in zip(frame["bars"], probs[frame["order"]]):
            bar.set_height(p)
        frame["probs_title"].set_text(f"after {prompt[-16:]!r} at temperature {temperature:.2f}")
        frame["text"].set_text(sample_lines(prompt + box.text, width=64, max_lines=10))

    def moving(frame):
        return [*frame["bars"], frame["probs_title"], frame["text"]]

    live = LiveFigure(render, move=move, animated=moving, figsize=(11.0, 3.4))
    box.children = (slider, live.image)

    def redraw(change):
        live.update(temperature=change["new"])
        box.text = texts[change["new"]]

    slider.observe(redraw, names="value")
    box.slider, box.live = slider, live
    live.update(temperature=temperature)
    return box
