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


# ... and of exercise 2's (f = 0.5^(1/50) = 0.98623...)
HALF_SOLUTION = ("0.9862", "0.5 ** (1", "0.5**(1", "(1/50)", "(1 / 50)", "1/50)", "f^50 = 0.5", "f**50 = 0.5",
                 "= c_0 / 2", "sqrt")


def _out(capsys, solution=SOLUTION):
    out = capsys.readouterr().out
    assert not any(piece in out for piece in solution), out
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


@pytest.mark.parametrize("not_a_pair", [0.6, 0.43, (0.6,), "0.6", np.array([[0.6, 0.43]])])
def test_cell_step_an_answer_that_is_not_a_pair_gets_only_the_shape_message(capsys, not_a_pair):
    # answer = 0.6 is the right c_1 alone: saying "c_1 is not right yet" would mislead
    assert not nb07.check_cell_step(not_a_pair)
    out = _out(capsys)
    assert out.startswith("NOT YET") and "the pair (c_1, h_1)" in out and "shape" in out
    assert "c_1 is not right" not in out and "c_1 is right" not in out


def test_cell_step_blanks(capsys):
    for blank in (None, (None, None), [None, 0.4]):
        nb07.check_cell_step(blank)
        assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")


def test_half_life_reference_passes_and_keeps_half(capsys):
    f = nb07.half_life_gate()
    # the library's cell with nothing written (i * g = 0) and this forget gate keeps half of c_0 after 50 steps
    logit = np.log(f / (1 - f))
    p = {k: np.zeros(sh) for k, sh in lstm.param_shapes(1, 1).items()}
    p["b_f"] = np.array([logit])                  # zero weights and inputs: g = tanh(0) = 0, nothing is written
    _, cache = lstm.forward(np.zeros((1, nb07.HALF_STEPS, 1)), (np.zeros((1, 1)), np.ones((1, 1))), p)
    assert np.isclose(cache["c"][0, -1, 0], 0.5) and np.isclose(cache["c"][0, -2, 0], 0.5 / f)
    assert nb07.check_half_life(f)
    out = capsys.readouterr().out
    assert out.startswith("PASS") and "rounded" not in out
    for rounded in (0.9862, np.float64(0.98623), [0.98623]):   # four decimals are enough, and say so
        assert nb07.check_half_life(rounded)
        out = capsys.readouterr().out
        assert out.startswith("PASS") and "rounded" in out


@pytest.mark.parametrize("k", range(len(nb07.half_life_slips())))
def test_half_life_each_slip_gets_its_hint(capsys, k):
    wrong, hint = nb07.half_life_slips()[k]
    assert not nb07.check_half_life(wrong)
    out = _out(capsys, HALF_SOLUTION)
    assert out.startswith("NOT YET") and hint in out


def test_half_life_slips_are_wrong_and_told_apart():
    right = nb07.half_life_gate()
    slips = [w for w, _ in nb07.half_life_slips()]
    for i, w in enumerate(slips):
        assert abs(w ** nb07.HALF_STEPS - 0.5) > nb07.HALF_TOL, w    # none would pass
        assert abs(w - right) > 5e-5, w
    hints = [h for _, h in nb07.half_life_slips()]
    assert len(set(hints)) == len(hints) - 1                          # only the two time-constant slips share one


@pytest.mark.parametrize("answer, words", [
    (0.01, "0.5 / 50"), (0.99, "losses compound"), (0.5, "every step"), (0.986, "four decimals"),
    (0.987, "four decimals"), (1, "perfect memory"), (1.2, "between 0 and 1"), (0.0, "between 0 and 1"),
    (0.9, "product of forget gates"), ("x", "one number"), ([0.98, 0.9], "one number"),
])
def test_half_life_typical_wrong_answers(capsys, answer, words):
    assert not nb07.check_half_life(answer)
    out = _out(capsys, HALF_SOLUTION)
    assert out.startswith("NOT YET") and words in out


def test_half_life_not_attempted(capsys):
    for blank in (None, ...):
        assert not nb07.check_half_life(blank)
        assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")


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


def test_cell_step_a_second_tanh_on_g_gets_its_own_hint(capsys):
    # g is given as the candidate (already tanh'ed); squashing it again gives c_1 = 0.631, not the answer
    v = nb07.step_values()
    c_wrong = v["f"] * v["c_prev"] + v["i"] * np.tanh(v["g"])
    assert abs(c_wrong - 0.6315) < 1e-4
    for h_wrong in (v["o"] * np.tanh(c_wrong), v["o"] * c_wrong, 0.5):   # with any h_1 after it
        assert not nb07.check_cell_step((c_wrong, h_wrong))
        out = _out(capsys)
        assert out.startswith("NOT YET") and "second tanh on g" in out
        assert "which scales the candidate" not in out                       # not the generic hint
    assert ((c_wrong, v["o"] * np.tanh(c_wrong)), nb07.TANH_ON_G) in nb07.cell_step_slips(**v)


def test_cell_step_a_lost_sign_of_g_gets_its_own_hint(capsys):
    s = nb07.STEP
    c_sign = s["f"] * s["c_prev"] + s["i"] * abs(s["g"])
    for h in (s["o"] * np.tanh(c_sign), 0.5):               # whatever went into h_1
        assert not nb07.check_cell_step((c_sign, h))
        assert "sign of g" in capsys.readouterr().out
