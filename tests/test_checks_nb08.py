"""Self-checks of notebook 08: the reference passes, each known slip gets its own hint (which names
the slip without printing the solution), blanks are not attempted."""
import numpy as np
import pytest

from lecturelib import gru, lstm
from lecturelib.checks import nb08

# Pieces of the reference solutions: a hint names the slip, it never prints these.
SOLUTION = ("(1 - z) * n + z", "(1 - z) * n", "0.45", "0.63 - 0.18", "tanh(U_n", "W_n (r h)", "W_n @ (r", "r * (W_n @",
            "0.693", "0.475", "0.657", "0.364", "21760", "16320", "16384", "5440", "HD + HH")


def _out(capsys):
    out = capsys.readouterr().out
    assert not any(piece in out for piece in SOLUTION), out
    return out


def test_gru_update(capsys):
    assert nb08.check_gru_update(0.7 * 0.9 + 0.3 * -0.6)
    assert nb08.check_gru_update(0.45)
    assert capsys.readouterr().out.startswith("PASS")
    nb08.check_gru_update(None)
    assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")
    assert not nb08.check_gru_update(0.33)
    out = _out(capsys)
    assert out.startswith("NOT YET") and "weighted average" in out
    assert "the last line of the equations in section 1" in out  # section 1 ends with a quiz, not the equations
    assert not nb08.check_gru_update(0.7 * 0.9 + 0.3 * 0.6)  # h_0's minus sign dropped
    out = _out(capsys)
    assert out.startswith("NOT YET") and "h_0 is negative" in out


@pytest.mark.parametrize("k", range(5))
def test_gru_update_each_slip_gets_its_hint(capsys, k):
    u = nb08.UPDATE
    slips = nb08.gru_update_slips(u["z"], u["n"], u["h_prev"])
    values = [w for w, _ in slips] + [(1 - u["z"]) * u["n"] + u["z"] * u["h_prev"]]
    assert len(slips) == 5 and len({round(w, 6) for w in values}) == 6  # all different, none right
    assert min(abs(a - b) for i, a in enumerate(values) for b in values[:i]) > 0.05  # apart even when rounded
    wrong, hint = slips[k]
    assert not nb08.check_gru_update(wrong)
    out = _out(capsys)
    assert out.startswith("NOT YET") and hint in out
    if k == 0:
        assert "OLD state" in out  # the slip section 1 warns about: Chung et al.'s form
    if k == 4:
        assert "sign" in out and "the two weights" not in out  # h_0's minus sign dropped: not n + z h's hint


def _reset_reference():
    v = nb08.reset_values()
    before = np.tanh(v["U_n"] * v["x"] + v["W_n"] @ (v["r"] * v["h_prev"]) + v["b_n"])
    after = np.tanh(v["U_n"] * v["x"] + v["b_n"] + v["r"] * (v["W_n"] @ v["h_prev"] + v["b_hn"]))
    return before, after


def test_reset_values_are_two_units_with_unequal_reset_gates():
    v = nb08.reset_values()
    assert np.shape(v["W_n"]) == (2, 2) and v["W_n"][0, 1] != 0 and v["W_n"][1, 0] != 0  # units read each other
    for k in ("h_prev", "r", "U_n", "b_n", "b_hn"):
        assert np.shape(v[k]) == (2,), k
    assert v["r"][0] != v["r"][1] and np.all((0 < v["r"]) & (v["r"] < 1))
    v["W_n"][0, 0] = 99.0  # a copy: the exercise's numbers cannot be changed by accident
    assert nb08.reset_values()["W_n"][0, 0] != 99.0


def test_the_placements_differ_even_with_b_hn_zero():
    # section 2's point, which a single unit could not show: W_n (r h) = r (W_n h) for numbers
    v = nb08.reset_values()
    before, _ = _reset_reference()
    without = nb08.reset_after_without_b_hn(**v)
    assert np.allclose(without, np.tanh(v["U_n"] * v["x"] + v["b_n"] + v["r"] * (v["W_n"] @ v["h_prev"])))
    assert np.abs(before - without).max() > 0.1
    one = {k: (a[0, 0] if np.ndim(a) == 2 else a[0] if np.ndim(a) == 1 else a) for k, a in v.items()}
    b1 = np.tanh(one["U_n"] * one["x"] + one["W_n"] * (one["r"] * one["h_prev"]) + one["b_n"])
    a1 = np.tanh(one["U_n"] * one["x"] + one["b_n"] + one["r"] * (one["W_n"] * one["h_prev"]))
    assert np.isclose(b1, a1)  # with one unit they would coincide: the reason for H = 2


def test_reset_placements_reference_and_blanks(capsys):
    before, after = _reset_reference()
    assert np.abs(before - after).max() > 0.05
    for right in [(before, after), [before, after], np.array([before, after]), [list(before), list(after)],
                  (np.round(before, 3), np.round(after, 3))]:
        assert nb08.check_reset_placements(right)
        out = capsys.readouterr().out
        assert out.startswith("PASS") and "b_hn = 0" in out and "differ" not in out  # the follow-up stays open
    for blank in (None, (None, None), (before, None), [None, after]):
        assert not nb08.check_reset_placements(blank)
        assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")


SLIP_PAIRS = nb08.reset_slips(**nb08.reset_values())


@pytest.mark.parametrize("k", range(len(SLIP_PAIRS)))
def test_reset_placements_each_slip_gets_its_hint(capsys, k):
    wrong, hint = SLIP_PAIRS[k]
    assert not nb08.check_reset_placements(wrong)
    out = _out(capsys)
    assert out.startswith("NOT YET") and hint in out and "close" not in out


def test_reset_placements_named_slips(capsys):
    v = nb08.reset_values()
    before, after = _reset_reference()
    x, h, r, U, W, b, b_hn = (v[k] for k in ("x", "h_prev", "r", "U_n", "W_n", "b_n", "b_hn"))
    cases = [
        ((after, before), "swapped"),                                             # the pair in the wrong order
        ((np.tanh(U * x + r * (W @ h) + b), np.tanh(U * x + b + W @ (r * h) + b_hn)), "placements are swapped"),
        ((before, np.tanh(U * x + b + r * (W @ h) + b_hn)), "b_hn sits inside the bracket"),
        ((before, np.tanh(U * x + b + r * (W @ h))), "b_hn (section 2); it is missing"),
        ((np.tanh(U * x + (r[:, None] * W) @ h + b), after), "r scales the product"),  # r on W_n's rows, not on h
        ((np.tanh(U * x + b + W @ (r * h) + b_hn), after), "has no b_hn"),            # b_hn added to n_before
        ((np.arctanh(before), np.arctanh(after)), "pre-activations"),
        ((before, np.arctanh(after)), "pre-activation"),
        ((np.tanh(U * x + (r * h) @ W + b), np.tanh(U * x + b + r * (h @ W + b_hn))), "transpose"),
        ((np.tanh(U * x + W @ h + b), after), "reset gate is missing"),
        ((sigmoid(U * x + W @ (r * h) + b), sigmoid(U * x + b + r * (W @ h + b_hn))), "textbook's sigma"),
        ((sigmoid(U * x + W @ (r * h) + b), after), "n_before: the candidate uses tanh"),
        ((before, sigmoid(U * x + b + r * (W @ h + b_hn))), "n_after: the candidate uses tanh"),
    ]
    for wrong, words in cases:
        assert not nb08.check_reset_placements(wrong)
        out = _out(capsys)
        assert out.startswith("NOT YET") and words in out, (words, out)


def sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


def test_reset_sigmoid_slip_is_apart_from_the_answer_and_the_pre_activations(capsys):
    # the textbook (cell 6) squashes the candidate with a sigmoid: that slip gets its own hint
    before, after = _reset_reference()
    slip = np.array([sigmoid(np.arctanh(before)), sigmoid(np.arctanh(after))])
    assert np.abs(slip - np.array([before, after])).max() > 0.5  # sigmoid > 0 where the right candidate is negative
    assert np.abs(slip - np.arctanh(np.array([before, after]))).max() > 0.5
    hints = [hint for wrong, hint in SLIP_PAIRS if np.allclose(np.array(wrong), slip)]
    assert len(hints) == 1 and "tanh here, not the textbook's sigma" in hints[0]
    assert not nb08.check_reset_placements(tuple(slip))
    out = _out(capsys)
    assert "textbook's sigma" in out and "pre-activation" not in out


def test_reset_slips_differ_from_the_answer_and_from_each_other():
    right = np.array(_reset_reference())
    wrongs = [np.array(w) for w, _ in SLIP_PAIRS]
    halves = nb08.reset_half_slips(**nb08.reset_values())
    assert len(halves["before"]) >= 5 and len(halves["after"]) >= 6
    for i, w in enumerate(wrongs):
        assert w.shape == (2, 2)
        assert np.abs(w - right).max() > 5 * nb08.RESET_CLOSE, i  # never mistaken for a rounded answer
        for j in range(i):
            if SLIP_PAIRS[i][1] != SLIP_PAIRS[j][1]:
                assert np.abs(w - wrongs[j]).max() > 5 * nb08.RESET_CLOSE, (i, j)


def test_a_known_slip_in_one_half_is_named_whatever_the_other_half(capsys):
    halves = nb08.reset_half_slips(**nb08.reset_values())
    other = np.array([0.1, 0.2])  # some unrelated wrong value
    for wrong, hint in halves["before"]:
        nb08.check_reset_placements((wrong, other))
        assert hint in _out(capsys)
    for wrong, hint in halves["after"]:
        nb08.check_reset_placements((other, wrong))
        assert hint in _out(capsys)


def test_reset_placements_catch_all_names_the_wrong_half(capsys):
    before, after = _reset_reference()
    other = np.array([0.1, 0.2])
    nb08.check_reset_placements((before, other))
    assert "n_before is right, n_after is not yet" in _out(capsys)
    nb08.check_reset_placements((other, after))
    assert "n_after is right, n_before is not yet" in _out(capsys)
    nb08.check_reset_placements((other, -other))
    assert "neither value is right yet" in _out(capsys)


def test_reset_placements_bad_shapes(capsys):
    before, after = _reset_reference()
    for bad in [(0.69, 0.66), (before, after, after), (before[0], after), "n", 3.0, (before, [1, 2, 3])]:
        assert not nb08.check_reset_placements(bad)
        out = _out(capsys)
        assert out.startswith("NOT YET") and "vector of H = 2" in out, (bad, out)
    nb08.check_reset_placements((before, np.array([np.nan, 0.0])))
    assert "nan" in _out(capsys)


def test_reset_values_match_the_library():
    v = nb08.reset_values()
    H = 2
    zeros = lambda *s: np.zeros(s)  # noqa: E731
    p = {"U_r": zeros(H, 1), "W_r": zeros(H, H), "b_r": np.log(v["r"] / (1 - v["r"])),  # sigma(b_r) = r
         "U_z": zeros(H, 1), "W_z": zeros(H, H), "b_z": np.full(H, -50.0),  # z = 0: h_t = n
         "U_n": v["U_n"][:, None], "W_n": v["W_n"], "b_n": v["b_n"]}
    x, h = np.array([v["x"]]), v["h_prev"]
    before, _ = gru.step_forward(x, h, p)
    after, _ = gru.step_forward(x, h, {**p, "b_hn": v["b_hn"]}, reset_after=True)
    assert np.allclose(np.array([before, after]), np.array(nb08._candidates(**v)), atol=1e-12)


def _exercise_2_solution_code():
    import re
    import nbformat
    from pathlib import Path
    nb = nbformat.read(Path(__file__).parents[1] / "notebooks" / "08_gru.ipynb", as_version=4)
    k = next(i for i, c in enumerate(nb.cells) if c.source.startswith("### Exercise 2"))
    solution = next(c.source for c in nb.cells[k:] if c.source.startswith("<details><summary>Reference solution"))
    return nb.cells[k].source, re.search(r"```python\n(.*?)```", solution, re.S).group(1)


def test_reset_placements_folded_solution_passes(capsys):
    prompt, code = _exercise_2_solution_code()
    assert "$H = 2$" in prompt and "b_{hn} = 0" in prompt
    scope = {"np": np, "v": nb08.reset_values()}
    exec(code, scope)
    assert nb08.check_reset_placements(scope["answer"])
    assert capsys.readouterr().out.startswith("PASS")


def test_reset_placements_rounded_hand_answer_is_called_close(capsys):
    before, after = nb08._candidates(**nb08.RESET)
    for answer in [(np.round(before, 2), np.round(after, 2)), (before, np.round(after, 2)),
                   (np.round(before, 2), after)]:
        assert np.abs(np.array(answer) - (before, after)).max() > 6e-4  # outside the tolerance
        assert not nb08.check_reset_placements(answer)
        out = _out(capsys)
        assert out.startswith("NOT YET") and "close" in out and "3 decimals" in out and "not right yet" not in out
    assert nb08.check_reset_placements((np.round(before, 3), np.round(after, 3)))
    assert _out(capsys).startswith("PASS")


def test_param_counts_reference_matches_the_library(capsys):
    want = nb08.param_counts()
    D, H = nb08.COUNT_D, nb08.COUNT_H
    shapes = {"lstm": lstm.param_shapes(D, H), "gru": gru.param_shapes(D, H),
              "gru_reset_after": gru.param_shapes(D, H, reset_after=True)}
    assert want == {k: sum(int(np.prod(s)) for s in sh.values()) for k, sh in shapes.items()}
    assert nb08.check_param_counts(want)
    assert capsys.readouterr().out.startswith("PASS")


SLIPS = [(key, wrong) for key in ("lstm", "gru", "gru_reset_after") for wrong in sorted(nb08.param_count_slips(key))]


@pytest.mark.parametrize("key, wrong", SLIPS)
def test_param_counts_each_slip_gets_its_hint(capsys, key, wrong):
    want = nb08.param_counts()
    hint = nb08.param_count_slips(key)[wrong]
    assert wrong != want[key]
    assert not nb08.check_param_counts({**want, key: wrong})
    out = _out(capsys)
    assert out.startswith("NOT YET") and hint in out


def test_param_counts_known_slips(capsys):
    want = nb08.param_counts()
    nb08.check_param_counts({**want, "gru_reset_after": want["gru"]})
    assert "b_hn" in _out(capsys)
    nb08.check_param_counts({**want, "lstm": 4 * (64 * 20 + 64 * 64)})
    assert "bias" in _out(capsys)
    nb08.check_param_counts({**want, "gru": 21760})
    assert "three blocks" in _out(capsys)
    nb08.check_param_counts({"lstm": 22016, "gru": 16512, "gru_reset_after": 16512})  # PyTorch's counts
    assert "PyTorch" in _out(capsys)


def test_param_counts_catch_all_blank_and_bad_input(capsys):
    want = nb08.param_counts()
    nb08.check_param_counts({**want, "gru": 1000})
    out = _out(capsys)
    assert out.startswith("NOT YET") and "the GRU (reset before) is not right yet" in out
    nb08.check_param_counts({"lstm": None, "gru": None, "gru_reset_after": None})
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb08.check_param_counts([1, 2, 3])
    assert "dict" in capsys.readouterr().out
    nb08.check_param_counts({"lstm": "many", "gru": 1, "gru_reset_after": 2})
    assert "whole number" in capsys.readouterr().out


def test_param_counts_prompt_sends_to_the_library_only_after_the_check():
    import nbformat
    from pathlib import Path
    nb = nbformat.read(Path(__file__).parents[1] / "notebooks" / "08_gru.ipynb", as_version=4)
    prompt = next(c.source for c in nb.cells if c.source.startswith("### Exercise 3"))
    assert "$D = 20$" in prompt and "$H = 64$" in prompt
    assert "Once the check passes, confirm" in prompt


def test_param_counts_use_sizes_the_section_3_table_does_not_print():
    # the table of section 3 prints the counts for (1, 16), (10, 32) and (100, 256)
    assert (nb08.COUNT_D, nb08.COUNT_H) == (20, 64)
    assert nb08.param_counts() == {"lstm": 21760, "gru": 16320, "gru_reset_after": 16384}
    table = {(D, H) for D, H in [(1, 16), (10, 32), (100, 256)]}
    assert (nb08.COUNT_D, nb08.COUNT_H) not in table


def test_param_count_slips_never_equal_the_right_answer():
    want = nb08.param_counts()
    for key in want:
        slips = nb08.param_count_slips(key)
        assert len(slips) >= 3 and want[key] not in slips
        # and a count of one cell given for another (a mix-up) is not accepted
        for other in want:
            if other != key:
                assert want[other] != want[key]
