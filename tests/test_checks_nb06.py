"""Self-checks of notebook 06: the reference passes, typical mistakes get their hint, blanks are not attempted."""
import numpy as np

from lecturelib.checks import nb06


# Words that would tell a student which of the two answers is right, and the eigenvalue moduli themselves
QUIZ_GIVEAWAYS = ("vanish", "explod", "grow", "decay", "shrink", "above", "below", "wins", "0.5", "1.1", "1.05", "0.2")


def _quiz_hint(capsys):
    out = capsys.readouterr().out
    assert out.startswith("NOT YET"), out
    hint = out.split("Hint:", 1)[1].strip().lower()
    assert not any(word in hint for word in QUIZ_GIVEAWAYS), hint  # names the slip, not the answer
    return hint


def test_vanish_or_explode(capsys):
    assert nb06.check_vanish_or_explode({"A": "vanish", "B": "explode", "C": "Explode"})
    assert "PASS" in capsys.readouterr().out
    # any wrong combination: one hint that names no matrix as the wrong one (each answer is one of two
    # words, so naming it would give the answer) and says how to decide each
    wrong_answers = [{"A": a, "B": b, "C": c} for a in ("vanish", "explode") for b in ("vanish", "explode")
                     for c in ("vanish", "explode")]
    wrong_answers.remove(nb06.QUIZ_ANSWER)
    assert len(wrong_answers) == 7
    for answer in wrong_answers:
        assert not nb06.check_vanish_or_explode(answer)
        hint = _quiz_hint(capsys)
        assert hint.startswith("not all three are right yet"), hint
        assert "eigvals" in hint and "diagonal" in hint and "modulus" in hint and "real part" in hint
        assert not any(f"{name} is" in hint for name in ("a", "b", "c"))
    for verdict_text in (nb06.check_vanish_or_explode.__doc__,):
        assert "||W^m||" in verdict_text  # the lag is m, as in the notebook
    nb06.check_vanish_or_explode({"A": None, "B": None, "C": None})
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb06.check_vanish_or_explode(None)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb06.check_vanish_or_explode({"A": "grow", "B": "explode", "C": "explode"})
    assert "must be" in capsys.readouterr().out


def test_quiz_matrices_match_the_answer():
    for k, W in nb06.quiz_matrices().items():
        rho = np.max(np.abs(np.linalg.eigvals(W)))
        assert (rho > 1) == (nb06.QUIZ_ANSWER[k] == "explode")


def right_step(h_t, W):
    return np.diag(1 - h_t**2) @ W


def test_step_jacobian(capsys):
    assert nb06.check_step_jacobian(right_step)
    assert "PASS" in capsys.readouterr().out
    assert nb06.check_step_jacobian(lambda h, W: (1 - h**2)[:, None] * W)
    assert "PASS" in capsys.readouterr().out
    wrong = {
        "columns": lambda h, W: W @ np.diag(1 - h**2),
        "no transpose": lambda h, W: np.diag(1 - h**2) @ W.T,
        "1 - tanh(a)^2 = 1 - h_t^2": lambda h, W: np.diag(h) @ W,
        "only the diagonal": lambda h, W: np.diag(1 - h**2) * W,
        "without applying tanh once more": lambda h, W: np.diag(1 - np.tanh(h) ** 2) @ W,
        "*linear* step": lambda h, W: W.copy(),
        "d h_t / d a_t only": lambda h, W: np.diag(1 - h**2),
        "not one of the usual slips": lambda h, W: 2 * np.diag(1 - h**2) @ W,
        "shape": lambda h, W: np.ones(3),
    }
    for hint, fn in wrong.items():
        assert not nb06.check_step_jacobian(fn)
        out = capsys.readouterr().out
        assert "NOT YET" in out and hint in out, (hint, out)
        assert "diag(1 - h_t^2) W" not in out and "diag(1 - h_t^2) @ W" not in out  # never the whole formula


def test_step_jacobian_cannot_run_or_returns_nothing(capsys):
    def placeholder(h_t, W):
        raise NotImplementedError

    nb06.check_step_jacobian(placeholder)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb06.check_step_jacobian(None)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb06.check_step_jacobian(lambda h, W: 1 / 0)
    assert "ZeroDivisionError" in capsys.readouterr().out

    def no_return(h_t, W):
        np.diag(1 - h_t**2) @ W

    assert not nb06.check_step_jacobian(no_return)
    assert "forget `return`" in capsys.readouterr().out


def test_step_jacobian_notices_the_library_doing_the_work(capsys):
    from lecturelib import jacobians
    from lecturelib.jacobians import step_jacobian

    assert not nb06.check_step_jacobian(lambda h, W: jacobians.step_jacobian(h, W))
    out = capsys.readouterr().out
    assert "NOT YET" in out and "jacobians.step_jacobian" in out and "yourself" in out
    assert not nb06.check_step_jacobian(step_jacobian)  # the library function itself, under another name
    assert "jacobians.step_jacobian" in capsys.readouterr().out


def product_from(step):
    def jacobian_from_steps(h, W, t, k):
        P = np.eye(W.shape[0])
        for s in range(t, k, -1):
            P = P @ step(h[s - 1], W)
        return P
    return jacobian_from_steps


def test_product_reference_agrees_with_the_library():
    from lecturelib import jacobians
    h, W = nb06.product_case()
    for t, k in nb06.PRODUCT_CASES:
        assert np.allclose(product_from(right_step)(h, W, t, k), jacobians.jacobian_product(h[None], W, t, k)[0])
    assert not np.allclose(product_from(right_step)(h, W, 6, 2), np.eye(3))  # a case that tells orders apart


def test_jacobian_product(capsys):
    assert nb06.check_jacobian_product(product_from(right_step), right_step)
    assert "PASS" in capsys.readouterr().out

    def order(h, W, t, k):
        P = np.eye(W.shape[0])
        for s in range(k + 1, t + 1):
            P = P @ right_step(h[s - 1], W)
        return P

    def transposed(h, W, t, k):
        return product_from(right_step)(h, W, t, k).T

    def shifted(h, W, t, k):  # h[s] taken for h_s
        P = np.eye(W.shape[0])
        for s in range(t, k, -1):
            P = P @ right_step(h[s], W)
        return P

    def too_many(h, W, t, k):
        P = np.eye(W.shape[0])
        for s in range(t, k - 1, -1):
            P = P @ right_step(h[s - 1], W)
        return P

    def too_few(h, W, t, k):
        P = np.eye(W.shape[0])
        for s in range(t, k + 1, -1):
            P = P @ right_step(h[s - 1], W)
        return P

    def same_state(h, W, t, k):
        P = np.eye(W.shape[0])
        for s in range(t, k, -1):
            P = P @ right_step(h[t - 1], W)
        return P

    def entrywise(h, W, t, k):
        P = np.ones_like(W)
        for s in range(t, k, -1):
            P = P * right_step(h[s - 1], W)
        return P

    def zero_for_no_step(h, W, t, k):
        return product_from(right_step)(h, W, t, k) if t > k else np.zeros_like(W)

    def linear(h, W, t, k):
        right_step(h[0], W)
        return np.linalg.matrix_power(W, t - k)

    wrong = {"wrong order": order, "transpose": transposed, "h[0] is h_1": shifted, "one factor too many": too_many,
             "one factor too few": too_few, "its own factor": same_state, "entry by entry": entrywise,
             "h_t is h_k itself": zero_for_no_step, "W^(t-k)": linear}
    for hint, fn in wrong.items():
        assert not nb06.check_jacobian_product(fn, right_step)
        out = capsys.readouterr().out
        assert "NOT YET" in out and hint in out, (hint, out)
        assert "start from the identity" not in out  # the targeted hint, not the general one
    assert not nb06.check_jacobian_product(lambda h, W, t, k: 2 * product_from(right_step)(h, W, t, k) + 1, right_step)
    assert "start from the identity" in capsys.readouterr().out


def test_jacobian_product_needs_the_students_own_step(capsys):
    from lecturelib import jacobians

    def by_library(h, W, t, k):
        return jacobians.jacobian_product(h[None], W, t, k)[0]

    assert not nb06.check_jacobian_product(by_library, right_step)
    assert "jacobians.jacobian_product" in capsys.readouterr().out

    def own_numpy(h, W, t, k):  # right numbers, but exercise 2's function is not used
        return product_from(lambda hs, W: (1 - hs**2)[:, None] * W)(h, W, t, k)

    assert not nb06.check_jacobian_product(own_numpy, right_step)
    assert "never ran" in capsys.readouterr().out

    wrong_step = lambda h, W: W @ np.diag(1 - h**2)  # noqa: E731
    assert not nb06.check_jacobian_product(product_from(wrong_step), wrong_step)
    assert "exercise 2" in capsys.readouterr().out


def test_jacobian_product_not_attempted_or_broken(capsys):
    def placeholder(h, W, t, k):
        raise NotImplementedError

    nb06.check_jacobian_product(placeholder, right_step)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out

    def step_placeholder(h_t, W):
        raise NotImplementedError

    nb06.check_jacobian_product(placeholder, step_placeholder)  # the notebook as it is stored: neither done
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb06.check_jacobian_product(None, right_step)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out

    def no_return(h, W, t, k):
        product_from(right_step)(h, W, t, k)

    assert not nb06.check_jacobian_product(no_return, right_step)
    assert "forget `return`" in capsys.readouterr().out
    assert not nb06.check_jacobian_product(lambda h, W, t, k: np.eye(4), right_step)
    assert "(3, 3)" in capsys.readouterr().out

    assert not nb06.check_jacobian_product(product_from(right_step), step_placeholder)  # ex3 done, ex2 not
    assert "exercise 2" in capsys.readouterr().out
    assert not nb06.check_jacobian_product(product_from(right_step), None)
    assert "exercise 2" in capsys.readouterr().out


def test_jacobian_product_without_a_start_for_no_step(capsys):
    """A product started from the first factor instead of the identity: t = k is named, not a missing return."""
    import functools

    def first_factor(h, W, t, k):
        P = None
        for s in range(t, k, -1):
            J = right_step(h[s - 1], W)
            P = J if P is None else P @ J
        return P  # None when t == k: the loop never ran

    assert not nb06.check_jacobian_product(first_factor, right_step)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "(t, k) = (3, 3)" in out and "identity" in out, out
    assert "forget `return`" not in out

    def by_reduce(h, W, t, k):  # raises TypeError at t == k: the empty product has no start either
        return functools.reduce(np.matmul, [right_step(h[s - 1], W) for s in range(t, k, -1)])

    assert not nb06.check_jacobian_product(by_reduce, right_step)
    out = capsys.readouterr().out
    assert "TypeError" in out and "t = k = 3" in out and "identity" in out, out

    def starts_with_J_t(h, W, t, k):  # J_t taken before the loop: one factor too many only at t == k
        P = right_step(h[t - 1], W)
        for s in range(t - 1, k, -1):
            P = P @ right_step(h[s - 1], W)
        return P

    assert not nb06.check_jacobian_product(starts_with_J_t, right_step)
    out = capsys.readouterr().out
    assert "for t = 3, k = 3" in out and "identity" in out, out

    def never_returns(h, W, t, k):  # no return at all: the first case already says so
        first_factor(h, W, t, k)

    assert not nb06.check_jacobian_product(never_returns, right_step)
    out = capsys.readouterr().out
    assert "forget `return`" in out and "(3, 3)" not in out, out


def test_steps_to_vanish(capsys):
    assert nb06.steps_to_vanish() == 66
    assert nb06.check_steps_to_vanish(66)
    assert "PASS" in capsys.readouterr().out
    nb06.check_steps_to_vanish(65)
    assert "round m up" in capsys.readouterr().out
    nb06.check_steps_to_vanish(65.6)
    assert "round m up" in capsys.readouterr().out
    nb06.check_steps_to_vanish(7)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "||W^m|| = 0.9^m for W = 0.9 Q" in out
    assert "log(1e-3)" not in out and "66" not in out  # the solution stays in the folded answer
    nb06.check_steps_to_vanish(-3)
    assert "positive whole number" in capsys.readouterr().out
    nb06.check_steps_to_vanish(None)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb06.check_steps_to_vanish("many")
    assert "whole number" in capsys.readouterr().out
