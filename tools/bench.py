"""Benchmarks: notebook run times against their budgets, and widget redraw times.

    python tools/bench.py                 # every notebook
    python tools/bench.py 03 05           # only notebooks whose names contain these

Each notebook is executed in memory on a fresh kernel (nothing is written); then every
live widget with a ``.slider`` and a ``.live`` figure has its slider moved a few times and
the mean redraw time (in the kernel, without the browser's share) is printed. Timings are
printed, never asserted in tests (machines differ); the exit code says whether all kept
their budgets.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
# Seconds for a top-to-bottom run on a fresh kernel, 2 cores (from the issues).
BUDGETS = {"00": 10, "01": 15, "02": 15, "03": 20, "04": 30, "05": 30, "06": 30}
DEFAULT_BUDGET = 30
REDRAW_BUDGET_MS = 150


# Run inside the kernel after a notebook has executed: time slider moves of every live
# widget that exposes ``.slider`` and ``.live`` (the series' widget convention).
_WIDGET_PROBE = """
import json, time
import ipywidgets.widgets.widget as _wmod
_rows = []
for _box in list(_wmod._instances.values()):
    if hasattr(_box, "live") and hasattr(_box, "slider"):
        _s = _box.slider
        _lo, _hi = _s.min, _s.max
        _vals = [_hi if i % 2 == 0 else _lo for i in range(6)] if _hi != _lo else []
        _t0 = time.perf_counter()
        for _v in _vals:
            _s.value = _v
        _ms = (time.perf_counter() - _t0) * 1000 / max(len(_vals), 1)
        _rows.append([getattr(_s, "description", ""), round(_ms, 1)])
print("WIDGETS " + json.dumps(_rows))
"""


def bench_notebooks(names=None) -> bool:
    import json

    import nbformat
    from nbclient import NotebookClient

    ok = True
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        if names and not any(n in path.name for n in names):
            continue
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        client = NotebookClient(nb, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            secs = time.perf_counter() - start
            probe = nbformat.v4.new_code_cell(_WIDGET_PROBE)
            nb.cells.append(probe)
            client.execute_cell(probe, len(nb.cells) - 1)
        text = "".join(o.get("text", "") for o in probe.outputs)
        budget = BUDGETS.get(path.name[:2], DEFAULT_BUDGET)
        ok &= secs <= budget
        print(f"{path.name:<45} {secs:6.1f} s   budget {budget:3d} s   {'ok' if secs <= budget else 'OVER BUDGET'}", flush=True)
        for label, ms in json.loads(text.split("WIDGETS ", 1)[1]) if "WIDGETS " in text else []:
            ok &= ms <= REDRAW_BUDGET_MS
            print(f"    slider {label!r:<16} redraw {ms:6.1f} ms   {'ok' if ms <= REDRAW_BUDGET_MS else 'SLOW'}", flush=True)
    return ok


if __name__ == "__main__":
    sys.exit(0 if bench_notebooks(sys.argv[1:]) else 1)
