import numpy as np
import pytest

from lecturelib import dynamics as d
from lecturelib.widgets import state_player


def test_state_player_redraws_when_the_step_changes():
    box = state_player(d.damped_rotation(30))
    assert box.slider.max == 30 and box.play.max == 30
    first, renders = box.live.png, box.live.renders
    assert first.startswith(b"\x89PNG")
    box.slider.value = 12
    assert box.live.renders == renders + 1
    assert box.live.png != first


def test_state_player_1d_and_bad_input():
    box = state_player(d.logistic_map(3.9, 0.2, 20), start=5)
    assert box.slider.value == 5
    with pytest.raises(ValueError, match="states must be finite"):
        state_player(np.array([0.0, np.nan]))
    with pytest.raises(ValueError, match="start must be an int in"):
        state_player(d.logistic_map(3.9, 0.2, 20), start=21)
