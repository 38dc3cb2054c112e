"""Token embeddings: a lookup table E (vocab_size, dim) whose row k represents token k.

Forward is indexing, ``E[ids]``; backward adds each upstream row into the row it came
from (a token that occurs twice collects both gradients). That scatter-add is
``np.add.at(dE, ids, dout)``; ``np.bincount`` with weights does the same additions in the
same order (so the same bits) several times faster.
"""
from __future__ import annotations

import numpy as np

from . import _validate as v


def init_params(vocab_size: int, dim: int, *, rng: np.random.Generator, scale: float = 0.1) -> dict:
    """E (vocab_size, dim) ~ N(0, scale^2)."""
    Vn = v.check_positive_int("vocab_size", vocab_size)
    d = v.check_positive_int("dim", dim)
    return {"E": v.check_rng(rng).normal(0.0, scale, (Vn, d))}


def forward(ids, params):
    """Look up rows: ids (any shape, ints in [0, vocab_size)) -> vectors ids.shape + (dim,)."""
    if not isinstance(params, dict) or "E" not in params:
        raise ValueError("params must be a dict with 'E' (vocab_size, dim)")
    E = v.as_float_array("params['E']", params["E"], ndim=2)
    idx = v.as_int_array("ids", ids, low=0, high=E.shape[0])
    return E[idx], {"ids": idx, "shape": E.shape}


def backward(dout, cache):
    """Scatter-add dL/dvectors back into dL/dE; returns {"E": dE}."""
    idx, shape = cache["ids"], cache["shape"]
    d = v.upstream("dout", dout, idx.shape + (shape[1],))
    n_rows, dim = shape
    # Entry (k, j) of dE is bin k*dim + j: every upstream value is added into its bin, in order.
    bins = (idx.reshape(-1, 1) * dim + np.arange(dim)).reshape(-1)
    dE = np.bincount(bins, weights=d.reshape(-1), minlength=n_rows * dim)
    return {"E": dE.reshape(shape)}
