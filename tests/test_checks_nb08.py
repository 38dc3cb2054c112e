"""Self-checks of notebook 08: the reference passes, each known slip gets its own hint (which names
the slip without printing the solution), blanks are not attempted."""
import numpy as np
import pytest

from lecturelib import gru, lstm
from lecturelib.checks import nb08

# Pieces of the reference solutions: a hint names the slip, it never prints these.
SOLUTION = ("(1 - z) * n + z", "(1 - z) * n", "0.5 ", "= 0.5", "tanh(U_n", "W_n (r h)", "W_n * (r", "0.762", "0.818",
            "21760", "16320", "16384", "5440", "HD + HH")


def _out(capsys):
    out = capsys.readouterr().out
    assert not any(piece in out for piece in SOLUTION), out
    return out


def test_gru_update(capsys):
    assert nb08.check_gru_update(0.75 * 0.8 + 0.25 * -0.4)
    assert capsys.readouterr().out.startswith("PASS")
    nb08.check_gru_update(None)
    assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")
    assert not nb08.check_gru_update(0.33)
    out = _out(capsys)
    assert out.startswith("NOT YET") and "weighted average" in out


@pytest.mark.parametrize("k", range(4))
def test_gru_update_each_slip_gets_its_hint(capsys, k):
    u = nb08.UPDATE
    slips = nb08.gru_update_slips(u["z"], u["n"], u["h_prev"])
    values = [w for w, _ in slips] + [(1 - u["z"]) * u["n"] + u["z"] * u["h_prev"]]
    assert len(slips) == 4 and len({round(w, 6) for w in values}) == 5  # all different, none right
    wrong, hint = slips[k]
    assert not nb08.check_gru_update(wrong)
    out = _out(capsys)
    assert out.startswith("NOT YET") and hint in out
    if k == 0:
        assert "OLD state" in out  # the slip section 1 warns about: Chung et al.'s form


def _reset_reference():
    v = nb08.reset_values()
    before = np.tanh(v["U_n"] * v["x"] + v["W_n"] * v["r"] * v["h_prev"] + v["b_n"])
    after = np.tanh(v["U_n"] * v["x"] + v["b_n"] + v["r"] * (v["W_n"] * v["h_prev"] + v["b_hn"]))
    return before, after


def test_reset_placements_reference_and_blanks(capsys):
    before, after = _reset_reference()
    assert before != after
    assert nb08.check_reset_placements((before, after))
    assert capsys.readouterr().out.startswith("PASS")
    assert nb08.check_reset_placements([before, after])
    assert capsys.readouterr().out.startswith("PASS")
    for blank in (None, (None, None), (before, None)):
        nb08.check_reset_placements(blank)
        assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")


@pytest.mark.parametrize("k", range(6))
def test_reset_placements_each_slip_gets_its_hint(capsys, k):
    slips = nb08.reset_slips(**nb08.reset_values())
    assert len(slips) == 6
    wrong, hint = slips[k]
    assert not nb08.check_reset_placements(wrong)
    out = _out(capsys)
    assert out.startswith("NOT YET") and hint in out


def test_reset_slips_differ_from_the_answer_and_from_each_other():
    right = np.array(_reset_reference())
    wrongs = [np.array(w) for w, _ in nb08.reset_slips(**nb08.reset_values())]
    for i, w in enumerate(wrongs):
        assert not np.allclose(w, right, rtol=1e-3, atol=1e-4), i
        for j in range(i):
            assert not np.allclose(w, wrongs[j], rtol=1e-3, atol=1e-4), (i, j)


def test_reset_placements_catch_all_names_the_wrong_half(capsys):
    before, after = _reset_reference()
    nb08.check_reset_placements((before, 0.1))
    assert "n_before is right, n_after is not yet" in _out(capsys)
    nb08.check_reset_placements((0.1, after))
    assert "n_after is right, n_before is not yet" in _out(capsys)
    nb08.check_reset_placements((0.1, 0.2))
    assert "neither value is right yet" in _out(capsys)
    nb08.check_reset_placements((0.1, 0.2, 0.3))
    assert "shape" in _out(capsys)


def test_reset_values_match_the_library():
    v = nb08.reset_values()
    one = lambda a: np.array([[a]])  # noqa: E731
    p = {"U_r": one(0.0), "W_r": one(0.0), "b_r": np.array([0.0]),  # r = sigma(0) = 0.5, as in the exercise
         "U_z": one(0.0), "W_z": one(0.0), "b_z": np.array([-50.0]),  # z = 0: h_t = n
         "U_n": one(v["U_n"]), "W_n": one(v["W_n"]), "b_n": np.array([v["b_n"]])}
    x, h = np.array([v["x"]]), np.array([v["h_prev"]])
    before, _ = gru.step_forward(x, h, p)
    after, _ = gru.step_forward(x, h, {**p, "b_hn": np.array([v["b_hn"]])}, reset_after=True)
    assert np.allclose((before[0], after[0]), nb08._candidates(**v))


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


def test_reset_placements_rounded_hand_answer_is_called_close(capsys):
    before, after = nb08._candidates(**nb08.RESET)
    for answer in [(round(before, 2), round(after, 2)), (before, round(after, 2)), (round(before, 2), after)]:
        assert not nb08.check_reset_placements(answer)
        out = _out(capsys)
        assert out.startswith("NOT YET") and "close" in out and "3 decimals" in out and "not right yet" not in out
    assert nb08.check_reset_placements((round(before, 3), round(after, 3)))
    assert _out(capsys).startswith("PASS")
    # the known slips are all further than 0.01 away, so none of them is called close
    for wrong, hint in nb08.reset_slips(**nb08.RESET):
        assert max(abs(np.array(wrong) - (before, after))) > nb08.RESET_CLOSE
        nb08.check_reset_placements(wrong)
        out = _out(capsys)
        assert hint in out and "close" not in out
