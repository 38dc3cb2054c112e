"""Jacobians of the simple RNN across steps: why gradients vanish or explode.

    dh_t/dh_{t-1} = diag(1 - h_t^2) W                    (one step of h_t = tanh(W h_{t-1} + U x_t + b))
    dh_t/dh_k     = J_t J_{t-1} ... J_{k+1},   J_s = diag(1 - h_s^2) W

Convention: a Jacobian dh_t/dh_k here is an (H, H) matrix whose entry [i, j] is
d h_t[i] / d h_k[j] (rows: the later state, columns: the earlier one). Back-propagation
carries a gradient g = dL/dh_t backwards as a row vector, g @ dh_t/dh_k, which in the
book's column notation (Goodfellow et al. 2016, eq. 10.21) is the product
prod_s W^T diag(1 - h_s^2) applied to g: the same matrices, transposed. With rows as
examples this is exactly ``dh_prev = (dh * (1 - h_t**2)) @ W`` in ``lecturelib.rnn``.

For the linear RNN h_t = W h_{t-1} + U x_t + b the Jacobian is W^(t-k), whose norm behaves
like rho(W)^(t-k) for the spectral radius rho(W) (largest |eigenvalue|): below 1 it
vanishes, above 1 it explodes. tanh only multiplies by factors 1 - h^2 <= 1.
Sources: Goodfellow, Bengio & Courville, *Deep Learning* (2016), sections 8.2.5 and 10.7;
Bengio, Simard & Frasconi (1994); Pascanu, Mikolov & Bengio (2013).
"""
from __future__ import annotations

import numpy as np

from . import _validate as v
from . import rnn

ORDS = (2, "fro")


def _check_W(W) -> np.ndarray:
    W = v.as_float_array("W", W, ndim=2)
    if W.shape[0] != W.shape[1]:
        raise ValueError(f"W must be square (H, H), got shape {W.shape}")
    return W


def _check_states(h, H: int) -> np.ndarray:
    hs = v.as_float_array("h", h, ndim=3)
    v.check_shape("h", hs, (None, None, H))
    if np.any(np.abs(hs) > 1.0):
        raise ValueError("h must hold tanh states in [-1, 1] (the output of rnn.forward), got values outside")
    return hs


def _matrix_norms(P: np.ndarray, ord) -> np.ndarray:
    """Norm of each (H, H) matrix in a stack (..., H, H)."""
    if ord == "fro":
        return np.sqrt(np.einsum("...ij,...ij->...", P, P))
    return np.linalg.norm(P, ord=2, axis=(-2, -1))  # largest singular value


def step_jacobian(h_t, W):
    """dh_t/dh_{t-1} = diag(1 - h_t^2) W.

    Shapes: h_t (H,) or (N, H) (the state *after* the step), W (H, H).
    Returns (H, H) or (N, H, H); entry [i, j] is d h_t[i] / d h_{t-1}[j].
    """
    W = _check_W(W)
    h = v.as_float_array("h_t", h_t, ndim=(1, 2))
    v.check_shape("h_t", h, (None,) * (h.ndim - 1) + (W.shape[0],))
    return (1.0 - h**2)[..., :, None] * W  # scale row i by tanh'(a_t[i])


def step_jacobians(h, W):
    """J_t = diag(1 - h_t^2) W for every step t = 1..T.

    Shapes: h (N, T, H) (states h_1..h_T as returned by ``rnn.forward``), W (H, H).
    Returns (N, T, H, H); slot t-1 holds J_t = dh_t/dh_{t-1}.
    """
    W = _check_W(W)
    hs = _check_states(h, W.shape[0])
    return (1.0 - hs**2)[..., :, None] * W


def jacobian_product(h, W, t: int, k: int):
    """dh_t/dh_k = J_t J_{t-1} ... J_{k+1} (the identity when k = t).

    Shapes: h (N, T, H) from ``rnn.forward`` (h[:, s-1] is h_s), W (H, H); steps are
    numbered as in the lecture, 0 <= k <= t <= T (k = 0 is the initial state h_0).
    Returns (N, H, H). Its transpose is the book's prod_s W^T diag(1 - h_s^2).
    """
    W = _check_W(W)
    hs = _check_states(h, W.shape[0])
    N, T, H = hs.shape
    for name, val in (("t", t), ("k", k)):
        if isinstance(val, bool) or not isinstance(val, (int, np.integer)):
            raise TypeError(f"{name} must be an int step index, got {type(val).__name__}")
    if not 0 <= k <= t <= T:
        raise ValueError(f"need 0 <= k <= t <= T = {T}, got k = {k}, t = {t}")
    P = np.broadcast_to(np.eye(H), (N, H, H)).copy()
    for s in range(t, k, -1):  # multiply on the right: J_t, then J_{t-1}, ...
        P = P @ ((1.0 - hs[:, s - 1] ** 2)[:, :, None] * W)
    return P


def jacobian_norms(h, W, *, ord=2):
    """||dh_T/dh_{T-l}|| for every lag l = 0..T (how much of a change at step T-l reaches h_T).

    Shapes: h (N, T, H) from ``rnn.forward``, W (H, H). ``ord``: 2 (spectral norm, largest
    singular value) or "fro" (Frobenius). Returns (N, T+1); column l is lag l (column 0 is 1
    for the spectral norm: the identity).
    """
    v.check_option("ord", ord, ORDS)
    W = _check_W(W)
    hs = _check_states(h, W.shape[0])
    N, T, H = hs.shape
    J = (1.0 - hs**2)[..., :, None] * W  # (N, T, H, H)
    P = np.broadcast_to(np.eye(H), (N, H, H)).copy()
    out = np.empty((N, T + 1))
    out[:, 0] = _matrix_norms(P, ord)
    for lag in range(1, T + 1):
        P = P @ J[:, T - lag]  # dh_T/dh_{T-lag} = dh_T/dh_{T-lag+1} @ J_{T-lag+1}
        out[:, lag] = _matrix_norms(P, ord)
    return out


def linear_jacobian_norms(W, T: int, *, ord=2):
    """||W^l|| for l = 0..T: the Jacobian norms dh_T/dh_{T-l} of the linear RNN h_t = W h_{t-1} + U x_t + b.

    Shapes: W (H, H). Returns (T+1,).
    """
    v.check_option("ord", ord, ORDS)
    W = _check_W(W)
    T = v.check_positive_int("T", T)
    P = np.eye(W.shape[0])
    out = np.empty(T + 1)
    out[0] = _matrix_norms(P, ord)
    for lag in range(1, T + 1):
        P = P @ W
        out[lag] = _matrix_norms(P, ord)
    return out


def spectral_radius(W) -> float:
    """rho(W) = max |lambda_i(W)|, the largest eigenvalue modulus. Shapes: W (H, H)."""
    W = _check_W(W)
    return float(np.max(np.abs(np.linalg.eigvals(W))))


def with_spectral_radius(W, rho):
    """W * rho / rho(W): the same eigenvector directions, eigenvalues rescaled to radius rho."""
    W = _check_W(W)
    rho = v.check_positive_float("rho", rho)
    current = spectral_radius(W)
    if current == 0.0:
        raise ValueError("W has spectral radius 0 (nilpotent or zero): it cannot be rescaled")
    return W * (rho / current)


def random_recurrent_weights(hidden_size: int, rho, *, rng: np.random.Generator):
    """W with Gaussian entries N(0, 1/H), rescaled to spectral radius exactly rho. Shapes: (H, H).

    By the circular law the eigenvalues of such a matrix fill a disc, so after rescaling
    they fill the disc of radius rho.
    """
    H = v.check_positive_int("hidden_size", hidden_size)
    rng = v.check_rng(rng)
    rho = v.check_positive_float("rho", rho)
    W = rng.normal(0.0, 1.0 / np.sqrt(H), size=(H, H))
    return with_spectral_radius(W, rho)


def backward_jacobian(x, params, t: int, k: int = 0, h0=None):
    """dh_t/dh_k assembled row by row by back-propagation (``rnn.backward``), no products.

    Row i is the gradient that reaches h_k when the loss is h_t[i]: back-propagation
    computes row vector times Jacobian, so H backward passes give the whole matrix.
    Shapes: x (N, T, D), params of ``rnn``, h0 (N, H) or None; 0 <= k <= t <= T.
    Returns (N, H, H), to compare with ``jacobian_product``.
    """
    D, H = v.infer_sizes(params)
    xs, h_init = v.sequence_inputs(x, h0, D, H)
    N, T, _ = xs.shape
    for name, val in (("t", t), ("k", k)):
        if isinstance(val, bool) or not isinstance(val, (int, np.integer)):
            raise TypeError(f"{name} must be an int step index, got {type(val).__name__}")
    if not 0 <= k <= t <= T:
        raise ValueError(f"need 0 <= k <= t <= T = {T}, got k = {k}, t = {t}")
    if k == t:
        return np.broadcast_to(np.eye(H), (N, H, H)).copy()
    hs, _ = rnn.forward(xs, h_init, params)
    h_k = h_init if k == 0 else hs[:, k - 1]
    _, cache = rnn.forward(xs[:, k:t], h_k, params)  # restart at h_k: h_k is now "h0"
    out = np.empty((N, H, H))
    for i in range(H):
        dh = np.zeros((N, t - k, H))
        dh[:, -1, i] = 1.0  # loss = h_t[i]
        _, dh_k, _ = rnn.backward(dh, cache)
        out[:, i] = dh_k
    return out


def finite_difference_jacobian(f, z, eps: float = 1e-6):
    """J[i, j] = (f(z + eps e_j)[i] - f(z - eps e_j)[i]) / (2 eps) for a vector function f.

    Shapes: z (n,), f(z) (m,). Returns (m, n). Central differences: error of order eps^2.
    """
    if not callable(f):
        raise TypeError(f"f must be a callable mapping an array to an array, got {type(f).__name__}")
    z = v.as_float_array("z", z, ndim=1)
    eps = v.check_positive_float("eps", eps)
    cols = []
    for j in range(z.size):
        step = np.zeros_like(z)
        step[j] = eps
        plus = np.asarray(f(z + step), dtype=np.float64).ravel()
        minus = np.asarray(f(z - step), dtype=np.float64).ravel()
        cols.append((plus - minus) / (2 * eps))
    return np.stack(cols, axis=1)


def radius_sweep(W, x, params, rhos, *, ord=2):
    """Jacobian-norm curves against the lag for W rescaled to each spectral radius in ``rhos``.

    For each rho: W_rho = W * rho / rho(W); the linear RNN's ||W_rho^l|| and the tanh RNN's
    ||dh_T/dh_{T-l}|| (from a forward pass of ``params`` with W_rho over x, averaged over
    the N examples in log10). Shapes: W (H, H), x (N, T, D), rhos (R,).
    Returns a dict of arrays: "rho" (R,), "lags" (T+1,), "log10_linear" (R, T+1),
    "log10_tanh" (R, T+1) and "eigvals" (H,) complex, the eigenvalues of W / rho(W).
    """
    v.check_option("ord", ord, ORDS)
    W = _check_W(W)
    r = v.as_float_array("rhos", rhos, ndim=1)
    if np.any(r <= 0):
        raise ValueError(f"rhos must all be > 0, got min {r.min()}")
    p = {key: params[key] for key in ("W", "U", "b")} if isinstance(params, dict) else params
    D, H = v.infer_sizes(p)
    xs, _ = v.sequence_inputs(x, None, D, H)
    if W.shape != (H, H):
        raise ValueError(f"W must have shape ({H}, {H}) like params['W'], got {W.shape}")
    T = xs.shape[1]
    W1 = with_spectral_radius(W, 1.0)
    lin = np.empty((r.size, T + 1))
    tanh = np.empty((r.size, T + 1))
    for i, rho in enumerate(r):
        Wr = W1 * rho
        lin[i] = np.log10(np.maximum(linear_jacobian_norms(Wr, T, ord=ord), 1e-300))
        h, _ = rnn.forward(xs, None, {**p, "W": Wr})
        tanh[i] = np.log10(np.maximum(jacobian_norms(h, Wr, ord=ord), 1e-300)).mean(axis=0)
    return {"rho": r, "lags": np.arange(T + 1), "log10_linear": lin, "log10_tanh": tanh,
            "eigvals": np.linalg.eigvals(W1)}
