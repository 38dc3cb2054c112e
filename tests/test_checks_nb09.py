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


def test_cost_ratio(capsys):
    assert nb09.check_cost_ratio({"lstm": 4, "gru": 3.0})
    out = capsys.readouterr().out
    # the measured GRU/LSTM time can go either way at H = 16: the message must not promise that it follows 3/4
    assert "PASS" in out and "need not follow" in out and "roughly" not in out
    nb09.check_cost_ratio({"lstm": None, "gru": None})
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb09.check_cost_ratio([4, 3])
    assert "dict" in capsys.readouterr().out


def _hint(capsys):
    out = capsys.readouterr().out
    assert out.startswith("NOT YET"), out
    return out.split("Hint:", 1)[1]


# The answer is the two block counts: a hint must not state them, in digits or in words.
GIVE_AWAY = ("4", "3", "four", "three", "i, f, o", "z, r", "r, z")


WRONG_RATIOS = [
    ({"lstm": 3.0, "gru": 2.7}, "measured times"),   # copied from the line under the table
    ({"lstm": 2.96, "gru": 2.68}, "measured times"),
    ({"lstm": 4, "gru": 2.7}, "measured times"),
    ({"lstm": 3, "gru": 2}, "the candidate"),        # gates only
    ({"lstm": 3, "gru": 4}, "swapped"),
    ({"lstm": 3, "gru": 3}, "not compute the same number of blocks"),
    ({"lstm": 4, "gru": 2}, "GRU's blocks again"),
    ({"lstm": 4, "gru": 4}, "not compute the same number of blocks"),
    ({"lstm": 3, "gru": 3.0}, "not compute the same number of blocks"),
    ({"lstm": 5, "gru": 3}, "LSTM's blocks again"),
    ({"lstm": 1, "gru": 0.75}, "not against the LSTM's"),
    ({"lstm": 1088, "gru": 816}, "not with the number of multiply-adds"),
    ({"lstm": 10, "gru": 10}, "not compute the same number of blocks"),
    ({"lstm": 6, "gru": 5}, "H(H + D)"),
    ({"lstm": -4, "gru": 3}, "positive"),
    ({"lstm": 4, "gru": None}, "both ratios"),
    ({"lstm": "four", "gru": 3}, "must be a number"),
]


def test_cost_ratio_each_slip_gets_its_hint_and_no_hint_gives_the_counts(capsys):
    for answer, words in WRONG_RATIOS:
        assert not nb09.check_cost_ratio(answer)
        hint = _hint(capsys)
        assert words in hint, (answer, hint)
        assert not any(piece in hint for piece in GIVE_AWAY), (answer, hint)


def test_cost_ratio_measured_ratios_from_the_notebook_get_the_measured_hint(capsys):
    # whatever this machine measured, copying the printed ratios is called a measurement, never answered with counts
    for lstm_ratio in np.arange(2.0, 4.6, 0.1):
        for gru_ratio in (2.1, 2.7, 3.3):
            nb09.check_cost_ratio({"lstm": round(lstm_ratio, 1), "gru": gru_ratio})
            hint = _hint(capsys)
            assert "measured times" in hint and not any(p in hint for p in GIVE_AWAY)
