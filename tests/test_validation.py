"""Bad input anywhere in the math core raises ValueError/TypeError naming the argument.

Each case is (call, exception type, regex the message must match); the regex names the
offending argument, so a student reading the error knows which argument to fix.
"""
import numpy as np
import pytest

from lecturelib import embedding, gradcheck, gru, losses, lstm, optim, rnn

N, T, D, H, K = 2, 3, 4, 5, 6
_rng = np.random.default_rng(0)
P_RNN = rnn.init_params(D, H, rng=_rng)
P_LSTM = lstm.init_params(D, H, rng=_rng)
P_GRU = gru.init_params(D, H, rng=_rng)
P_GRU_AFTER = gru.init_params(D, H, rng=_rng, reset_after=True)
P_OUT = losses.init_output_params(H, K, rng=_rng)
P_EMB = embedding.init_params(10, D, rng=_rng)
X = _rng.normal(size=(N, T, D))
XT = _rng.normal(size=(N, D))
HP = _rng.normal(size=(N, H))
O = _rng.normal(size=(N, T, K))
Y = _rng.integers(0, K, size=(N, T))


def with_nan(a):
    a = np.array(a, dtype=float)
    a.flat[0] = np.nan
    return a


def replace(params, **changes):
    out = dict(params)
    out.update(changes)
    return out


def drop(params, key):
    return {k: v for k, v in params.items() if k != key}


_, RNN_CACHE = rnn.forward(X, None, P_RNN)
_, RNN_STEP_CACHE = rnn.step_forward(XT, HP, P_RNN)
_, LSTM_CACHE = lstm.forward(X, None, P_LSTM)
_, EMB_CACHE = embedding.forward(np.array([[1, 2]]), P_EMB)

CASES = {
    # ---------------------------------------------------------------- rnn
    "rnn x_t 3-D": (lambda: rnn.step_forward(X, HP, P_RNN), ValueError, r"x_t must be 1-D or 2-D"),
    "rnn x_t wrong D": (lambda: rnn.step_forward(np.ones((N, D + 1)), HP, P_RNN), ValueError, r"x_t must have shape \(\?, 4\), got \(2, 5\)"),
    "rnn h_prev wrong H": (lambda: rnn.step_forward(XT, np.ones((N, H + 1)), P_RNN), ValueError, r"h_prev must have shape \(2, 5\)"),
    "rnn 1-D x_t with 2-D h_prev": (lambda: rnn.step_forward(XT[0], HP, P_RNN), ValueError, r"x_t and h_prev must both be 1-D"),
    "rnn x 2-D": (lambda: rnn.forward(XT, None, P_RNN), ValueError, r"x must be 3-D"),
    "rnn T=0": (lambda: rnn.forward(np.ones((N, 0, D)), None, P_RNN), ValueError, r"x must have at least one step"),
    "rnn h0 wrong shape": (lambda: rnn.forward(X, np.ones((N + 1, H)), P_RNN), ValueError, r"h0 must have shape \(2, 5\)"),
    "rnn params W wrong shape": (lambda: rnn.forward(X, None, replace(P_RNN, W=np.ones((H, H + 1)))), ValueError, r"params\['W'\] must have shape \(5, 5\)"),
    "rnn missing key": (lambda: rnn.forward(X, None, drop(P_RNN, "b")), ValueError, r"params is missing \['b'\]"),
    "rnn NaN in x": (lambda: rnn.forward(with_nan(X), None, P_RNN), ValueError, r"x must be finite"),
    "rnn NaN in params": (lambda: rnn.forward(X, None, replace(P_RNN, U=with_nan(P_RNN["U"]))), ValueError, r"params\['U'\] must be finite"),
    "rnn x is a string": (lambda: rnn.forward("abc", None, P_RNN), TypeError, r"x must be an array of numbers"),
    "rnn params not a dict": (lambda: rnn.forward(X, None, [1, 2]), TypeError, r"params must be a dict"),
    "rnn lstm params": (lambda: rnn.forward(X, None, P_LSTM), ValueError, r"params is missing 'W'"),
    "rnn rng None": (lambda: rnn.init_params(D, H, rng=None), TypeError, r"rng must be a numpy.random.Generator"),
    "rnn hidden_size 0": (lambda: rnn.init_params(D, 0, rng=_rng), ValueError, r"hidden_size must be a positive int"),
    "rnn input_size float": (lambda: rnn.init_params(2.5, H, rng=_rng), TypeError, r"input_size must be a positive int"),
    "rnn backward dh wrong shape": (lambda: rnn.backward(np.ones((N, T + 1, H)), RNN_CACHE), ValueError, r"dh must have shape \(2, 3, 5\)"),
    "rnn step_backward dh_t wrong shape": (lambda: rnn.step_backward(np.ones((N, H + 1)), RNN_STEP_CACHE), ValueError, r"dh_t must have shape \(2, 5\)"),
    # ---------------------------------------------------------------- lstm
    "lstm state not a pair": (lambda: lstm.step_forward(XT, HP, P_LSTM), TypeError, r"state must be a pair \(h, c\)"),
    "lstm c_prev wrong shape": (lambda: lstm.step_forward(XT, (HP, np.ones((N, H + 1))), P_LSTM), ValueError, r"c_prev must have shape \(2, 5\)"),
    "lstm h_prev NaN": (lambda: lstm.step_forward(XT, (with_nan(HP), HP), P_LSTM), ValueError, r"h_prev must be finite"),
    "lstm c0 wrong shape": (lambda: lstm.forward(X, (HP, np.ones((N, H - 1))), P_LSTM), ValueError, r"c0 must have shape \(2, 5\)"),
    "lstm state0 not a pair": (lambda: lstm.forward(X, HP, P_LSTM), TypeError, r"state0 must be a pair"),
    "lstm missing key": (lambda: lstm.forward(X, None, drop(P_LSTM, "U_f")), ValueError, r"params is missing \['U_f'\]"),
    "lstm params W_o wrong shape": (lambda: lstm.forward(X, None, replace(P_LSTM, W_o=np.ones((H, D)))), ValueError, r"params\['W_o'\] must have shape \(5, 5\)"),
    "lstm backward dh wrong shape": (lambda: lstm.backward(np.ones((N, T, H + 1)), LSTM_CACHE), ValueError, r"dh must have shape \(2, 3, 5\)"),
    "lstm rng None": (lambda: lstm.init_params(D, H, rng=None), TypeError, r"rng must be"),
    # ---------------------------------------------------------------- gru
    "gru reset_after yes": (lambda: gru.forward(X, None, P_GRU, reset_after="yes"), ValueError, r"reset_after must be True or False, got 'yes'"),
    "gru step reset_after 1": (lambda: gru.step_forward(XT, HP, P_GRU, reset_after=1), ValueError, r"reset_after must be True or False"),
    "gru init reset_after yes": (lambda: gru.init_params(D, H, rng=_rng, reset_after="yes"), ValueError, r"reset_after must be True or False"),
    "gru reset_after without b_hn": (lambda: gru.forward(X, None, P_GRU, reset_after=True), ValueError, r"params has no 'b_hn'"),
    "gru b_hn without reset_after": (lambda: gru.step_forward(XT, HP, P_GRU_AFTER), ValueError, r"params has 'b_hn'"),
    "gru b_hn wrong shape": (lambda: gru.forward(X, None, replace(P_GRU_AFTER, b_hn=np.ones(H + 1)), reset_after=True), ValueError, r"params\['b_hn'\] must have shape \(5,\)"),
    "gru h0 wrong shape": (lambda: gru.forward(X, np.ones(H), P_GRU), ValueError, r"h0 must be 2-D"),
    "gru x T=0": (lambda: gru.forward(np.ones((N, 0, D)), None, P_GRU), ValueError, r"x must have at least one step"),
    # ---------------------------------------------------------------- losses
    "ce float labels": (lambda: losses.cross_entropy(O[:, 0], np.array([0.5, 1.0])), TypeError, r"y must contain integers"),
    "ce labels out of range": (lambda: losses.cross_entropy(O[:, 0], np.array([0, K])), ValueError, r"y must lie in \[0, 6\)"),
    "ce wrong number of labels": (lambda: losses.cross_entropy(O[:, 0], np.array([0, 1, 2])), ValueError, r"y must have shape \(2,\)"),
    "ce logits inf": (lambda: losses.cross_entropy(np.array([[np.inf, 0.0]]), np.array([0])), ValueError, r"o must be finite"),
    "seq ce mask not binary": (lambda: losses.sequence_cross_entropy(O, Y, np.full((N, T), 0.5)), ValueError, r"mask must contain only 0 and 1"),
    "seq ce y wrong shape": (lambda: losses.sequence_cross_entropy(O, Y[:, :-1]), ValueError, r"y must have shape \(2, 3\)"),
    "seq ce mask wrong shape": (lambda: losses.sequence_cross_entropy(O, Y, np.ones((N, T + 1))), ValueError, r"mask must have shape \(2, 3\)"),
    "m2o y 2-D": (lambda: losses.many_to_one_cross_entropy(O, Y), ValueError, r"y must be 1-D"),
    "output h wrong H": (lambda: losses.output_forward(np.ones((N, T, H + 1)), P_OUT), ValueError, r"h must have shape \(\?, \?, 5\)"),
    "output missing c": (lambda: losses.output_forward(np.ones((N, H)), drop(P_OUT, "c")), ValueError, r"params is missing \['c'\]"),
    "output rng None": (lambda: losses.init_output_params(H, K, rng=None), TypeError, r"rng must be"),
    # ---------------------------------------------------------------- embedding
    "embedding id out of range": (lambda: embedding.forward(np.array([0, 10]), P_EMB), ValueError, r"ids must lie in \[0, 10\)"),
    "embedding negative id": (lambda: embedding.forward(np.array([-1, 2]), P_EMB), ValueError, r"ids must lie in"),
    "embedding float ids": (lambda: embedding.forward(np.array([0.5]), P_EMB), TypeError, r"ids must contain integers"),
    "embedding dout wrong shape": (lambda: embedding.backward(np.ones((1, 2, D + 1)), EMB_CACHE), ValueError, r"dout must have shape \(1, 2, 4\)"),
    "embedding vocab_size 0": (lambda: embedding.init_params(0, D, rng=_rng), ValueError, r"vocab_size must be a positive int"),
    # ---------------------------------------------------------------- optim
    "sgd negative lr": (lambda: optim.SGD(lr=-0.1), ValueError, r"lr must be a finite number > 0"),
    "sgd momentum 1": (lambda: optim.SGD(momentum=1.0), ValueError, r"momentum must be in \[0, 1\)"),
    "sgd momentum str": (lambda: optim.SGD(momentum="0.9"), TypeError, r"momentum must be a number"),
    "adam beta1 1": (lambda: optim.Adam(beta1=1.0), ValueError, r"beta1 must be in \[0, 1\)"),
    "adam beta2 str": (lambda: optim.Adam(beta2="x"), TypeError, r"beta2 must be a number"),
    "adagrad eps 0": (lambda: optim.Adagrad(eps=0.0), ValueError, r"eps must be a finite number > 0"),
    "step key mismatch": (lambda: optim.SGD().step({"w": np.ones(2)}, {"v": np.ones(2)}), ValueError, r"grads must have the same keys as params"),
    "step grad wrong shape": (lambda: optim.SGD().step({"w": np.ones(2)}, {"w": np.ones(3)}), ValueError, r"grads\['w'\] must have shape \(2,\)"),
    "clip max_norm 0": (lambda: optim.clip_grad_norm({"w": np.ones(2)}, 0.0), ValueError, r"max_norm must be a finite number > 0"),
    "clip NaN gradient": (lambda: optim.clip_grad_norm({"w": with_nan(np.ones(2))}, 1.0), ValueError, r"grads\['w'\] must be finite"),
    "clip grads not dict": (lambda: optim.clip_grad_norm([np.ones(2)], 1.0), TypeError, r"grads must be a dict"),
    # ---------------------------------------------------------------- gradcheck
    "rel_error shapes": (lambda: gradcheck.rel_error(np.ones(2), np.ones(3)), ValueError, r"a and b must have the same shape"),
    "numerical_gradient f not callable": (lambda: gradcheck.numerical_gradient(3.0, np.ones(2)), TypeError, r"f must be a callable"),
    "numerical_gradient h negative": (lambda: gradcheck.numerical_gradient(lambda: 0.0, np.ones(2), h=-1e-6), ValueError, r"h must be a finite number > 0"),
}


@pytest.mark.parametrize("call, exc, match", list(CASES.values()), ids=list(CASES))
def test_bad_input_names_the_argument(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_there_are_enough_cases():
    assert len(CASES) >= 25


def test_finite_check_accepts_huge_values_whose_sum_overflows_and_rejects_nan_and_inf():
    import warnings

    from lecturelib import _validate as v

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warning from the quick sum either
        assert v.as_float_array("x", np.full(4, 1e308)).shape == (4,)
    for bad in ([1.0, np.nan], [np.inf, -np.inf], [1e308, 1e308, np.inf]):
        with pytest.raises(ValueError, match="x must be finite"):
            v.as_float_array("x", bad)
