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


def _weather_rnn():
    from lecturelib import rnn

    rng = np.random.default_rng(0)
    x = np.sin(np.arange(24) / 3.0)
    return x, rnn.init_params(1, 6, rng=rng)


def test_nudge_reach_shrinks_with_a_smaller_w():
    from lecturelib import rnn
    from lecturelib.widgets import nudge_reach

    x, params = _weather_rnn()
    h, change = nudge_reach(x, params, scale=1.0)
    np.testing.assert_allclose(h, rnn.forward(x[None, :, None], None, params)[0][0])
    assert change.shape == (24,) and change[0] > 0.01
    _, weaker = nudge_reach(x, params, scale=0.5)
    assert weaker[-1] < change[-1]
    _, none = nudge_reach(x, params, scale=0.0)
    assert none[0] > 0 and np.all(none[1:] == 0)  # with W = 0 nothing is carried forward
    assert params["W"].any()  # the caller's W is left alone


def test_unrolled_explorer_scale_and_step_change_the_picture():
    from lecturelib.widgets import unrolled_explorer

    x, params = _weather_rnn()
    box = unrolled_explorer(x, params)
    assert box.slider.max == 24 and box.slider.value == 24
    frames = [box.live.png]
    box.scale.value = 0.5
    frames.append(box.live.png)
    box.slider.value = 5
    frames.append(box.live.png)
    assert len(set(frames)) == 3
    with pytest.raises(ValueError, match="input size D = 1"):
        from lecturelib import rnn

        unrolled_explorer(x, rnn.init_params(2, 3, rng=np.random.default_rng(0)))
    with pytest.raises(ValueError, match="scale must be a number in"):
        unrolled_explorer(x, params, scale=3.0)
