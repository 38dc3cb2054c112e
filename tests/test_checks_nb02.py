import numpy as np
import pytest

from lecturelib import rnn, sharing
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


def _no_return(x, h0, params):
    h1, _ = rnn.step_forward(x[:, 0], h0, params)
    h2, _ = rnn.step_forward(x[:, 1], h1, params)
    h3, _ = rnn.step_forward(x[:, 2], h2, params)
    np.stack([h1, h2, h3], axis=1)


def _by_forward(x, h0, params):
    return rnn.forward(x, h0, params)[0]


def _by_forward_alias(x, h0, params):
    from lecturelib.rnn import forward

    return forward(x, h0, params)[0]


def _by_forward_per_step(x, h0, params):
    h, states = h0, []
    for t in range(3):
        h = rnn.forward(x[:, t:t + 1], h, params)[0][:, 0]
        states.append(h)
    return np.stack(states, axis=1)


def _by_unshared_forward(x, h0, params):
    return sharing.unshared_forward(x, h0, [params] * 3)[0]


def _by_hand_tanh(x, h0, params):
    W, U, b = params["W"], params["U"], params["b"]
    h1 = np.tanh(h0 @ W.T + x[:, 0] @ U.T + b)
    h2 = np.tanh(h1 @ W.T + x[:, 1] @ U.T + b)
    h3 = np.tanh(h2 @ W.T + x[:, 2] @ U.T + b)
    return np.stack([h1, h2, h3], axis=1)


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
    for wrong, phrase in ((8, "one short"), (81, "not by multiplying"), (7, "go down one layer"),
                          (5, "both signs")):
        nb02.check_receptive_field(wrong)
        out = capsys.readouterr().out
        # the hint names the slip; the formula and the answer stay in the folded solution
        assert out.startswith("NOT YET") and phrase in out, out
        assert "(S - 1) + 1" not in out and "layers *" not in out and " 9" not in out, out
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


def test_unroll3_without_return_is_told_so(capsys):
    assert not nb02.check_unroll3(_no_return)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "did you forget `return`?" in out


def test_unroll3_by_hand_with_tanh_passes(capsys):
    assert nb02.check_unroll3(_by_hand_tanh)
    assert capsys.readouterr().out.startswith("PASS")


def test_unroll3_that_lets_the_library_loop_does_not_pass(capsys):
    # the numbers are right in every case; the check must notice who computed them
    for fn, name in ((_by_forward, "rnn.forward"), (_by_forward_alias, "rnn.forward"),
                     (_by_forward_per_step, "rnn.forward"), (_by_unshared_forward, "sharing.unshared_forward")):
        assert not nb02.check_unroll3(fn), fn.__name__
        out = capsys.readouterr().out
        assert out.startswith("NOT YET") and f"{name} ran inside your unroll3" in out, fn.__name__
        assert "three calls of rnn.step_forward" in out


def _pairs_fed_back(x, h0, params):  # the whole (h_t, cache) pair passed on as the next state
    h1 = rnn.step_forward(x[:, 0], h0, params)
    h2 = rnn.step_forward(x[:, 1], h1, params)
    h3 = rnn.step_forward(x[:, 2], h2, params)
    return np.stack([h1, h2, h3], axis=1)


def _pairs_stacked(x, h0, params):  # chained right, but one pair stacked whole
    h1, _ = rnn.step_forward(x[:, 0], h0, params)
    h2 = rnn.step_forward(x[:, 1], h1, params)
    h3, _ = rnn.step_forward(x[:, 2], h2[0], params)
    return np.stack([h1, h2, h3], axis=1)


def _pairs_returned(x, h0, params):  # the pairs returned in a list
    h1 = rnn.step_forward(x[:, 0], h0, params)
    return [h1, rnn.step_forward(x[:, 1], h1[0], params), rnn.step_forward(x[:, 2], h0, params)]


def _indexed_but_wrong_axis(x, h0, params):  # unpacks with out[0]: a different slip, not this hint
    out = rnn.step_forward(x[:, 0], h0, params)
    h1 = out[0]
    h2, _ = rnn.step_forward(x[:, 1], h1, params)
    h3, _ = rnn.step_forward(x[:, 2], h2, params)
    return np.stack([h1, h2, h3], axis=0)


@pytest.mark.parametrize("fn", [_pairs_fed_back, _pairs_stacked, _pairs_returned])
def test_unroll3_forgot_to_unpack_gets_its_hint(capsys, fn):
    assert not nb02.check_unroll3(fn)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "returns a pair (h_t, cache): unpack it" in out
    assert "inhomogeneous" not in out and "raised" not in out


def test_unroll3_unpack_hint_only_for_that_slip(capsys):
    assert not nb02.check_unroll3(_indexed_but_wrong_axis)
    out = capsys.readouterr().out
    assert "axis=1" in out and "unpack" not in out
    for fn in (_unroll3, _by_hand_tanh):
        assert nb02.check_unroll3(fn)
        assert capsys.readouterr().out.startswith("PASS")


def test_unroll3_result_that_is_not_an_array_names_the_slip_not_the_call(capsys):
    def unroll3(x, h0, params):
        h1, _ = rnn.step_forward(x[:, 0], h0, params)
        h2, _ = rnn.step_forward(x[:, 1], h1, params)
        h3, _ = rnn.step_forward(x[:, 2], h2, params)
        return {"h1": h1, "h2": h2, "h3": h3}  # a dict, not one array

    assert not nb02.check_unroll3(unroll3)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "dict" in out and "(N, 3, H)" in out, out
    assert "np.stack" not in out, out
