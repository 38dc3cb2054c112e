"""Self-checks of notebook 07: the reference passes, each known slip gets its own hint (which names
the slip without printing the solution), blanks are not attempted."""
import numpy as np
import pytest

from lecturelib import lstm
from lecturelib.checks import nb07

# Pieces of the reference solutions: a hint names the slip, it never prints these.
SOLUTION = ("f * c_0 + i * g", "f * c_prev", "o * tanh(c_1)", "o * np.tanh", "0.6", "0.43", "5504", "4 * (",
            "(H, D), W", "HD + HH")


def _reference():
    v = nb07.step_values()
    c = v["f"] * v["c_prev"] + v["i"] * v["g"]
    return c, v["o"] * np.tanh(c)


def _out(capsys):
    out = capsys.readouterr().out
    assert not any(piece in out for piece in SOLUTION), out
    return out


def test_cell_step_reference_passes_and_agrees_with_the_library(capsys):
    c, h = _reference()
    assert abs(c - 0.6) < 1e-12
    v = nb07.step_values()
    # the same numbers from the library's step: choose pre-activations whose gates are the given values
    logit = lambda p: np.log(p / (1 - p))  # noqa: E731
    D, H = 1, 1
    p = {k: np.zeros(s) for k, s in lstm.param_shapes(D, H).items()}
    p.update(b_i=np.array([logit(v["i"])]), b_f=np.array([logit(v["f"])]), b_o=np.array([logit(v["o"])]),
             b_g=np.array([np.arctanh(v["g"])]))
    (h_lib, c_lib), _ = lstm.step_forward(np.zeros(1), (np.zeros(1), np.array([v["c_prev"]])), p)
    assert np.allclose((c_lib[0], h_lib[0]), (c, h))
    assert nb07.check_cell_step((c, h))
    assert _out(capsys).startswith("PASS")
    assert nb07.check_cell_step([c, h])
    assert _out(capsys).startswith("PASS")


@pytest.mark.parametrize("k", range(len(nb07.cell_step_slips(**nb07.step_values()))))
def test_cell_step_each_slip_gets_its_hint(capsys, k):
    wrong, hint = nb07.cell_step_slips(**nb07.step_values())[k]
    assert not nb07.check_cell_step(wrong)
    out = _out(capsys)
    assert out.startswith("NOT YET") and hint in out


def test_cell_step_slips_differ_from_the_answer_and_from_each_other():
    right = np.array(_reference())
    wrongs = [np.array(w) for w, _ in nb07.cell_step_slips(**nb07.step_values())]
    for i, w in enumerate(wrongs):
        assert not np.allclose(w, right, rtol=1e-3, atol=1e-4), i
        for j in range(i):
            assert not np.allclose(w, wrongs[j], rtol=1e-3, atol=1e-4), (i, j)


def test_cell_step_catch_all_says_which_half_is_wrong(capsys):
    c, h = _reference()
    assert not nb07.check_cell_step((c, h + 0.2))
    out = _out(capsys)
    assert out.startswith("NOT YET") and "c_1 is right, h_1 is not yet" in out
    assert not nb07.check_cell_step((c + 0.3, h))
    out = _out(capsys)
    assert "c_1 is not right yet" in out
    assert not nb07.check_cell_step((1.0, 2.0, 3.0))
    assert "shape" in _out(capsys)


def test_cell_step_blanks(capsys):
    for blank in (None, (None, None), [None, 0.4]):
        nb07.check_cell_step(blank)
        assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")


def test_perfect_memory(capsys):
    assert nb07.check_perfect_memory({"f": 1, "i": 0})
    assert "PASS" in capsys.readouterr().out
    nb07.check_perfect_memory({"f": 0, "i": 1})
    assert "erases" in capsys.readouterr().out
    nb07.check_perfect_memory({"f": 1, "i": 1})
    assert "i * g is added" in capsys.readouterr().out
    nb07.check_perfect_memory({"f": 0.9, "i": 0})
    assert "f^50" in capsys.readouterr().out
    nb07.check_perfect_memory({"f": 2, "i": 0})
    assert "between 0 and 1" in capsys.readouterr().out
    nb07.check_perfect_memory({"f": 1, "i": -1})
    assert "between 0 and 1" in capsys.readouterr().out
    nb07.check_perfect_memory({"f": None, "i": None})
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb07.check_perfect_memory({"forget": 1})
    assert "dict" in capsys.readouterr().out
    nb07.check_perfect_memory({"f": "yes", "i": 0})
    assert "number" in capsys.readouterr().out


def test_param_count_reference_matches_the_library(capsys):
    n = sum(int(np.prod(s)) for s in lstm.param_shapes(10, 32).values())
    assert nb07.lstm_param_count() == n == 5504
    assert nb07.check_param_count(n)
    assert "PASS" in capsys.readouterr().out


@pytest.mark.parametrize("wrong", sorted(nb07.param_count_slips()))
def test_param_count_each_slip_gets_its_hint(capsys, wrong):
    slips = nb07.param_count_slips()
    assert len(slips) == 8 and nb07.lstm_param_count() not in slips  # all different, none right
    assert not nb07.check_param_count(wrong)
    out = _out(capsys)
    assert out.startswith("NOT YET") and slips[wrong] in out


def test_param_count_catch_all_and_blank(capsys):
    assert not nb07.check_param_count(1234)
    out = _out(capsys)
    assert out.startswith("NOT YET") and "one gate block" in out
    nb07.check_param_count(None)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out


def test_param_count_library_confirmation_only_after_the_check_passes(capsys):
    # the prompt no longer names the library call that prints the answer; the PASS message does
    import nbformat
    from pathlib import Path
    nb = nbformat.read(Path(__file__).parents[1] / "notebooks" / "07_lstm.ipynb", as_version=4)
    prompt = next(c.source for c in nb.cells if c.source.startswith("### Exercise 3"))
    assert "init_params" not in prompt and "param_shapes" not in prompt
    assert nb07.check_param_count(nb07.lstm_param_count())
    out = capsys.readouterr().out
    assert out.startswith("PASS") and "lstm.init_params(10, 32" in out
    for wrong in (1234, 4 * (320 + 1024)):
        assert not nb07.check_param_count(wrong)
        out = _out(capsys)
        assert "init_params" not in out
