"""Benchmarks of the recurrent cells and the character model, next to their floor and PyTorch.

    python tools/bench_cells.py            # (make bench runs it after tools/bench.py)

1. rnn, lstm, gru (both reset placements): forward + backward of a batch in float64 at two
   shapes, the median of several runs. Next to it the floor: the same matrix products done as
   six large GEMMs (input and recurrent parts of every gate forward; dx, dh, dU, dW backward),
   with no loop over steps and no elementwise work, which no implementation can beat.
2. The character model of notebook 05 (H = 100, 32 streams x 25 steps, Adagrad, gradient
   clipping): training speed in characters per second.
3. When PyTorch happens to be importable (it is not a dependency of the project): the same
   cells as ``nn.RNN``, ``nn.LSTM``, ``nn.GRU`` (CPU, float64, autograd) and the character
   model as ``nn.RNN`` + ``nn.Linear`` in float32, side by side.

The series' environment (lecturelib/runenv.py: one BLAS thread, glibc's allocator keeping freed
memory), as the Makefile sets it, and PyTorch is given one thread too. Timings are printed, never asserted: machines differ.
"""
from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lecturelib import runenv  # noqa: E402

if any(name not in os.environ for name in runenv.DEFAULTS):
    # The allocator reads its settings only when a process starts: start again with them, so that
    # `python tools/bench_cells.py` measures what `make bench` and the notebooks' kernels run with.
    runenv.apply()
    os.execv(sys.executable, [sys.executable, *sys.argv])

import numpy as np  # noqa: E402

from lecturelib import bptt, charlm, gru, lstm, optim, rnn  # noqa: E402

SHAPES = ((32, 50, 64, 64), (64, 100, 128, 128))  # N, T, D, H
CELLS = {  # name: (module, number of gates, keyword arguments of forward)
    "rnn": (rnn, 1, {}),
    "lstm": (lstm, 4, {}),
    "gru": (gru, 3, {}),
    "gru (reset after)": (gru, 3, {"reset_after": True}),
}
CHAR_H, CHAR_STREAMS, CHAR_K = 100, 32, 25


def median_ms(fn, *, repeats: int, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def repeats_for(N, T, H) -> int:
    return 21 if N * T * H < 200_000 else 7


def numpy_cell_ms(name, N, T, D, H) -> float:
    mod, _, kw = CELLS[name]
    rng = np.random.default_rng(0)
    params = (gru.init_params(D, H, rng=rng, **kw) if mod is gru else mod.init_params(D, H, rng=rng))
    x = rng.normal(size=(N, T, D))
    dh = rng.normal(size=(N, T, H))

    def run():
        _, cache = mod.forward(x, None, params, **kw)
        mod.backward(dh, cache)

    return median_ms(run, repeats=repeats_for(N, T, H))


def floor_ms(gates, N, T, D, H) -> float:
    """The cell's matrix products as six large GEMMs over all N*T rows at once."""
    rng = np.random.default_rng(0)
    X, Hp = rng.normal(size=(N * T, D)), rng.normal(size=(N * T, H))
    U, W = rng.normal(size=(gates * H, D)), rng.normal(size=(gates * H, H))
    dA = rng.normal(size=(N * T, gates * H))

    def run():
        A = X @ U.T  # forward: input part of every gate
        A += Hp @ W.T  # forward: recurrent part (done per step by any real cell)
        dA @ U  # backward: dx
        dA @ W  # backward: dh_{t-1}
        dA.T @ X  # backward: dU
        dA.T @ Hp  # backward: dW

    return median_ms(run, repeats=repeats_for(N, T, H))


def char_data():
    text = charlm.load_corpus()
    vocab = charlm.CharVocab.from_text(text)
    return vocab, vocab.encode(text)


def numpy_chars_per_s(seconds: float = 2.0) -> float:
    vocab, ids = char_data()
    params = charlm.init_params(vocab.size, CHAR_H, rng=np.random.default_rng(0))
    opt = optim.Adagrad(lr=0.1)
    n_windows = len(bptt.stream_windows(ids, CHAR_STREAMS, CHAR_K))
    bptt.train(params, ids, truncation=CHAR_K, n_streams=CHAR_STREAMS, epochs=1, optimizer=opt, max_norm=5.0)  # warm-up
    epochs, elapsed = 0, 0.0
    while elapsed < seconds:
        t0 = time.perf_counter()
        bptt.train(params, ids, truncation=CHAR_K, n_streams=CHAR_STREAMS, epochs=1, optimizer=opt, max_norm=5.0)
        elapsed += time.perf_counter() - t0
        epochs += 1
    return epochs * n_windows * CHAR_STREAMS * CHAR_K / elapsed


def torch_cell_ms(torch, name, N, T, D, H) -> float:
    nn = torch.nn
    kind = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[name]
    torch.manual_seed(0)
    model = kind(D, H, batch_first=True).double()
    x = torch.randn(N, T, D, dtype=torch.float64, requires_grad=True)
    dh = torch.randn(N, T, H, dtype=torch.float64)

    def run():
        model.zero_grad(set_to_none=True)
        x.grad = None
        out, _ = model(x)
        out.backward(dh)

    return median_ms(run, repeats=repeats_for(N, T, H))


def torch_chars_per_s(torch, seconds: float = 2.0) -> float:
    nn, F = torch.nn, torch.nn.functional
    vocab, ids = char_data()
    K = vocab.size
    windows = bptt.stream_windows(ids, CHAR_STREAMS, CHAR_K)
    data = [(torch.from_numpy(x.copy()), torch.from_numpy(y.copy())) for x, y in windows]
    torch.manual_seed(0)
    cell, out = nn.RNN(K, CHAR_H, batch_first=True), nn.Linear(CHAR_H, K)  # float32
    params = list(cell.parameters()) + list(out.parameters())
    opt = torch.optim.Adagrad(params, lr=0.1)
    eye = torch.eye(K)

    def epoch():
        h = torch.zeros(1, CHAR_STREAMS, CHAR_H)
        for x, y in data:
            hs, h = cell(eye[x], h)  # one-hot inputs, as the numpy model reads them
            h = h.detach()  # carried, not differentiated (truncated BPTT)
            loss = F.cross_entropy(out(hs).reshape(-1, K), y.reshape(-1))  # mean per character
            opt.zero_grad(set_to_none=True)
            loss.backward()
            nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()

    epoch()  # warm-up
    epochs, elapsed = 0, 0.0
    while elapsed < seconds:
        t0 = time.perf_counter()
        epoch()
        elapsed += time.perf_counter() - t0
        epochs += 1
    return epochs * len(data) * CHAR_STREAMS * CHAR_K / elapsed


def main() -> int:
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        torch = None
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.processor() or platform.platform()}; "
          f"numpy {np.__version__}, " + ", ".join(f"{k}={os.environ[k]}" for k in runenv.DEFAULTS)
          + (f"; torch {torch.__version__} (1 thread)" if torch else "; PyTorch not importable"))
    print("\ncell fwd+bwd, float64, median ms")
    head = f"{'cell':18s} {'N, T, D, H':>16s} {'numpy':>9s} {'floor':>8s} {'/floor':>7s}"
    print(head + (f" {'torch':>9s} {'/torch':>7s}" if torch else ""))
    for name, (_, gates, _) in CELLS.items():
        for shape in SHAPES:
            ours = numpy_cell_ms(name, *shape)
            low = floor_ms(gates, *shape)
            line = f"{name:18s} {', '.join(map(str, shape)):>16s} {ours:9.2f} {low:8.2f} {ours / low:6.2f}x"
            if torch and name in ("rnn", "lstm", "gru"):
                theirs = torch_cell_ms(torch, name, *shape)
                line += f" {theirs:9.2f} {ours / theirs:6.2f}x"
            print(line, flush=True)
    print(f"\ncharacter model (H = {CHAR_H}, {CHAR_STREAMS} x {CHAR_K}, Adagrad, clipping at 5): training chars/s")
    print(f"  numpy float64:          {numpy_chars_per_s() / 1000:7.1f} k")
    if torch:
        print(f"  torch nn.RNN float32:   {torch_chars_per_s(torch) / 1000:7.1f} k")
    return 0


if __name__ == "__main__":
    sys.exit(main())
