"""Input checks shared by the math modules.

Every check raises ``TypeError`` (wrong kind of object) or ``ValueError`` (right kind,
wrong shape, value or option) with a message that names the argument, what it got and
what was expected, so a student never has to decode a numpy broadcasting error.
"""
from __future__ import annotations

import numbers

import numpy as np


def _shape_str(shape) -> str:
    return "(" + ", ".join("?" if s is None else str(s) for s in shape) + (",)" if len(shape) == 1 else ")")


def as_float_array(name: str, value, *, ndim=None, allow_empty=False) -> np.ndarray:
    """Return ``value`` as a finite float64 array, or raise naming ``name``.

    ``ndim`` may be an int or a tuple of allowed ints.
    """
    if isinstance(value, (str, bytes, dict, set)) or value is None:
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}")
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__} ({exc})") from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be {want}, got shape {arr.shape} ({arr.ndim}-D)")
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    with np.errstate(over="ignore", invalid="ignore"):
        total = arr.sum()  # a NaN or an infinity makes the sum non-finite: one cheap pass
    if not np.isfinite(total) and not np.all(np.isfinite(arr)):  # (a huge finite sum can overflow too)
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} must be finite, got {bad} NaN or infinite value(s)")
    return arr


def check_shape(name: str, arr: np.ndarray, expected) -> None:
    """Raise ValueError unless ``arr.shape`` matches ``expected`` (``None`` = any size)."""
    ok = arr.ndim == len(expected) and all(e is None or e == s for e, s in zip(expected, arr.shape))
    if not ok:
        raise ValueError(f"{name} must have shape {_shape_str(expected)}, got {arr.shape}")


def as_int_array(name: str, value, *, ndim=None, low=None, high=None) -> np.ndarray:
    """Integer labels or token ids in ``[low, high)``; raise naming ``name`` otherwise."""
    if isinstance(value, (str, bytes, dict, set)) or value is None:
        raise TypeError(f"{name} must be an array of integers, got {type(value).__name__}")
    arr = np.asarray(value)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.integer):
        if arr.size and np.issubdtype(arr.dtype, np.floating) and np.all(np.isfinite(arr)) and np.all(arr == np.round(arr)):
            arr = arr.astype(np.int64)
        else:
            raise TypeError(f"{name} must contain integers, got dtype {arr.dtype}")
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be {want}, got shape {arr.shape} ({arr.ndim}-D)")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if low is not None and arr.min() < low or high is not None and arr.max() >= high:
        raise ValueError(f"{name} must lie in [{low}, {high}), got values from {arr.min()} to {arr.max()}")
    return arr.astype(np.int64, copy=False)


def check_positive_int(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive int, got {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be a positive int, got {value}")
    return int(value)


def check_positive_float(name: str, value, *, allow_zero=False) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not np.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        want = "a finite number >= 0" if allow_zero else "a finite number > 0"
        raise ValueError(f"{name} must be {want}, got {value}")
    return float(value)


def check_rng(rng) -> np.random.Generator:
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng must be a numpy.random.Generator (e.g. np.random.default_rng(0)), got {type(rng).__name__}"
        )
    return rng


def check_option(name: str, value, allowed) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {sorted(allowed, key=str)}, got {value!r}")


def check_params(params, spec: dict, *, name: str = "params") -> dict:
    """Check a parameter dict against ``spec`` = {key: expected shape}; return float arrays.

    Extra keys are rejected too: they usually mean the dict belongs to another cell type.
    """
    if not isinstance(params, dict):
        raise TypeError(f"{name} must be a dict of arrays, got {type(params).__name__}")
    missing = [k for k in spec if k not in params]
    if missing:
        raise ValueError(f"{name} is missing {missing}; expected keys {sorted(spec)}")
    extra = [k for k in params if k not in spec]
    if extra:
        raise ValueError(f"{name} has unexpected keys {sorted(extra)}; expected keys {sorted(spec)}")
    out = {}
    for key, shape in spec.items():
        arr = as_float_array(f"{name}['{key}']", params[key], ndim=len(shape))
        check_shape(f"{name}['{key}']", arr, shape)
        out[key] = arr
    return out


def infer_sizes(params, *, name: str = "params", w_key: str = "W", u_key: str = "U"):
    """Return (D, H) read from the input and recurrent weights of a parameter dict."""
    if not isinstance(params, dict):
        raise TypeError(f"{name} must be a dict of arrays, got {type(params).__name__}")
    for key in (w_key, u_key):
        if key not in params:
            raise ValueError(f"{name} is missing '{key}'")
    U = np.asarray(params[u_key])
    if U.ndim != 2:
        raise ValueError(f"{name}['{u_key}'] must be 2-D (H, D), got shape {U.shape}")
    return U.shape[1], U.shape[0]


def step_inputs(x_t, h_prev, D: int, H: int, *, x_name="x_t", h_name="h_prev"):
    """Validate one step's input and state; promote 1-D (one example) to a batch of one.

    Returns (x (N, D), h (N, H), squeeze) where ``squeeze`` says the caller passed 1-D.
    """
    x = as_float_array(x_name, x_t, ndim=(1, 2))
    h = as_float_array(h_name, h_prev, ndim=(1, 2))
    if x.ndim != h.ndim:
        raise ValueError(
            f"{x_name} and {h_name} must both be 1-D (one example) or both 2-D (a batch), "
            f"got shapes {x.shape} and {h.shape}"
        )
    squeeze = x.ndim == 1
    if squeeze:
        x, h = x[None, :], h[None, :]
    check_shape(x_name, x, (None, D) if not squeeze else (1, D))
    check_shape(h_name, h, (x.shape[0], H))
    return x, h, squeeze


def sequence_inputs(x, h0, D: int, H: int, *, h_name="h0"):
    """Validate a sequence (N, T, D) and its initial state (N, H) (``None`` means zeros)."""
    xs = as_float_array("x", x, ndim=3, allow_empty=True)
    if xs.shape[1] == 0:
        raise ValueError(f"x must have at least one step (T >= 1), got shape {xs.shape}")
    if xs.shape[0] == 0:
        raise ValueError(f"x must have at least one example (N >= 1), got shape {xs.shape}")
    check_shape("x", xs, (None, None, D))
    N = xs.shape[0]
    if h0 is None:
        return xs, np.zeros((N, H))
    h = as_float_array(h_name, h0, ndim=2)
    check_shape(h_name, h, (N, H))
    return xs, h


def upstream(name: str, value, shape) -> np.ndarray:
    """Validate an upstream gradient against the shape the forward pass produced."""
    arr = as_float_array(name, value, ndim=len(shape))
    check_shape(name, arr, shape)
    return arr


def uniform_init(input_size, hidden_size, shapes_for, rng) -> dict:
    """Check the sizes and rng, then draw every parameter of ``shapes_for(D, H)`` from
    U(-1/sqrt(H), 1/sqrt(H)) (the usual default for recurrent cells, also PyTorch's)."""
    D = check_positive_int("input_size", input_size)
    H = check_positive_int("hidden_size", hidden_size)
    rng = check_rng(rng)
    bound = 1.0 / np.sqrt(H)
    return {k: rng.uniform(-bound, bound, size=s) for k, s in shapes_for(D, H).items()}
