"""The environment variables every process of the series starts with.

The Makefile exports them for ``make lab``, ``make test``, ``make notebooks`` and ``make bench``,
and the tools and the test set-up call ``apply()`` before they start kernels, so that a kernel
runs the same way however it was started from this repository (a variable already set wins).

- ``OPENBLAS_NUM_THREADS=1``, ``OMP_NUM_THREADS=1``: the series' matrices are small, and one BLAS
  thread runs them faster than two that wait for each other; a busy 2-core machine does not stall.
- ``MALLOC_MMAP_THRESHOLD_``, ``MALLOC_TRIM_THRESHOLD_`` (glibc's allocator, see ``man mallopt``;
  other systems ignore them): by default glibc hands an array of more than about 128 KB to the
  operating system when it is freed and asks for fresh pages for the next one, and the first touch
  of every 4 KB page then costs a page fault. A sequence of 50 steps allocates a few such arrays
  per call, and the faults took more time than the arithmetic (``rnn`` forward + backward at
  N=32, T=50, D=64, H=64: about 1000 faults a call, more than half of its time). With these two
  settings freed memory up to 32 MB a block and 128 MB in all stays with the process and is reused.
  Numbers do not change, only where the arrays live.
"""
from __future__ import annotations

import os

DEFAULTS = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MALLOC_MMAP_THRESHOLD_": str(32 * 2**20),
    "MALLOC_TRIM_THRESHOLD_": str(128 * 2**20),
}


def apply(environ=None) -> dict:
    """Set every variable of DEFAULTS that is not set yet in ``environ`` (default ``os.environ``).

    Only processes started afterwards (kernels, subprocesses) see the allocator settings: glibc
    reads them once, when a process starts. Returns ``environ``.
    """
    env = os.environ if environ is None else environ
    for name, value in DEFAULTS.items():
        env.setdefault(name, value)
    return env
