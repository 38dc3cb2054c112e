"""Tests for the notebook 03 self-checks: reference passes, typical mistakes get their hint."""
import itertools

import numpy as np
import pytest

from lecturelib import corpus
from lecturelib import window as W
from lecturelib.checks import nb03


def _notebook_sizes():
    """K, D, H exactly as notebook 03 builds them (section 1 and 2.1), and the exercise's tau."""
    rng = np.random.default_rng(0)
    sentences = corpus.grammar_corpus(400, rng=rng)
    train, _ = corpus.train_test_split(sentences, 0.2, rng=rng)
    return len(corpus.Vocab.build(train)), 7, 8, 32


K, T, D, H = _notebook_sizes()
SIZES = dict(vocab_size=K, tau=T, dim=D, hidden_size=H)
RIGHT = K * D + H * T * D + H + K * H + K


def _wrong_counts():
    """Plausible wrong formulas, written out independently of the check: (name, count, words of its hint)."""
    return [
        ("E per slot", T * K * D + H * T * D + H + K * H + K, "only one embedding table"),
        ("E with tau rows", T * D + H * T * D + H + K * H + K, "one row for every token"),
        ("no E", H * T * D + H + K * H + K, "is a parameter too"),
        ("no biases", K * D + H * T * D + K * H, "left out the biases"),
        ("no b", K * D + H * T * D + K * H + K, "hidden bias b"),
        ("no c", K * D + H * T * D + H + K * H, "output bias c"),
        ("b per slot", K * D + H * T * D + T * H + K * H + K, "added once"),
        ("U of H x D", K * D + H * D + H + K * H + K, "tau*D columns"),
        ("tau - 1 slots", K * D + H * (T - 1) * D + H + K * H + K, "count the slots again"),
        ("tau + 1 slots", K * D + H * (T + 1) * D + H + K * H + K, "count the slots again"),
        ("tau = 3", K * D + H * 3 * D + H + K * H + K, "tau = 3"),
        ("simple RNN", K * D + H * H + H * D + H + K * H + K, "simple RNN's count"),
        ("DNN plus a W", RIGHT + H * H, "no hidden-to-hidden W"),
        ("no output layer", K * D + H * T * D + H, "output layer counts too"),
        ("V of K x tau D", K * D + H * T * D + H + K * T * D + K, "V reads the hidden layer"),
    ]


def test_notebook_sizes_are_the_ones_the_notebook_prints():
    assert (K, T, D, H) == (49, 7, 8, 32)
    assert W.n_params(K, T, D, H) == RIGHT


def test_no_plausible_wrong_formula_gives_the_right_count():
    wrong = _wrong_counts()
    assert all(count != RIGHT for _, count, _ in wrong), [n for n, c, _ in wrong if c == RIGHT]
    # two slips at once must not cancel out either (each slip as a difference from the right count)
    deltas = {name: count - RIGHT for name, count, _ in wrong if name not in ("simple RNN", "tau = 3")}
    cancelling = [(a, b) for a, b in itertools.combinations(deltas, 2)
                  if deltas[a] + deltas[b] == 0 and {a, b} != {"tau - 1 slots", "tau + 1 slots"}]
    assert not cancelling
    # with H = 4D, as the exercise had at tau = 5, the simple RNN's count is the right one: the trap
    assert W.n_params(K, 5, D, H) == K * D + H * H + H * D + H + K * H + K


def test_each_slip_has_its_own_count():
    counts = [c for _, c, _ in _wrong_counts()]
    assert len(set(counts)) == len(counts)  # so every slip can get its own hint
    assert RIGHT not in nb03.n_params_slips(K, T, D, H)


def test_n_params_reference_passes(capsys):
    assert nb03.check_n_params(RIGHT, **SIZES)
    assert capsys.readouterr().out.startswith("PASS")


@pytest.mark.parametrize("name, count, words", _wrong_counts())
def test_n_params_each_slip_gets_its_hint(capsys, name, count, words):
    assert not nb03.check_n_params(count, **SIZES)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and words in out, (name, out)


def test_n_params_catch_all_does_not_give_the_formula(capsys):
    assert not nb03.check_n_params(12345, **SIZES)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "only one of them depends on tau" in out
    assert "K x D" not in out and "tau*D" not in out


@pytest.mark.parametrize("cell", [
    "answer = window.n_params(K, 7, D, H)",
    "from lecturelib.window import n_params\nanswer = n_params(K, 7, D, H)",
    "answer = int(window.n_params(K, 7, D, H))  # the library's number",
    "answer = window.n_params(K, 3, D, H) + 4 * H * D",
])
def test_n_params_from_the_library_is_not_a_pass(capsys, cell):
    history = ["", "import numpy as np", cell, "nb03.check_n_params(answer, vocab_size=K, tau=7, dim=D, hidden_size=H)"]
    assert not nb03.check_n_params(RIGHT, **SIZES, history=history)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "window.n_params" in out and "expression" in out, out


def test_n_params_written_by_hand_passes_whatever_else_ran(capsys):
    history = [
        "counts = [window.n_params(K, int(t), D, H) for t in taus]",   # the notebook's own use, section 4
        "answer = window.n_params(K, 7, D, H)",                         # a first try, replaced below
        "answer = K * D + H * 7 * D + H + K * H + K",
        "print(window.n_params(K, 7, D, H))                           # confirming afterwards is fine",
        "nb03.check_n_params(answer, vocab_size=K, tau=7, dim=D, hidden_size=H)",
        "answer = (",                                                   # a cell that does not parse is skipped
    ]
    assert nb03.check_n_params(RIGHT, **SIZES, history=history)
    assert capsys.readouterr().out.startswith("PASS")
    # outside IPython there is no history: the number alone is judged
    assert nb03.check_n_params(RIGHT, **SIZES)
    assert capsys.readouterr().out.startswith("PASS")


def test_n_params_blank_with_library_history_is_still_not_attempted(capsys):
    assert not nb03.check_n_params(None, **SIZES, history=["answer = window.n_params(K, 7, D, H)"])
    assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")


def test_n_params_blank(capsys):
    assert not nb03.check_n_params(None, **SIZES)
    assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")


def test_concat_reference_passes(capsys):
    assert nb03.check_concat_window(lambda E, window: np.concatenate([E[w] for w in window]))
    assert capsys.readouterr().out.startswith("PASS")
    assert nb03.check_concat_window(lambda E, window: E[window].reshape(-1))
    assert capsys.readouterr().out.startswith("PASS")


CONCAT_SLIPS = [
    ("rows not flattened", lambda E, window: E[window], "one row per word"),
    ("list of rows", lambda E, window: [E[w] for w in window], "one row per word"),
    ("reversed", lambda E, window: np.concatenate([E[w] for w in window[::-1]]), "order is reversed"),
    ("interleaved", lambda E, window: E[window].T.reshape(-1), "interleaved"),
    ("sum of rows", lambda E, window: E[window].sum(axis=0), "returned shape (2,)"),
    ("the ids themselves", lambda E, window: np.array(window, dtype=float), "returned shape (3,)"),
    ("off by one", lambda E, window: np.concatenate([E[w - 1] for w in window]), "neighbouring id"),
    ("sorted ids", lambda E, window: E[sorted(window)].reshape(-1), "not the rows of E"),
    ("fixed tau = 3", lambda E, window: np.concatenate([E[w] for w in window[:3]]), "not a fixed 3"),
    ("repeats dropped", lambda E, window: np.concatenate([E[w] for w in dict.fromkeys(window)]), "an id repeats"),
    ("each row backwards", lambda E, window: np.concatenate([E[w][::-1] for w in window]), "not the rows of E"),
]


@pytest.mark.parametrize("name, fn, words", CONCAT_SLIPS)
def test_concat_each_slip_gets_its_hint(capsys, name, fn, words):
    assert not nb03.check_concat_window(fn)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and words in out, (name, out)
    assert "np.concatenate" not in out and "reshape" not in out  # a hint names the slip, never the call


def test_concat_exception_is_reported(capsys):
    nb03.check_concat_window(lambda E, window: 1 / 0)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "ZeroDivisionError" in out
    assert "np.concatenate([E[w]" not in out


def test_concat_blank(capsys):
    def concat_window(E, window):
        raise NotImplementedError

    nb03.check_concat_window(concat_window)
    assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")
    nb03.check_concat_window(None)
    assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")


def test_concat_function_without_return_is_not_a_pass(capsys):
    def concat_window(E, window):
        np.concatenate([E[w] for w in window])  # forgot return

    assert not nb03.check_concat_window(concat_window)
    assert not capsys.readouterr().out.startswith("PASS")
