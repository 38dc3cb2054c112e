"""Self-checks of notebook 09: the reference passes, typical mistakes get their hint, blanks are not attempted."""
import numpy as np

from lecturelib import compare
from lecturelib.checks import nb09


def test_reference_counts_agree_with_the_models():
    for D, H, K, tau in nb09._SIZES:
        for m in compare.MODELS:
            p = compare.init_model(m, D, H, K, rng=np.random.default_rng(0), tau=tau)
            assert compare.count_params(p) == nb09.reference_n_params(m, D, H, K, tau)


def test_n_params(capsys):
    def solution(model, D, H, K, tau):
        block = H * H + H * D + H
        cell = {"dnn": H * tau * D + H, "rnn": block, "lstm": 4 * block, "gru": 3 * block}[model]
        return cell + K * H + K

    assert nb09.check_n_params(solution)
    assert "PASS" in capsys.readouterr().out

    def no_output(model, D, H, K, tau):
        return solution(model, D, H, K, tau) - (K * H + K)

    assert not nb09.check_n_params(no_output)
    assert "output layer" in capsys.readouterr().out

    def swapped(model, D, H, K, tau):
        return solution({"lstm": "gru", "gru": "lstm"}.get(model, model), D, H, K, tau)

    nb09.check_n_params(swapped)
    assert "four blocks" in capsys.readouterr().out

    def no_tau(model, D, H, K, tau):
        return solution(model, D, H, K, 1)

    nb09.check_n_params(no_tau)
    assert "tau D" in capsys.readouterr().out

    def one_bias(model, D, H, K, tau):
        return solution(model, D, H, K, tau) - (3 * H if model == "lstm" else 2 * H if model == "gru" else 0)

    nb09.check_n_params(one_bias)
    assert "biases" in capsys.readouterr().out

    def placeholder(model, D, H, K, tau):
        raise NotImplementedError

    nb09.check_n_params(placeholder)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb09.check_n_params(None)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb09.check_n_params(lambda *a: 1 / 0)
    assert "ZeroDivisionError" in capsys.readouterr().out

    def no_return(model, D, H, K, tau):
        solution(model, D, H, K, tau)

    assert not nb09.check_n_params(no_return)
    assert "forget `return`" in capsys.readouterr().out


def _gives_away_the_formula(msg):
    # the whole recipe: the shapes of a block and of the output layer, or the block counts of every cell
    shapes = all(s in msg for s in ("H x H", "H x D", "K x H"))
    counts = all(w in msg for w in ("one block", "three", "four"))
    return shapes or counts


def test_n_params_hints_never_give_the_formula(capsys):
    def solution(model, D, H, K, tau):
        return nb09.reference_n_params(model, D, H, K, tau)

    wrong = {
        "a constant": lambda model, D, H, K, tau: 100,
        "off by one": lambda model, D, H, K, tau: solution(model, D, H, K, tau) + 1,
        "rnn without U": lambda model, D, H, K, tau: solution(model, D, H, K, tau) - (H * D if model != "dnn" else 0),
        "lstm with five blocks": lambda model, D, H, K, tau: solution(model, D, H, K, tau)
        + (H * (H + D + 1) if model == "lstm" else 0),
        "gru squared": lambda model, D, H, K, tau: solution(model, D, H, K, tau) * (2 if model == "gru" else 1),
        "dnn with W": lambda model, D, H, K, tau: solution(model, D, H, K, tau) + (H * H if model == "dnn" else 0),
    }
    first_wrong = {"a constant": "'dnn'", "off by one": "'dnn'", "rnn without U": "'rnn'",
                   "lstm with five blocks": "'lstm'", "gru squared": "'gru'", "dnn with W": "'dnn'"}
    for name, fn in wrong.items():
        assert not nb09.check_n_params(fn), name
        out = capsys.readouterr().out
        assert "NOT YET" in out, name
        assert f"n_params({first_wrong[name]}, D=1, H=16" in out, (name, out)   # the first model and size that is off
        assert not _gives_away_the_formula(out), (name, out)
    # the pointer names the row of the model that is off
    nb09.check_n_params(wrong["lstm with five blocks"])
    assert "row (c)" in capsys.readouterr().out
    nb09.check_n_params(wrong["gru squared"])
    assert "row (d)" in capsys.readouterr().out


def test_n_params_notices_the_library_counting(capsys):
    def by_library(model, D, H, K, tau):
        return compare.count_params(compare.init_model(model, D, H, K, rng=np.random.default_rng(0), tau=tau))

    assert not nb09.check_n_params(by_library)
    out = capsys.readouterr().out
    assert "NOT YET" in out and "compare.count_params" in out and "counts for you" in out

    def by_sizes(model, D, H, K, tau):  # builds the weights with the library and adds up their sizes
        params = compare.init_model(model, D, H, K, rng=np.random.default_rng(0), tau=tau)
        return sum(a.size for a in params.values())

    assert not nb09.check_n_params(by_sizes)
    assert "compare.init_model" in capsys.readouterr().out

    from lecturelib.compare import count_params as cp  # an alias is noticed as well
    from lecturelib import seqclass

    def by_alias(model, D, H, K, tau):
        if model == "dnn":
            return H * tau * D + H + K * H + K
        return cp(seqclass.init_model(model, D, H, K, rng=np.random.default_rng(0)))

    assert not nb09.check_n_params(by_alias)
    assert "counts for you" in capsys.readouterr().out


def test_solvable_lengths(capsys):
    assert nb09.check_solvable_lengths([1, 2, 3, 4, 5])
    assert "PASS" in capsys.readouterr().out
    nb09.check_solvable_lengths([1, 2, 3, 4])
    assert "off by one" in capsys.readouterr().out
    nb09.check_solvable_lengths([1, 2, 3])
    assert "not 3" in capsys.readouterr().out
    nb09.check_solvable_lengths(list(range(1, 13)))
    assert "no state" in capsys.readouterr().out
    nb09.check_solvable_lengths([1, 2, 3, 4, 5, 6])
    assert "left it" in capsys.readouterr().out
    nb09.check_solvable_lengths(None)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb09.check_solvable_lengths("five")
    assert "whole numbers" in capsys.readouterr().out


# Exercise 3: the multiply-adds of reading one sequence of WORK_T steps and giving the answer.
T3, D3, H3, K3 = nb09.WORK_T, nb09.WORK_D, nb09.WORK_H, nb09.WORK_K


def _shapes(model):
    """Products per step (every W and U of the cell), the output layer's products (V) and the biases per step,
    read from the arrays of the model the notebook builds."""
    params = compare.init_model(model, D3, H3, K3, rng=np.random.default_rng(0))
    per_step = sum(a.size for k, a in params.items() if k[0] in "WU")
    bias = sum(a.size for k, a in params.items() if k[0] == "b")
    return per_step, params["V"].size, bias, params


def _right():
    return {m: T3 * _shapes(m)[0] + _shapes(m)[1] for m in nb09.WORK_MODELS}


def _wrong(per_step_and_out):
    """A wrong answer for every model from f(per_step, out, bias, params) -> count."""
    return {m: per_step_and_out(*_shapes(m)) for m in nb09.WORK_MODELS}


def test_multiply_adds_reference_is_the_count_of_the_real_model():
    right = _right()
    assert right == {m: nb09.reference_multiply_adds(m) for m in nb09.WORK_MODELS}
    # and the exercise's D is not the notebook's, so the table's numbers cannot be copied
    assert D3 != 1


def test_multiply_adds_right_answer_passes(capsys):
    right = _right()
    for answer in (right, {m: float(n) for m, n in right.items()}, {m: np.int64(n) for m, n in right.items()},
                   {m.upper(): n for m, n in right.items()}):
        assert nb09.check_multiply_adds(answer)
        out = capsys.readouterr().out
        assert out.startswith("PASS"), out


def _hint(capsys):
    out = capsys.readouterr().out
    assert out.startswith("NOT YET"), out
    return out.split("Hint:", 1)[1]


def _slips():
    """Each slip of the brief, built from the real shapes, with words its hint must contain."""
    right = _right()
    swapped = dict(right, lstm=right["gru"], gru=right["lstm"])
    # the gates' elementwise products: 3 H per step in both gated cells
    point = {"rnn": 0, "lstm": 3 * H3, "gru": 3 * H3}
    one_block = _shapes("rnn")[0]                   # the simple RNN's W and U: one block
    other_blocks = "You counted a different number of blocks"
    return [
        (_wrong(lambda s, o, b, p: T3 * s + T3 * o), "output layer at every step"),
        (_wrong(lambda s, o, b, p: T3 * s), "left out the output layer"),
        (_wrong(lambda s, o, b, p: s + o), "counted one step"),
        (_wrong(lambda s, o, b, p: T3 * sum(a.size for k, a in p.items() if k[0] == "W") + o), "left out U x_t"),
        (_wrong(lambda s, o, b, p: T3 * sum(a.size for k, a in p.items() if k[0] == "U") + o), "left out W h_{t-1}"),
        (swapped, "swapped"),
        (_wrong(lambda s, o, b, p: T3 * (s + b) + o), "counted the biases"),
        (_wrong(lambda s, o, b, p: T3 * (s + b) + o + K3), "counted the biases"),
        (_wrong(lambda s, o, b, p: sum(a.size for a in p.values())), "counted the weights"),      # the DNN-style count
        (_wrong(lambda s, o, b, p: s + b + o), "counted the weights"),
        (_wrong(lambda s, o, b, p: (T3 - 1) * s + o), "one step too few"),
        (_wrong(lambda s, o, b, p: T3 * s + o - sum(a.size for k, a in p.items() if k[0] == "W")), "left out W h_0"),
        (_wrong(lambda s, o, b, p: T3 * s // (H3 + D3) * (H3 + 1) + o), "D = 1"),                 # the task's D
        (dict(right, lstm=right["lstm"] - T3 * one_block), "the LSTM is off. " + other_blocks),  # gates only
        (dict(right, gru=right["gru"] - T3 * one_block), "the GRU is off. " + other_blocks),
        (dict(right, lstm=right["rnn"], gru=right["rnn"]), "the LSTM is off. " + other_blocks),
        (dict(right, rnn=right["lstm"]), "no gates"),
        (dict(right, lstm=right["lstm"] + T3 * point["lstm"]), "elementwise products"),
        (dict(right, gru=right["gru"] + T3 * point["gru"]), "the biases"),   # the same count as its three biases
        (dict(right, gru=right["gru"] + T3 * point["gru"]), "elementwise products"),
        ({"rnn": 1, "lstm": 3.1, "gru": 2.6}, "times or ratios"),             # a measured time ratio typed in
        ({"rnn": 1, "lstm": 4, "gru": 3}, "times or ratios"),                 # the block counts as ratios
        ({"rnn": 25, "lstm": 75, "gru": 63}, "times or ratios"),              # microseconds per step from the table
        (dict(right, lstm=right["lstm"] + 1), "Work out one step first"),
    ]


def test_multiply_adds_each_slip_gets_its_hint_without_the_right_counts(capsys):
    right = _right()
    for answer, words in _slips():
        assert not nb09.check_multiply_adds(answer), answer
        hint = _hint(capsys)
        assert words in hint, (answer, hint)
        assert not any(str(n) in hint for n in right.values()), (answer, hint)


def test_multiply_adds_names_the_model_and_whether_the_slip_is_everywhere(capsys):
    right = _right()
    nb09.check_multiply_adds(_wrong(lambda s, o, b, p: T3 * s))
    assert "all three counts" in _hint(capsys)
    # the GRU's count with its biases is ambiguous (the same as its elementwise products), still one slip
    nb09.check_multiply_adds(_wrong(lambda s, o, b, p: T3 * (s + b) + o))
    assert "all three counts" in _hint(capsys)
    nb09.check_multiply_adds(dict(right, gru=right["gru"] - K3 * H3))
    hint = _hint(capsys)
    assert "count for the GRU" in hint and "left out the output layer" in hint
    # swapped blocks and another slip: both are named
    both = _wrong(lambda s, o, b, p: T3 * s + T3 * o)
    both["lstm"], both["gru"] = both["gru"], both["lstm"]
    nb09.check_multiply_adds(both)
    hint = _hint(capsys)
    assert "swapped" in hint and "every step" in hint


def test_multiply_adds_measured_values_get_the_measured_hint(capsys):
    right = _right()
    for lstm_ratio in np.arange(2.0, 4.6, 0.1):
        for gru_ratio in (2.1, 2.7, 3.3):
            nb09.check_multiply_adds({"rnn": 1.0, "lstm": round(lstm_ratio, 1), "gru": gru_ratio})
            hint = _hint(capsys)
            assert "times or ratios" in hint and not any(str(n) in hint for n in right.values())


def test_multiply_adds_placeholder_and_malformed_answers(capsys):
    for placeholder in (None, ..., {"rnn": None, "lstm": None, "gru": None}, {"rnn": ..., "lstm": ..., "gru": ...}):
        assert not nb09.check_multiply_adds(placeholder)
        assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")
    right = _right()
    cases = [
        ({"rnn": right["rnn"], "lstm": right["lstm"]}, "no 'gru'"),
        ({"lstm": 1, "gru": 2}, "no 'rnn'"),
        (dict(right, dnn=100), "unexpected key 'dnn'"),
        (dict(right, gru=None), "all three counts"),
        (dict(right, lstm="25000"), "must be a number"),
        (dict(right, lstm=float("nan")), "must be a number"),
        (dict(right, lstm=True), "must be a number"),
        (dict(right, lstm=-right["lstm"]), "positive"),
        ([right["rnn"], right["lstm"], right["gru"]], "dict"),
        (dict(right, lstm=np.array([1.0, 2.0])), "must be a number"),
    ]
    for answer, words in cases:
        assert not nb09.check_multiply_adds(answer), answer
        hint = _hint(capsys)
        assert words in hint, (answer, hint)


def test_multiply_adds_sizes_let_no_plausible_wrong_formula_pass():
    """At the exercise's sizes no combination of up to two slips gives a right count; at the task's D = 1 a single
    pair does (U left out but the bias counted: H(H + 1) either way), which is why the exercise uses another D."""
    def counts(T, D, H, K, blocks, gated):
        for steps in (T, T - 1, T + 1, 1):
            for prod in (H * (H + D), H * H, H * D, H * (H + 1)):
                for bias in (0, H):
                    for point in ((0, 3 * H) if gated else (0,)):
                        for out in (K * H, 0, steps * K * H, K * H + K, steps * (K * H + K)):
                            for nb in range(1, 6):
                                slips = ((steps != T) + (prod != H * (H + D)) + (bias != 0) + (point != 0)
                                         + (out != K * H) + (nb != blocks))
                                count = steps * (nb * (prod + bias) + point) + out
                                yield slips, (steps, prod, bias, point, out, nb), count

    for m, blocks in nb09.BLOCKS.items():
        want = nb09.reference_multiply_adds(m)
        same = [way for slips, way, n in counts(T3, D3, H3, K3, blocks, m != "rnn") if n == want and 0 < slips <= 2]
        assert same == [], (m, same)
    at_d1 = [way for slips, way, n in counts(T3, 1, H3, K3, 1, False)
             if n == nb09.reference_multiply_adds("rnn", D=1) and 0 < slips <= 2]
    assert at_d1 == [(T3, H3 * H3, H3, 0, K3 * H3, 1)]
