"""The nb05 self-checks: the reference passes, typical mistakes get their hint, blanks are not attempted."""
import numpy as np
import pytest

from lecturelib import rnn
from lecturelib.checks import nb05


def reference_step_backward(dh_t, x_t, h_prev, h_t, W, U):
    da = dh_t * (1.0 - h_t**2)
    return da @ U, da @ W, da.T @ h_prev, da.T @ x_t, da.sum(axis=0)


def test_ex1_reference_passes_and_agrees_with_the_library(capsys):
    dh, x, h_prev, h_t, W, U = nb05._step_case()
    _, cache = rnn.step_forward(x, h_prev, {"W": W, "U": U, "b": np.zeros(W.shape[0])})
    # the case's h_t was computed with the real bias, so rebuild the cache around it
    cache["h"] = h_t
    dx_lib, dh_prev_lib, g = rnn.step_backward(dh, cache)
    ours = reference_step_backward(dh, x, h_prev, h_t, W, U)
    np.testing.assert_allclose(ours[0], dx_lib)
    np.testing.assert_allclose(ours[1], dh_prev_lib)
    np.testing.assert_allclose(ours[2], g["W"])
    assert nb05.check_step_backward(reference_step_backward)
    assert capsys.readouterr().out.startswith("PASS")


def _variant(kind):
    def fn(dh_t, x_t, h_prev, h_t, W, U):
        da = dh_t if kind == "no_tanh" else dh_t * (1.0 - (h_prev if kind == "h_prev" else h_t) ** 2)
        dh_prev = da @ W.T if kind == "W.T" else da @ W
        dW = (da.T @ h_prev).T if kind == "dW.T" else da.T @ h_prev
        db = da.mean(axis=0) if kind == "mean" else da.sum(axis=0)
        return da @ U, dh_prev, dW, da.T @ x_t, db
    return fn


@pytest.mark.parametrize("kind, phrase", [("no_tanh", "skipped the tanh"), ("W.T", "not by W.T"),
                                          ("dW.T", "transposed"), ("mean", "sum, not mean"),
                                          ("h_prev", "wrong step")])
def test_ex1_typical_mistakes_get_their_hint(capsys, kind, phrase):
    assert not nb05.check_step_backward(_variant(kind))
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and phrase in out
    assert not any(code in out for code in SOLUTION_CODE), out


# Pieces of the reference solutions: a hint names the slip, it never prints these.
SOLUTION_CODE = ("da.T @", "da @", "(1 - h[:, 2]", "1 - h_t**2", "(1.0 - h_t", "dh[:, 1] +")


def test_ex1_catch_all_names_the_gradient_but_not_the_formula(capsys):
    def wrong_dx(dh_t, x_t, h_prev, h_t, W, U):
        grads = reference_step_backward(dh_t, x_t, h_prev, h_t, W, U)
        return (2 * grads[0],) + grads[1:]

    def wrong_dU(dh_t, x_t, h_prev, h_t, W, U):
        grads = reference_step_backward(dh_t, x_t, h_prev, h_t, W, U)
        return grads[:3] + (grads[3] + 1.0, grads[4])

    assert not nb05.check_step_backward(wrong_dx)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "dx_t is not right yet" in out and "through U" in out
    assert not any(code in out for code in SOLUTION_CODE), out
    assert not nb05.check_step_backward(wrong_dU)
    out = capsys.readouterr().out
    assert "dU is not right yet" in out and not any(code in out for code in SOLUTION_CODE), out


def test_ex1_missing_return_and_library_call(capsys):
    def no_return(dh_t, x_t, h_prev, h_t, W, U):
        da = dh_t * (1.0 - h_t**2)  # noqa: F841 (the slip: no return)

    assert not nb05.check_step_backward(no_return)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "returned None" in out

    def by_library(dh_t, x_t, h_prev, h_t, W, U):
        dx, dh_prev, g = rnn._step_backward(dh_t, x_t, h_prev, h_t, {"W": W, "U": U})
        return dx, dh_prev, g["W"], g["U"], g["b"]

    assert not nb05.check_step_backward(by_library)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "rnn._step_backward" in out and "yourself" in out


def test_ex1_blank_raising_and_bad_returns(capsys):
    def placeholder(*args):
        raise NotImplementedError

    assert not nb05.check_step_backward(placeholder)
    assert not nb05.check_step_backward(None)
    out = capsys.readouterr().out
    assert out.count("NOT ATTEMPTED YET") == 2
    assert not nb05.check_step_backward(lambda *a: (1, 2))
    assert "five arrays" in capsys.readouterr().out
    assert not nb05.check_step_backward(lambda *a: 1 / 0)
    assert "ZeroDivisionError" in capsys.readouterr().out


def _ex2():
    _, params, h, dh = nb05.exercise2_setup()
    return params["W"], h, dh


def test_ex2_reference_passes_and_matches_rnn_backward(capsys):
    x, params, h, dh = nb05.exercise2_setup()
    W = params["W"]
    answer = dh[:, 1] + (dh[:, 2] * (1 - h[:, 2] ** 2)) @ W
    # independent: the total gradient at h_2 is what reaches h_1's pre-activation, undone through tanh'
    # easier: run rnn.backward on the last two steps only, starting from h_2 as h0
    _, cache = rnn.forward(x[:, 2:], h[:, 1], params)
    _, dh_at_h2_from_h3, _ = rnn.backward(dh[:, 2:], cache)
    np.testing.assert_allclose(answer, dh[:, 1] + dh_at_h2_from_h3)
    assert nb05.check_gradient_at_h2(answer)
    assert "PASS" in capsys.readouterr().out


@pytest.mark.parametrize("build, phrase", [
    (lambda W, h, dh: dh[:, 1], "only what L_2 sends"),
    (lambda W, h, dh: (dh[:, 2] * (1 - h[:, 2] ** 2)) @ W, "only what comes back from h_3"),
    (lambda W, h, dh: dh[:, 1] + dh[:, 2], "passes through h_3's tanh and through W"),
    (lambda W, h, dh: dh[:, 1] + dh[:, 2] @ W, "tanh derivative is missing"),
    (lambda W, h, dh: dh[:, 1] + dh[:, 2] * (1 - h[:, 2] ** 2), "only via W h_2"),
    # the slip section 3 warns about: 1 - h_2^2 (the state the gradient arrives at) instead of 1 - h_3^2
    (lambda W, h, dh: dh[:, 1] + (dh[:, 2] * (1 - h[:, 1] ** 2)) @ W, "wrong step"),
    (lambda W, h, dh: dh[:, 1] + (dh[:, 2] @ W) * (1 - h[:, 1] ** 2), "wrong step"),
    (lambda W, h, dh: dh[:, 1] + (dh[:, 2] * (1 - h[:, 2] ** 2)) @ W.T, "not by W.T"),
    (lambda W, h, dh: (dh[:, 1] + (dh[:, 2] * (1 - h[:, 2] ** 2)) @ W) * (1 - h[:, 1] ** 2), "gradient at a_2"),
    (lambda W, h, dh: dh[:, 0] + (dh[:, 1] * (1 - h[:, 1] ** 2)) @ W, "gradient at h_1"),
    (lambda W, h, dh: dh[:, 2], "gradient at h_3"),
])
def test_ex2_typical_mistakes_get_their_hint_not_the_solution(capsys, build, phrase):
    assert not nb05.check_gradient_at_h2(build(*_ex2()))
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and phrase in out
    assert not any(code in out for code in SOLUTION_CODE), out


def test_ex2_wrong_answers_differ_from_the_right_one_and_from_each_other():
    # otherwise a wrong answer could pass, or get the hint meant for another slip
    W, h, dh = _ex2()
    right = dh[:, 1] + (dh[:, 2] * (1 - h[:, 2] ** 2)) @ W
    wrongs = [w for w, _ in nb05._ex2_wrong_answers(W, h, dh)]
    for i, w in enumerate(wrongs):
        assert not np.allclose(w, right, rtol=1e-6, atol=1e-9), i
        for j in range(i):
            assert not np.allclose(w, wrongs[j], rtol=1e-6, atol=1e-9), (i, j)


def test_ex2_catch_all_gives_no_solution(capsys):
    W, h, dh = _ex2()
    assert not nb05.check_gradient_at_h2(dh[:, 1] + 0.5)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "two parts" in out
    assert not any(code in out for code in SOLUTION_CODE), out


def test_ex2_blank_and_wrong_shape(capsys):
    assert not nb05.check_gradient_at_h2(None)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    assert not nb05.check_gradient_at_h2(np.zeros(5))
    assert "expected (2, 5)" in capsys.readouterr().out


def test_ex3_right_answer_passes_and_is_computed_from_the_definition(capsys):
    # independent: per-character losses of a text whose first half is predicted with p = 1, the rest with 1/9
    p_right = np.r_[np.ones(50), np.full(50, 1 / 9)]
    from lecturelib import losses
    expected = losses.perplexity(np.mean(-np.log(p_right)))
    assert expected == pytest.approx(3.0, rel=1e-12)
    for answer in (3, 3.0, np.sqrt(9), np.float64(expected)):
        assert nb05.check_half_sure_perplexity(answer)
        assert capsys.readouterr().out.startswith("PASS")


@pytest.mark.parametrize("answer, phrase", [
    (5.0, "averaged the two perplexities"),
    (1.8, "averaged the probabilities"),
    (4.5, "perplexity 1 (exp 0), not 0"),
    (np.log(3), "mean loss per character"),
    (1.0986, "mean loss per character"),           # the same, rounded by hand
    (np.log(9), "loss of one character of the unsure half"),
    (9, "unsure half alone"),
    (1 / 3, "exp(-mean loss)"),
    (5 / 9, "mean probability"),
    (np.log2(3), "in bits"),
])
def test_ex3_typical_mistakes_get_their_hint_not_the_solution(capsys, answer, phrase):
    assert not nb05.check_half_sure_perplexity(answer)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and phrase in out, out
    hint = out.split("Hint:", 1)[1]
    assert "log 3" not in hint and " 3" not in hint and "= 3" not in hint, out  # the answer is not printed


def test_ex3_wrong_answers_differ_from_the_right_one_and_from_each_other():
    wrongs = [w for w, _ in nb05._ex3_wrong_answers()]
    for i, w in enumerate(wrongs):
        assert not np.isclose(w, 3.0, rtol=5e-2), i
        for j in range(i):
            assert not np.isclose(w, wrongs[j], rtol=5e-2), (i, j)


def test_ex3_rounded_catch_all_blank_and_non_numbers(capsys):
    assert not nb05.check_half_sure_perplexity(2.98)
    assert "close, but not exact" in capsys.readouterr().out
    assert not nb05.check_half_sure_perplexity(7.0)  # the catch-all
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "exp(mean loss per character)" in out
    assert "log 9" not in out and "log 3" not in out
    for blank in (None, ...):
        assert not nb05.check_half_sure_perplexity(blank)
        assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    assert not nb05.check_half_sure_perplexity("three")
    assert "give one number" in capsys.readouterr().out
    assert not nb05.check_half_sure_perplexity(True)
    assert "give one number" in capsys.readouterr().out
