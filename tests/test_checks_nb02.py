import numpy as np

from lecturelib import rnn
from lecturelib.checks import nb02


def _unroll3(x, h0, params):
    h1, _ = rnn.step_forward(x[:, 0], h0, params)
    h2, _ = rnn.step_forward(x[:, 1], h1, params)
    h3, _ = rnn.step_forward(x[:, 2], h2, params)
    return np.stack([h1, h2, h3], axis=1)


def _no_chain(x, h0, params):
    return np.stack([rnn.step_forward(x[:, t], h0, params)[0] for t in range(3)], axis=1)


def _wrong_axis(x, h0, params):
    return np.swapaxes(_unroll3(x, h0, params), 0, 1)


def _blank(x, h0, params):
    raise NotImplementedError


def test_counts(capsys):
    assert nb02.check_shared_count(45)
    assert nb02.check_unshared_count(4500)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("PASS") and out[1].startswith("PASS")
    nb02.check_shared_count(4500)
    assert "count them once" in capsys.readouterr().out
    nb02.check_shared_count(40)
    assert "bias" in capsys.readouterr().out
    nb02.check_unshared_count(45)
    assert "its own copy" in capsys.readouterr().out
    nb02.check_shared_count(None)
    nb02.check_unshared_count(...)
    assert capsys.readouterr().out.count("NOT ATTEMPTED YET") == 2


def test_receptive_field(capsys):
    assert nb02.check_receptive_field(9)
    assert capsys.readouterr().out.startswith("PASS")
    nb02.check_receptive_field(12)
    assert "overlap" in capsys.readouterr().out
    nb02.check_receptive_field(None)
    assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")


def test_unroll3(capsys):
    assert nb02.check_unroll3(_unroll3)
    assert capsys.readouterr().out.startswith("PASS")
    nb02.check_unroll3(_no_chain)
    assert "feed h1 into step 2" in capsys.readouterr().out
    nb02.check_unroll3(_wrong_axis)
    assert "axis=1" in capsys.readouterr().out
    nb02.check_unroll3(lambda x, h0, p: x["bad"])
    assert capsys.readouterr().out.startswith("NOT YET")
    for blank in (None, _blank):
        nb02.check_unroll3(blank)
        assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")
