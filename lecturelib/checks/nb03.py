"""Self-checks for notebook 03 (the windowed DNN). Each prints a verdict and never raises."""
from __future__ import annotations

import numpy as np

from .. import window as _win
from ._core import FAIL, blank, check_function, check_value, report

__all__ = ["check_n_params", "check_concat_window", "n_params_slips"]


def n_params_slips(K: int, T: int, D: int, H: int) -> dict:
    """Plausible wrong counts for Exercise 1, each with the hint that names its slip.

    Keys are the wrong counts; the sizes must be chosen so that none equals the right count
    and no two coincide (the tests check this for the notebook's sizes).
    """
    right = _win.n_params(K, T, D, H)
    return {
        right + (T - 1) * K * D: "there is only one embedding table E, shared by all slots: count K*D once, not tau times.",
        right - K * D + T * D: "E has one row for every token of the vocabulary (K rows), not one per slot.",
        right - K * D: "the embedding table E (K rows of D numbers) is a parameter too: it is learned.",
        right - H - K: "you left out the biases: b has H entries and c has K.",
        right - H: "you left out the hidden bias b (H entries).",
        right - K: "you left out the output bias c (K entries).",
        right + (T - 1) * H: "b is added once, to the hidden layer: it has H entries, not H for every slot.",
        right - (T - 1) * H * D: "U multiplies the whole concatenated window, so it has tau*D columns, not D.",
        right - H * D: "count the slots again: with tau = %d, U has %d blocks of H x D." % (T, T),
        right + H * D: "count the slots again: with tau = %d, U has %d blocks of H x D." % (T, T),
        _win.n_params(K, 3, D, H): "this is the count for tau = 3; the question asks for tau = %d." % T,
        K * D + H * H + H * D + H + K * H + K: (
            "that is the simple RNN's count (a W of H x H and a U of H x D). The windowed DNN has no W, "
            "and its U reads the whole window."),
        right + H * H: "the windowed DNN has no hidden-to-hidden W: its hidden layer reads only the window.",
        right - K * H - K: "the output layer counts too: V maps the hidden layer to K scores, and c adds K biases.",
        right - K * H + K * T * D: "V reads the hidden layer (H numbers), not the window: it is K x H.",
    }


def _assigned_by_library(history, name: str = "answer", library: str = "n_params") -> bool:
    """True when the latest cell of ``history`` (cell sources, oldest first) that assigns ``name``
    computes it with a call of ``library`` (``window.n_params(...)``, or the bare name). Cells that do
    not parse, or no assignment at all, give False: the check then judges the number alone."""
    import ast

    for source in reversed(list(history or [])):
        try:
            tree = ast.parse(source if isinstance(source, str) else "")
        except SyntaxError:
            continue
        values = [node.value for node in ast.walk(tree)
                  if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign))
                  and any(isinstance(t, ast.Name) and t.id == name
                          for t in (node.targets if isinstance(node, ast.Assign) else [node.target]))]
        if values:
            return any(isinstance(call, ast.Call) and getattr(call.func, "attr", getattr(call.func, "id", None)) == library
                       for value in values if value is not None for call in ast.walk(value))
    return False


def _notebook_history():
    """The sources of the cells run so far in the notebook (IPython's ``In``), or [] outside IPython."""
    try:
        from IPython import get_ipython
        shell = get_ipython()
        return list(shell.user_ns.get("In", [])) if shell is not None else []
    except Exception:  # no IPython, or an unusual shell: judge the number alone
        return []


def check_n_params(answer, *, vocab_size: int, tau: int = 7, dim: int, hidden_size: int, history=None):
    """Exercise 1: the number of parameters of the windowed DNN for the given sizes.

    The exercise asks for an expression written by hand, not ``window.n_params``: when the cell
    that last assigned ``answer`` (looked up in ``history``, the cell sources run so far, by default
    the notebook's own) calls ``n_params``, the right number does not pass.
    """
    K, T, D, H = vocab_size, tau, dim, hidden_size
    title = f"parameters for tau = {T}"
    right = _win.n_params(K, T, D, H)
    if not blank(answer) and _assigned_by_library(_notebook_history() if history is None else history):
        return report(title, FAIL, "your answer comes from window.n_params, which does the counting for you. Write "
                                   "the count as an expression of K, D, H and the window length, one term per array.")
    hints = {wrong: hint for wrong, hint in n_params_slips(K, T, D, H).items() if wrong != right}
    return check_value(
        title, answer, right, rtol=0, atol=0.5, hints=hints,
        hint="list every array the model learns (section 2 names five), multiply out the shape of each and add "
             "them up; only one of them depends on tau.",
    )


def _cases():
    rng = np.random.default_rng(3)
    E = np.round(rng.normal(size=(6, 2)), 2)
    return [
        ((E, [1, 4, 2]), E[[1, 4, 2]].reshape(-1)),
        ((E, [5, 5, 0]), E[[5, 5, 0]].reshape(-1)),
        ((E, [0, 3, 1, 2]), E[[0, 3, 1, 2]].reshape(-1)),
    ]


_TITLE = "concatenate one window"


def _slip(E, window, arr, expected):
    """The hint for a wrong result ``arr`` of one case, naming the slip, or None if it is right."""
    tau, D = len(window), E.shape[1]
    if arr.shape == expected.shape and np.allclose(arr, expected):
        return None
    if arr.shape == (tau, D):
        return ("you returned one row per word, shape (tau, D): a table, not yet the answer. The answer is one "
                "flat 1-D vector of tau*D numbers, the rows laid end to end.")
    if arr.shape != expected.shape:
        return (f"for a window of {tau} ids and a table with D = {D} columns your function returned shape "
                f"{arr.shape}; the answer is one 1-D vector of tau*D = {tau * D} numbers.")
    if np.allclose(arr, E[window[::-1]].reshape(-1)):
        return "the order is reversed: slot 1 (the oldest word, window[0]) must come first."
    if np.allclose(arr, E[window].T.reshape(-1)):
        return "the numbers are interleaved: put the whole embedding of word 1 first, then all of word 2, ..."
    for shift in (-1, 1):
        if all(0 <= w + shift < len(E) for w in window) and np.allclose(arr, E[[w + shift for w in window]].reshape(-1)):
            return "each slot holds the row of a neighbouring id: token w's embedding is row w of E (ids count from 0)."
    return ("the length is right, but the numbers are not the rows of E for these ids, oldest first: "
            "compare your vector with E[window[0]], E[window[1]], ... for a small window.")


def check_concat_window(fn):
    """Exercise 2: ``fn(E, window)`` must return [E[w_1]; ...; E[w_tau]] as one 1-D vector.

    A result that is wrong gets a hint naming the slip (shape, order, interleaving, the wrong
    rows, a window of another length); blanks, ``None`` results and exceptions are reported
    by ``check_function``.
    """
    if not callable(fn):
        return check_function(_TITLE, fn, _cases(), hint="write a function concat_window(E, window).")
    for i, ((E, window), expected) in enumerate(_cases()):
        try:
            got = fn(E, list(window))
        except Exception:  # check_function reports exceptions (and NotImplementedError) itself
            break
        if got is None or got is Ellipsis:
            break
        try:
            arr = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            return report(_TITLE, FAIL, f"your function returned a {type(got).__name__} that is not a vector of numbers.")
        slip = _slip(E, window, arr, expected)
        if slip is not None:
            if i > 0:  # the earlier windows came out right
                first = _cases()[0][0][1]
                why = ("an id repeats: every slot gets its own copy of the row, even when two slots hold the same word"
                       if len(set(window)) < len(window) else
                       "the window length is len(window), not a fixed 3")
                slip = f"right for the window {first} but not for {window}: {why}."
            return report(_TITLE, FAIL, slip)
    return check_function(
        _TITLE, fn, _cases(),
        hint="Look up each id's row of E and join the rows end to end, oldest first, into one 1-D vector.",
    )
