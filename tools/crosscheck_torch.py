"""One-off local cross-check of lecturelib's recurrent cells against PyTorch.

This is NOT part of the test suite, and torch is NOT a dependency of the project. It
compares the forward states and every gradient of lecturelib.rnn, lecturelib.lstm and
lecturelib.gru (both reset placements) with an implementation written by someone else:

- rnn            vs torch.nn.RNN (tanh)
- lstm           vs torch.nn.LSTM (torch stacks the gates in the order i, f, g, o)
- gru, reset_after=True   vs torch.nn.GRU (torch's GRU applies the reset after W_n h)
- gru, reset_after=False  vs a plain per-example, per-unit scalar loop in numpy (forward)
                             and the same cell written with torch operations, whose
                             gradients come from torch's autograd

Everything runs in float64 on random data; the loss is sum_t <dh_t, h_t> for a random
dh, so the gradients are those backward() returns for that upstream dh. Each comparison
prints ||a - b|| / (||a|| + ||b||) and must be below 1e-10.

Run it from a separate virtual environment that has torch (never install torch into the
project's .venv):

    python3 -m venv ../torchenv && ../torchenv/bin/pip install torch==2.13.0 numpy
    PYTHONPATH=. ../torchenv/bin/python tools/crosscheck_torch.py
"""
from __future__ import annotations

import math

import numpy as np
import torch

from lecturelib import gru, lstm, rnn

TOL = 1e-10
N, T, D, H = 3, 6, 4, 5
torch.set_default_dtype(torch.float64)
results = []


def rel(a, b) -> float:
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b.detach().numpy() if isinstance(b, torch.Tensor) else b, dtype=np.float64)
    assert a.shape == b.shape, (a.shape, b.shape)
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300))


def report(cell: str, name: str, a, b) -> None:
    err = rel(a, b)
    results.append((cell, name, err))
    print(f"  {name:<8s} {err:.2e}")


def t(a, grad=True):
    return torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=grad)


def stacked(params, prefix, gates):
    return np.concatenate([params[f"{prefix}_{g}"] for g in gates], axis=0)


rng = np.random.default_rng(2024)
x = rng.normal(size=(N, T, D))
h0 = rng.normal(size=(N, H))
c0 = rng.normal(size=(N, H))
dh = rng.normal(size=(N, T, H))


def run_torch_module(module, weights, x_np, state):
    """Load weights into a torch module, run it on x, backprop sum(dh * out)."""
    with torch.no_grad():
        for name, value in weights.items():
            getattr(module, name).copy_(torch.tensor(value))
    xt = t(x_np)
    state_t = tuple(t(s) for s in state)
    out, _ = module(xt, state_t if len(state_t) > 1 else state_t[0])
    (out * torch.tensor(dh)).sum().backward()
    return out, xt, state_t


# ---------------------------------------------------------------- simple RNN
print("rnn vs torch.nn.RNN(nonlinearity='tanh')")
p = rnn.init_params(D, H, rng=rng)
h, cache = rnn.forward(x, h0, p)
dx, dh0, g = rnn.backward(dh, cache)
m = torch.nn.RNN(D, H, nonlinearity="tanh", batch_first=True)
out, xt, (h0t,) = run_torch_module(
    m, {"weight_ih_l0": p["U"], "weight_hh_l0": p["W"], "bias_ih_l0": p["b"], "bias_hh_l0": np.zeros(H)},
    x, (h0[None],))
report("rnn", "h", h, out)
report("rnn", "U", g["U"], m.weight_ih_l0.grad)
report("rnn", "W", g["W"], m.weight_hh_l0.grad)
report("rnn", "b", g["b"], m.bias_ih_l0.grad)
report("rnn", "x", dx, xt.grad)
report("rnn", "h0", dh0, h0t.grad[0])

# ---------------------------------------------------------------- LSTM
print("lstm vs torch.nn.LSTM")
order = ("i", "f", "g", "o")  # torch's stacking order
p = lstm.init_params(D, H, rng=rng)
h, cache = lstm.forward(x, (h0, c0), p)
dx, (dh0, dc0), g = lstm.backward(dh, cache)
m = torch.nn.LSTM(D, H, batch_first=True)
out, xt, (h0t, c0t) = run_torch_module(
    m, {"weight_ih_l0": stacked(p, "U", order), "weight_hh_l0": stacked(p, "W", order),
        "bias_ih_l0": stacked(p, "b", order), "bias_hh_l0": np.zeros(4 * H)},
    x, (h0[None], c0[None]))
report("lstm", "h", h, out)
for j, gate in enumerate(order):
    rows = slice(j * H, (j + 1) * H)
    report("lstm", f"U_{gate}", g[f"U_{gate}"], m.weight_ih_l0.grad[rows])
    report("lstm", f"W_{gate}", g[f"W_{gate}"], m.weight_hh_l0.grad[rows])
    report("lstm", f"b_{gate}", g[f"b_{gate}"], m.bias_ih_l0.grad[rows])
report("lstm", "x", dx, xt.grad)
report("lstm", "h0", dh0, h0t.grad[0])
report("lstm", "c0", dc0, c0t.grad[0])

# ---------------------------------------------------------------- GRU, reset after
print("gru(reset_after=True) vs torch.nn.GRU")
order = ("r", "z", "n")
p = gru.init_params(D, H, rng=rng, reset_after=True)
h, cache = gru.forward(x, h0, p, reset_after=True)
dx, dh0, g = gru.backward(dh, cache)
m = torch.nn.GRU(D, H, batch_first=True)
out, xt, (h0t,) = run_torch_module(
    m, {"weight_ih_l0": stacked(p, "U", order), "weight_hh_l0": stacked(p, "W", order),
        "bias_ih_l0": stacked(p, "b", order),
        "bias_hh_l0": np.concatenate([np.zeros(2 * H), p["b_hn"]])},
    x, (h0[None],))
report("gru-after", "h", h, out)
for j, gate in enumerate(order):
    rows = slice(j * H, (j + 1) * H)
    report("gru-after", f"U_{gate}", g[f"U_{gate}"], m.weight_ih_l0.grad[rows])
    report("gru-after", f"W_{gate}", g[f"W_{gate}"], m.weight_hh_l0.grad[rows])
    report("gru-after", f"b_{gate}", g[f"b_{gate}"], m.bias_ih_l0.grad[rows])
report("gru-after", "b_hn", g["b_hn"], m.bias_hh_l0.grad[2 * H:])
report("gru-after", "x", dx, xt.grad)
report("gru-after", "h0", dh0, h0t.grad[0])

# ---------------------------------------------------------------- GRU, reset before
print("gru(reset_after=False) vs scalar-loop numpy (h) and hand-written torch cell (grads)")
p = gru.init_params(D, H, rng=rng, reset_after=False)
h, cache = gru.forward(x, h0, p, reset_after=False)
dx, dh0, g = gru.backward(dh, cache)


def sig(a: float) -> float:
    return 1.0 / (1.0 + math.exp(-a))


ref = np.zeros((N, T, H))
for ex in range(N):  # one example, one step, one unit at a time: nothing vectorised
    hp = [float(v) for v in h0[ex]]
    for s in range(T):
        xv = [float(v) for v in x[ex, s]]
        r = [sig(sum(p["U_r"][k, d] * xv[d] for d in range(D)) + sum(p["W_r"][k, j] * hp[j] for j in range(H)) + p["b_r"][k])
             for k in range(H)]
        z = [sig(sum(p["U_z"][k, d] * xv[d] for d in range(D)) + sum(p["W_z"][k, j] * hp[j] for j in range(H)) + p["b_z"][k])
             for k in range(H)]
        n = [math.tanh(sum(p["U_n"][k, d] * xv[d] for d in range(D))
                       + sum(p["W_n"][k, j] * r[j] * hp[j] for j in range(H)) + p["b_n"][k])
             for k in range(H)]
        hp = [(1.0 - z[k]) * n[k] + z[k] * hp[k] for k in range(H)]
        ref[ex, s] = hp
report("gru-before", "h(loop)", h, ref)

pt = {k: t(val) for k, val in p.items()}
xt, h0t = t(x), t(h0)
hs, hcur = [], h0t
for s in range(T):
    xs_ = xt[:, s]
    r = torch.sigmoid(xs_ @ pt["U_r"].T + hcur @ pt["W_r"].T + pt["b_r"])
    z = torch.sigmoid(xs_ @ pt["U_z"].T + hcur @ pt["W_z"].T + pt["b_z"])
    n = torch.tanh(xs_ @ pt["U_n"].T + (r * hcur) @ pt["W_n"].T + pt["b_n"])
    hcur = (1 - z) * n + z * hcur
    hs.append(hcur)
out = torch.stack(hs, dim=1)
(out * torch.tensor(dh)).sum().backward()
report("gru-before", "h(torch)", h, out)
for k in p:
    report("gru-before", k, g[k], pt[k].grad)
report("gru-before", "x", dx, xt.grad)
report("gru-before", "h0", dh0, h0t.grad)

worst = max(results, key=lambda r: r[2])
print(f"\n{len(results)} comparisons, largest relative error {worst[2]:.2e} ({worst[0]} {worst[1]})")
assert worst[2] < TOL, f"cross-check failed: {worst}"
print("OK: every value and gradient agrees with the independent reference to < 1e-10")
