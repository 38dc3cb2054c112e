import numpy as np
import pytest

from lecturelib.widgets import unrolled_player


def test_unrolled_player_lights_up_each_step():
    h = np.tanh(np.random.default_rng(0).normal(size=(6, 4)))
    box = unrolled_player(h)
    assert box.slider.min == 0 and box.slider.max == 6
    frames = [box.live.png]
    for t in (1, 6):
        box.slider.value = t
        frames.append(box.live.png)
    assert len(set(frames)) == 3
    assert box.live.renders == 3


def test_unrolled_player_bad_input():
    with pytest.raises(ValueError, match="h must be 2-D"):
        unrolled_player(np.zeros(5))
