"""lecturelib.claims: a claim prints when it holds, raises naming itself when it does not."""
import numpy as np
import pytest

from lecturelib import claims


def test_claim_that_holds_prints_its_statement(capsys):
    claims.check("two is more than one", 2 > 1)
    assert capsys.readouterr().out == "claim holds: two is more than one\n"


def test_claim_accepts_numpy_bool(capsys):
    claims.check("all runs learned", np.all(np.array([0.95, 1.0]) >= 0.9))
    assert "all runs learned" in capsys.readouterr().out


def test_claim_that_fails_raises_with_statement_and_evidence(capsys):
    with pytest.raises(claims.ClaimError, match=r"every run learned \(accuracies 0.5 1.0\)"):
        claims.check("every run learned", np.all(np.array([0.5, 1.0]) >= 0.9), evidence="accuracies 0.5 1.0")
    assert capsys.readouterr().out == ""


def test_claim_error_is_an_assertion_error():
    assert issubclass(claims.ClaimError, AssertionError)


@pytest.mark.parametrize("holds", [np.array([True, True]), 1, None, "yes"])
def test_claim_rejects_a_non_bool_condition(holds):
    with pytest.raises(TypeError, match="holds must be a bool"):
        claims.check("something", holds)


@pytest.mark.parametrize("statement, err", [(None, TypeError), (3, TypeError), ("  ", ValueError)])
def test_claim_rejects_a_bad_statement(statement, err):
    with pytest.raises(err, match="statement"):
        claims.check(statement, True)


def test_count_and_k_of_n():
    acc = [0.5, 0.9, 0.89, 1.0]
    assert claims.count(acc, 0.9) == 2
    assert claims.k_of_n(acc, 0.9) == "2 of 4"
    assert claims.k_of_n(np.array([[1.0, 0.2], [0.95, 0.91]]), 0.9) == "3 of 4"


def test_count_rejects_bad_input():
    with pytest.raises(ValueError, match="values must not be empty"):
        claims.count([], 0.9)
    with pytest.raises(ValueError, match="values must be finite"):
        claims.count([0.5, np.nan], 0.9)
    with pytest.raises(TypeError, match="threshold"):
        claims.count([0.5], "0.9")
