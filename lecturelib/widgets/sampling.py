"""Temperature slider for sampling text from a trained character model.

Each redraw samples with a fresh generator from the same ``seed``, so moving the slider
changes only the temperature, never the random numbers.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import _validate as v
from .. import charlm
from ..drawing.sampling import draw_next_char_probs, draw_sample_text, sample_lines
from ._base import LiveFigure

__all__ = ["temperature_sampler", "render_sampling"]


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
    charlm.next_char_probs(params, vocab, prompt, temperature=temperature)  # fail early on a bad prompt
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
                "order": np.argsort(-charlm.next_char_probs(params, vocab, prompt, temperature=temperature),
                                    kind="stable")[:len(ax_p.patches)]}

    def move(frame, temperature):
        # Only the bar heights, the temperature in the title and the sample change: the bars keep
        # their characters (dividing the logits by a temperature keeps their order).
        probs = charlm.next_char_probs(params, vocab, prompt, temperature=temperature)
        box.text = texts[temperature] = charlm.sample(params, vocab, n_chars, rng=np.random.default_rng(seed),
                                                      prompt=prompt, temperature=temperature)
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
