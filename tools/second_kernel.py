"""Run a command once more under a second OpenBLAS kernel, to catch results that hold on one CPU only.

    python tools/second_kernel.py                 # print this machine's kernel and the second one
    python tools/second_kernel.py -- CMD ARGS...  # run CMD with OPENBLAS_CORETYPE set to the second kernel

numpy's wheels bundle OpenBLAS, which picks a matrix-product kernel for the CPU at import
(Haswell on AVX2 machines, SkylakeX on AVX-512 ones, ...). Kernels round differently, so a
notebook whose conclusion rests on one kernel's rounding passes on the machine that stored
it and fails on a student's laptop. ``make test`` therefore runs the notebooks and unit tests
a second time under another kernel: Sandybridge, which every x86-64 CPU with AVX can run (or
Nehalem where this machine's own kernel already is Sandybridge). Elsewhere (ARM, Apple's
Accelerate, a numpy built on MKL) it says that it skips the pass and exits 0. It checks with
threadpoolctl that the kernel it asked for is the one numpy loaded, so the pass never
silently repeats the first one.
"""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from pathlib import Path

_PROBE = (
    "import json, numpy, threadpoolctl\n"
    "info = threadpoolctl.threadpool_info()\n"
    "print(json.dumps([i.get('architecture') for i in info if i.get('internal_api') == 'openblas']))\n"
)


def kernel_in_force(env: dict | None = None) -> str | None:
    """The OpenBLAS kernel numpy loads in a fresh interpreter with ``env`` (None: not OpenBLAS)."""
    out = subprocess.run([sys.executable, "-c", _PROBE], env=env, check=True, capture_output=True, text=True)
    kernels = json.loads(out.stdout.strip().splitlines()[-1])
    return kernels[0] if kernels else None


def cpu_flags() -> set[str]:
    """The CPU's feature flags on Linux (empty elsewhere)."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def choose_second(native: str | None, machine: str, flags: set[str]) -> tuple[str | None, str]:
    """(kernel for the second pass, or None, and the reason), from the first pass's kernel."""
    if machine.lower() not in ("x86_64", "amd64"):
        return None, f"this is a {machine} machine: OPENBLAS_CORETYPE choices here are x86-64 kernels"
    if native is None:
        return None, "numpy does not use OpenBLAS here, so there is no kernel to switch"
    if "avx" not in flags:
        return None, "this CPU has no AVX, the oldest kernel family worth forcing"
    if native.lower() != "sandybridge":
        return "Sandybridge", f"this machine's own kernel is {native}"
    return "Nehalem", "this machine's own kernel is already Sandybridge"


def main(argv: list[str]) -> int:
    command = argv[argv.index("--") + 1:] if "--" in argv else []
    native = kernel_in_force()
    second, why = choose_second(native, platform.machine(), cpu_flags())
    if second is None:
        print(f"second BLAS kernel pass skipped: {why}.", flush=True)
        return 0
    env = dict(os.environ, OPENBLAS_CORETYPE=second)
    got = kernel_in_force(env)
    if got is None or got.lower() != second.lower():
        print(f"second BLAS kernel pass: asked OpenBLAS for {second}, numpy loaded {got}", file=sys.stderr)
        return 1
    print(f"second BLAS kernel pass: {why}; running again with OPENBLAS_CORETYPE={second}", flush=True)
    if not command:
        return 0
    return subprocess.run(command, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
