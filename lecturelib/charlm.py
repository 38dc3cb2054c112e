"""A character-level language model built from the simple RNN: vocabulary, loss, sampling.

    a_t = W h_{t-1} + U x_t + b,   h_t = tanh(a_t)        x_t is the one-hot code of a character
    o_t = V h_t + c,               yhat_t = softmax(o_t)  a distribution over the next character
    L = sum_t L_t,                 L_t = -log yhat_t[y_t], y_t = x_{t+1}

Sampling feeds each drawn character back as the next input; a temperature divides the
logits, softmax(o_t / temperature): below 1 it sharpens the distribution, above 1 it
flattens it. (T stays the sequence length; the temperature gets no one-letter name.)
The recurrent cell and the output layer are lecturelib.rnn and lecturelib.losses.
Sources: Goodfellow, Bengio & Courville, *Deep Learning* (2016), sections 10.2 and 10.2.3;
Karpathy, "The unreasonable effectiveness of recurrent neural networks" (2015).
"""
from __future__ import annotations

from importlib import resources

import numpy as np

from . import _validate as v
from . import losses, rnn
from .activations import softmax


class CharVocab:
    """Characters <-> integer ids; id k is the k-th character of ``chars`` (sorted, unique)."""

    def __init__(self, chars):
        if not isinstance(chars, str):
            raise TypeError(f"chars must be a str, got {type(chars).__name__}")
        unique = sorted(set(chars))
        if not unique:
            raise ValueError("chars must contain at least one character, got an empty string")
        self.chars = "".join(unique)
        self._index = {ch: i for i, ch in enumerate(self.chars)}

    @classmethod
    def from_text(cls, text: str) -> "CharVocab":
        """The vocabulary of every distinct character in ``text``."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        return cls(text)

    @property
    def size(self) -> int:
        """K, the number of distinct characters."""
        return len(self.chars)

    def __len__(self) -> int:
        return self.size

    def __repr__(self) -> str:
        return f"CharVocab(size={self.size})"

    def encode(self, text: str, *, name: str = "text") -> np.ndarray:
        """The ids of the characters of ``text``, shape (len(text),) int64."""
        if not isinstance(text, str):
            raise TypeError(f"{name} must be a str, got {type(text).__name__}")
        unknown = sorted({ch for ch in text if ch not in self._index})
        if unknown:
            raise ValueError(
                f"{name} contains characters not in the vocabulary: {unknown!r}; "
                f"the vocabulary has {self.size} characters: {self.chars!r}"
            )
        return np.array([self._index[ch] for ch in text], dtype=np.int64)

    def decode(self, ids) -> str:
        """The string spelled by the ids (a 1-D sequence of ints in [0, K))."""
        idx = v.as_int_array("ids", ids, ndim=1, low=0, high=self.size)
        return "".join(self.chars[i] for i in idx)


def load_corpus(name: str = "garden_diary") -> str:
    """The text of ``lecturelib/data/<name>.txt`` (shipped with the package, no download)."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__}")
    folder = resources.files("lecturelib") / "data"
    available = sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))
    if name not in available:
        raise ValueError(f"name must be one of {available}, got {name!r}")
    return (folder / f"{name}.txt").read_text(encoding="utf-8")


def one_hot(ids, size: int) -> np.ndarray:
    """x_t = e_{id}: ids of any shape -> float array ids.shape + (size,)."""
    K = v.check_positive_int("size", size)
    idx = v.as_int_array("ids", ids, low=0, high=K)
    return np.eye(K)[idx]


def init_params(vocab_size: int, hidden_size: int, *, rng: np.random.Generator) -> dict:
    """W (H, H), U (H, K), b (H,) from lecturelib.rnn; V (K, H), c (K,) from lecturelib.losses."""
    K = v.check_positive_int("vocab_size", vocab_size)
    H = v.check_positive_int("hidden_size", hidden_size)
    rng = v.check_rng(rng)
    return {**rnn.init_params(K, H, rng=rng), **losses.init_output_params(H, K, rng=rng)}


def _split(params):
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of arrays, got {type(params).__name__}")
    expected = {"W", "U", "b", "V", "c"}
    if set(params) != expected:
        raise ValueError(f"params must have exactly the keys {sorted(expected)}, got {sorted(params)}")
    return {k: params[k] for k in ("W", "U", "b")}, {k: params[k] for k in ("V", "c")}


def loss_and_grads(params, inputs, targets, h0=None):
    """L = sum_t -log yhat_t[y_t] (averaged over the N rows) and its gradients by BPTT.

    Shapes: inputs, targets (N, T) character ids; h0 (N, H) or None for zeros.
    Returns (L, grads with the keys of params, h_T (N, H), the last state to carry on).
    """
    cell, out = _split(params)
    K = np.shape(out["V"])[0]
    x_ids = v.as_int_array("inputs", inputs, ndim=2, low=0, high=K)
    y_ids = v.as_int_array("targets", targets, ndim=2, low=0, high=K)
    v.check_shape("targets", y_ids, x_ids.shape)
    h, cache = rnn.forward_ids(x_ids, h0, cell)  # h: (N, T, H); x_t one-hot, so U x_t is a lookup
    o, out_cache = losses.output_forward(h, out)  # o: (N, T, K)
    loss, do = losses.sequence_cross_entropy(o, y_ids)
    dh, out_grads = losses.output_backward(do, out_cache)  # dL_t/dh_t from the outputs only
    _, _, cell_grads = rnn.backward_ids(dh, cache)  # adds the path through h_{t+1}
    return loss, {**cell_grads, **out_grads}, h[:, -1].copy()


def mean_loss(params, ids) -> float:
    """Mean cross-entropy per character (nats) of predicting ids[1:] from ids[:-1] in one pass."""
    cell, out = _split(params)
    K = np.shape(out["V"])[0]
    seq = v.as_int_array("ids", ids, ndim=1, low=0, high=K)
    if seq.size < 2:
        raise ValueError(f"ids must hold at least 2 characters, got {seq.size}")
    h, _ = rnn.forward_ids(seq[None, :-1], None, cell)
    o, _ = losses.output_forward(h, out)
    loss, _ = losses.sequence_cross_entropy(o, seq[None, 1:])
    return loss / (seq.size - 1)


def _check_temperature(temperature) -> float:
    return v.check_positive_float("temperature", temperature)


def _warm_up(params, vocab, prompt):
    """Feed the prompt; return the state after its last character and that character's id."""
    if not isinstance(vocab, CharVocab):
        raise TypeError(f"vocab must be a CharVocab, got {type(vocab).__name__}")
    cell, out = _split(params)
    if np.shape(out["V"])[0] != vocab.size:
        raise ValueError(f"params['V'] has {np.shape(out['V'])[0]} rows but vocab has {vocab.size} characters")
    if not isinstance(prompt, str) or not prompt:
        raise ValueError(f"prompt must be a non-empty str (the model needs a first character), got {prompt!r}")
    ids = vocab.encode(prompt, name="prompt")
    h = np.zeros((1, np.shape(cell["W"])[0]))
    if ids.size > 1:
        hs, _ = rnn.forward_ids(ids[None, :-1], h, cell)
        h = hs[:, -1]
    return cell, out, h, int(ids[-1])


def next_char_probs(params, vocab, prompt: str, *, temperature: float = 1.0) -> np.ndarray:
    """softmax(o / temperature) for the character after ``prompt``; shape (K,)."""
    temperature = _check_temperature(temperature)
    cell, out, h, last = _warm_up(params, vocab, prompt)
    h, _ = rnn.step_forward(one_hot([last], vocab.size), h, cell)
    o, _ = losses.output_forward(h, out)
    return softmax(o[0] / temperature)


def sample(params, vocab, n_chars: int, *, rng: np.random.Generator, prompt: str = "\n",
           temperature: float = 1.0) -> str:
    """Draw n_chars characters one at a time from softmax(o_t / temperature), feeding each one back.

    The prompt is read first (its state is kept); the returned text excludes it.
    Deterministic for a given rng state.
    """
    n = v.check_positive_int("n_chars", n_chars)
    temperature = _check_temperature(temperature)
    rng = v.check_rng(rng)
    cell, out, h, last = _warm_up(params, vocab, prompt)
    x = np.zeros((1, vocab.size))
    drawn = []
    for _ in range(n):
        x[:] = 0.0
        x[0, last] = 1.0
        h, _ = rnn.step_forward(x, h, cell)
        o, _ = losses.output_forward(h, out)
        p = softmax(o[0] / temperature)
        last = int(rng.choice(vocab.size, p=p))
        drawn.append(last)
    return vocab.decode(drawn)


class WindowedLossAndGrads:
    """``loss_and_grads(params, inputs, targets, h0)`` for the windows of one training run.

    ``bptt.train`` calls it once per window: the same numbers as ``loss_and_grads`` (to
    float64 round-off; tested against it), with fewer passes over memory. The parameters'
    keys and shapes are checked once; per window only what can change (the parameters must
    still be finite float64 arrays of those shapes, the ids in [0, K)). The large arrays are
    allocated once and reused by every window: the states with steps first, (T+1, N, H), as
    rnn's loops use them, so nothing is transposed; the logits as columns, (K, T*N), so
    softmax's max and sum run along whole rows; the gradients at a_t. Anything it does not
    expect goes to ``loss_and_grads``, which raises the usual errors.
    """

    _KEYS = ("W", "U", "b", "V", "c")

    def __init__(self, params, n_streams: int, truncation: int):
        self.params = params
        try:
            cell, out = _split(params)
            rnn._checked_params(cell)
            K, H = np.shape(out["V"])
            self.shapes = {"W": (H, H), "U": (H, K), "b": (H,), "V": (K, H), "c": (K,)}
        except (TypeError, ValueError):
            self.shapes = None  # every window takes the plain path, which reports the problem
            return
        N, T = n_streams, truncation
        self.N, self.T, self.K, self.H = N, T, K, H
        self.hs = np.empty((T + 1, N, H))  # hs[t] = h_t, hs[0] = h_0
        self.da = np.empty((T, N, H))  # dL_t/dh_t from the outputs, then delta_t = dL/da_t
        self.dh_next = np.empty((N, H))
        self.tanh_prime = np.empty((N, H))
        self.logits = np.empty((K, T * N))  # column t*N + n is o_t of stream n; then dL/do; then x_t one-hot
        self.columns = np.arange(T * N)

    def _fast(self, x_ids, y_ids, h0) -> bool:
        if self.shapes is None or len(self.params) != len(self._KEYS):
            return False
        for key in self._KEYS:
            a = self.params.get(key)
            if type(a) is not np.ndarray or a.dtype != np.float64 or a.shape != self.shapes[key]:
                return False
            if not np.isfinite(a.sum()):
                return False
        for ids in (x_ids, y_ids):
            if (type(ids) is not np.ndarray or ids.dtype != np.int64 or ids.shape != (self.N, self.T)
                    or ids.min() < 0 or ids.max() >= self.K):
                return False
        if h0 is None:
            return True
        return (type(h0) is np.ndarray and h0.dtype == np.float64 and h0.shape == (self.N, self.H)
                and bool(np.isfinite(h0.sum())))

    def __call__(self, x_ids, y_ids, h0=None):
        if not self._fast(x_ids, y_ids, h0):
            return loss_and_grads(self.params, x_ids, y_ids, h0)
        W, U, b, V, c = (self.params[key] for key in self._KEYS)
        N, T, H = self.N, self.T, self.H
        hs, da, dh_next, tanh_prime, logits = self.hs, self.da, self.dh_next, self.tanh_prime, self.logits
        # forward: the recurrence exactly as rnn.forward_ids runs it
        hs[0] = 0.0 if h0 is None else h0
        np.take(U.T + b, x_ids.T, axis=0, out=hs[1:], mode="clip")  # hs[t] = U x_t + b, a lookup (ids checked)
        rnn._run(hs, W)
        h_flat = hs[1:].reshape(T * N, H)
        np.matmul(V, h_flat.T, out=logits)  # o_t = V h_t + c, every step as a column
        logits += c[:, None]
        # cross-entropy as losses.sequence_cross_entropy computes it, along columns
        labels = y_ids.T.reshape(-1) * (T * N) + self.columns  # flat index of o_t[y_t] in logits
        logits -= logits.max(axis=0)  # shifted: exp never overflows
        picked = logits.take(labels)
        np.exp(logits, out=logits)
        total = logits.sum(axis=0)
        picked -= np.log(total)  # log softmax(o_t)[y_t]
        loss = -picked.sum() / N
        total *= N
        np.divide(logits, total, out=logits)  # softmax(o_t) / N ...
        logits.reshape(-1)[labels] -= 1.0 / N  # ... minus onehot(y_t) / N: dL/do_t
        # backward through the output layer
        np.matmul(logits.T, V, out=da.reshape(T * N, H))  # dL_t/dh_t = V^T dL/do_t
        grads = {"V": logits @ h_flat, "c": logits.sum(axis=1)}
        # backward through time, as rnn._backward_steps
        dh_next[:] = 0.0
        for t in reversed(range(T)):
            da[t] += dh_next  # both terms that reach h_t
            np.square(hs[t + 1], out=tanh_prime)
            np.subtract(1.0, tanh_prime, out=tanh_prime)  # tanh'(a_t) = 1 - h_t^2
            da[t] *= tanh_prime  # delta_t
            np.matmul(da[t], W, out=dh_next)  # W^T delta_t reaches h_{t-1}
        da_flat = da.reshape(T * N, H)
        grads["W"] = da_flat.T @ hs[:-1].reshape(T * N, H)
        one_hot_T = logits  # reused: column t*N + n becomes x_t of stream n
        one_hot_T[:] = 0.0
        inputs = x_ids.T.reshape(-1) * (T * N) + self.columns
        one_hot_T.reshape(-1)[inputs] = 1.0
        grads["U"] = (one_hot_T @ da_flat).T.copy()  # sum_t delta_t x_t^T: column k adds the steps that read k
        grads["b"] = da_flat.sum(axis=0)
        return loss, {key: grads[key] for key in self._KEYS}, hs[T].copy()
