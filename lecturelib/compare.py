"""The four hidden-state types on one task: windowed DNN, simple RNN, LSTM and GRU, side by side.

    DNN:        h = tanh(U [x_{T-tau+1}; ...; x_T] + b)          only the last tau inputs
    simple RNN: h_t = tanh(W h_{t-1} + U x_t + b)                  all of x_{1:t}, through W
    LSTM:       c_t = f*c_{t-1} + i*g,  h_t = o*tanh(c_t)         all of x_{1:t}, additive cell path
    GRU:        h_t = (1 - z)*n + z*h_{t-1}                        all of x_{1:t}, interpolation path
    all four:   o = V h + c,  L = -log softmax(o)[y]               (many-to-one: one label per sequence)

The recurrent models are ``lecturelib.seqclass``. The DNN baseline is written here because
``lecturelib.window`` is a language model over token ids (an embedding table per word);
these tasks have real-valued inputs, so the window concatenates the raw inputs instead:
the same network as notebook 03 with the embedding lookup left out. Slot 1 of the window
is the oldest input; a sequence shorter than the window is padded with zeros in front.

``run_experiment`` trains all models on the same batches at several dependency lengths
and returns held-out accuracy, parameter counts and measured time per step. Everything is
deterministic under its ``rng`` except the timings.
"""
from __future__ import annotations

import time

import numpy as np

from . import _validate as v
from . import first_input, losses, optim, seqclass

MODELS = ("dnn", "rnn", "lstm", "gru")
NAMES = {"dnn": "DNN (window)", "rnn": "simple RNN", "lstm": "LSTM", "gru": "GRU"}
TAU = 3


# ------------------------------------------------------------------ the windowed DNN baseline

def last_window(x, tau: int = TAU) -> np.ndarray:
    """[x_{T-tau+1}; ...; x_T]: the last tau inputs laid end to end, oldest first.

    Shapes: x (N, T, D) -> (N, tau D). If T < tau the missing oldest slots are zeros.
    """
    tau = v.check_positive_int("tau", tau)
    xs = v.as_float_array("x", x, ndim=3)
    N, T, D = xs.shape
    win = np.zeros((N, tau, D))
    k = min(T, tau)
    win[:, tau - k:] = xs[:, T - k:]  # newest input in the last slot
    return win.reshape(N, tau * D)


def dnn_init(input_size: int, hidden_size: int, n_classes: int, *, rng: np.random.Generator,
             tau: int = TAU) -> dict:
    """U (H, tau D), b (H,) ~ U(-1/sqrt(tau D), 1/sqrt(tau D)); V (K, H), c (K,) as the output layer."""
    D = v.check_positive_int("input_size", input_size)
    H = v.check_positive_int("hidden_size", hidden_size)
    K = v.check_positive_int("n_classes", n_classes)
    tau = v.check_positive_int("tau", tau)
    rng = v.check_rng(rng)
    bound = 1.0 / np.sqrt(tau * D)
    params = {"U": rng.uniform(-bound, bound, (H, tau * D)), "b": rng.uniform(-bound, bound, H)}
    params.update(losses.init_output_params(H, K, rng=rng))
    return params


def _dnn_checked(params):
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of arrays, got {type(params).__name__}")
    for key in ("U", "V"):
        if key not in params or np.ndim(params[key]) != 2:
            raise ValueError(f"params['{key}'] must be a 2-D array; expected keys ['U', 'V', 'b', 'c']")
    (H, TD), (K, _) = np.shape(params["U"]), np.shape(params["V"])
    return v.check_params(params, {"U": (H, TD), "b": (H,), "V": (K, H), "c": (K,)})


def dnn_forward(x, params):
    """o = V tanh(U [x_{T-tau+1}; ...; x_T] + b) + c. Shapes: x (N, T, D) -> o (N, K); cache."""
    p = _dnn_checked(params)
    H, TD = p["U"].shape
    D = np.shape(x)[-1] if np.ndim(x) == 3 else None
    if D is None or TD % D:
        raise ValueError(f"x must be (N, T, D) with D dividing the {TD} columns of params['U'], "
                         f"got shape {np.shape(x)}")
    win = last_window(x, TD // D)  # (N, tau D)
    h = np.tanh(win @ p["U"].T + p["b"])  # (N, H)
    o = h @ p["V"].T + p["c"]  # (N, K)
    return o, {"win": win, "h": h, "params": p}


def dnn_backward(do, cache):
    """Given dL/do (N, K), return {U, b, V, c} gradients (the keys of params)."""
    win, h, p = cache["win"], cache["h"], cache["params"]
    do = v.upstream("do", do, (len(h), p["V"].shape[0]))
    da = (do @ p["V"]) * (1.0 - h**2)  # back through tanh, (N, H)
    return {"U": da.T @ win, "b": da.sum(axis=0), "V": do.T @ h, "c": do.sum(axis=0)}


# ------------------------------------------------------------------ one interface for all four

def _check_model(model):
    v.check_option("model", model, MODELS)


def init_model(model: str, input_size: int, hidden_size: int, n_classes: int, *,
               rng: np.random.Generator, tau: int = TAU, keep_bias: float = 1.0) -> dict:
    """Parameters of ``model`` in MODELS (``tau`` is used by the DNN only).

    ``keep_bias`` starts both gated cells leaning towards keeping their state: it is added to
    the LSTM's random initial forget-gate bias b_f (seqclass's ``forget_bias``) and to the GRU's
    update-gate bias b_z (z near 1 keeps h_{t-1}); sigmoid(1) = 0.73 for the default 1.
    """
    _check_model(model)
    keep_bias = v.check_positive_float("keep_bias", keep_bias, allow_zero=True)
    if model == "dnn":
        return dnn_init(input_size, hidden_size, n_classes, rng=rng, tau=tau)
    if model == "lstm":
        return seqclass.init_model(model, input_size, hidden_size, n_classes, rng=rng, forget_bias=keep_bias)
    params = seqclass.init_model(model, input_size, hidden_size, n_classes, rng=rng)
    if model == "gru":
        params["b_z"] = params["b_z"] + keep_bias
    return params


def loss_and_grads(model: str, params, x, y):
    """Mean cross-entropy of the sequence labels y (N,) and its gradients (keys of params)."""
    _check_model(model)
    if model == "dnn":
        o, cache = dnn_forward(x, params)
        loss, do = losses.cross_entropy(o, y)
        return loss, dnn_backward(do, cache)
    loss, grads, _ = seqclass.loss_and_grads(model, params, x, y)
    return loss, grads


def logits(model: str, params, x) -> np.ndarray:
    """o = V h + c, read after the last input. Shapes: x (N, T, D) -> (N, K)."""
    _check_model(model)
    return dnn_forward(x, params)[0] if model == "dnn" else seqclass.logits(model, params, x)


def accuracy(model: str, params, x, y) -> float:
    """Fraction of sequences whose largest logit is the label."""
    o = logits(model, params, x)
    y = v.as_int_array("y", y, ndim=1, low=0, high=o.shape[1])
    v.check_shape("y", y, (o.shape[0],))
    return float(np.mean(np.argmax(o, axis=1) == y))


def count_params(params) -> int:
    """Total number of scalar parameters in a model dict."""
    return seqclass.count_params(params)


def fit(model: str, params, make_batch, *, steps: int = 300, lr: float = 0.01, clip=1.0, callback=None,
        stop_below=None, window: int = 10):
    """Adam on batches from ``make_batch()`` -> (x, y), global-norm clipping at ``clip`` (None: off).

    ``callback(step, steps, loss)`` after every update. ``stop_below``: stop once the mean loss of
    the last ``window`` updates is below it (None: all ``steps``). Returns the losses, one per update.
    """
    _check_model(model)
    def step_loss(p, x, y):
        return loss_and_grads(model, p, x, y)

    return optim.fit(params, step_loss, make_batch, steps=steps, lr=lr, clip=clip, callback=callback,
                     stop_below=stop_below, window=window)


def time_per_step(model: str, params, x, y, *, repeats: int = 3) -> float:
    """Measured seconds of forward + backward per sequence step, for the whole batch x (N, T, D).

    Recurrent models: one loss_and_grads over the sequence divided by T (T cell updates).
    DNN: the window slid along the sequence, one window per step (N T windows in one
    batch), divided by T. The minimum over ``repeats`` runs (the least disturbed one).
    """
    _check_model(model)
    repeats = v.check_positive_int("repeats", repeats)
    xs = v.as_float_array("x", x, ndim=3)
    ys = v.as_int_array("y", y, ndim=1, low=0)
    v.check_shape("y", ys, (xs.shape[0],))
    N, T, D = xs.shape
    if model == "dnn":  # every prefix x_{1:t} as its own example: the windows ending at t = 1..T
        tau = np.shape(params["U"])[1] // D
        wins = np.stack([last_window(xs[:, :t], tau).reshape(N, tau, D) for t in range(1, T + 1)], axis=1)
        xs, ys = wins.reshape(N * T, tau, D), np.repeat(ys, T)
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        loss_and_grads(model, params, xs, ys)
        best = min(best, time.perf_counter() - start)
    return best / T


# ------------------------------------------------------------------ the experiment


def _check_models(models) -> tuple:
    """``models`` as a tuple of names from MODELS, or a ValueError naming the argument."""
    if isinstance(models, str) or not models:
        raise ValueError(f"models must be a non-empty list drawn from {list(MODELS)}, got {models!r}")
    for m in models:
        v.check_option("models", m, MODELS)
    return tuple(models)

def run_experiment(lengths=(2, 5, 10, 20, 40), *, rng: np.random.Generator, models=MODELS,
                   make_data=None, hidden_size: int = 16, steps: int = 300, batch: int = 32,
                   n_test: int = 500, lr: float = 0.01, clip=1.0, tau: int = TAU, noise: float = 1.0,
                   keep_bias: float = 1.0, runs: int = 1, callback=None, stop_below=None) -> dict:
    """Train every model at every length on the same batches; measure accuracy, size and speed.

    ``make_data(n, T, rng=)`` -> x (n, T, D), y (n,) with labels 0..K-1; default: the
    first-input task of ``lecturelib.first_input`` (label = sign of x_1, then noise of
    std ``noise``), whose dependency length is T - 1 steps.
    For each length and run, one training stream, one initialisation seed and one test set
    of ``n_test`` sequences are drawn and shared by all models (every model gets the same
    batches in the same order); ``runs`` repeats that with fresh draws.
    ``callback(done, total, loss)`` counts updates over the whole experiment (a progress bar).
    ``hidden_size``, ``tau`` and ``keep_bias`` go to ``init_model``; ``lr``, ``clip`` and
    ``stop_below`` to ``fit`` (with ``stop_below`` a run ends once its training loss is that low,
    so ``updates`` counts fewer than ``steps``; the callback then skips the updates not needed).

    Returns {"lengths": (L,), "models": tuple, "runs": R, "accuracy": {model: (L,) mean over runs},
    "accuracy_runs": {model: (L, R)}, "updates": {model: (L, R) updates made}, "params": {model: int},
    "time_per_step": {model: (L,) seconds, measured after the first run, best of 5},
    "losses": {model: [L * R arrays (updates,)]}}.
    """
    rng = v.check_rng(rng)
    Ls = v.as_int_array("lengths", lengths, ndim=1, low=1)
    models = _check_models(models)
    H = v.check_positive_int("hidden_size", hidden_size)
    steps = v.check_positive_int("steps", steps)
    batch = v.check_positive_int("batch", batch)
    runs = v.check_positive_int("runs", runs)
    n_test = v.check_positive_int("n_test", n_test)
    if make_data is None:
        noise = v.check_positive_float("noise", noise, allow_zero=True)

        def make_data(n, T, *, rng):
            return first_input.make_data(n, T, rng=rng, noise=noise)
    elif not callable(make_data):
        raise TypeError(f"make_data must be a function make_data(n, T, rng=) -> (x, y), got {type(make_data).__name__}")

    total, done = len(Ls) * len(models) * runs * steps, 0
    out = {"lengths": Ls, "models": models, "runs": runs,
           "accuracy_runs": {m: np.empty((len(Ls), runs)) for m in models},
           "updates": {m: np.empty((len(Ls), runs), dtype=int) for m in models}, "params": {},
           "time_per_step": {m: np.empty(len(Ls)) for m in models}, "losses": {m: [] for m in models}}
    for j, T in enumerate(Ls):
        for r in range(runs):
            data_seed, init_seed, test_seed = (int(s) for s in rng.integers(0, 2**63 - 1, size=3))
            x_test, y_test = make_data(n_test, int(T), rng=np.random.default_rng(test_seed))
            D, K = x_test.shape[2], max(2, int(np.max(y_test)) + 1)
            for m in models:
                batch_rng = np.random.default_rng(data_seed)  # the same batches for every model
                params = init_model(m, D, H, K, rng=np.random.default_rng(init_seed), tau=tau, keep_bias=keep_bias)

                def report(step, n_steps, loss, _base=done):
                    if callback is not None:
                        callback(_base + step, total, loss)

                hist = fit(m, params, lambda: make_data(batch, int(T), rng=batch_rng),
                           steps=steps, lr=lr, clip=clip, callback=report, stop_below=stop_below)
                done += steps
                if callback is not None and len(hist) < steps:  # stopped early: move on to the planned count
                    callback(done, total, float(hist[-1]))
                out["losses"][m].append(hist)
                out["updates"][m][j, r] = len(hist)
                out["accuracy_runs"][m][j, r] = accuracy(m, params, x_test, y_test)
                out["params"][m] = count_params(params)
                if r == 0:
                    out["time_per_step"][m][j] = time_per_step(m, params, x_test[:batch], y_test[:batch], repeats=5)
    out["accuracy"] = {m: a.mean(axis=1) for m, a in out["accuracy_runs"].items()}
    return out


def first_input_gradient(model: str, params, x, y) -> float:
    """Mean over sequences of |dL_n/dx_1|, where L_n = -log softmax(o_n)[y_n] is each sequence's own loss.

    Shapes: x (N, T, D), y (N,). The size of the learning signal that reaches the first input:
    for the DNN it is exactly 0 once x_1 has left the window (T > tau). Averaged over the D
    entries of x_1 as well.
    """
    _check_model(model)
    xs = v.as_float_array("x", x, ndim=3)
    N, T, D = xs.shape
    if model != "dnn":
        _, _, dx = seqclass.loss_and_grads(model, params, xs, y)
        return float(N * np.mean(np.abs(dx[:, 0])))  # cross_entropy averages over N: undo it
    o, cache = dnn_forward(xs, params)
    _, do = losses.cross_entropy(o, y)
    p, h = cache["params"], cache["h"]
    tau = p["U"].shape[1] // D
    if T > tau:
        return 0.0  # x_1 is not in the window: nothing depends on it
    dwin = ((do @ p["V"]) * (1.0 - h**2)) @ p["U"]  # (N, tau D), window slots oldest first
    slot = tau - T  # x_1 sits after the tau - T zero slots of padding
    return float(N * np.mean(np.abs(dwin[:, slot * D:(slot + 1) * D])))


def first_input_gradients(lengths, *, rng: np.random.Generator, models=MODELS, hidden_size: int = 16,
                          keep_bias: float = 1.0, tau: int = TAU, n: int = 256, noise: float = 1.0) -> dict:
    """``first_input_gradient`` of each untrained model at each length T of the first-input task.

    One initialisation per model (the same seed for all lengths) and one fresh set of ``n``
    sequences per length, shared by all models. Returns {"lengths": (L,), "models": tuple,
    "grad": {model: (L,)}}. Nothing is trained: a few seconds at most, so a widget can
    precompute it.
    """
    rng = v.check_rng(rng)
    Ls = v.as_int_array("lengths", lengths, ndim=1, low=1)
    models = _check_models(models)
    n = v.check_positive_int("n", n)
    noise = v.check_positive_float("noise", noise, allow_zero=True)
    init_seed = int(rng.integers(0, 2**63 - 1))
    params = {m: init_model(m, 1, hidden_size, 2, rng=np.random.default_rng(init_seed), tau=tau, keep_bias=keep_bias)
              for m in models}
    grad = {m: np.empty(len(Ls)) for m in models}
    for j, T in enumerate(Ls):
        x, y = first_input.make_data(n, int(T), rng=rng, noise=noise)
        for m in models:
            grad[m][j] = first_input_gradient(m, params[m], x, y)
    return {"lengths": Ls, "models": tuple(models), "grad": grad}


def format_table(results, *, times: bool = True) -> str:
    """One row per model: held-out accuracy (%) at each length, parameters, and (if ``times``)
    the median measured time per step in microseconds for a batch."""
    if not isinstance(results, dict) or "accuracy" not in results:
        raise TypeError("results must be the dict returned by run_experiment")
    Ls = results["lengths"]
    head = f"{'model':<14}" + "".join(f"{'T=' + str(T):>7}" for T in Ls) + f"{'params':>9}"
    head += f"{'us/step':>10}" if times else ""
    lines = [head, "-" * len(head)]
    for m in results["models"]:
        row = f"{NAMES[m]:<14}" + "".join(f"{100 * a:>6.0f}%" for a in results["accuracy"][m])
        row += f"{results['params'][m]:>9d}"
        if times:
            row += f"{1e6 * np.median(results['time_per_step'][m]):>10.0f}"
        lines.append(row)
    return "\n".join(lines)


def longest_learned(results, *, threshold: float = 0.9) -> dict:
    """{model: the largest length up to which every run at every length reached ``threshold``
    accuracy (0 if none)}. Uses the single runs ("accuracy_runs") when present, else the means."""
    if not isinstance(results, dict) or "accuracy" not in results:
        raise TypeError("results must be the dict returned by run_experiment")
    threshold = v.check_positive_float("threshold", threshold)
    out = {}
    for m in results["models"]:
        acc = np.asarray(results.get("accuracy_runs", {}).get(m, np.asarray(results["accuracy"][m])[:, None]))
        best = 0
        for T, a in zip(results["lengths"], acc):
            if np.min(a) < threshold:
                break
            best = int(T)
        out[m] = best
    return out


def time_ratios(results, *, base: str = "rnn") -> dict:
    """{model: median time per step / the median time per step of ``base``} for every model in
    ``results`` (the ``base`` model gets 1.0). Timings vary between machines and runs: print
    these rather than quoting fixed numbers."""
    if not isinstance(results, dict) or "time_per_step" not in results or "models" not in results:
        raise TypeError("results must be the dict returned by run_experiment (with 'time_per_step')")
    v.check_option("base", base, tuple(results["models"]))
    ref = float(np.median(results["time_per_step"][base]))
    if not ref > 0:
        raise ValueError(f"the time per step of base model {base!r} must be positive, got {ref}")
    return {m: float(np.median(results["time_per_step"][m])) / ref for m in results["models"]}
