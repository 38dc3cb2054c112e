"""Self-checks of notebook 06: the reference passes, typical mistakes get their hint, blanks are not attempted."""
import numpy as np

from lecturelib.checks import nb06


def test_vanish_or_explode(capsys):
    assert nb06.check_vanish_or_explode({"A": "vanish", "B": "explode", "C": "Explode"})
    assert "PASS" in capsys.readouterr().out
    assert not nb06.check_vanish_or_explode({"A": "explode", "B": "explode", "C": "explode"})
    assert "triangular" in capsys.readouterr().out
    assert not nb06.check_vanish_or_explode({"A": "vanish", "B": "vanish", "C": "explode"})
    assert "modulus" in capsys.readouterr().out
    assert not nb06.check_vanish_or_explode({"A": "vanish", "B": "explode", "C": "vanish"})
    assert "C's entries" in capsys.readouterr().out
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


def test_step_jacobian(capsys):
    assert nb06.check_step_jacobian(lambda h, W: np.diag(1 - h**2) @ W)
    assert "PASS" in capsys.readouterr().out
    nb06.check_step_jacobian(lambda h, W: W @ np.diag(1 - h**2))
    assert "columns" in capsys.readouterr().out
    nb06.check_step_jacobian(lambda h, W: np.diag(1 - h**2) @ W.T)
    assert "no transpose" in capsys.readouterr().out
    nb06.check_step_jacobian(lambda h, W: np.diag(h) @ W)
    assert "1 - h_t^2" in capsys.readouterr().out
    nb06.check_step_jacobian(lambda h, W: np.ones(3))
    assert "shape" in capsys.readouterr().out

    def placeholder(h_t, W):
        raise NotImplementedError

    nb06.check_step_jacobian(placeholder)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb06.check_step_jacobian(lambda h, W: 1 / 0)
    assert "ZeroDivisionError" in capsys.readouterr().out


def test_steps_to_vanish(capsys):
    assert nb06.steps_to_vanish() == 66
    assert nb06.check_steps_to_vanish(66)
    assert "PASS" in capsys.readouterr().out
    nb06.check_steps_to_vanish(65)
    assert "round k up" in capsys.readouterr().out
    nb06.check_steps_to_vanish(7)
    assert "log(1e-3) / log(0.9)" in capsys.readouterr().out
    nb06.check_steps_to_vanish(None)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb06.check_steps_to_vanish("many")
    assert "whole number" in capsys.readouterr().out
