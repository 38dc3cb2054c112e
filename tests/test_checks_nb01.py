import numpy as np

from lecturelib.checks import nb01


def _switch(t, s_prev, a_t, theta):
    r = 2.8 if t < 50 else 3.7
    return r * s_prev * (1 - s_prev)


def _late(t, s_prev, a_t, theta):
    r = 2.8 if t <= 50 else 3.7
    return r * s_prev * (1 - s_prev)


def _swapped(t, s_prev, a_t, theta):
    r = 3.7 if t < 50 else 2.8
    return r * s_prev * (1 - s_prev)


def _constant(t, s_prev, a_t, theta):
    return 2.8 * s_prev * (1 - s_prev)


def _blank(t, s_prev, a_t, theta):
    raise NotImplementedError


def test_switch_reference_passes(capsys):
    assert nb01.check_switching_system(_switch)
    assert capsys.readouterr().out.startswith("PASS")


def test_switch_wrong_answers_get_their_hints(capsys):
    assert not nb01.check_switching_system(_late)
    assert "starts AT t = 50" in capsys.readouterr().out
    nb01.check_switching_system(_swapped)
    assert "swapped" in capsys.readouterr().out
    nb01.check_switching_system(_constant)
    assert "depend on the argument t" in capsys.readouterr().out
    nb01.check_switching_system(lambda t, s, a, th: 1 / 0)
    assert "ZeroDivisionError" in capsys.readouterr().out


def test_switch_without_return_is_told_so(capsys):
    def no_return(t, s_prev, a_t, theta):
        r = 2.8 if t < 50 else 3.7
        r * s_prev * (1 - s_prev)

    assert not nb01.check_switching_system(no_return)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "did you forget `return`?" in out


def test_switch_blank_is_not_attempted(capsys):
    for blank in (None, ..., _blank):
        nb01.check_switching_system(blank)
        assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")


def test_fixed_point(capsys):
    assert nb01.check_fixed_point(0.6)
    assert capsys.readouterr().out.startswith("PASS")
    nb01.check_fixed_point(0.4)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "a step on the way" in out
    assert "1 - 1/r" not in out and "0.6" not in out  # names the slip, not the formula or the answer
    nb01.check_fixed_point(0.0)
    assert "non-zero" in capsys.readouterr().out
    nb01.check_fixed_point(None)
    assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")
    nb01.check_fixed_point("sixty")  # never raises
    assert capsys.readouterr().out.startswith("NOT YET")


def test_state_size(capsys):
    assert nb01.check_state_size(31)
    assert capsys.readouterr().out.startswith("PASS")
    nb01.check_state_size(30)
    assert "s_0 already has" in capsys.readouterr().out
    nb01.check_state_size(np.int64(11))
    assert "3 entries" in capsys.readouterr().out
    nb01.check_state_size(...)
    assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")
