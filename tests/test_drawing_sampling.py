"""lecturelib.drawing.sampling: the next-character bars say how many of the K characters they show."""
import numpy as np
from matplotlib.figure import Figure

from lecturelib.drawing import sampling


def test_bars_show_the_top_characters_against_the_uniform_level():
    chars = "abcdefghijklmnopqrst"                         # K = 20
    p = np.linspace(1.0, 2.0, len(chars))
    p /= p.sum()
    ax = Figure().add_subplot()
    bars = sampling.draw_next_char_probs(ax, p, chars, top=5)
    assert len(bars) == 5
    assert np.allclose([b.get_height() for b in bars], np.sort(p)[::-1][:5])
    assert "5 most likely of K = 20" in ax.get_xlabel()
    uniform = [line for line in ax.get_lines() if np.allclose(line.get_ydata(), 1 / 20)]
    assert len(uniform) == 1
