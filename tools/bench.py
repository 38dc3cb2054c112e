"""Benchmarks: every notebook's fresh run time against its budget, and every widget's frame time
against the floor frame measured in the same kernel.

    python tools/bench.py                 # every notebook
    python tools/bench.py 03 05           # only notebooks whose names contain these
    python tools/bench.py --check         # exit 1 if a budget or a frame ratio is missed

Each notebook is executed in memory on a fresh kernel (nothing is written) and timed top to
bottom; then, in the same kernel, every live widget (an object with ``.live`` and ``.slider``)
has each of its controls moved through its range (``lecturelib.widgets._timing.frame_times``).
A frame is value change -> PNG bytes in the kernel (the browser's share is not in it), drawn
with the frame cache emptied; between two widget frames one *floor frame* is drawn: a small
constrained-layout figure with one moving line, through the same PNG path. Printed: p50 and
p95 of the frames, the floor's p50, the ratios frame / floor (targets: p50 <= 2.5x, p95 <= 4x)
and what replaying the same moves from the cache costs. Timings are printed, never asserted in
tests (machines differ); without ``--check`` the exit code is 0.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from lecturelib import runenv  # noqa: E402

runenv.apply()  # the kernels it starts run in the series' environment (lecturelib/runenv.py)
BUDGET_EACH = 15.0  # seconds for a top-to-bottom run on a fresh kernel
BUDGET_TOTAL = 60.0  # all notebooks together
RATIO_P50, RATIO_P95 = 2.5, 4.0  # widget frame / floor frame (p50 of the floor)
PER_CONTROL = 10  # moves per control

# Run inside the kernel after a notebook has executed.
_WIDGET_PROBE = f"""
import json as _json
import ipywidgets.widgets.widget as _wmod
from lecturelib.widgets._timing import floor_figure as _floor_figure, frame_times as _frame_times
from lecturelib.widgets._timing import percentile as _pct, widget_name as _widget_name
_floor = _floor_figure()
_rows = []
for _box in list(_wmod._instances.values()):
    if hasattr(_box, "live") and hasattr(_box, "slider"):
        _r = _frame_times(_box, _floor, per_control={PER_CONTROL})
        _rows.append(dict(name=_widget_name(_box), controls=_r["controls"], n=len(_r["frames"]),
                          p50=_pct(_r["frames"], 50), p95=_pct(_r["frames"], 95), floor=_pct(_r["floor"], 50),
                          replay=_pct(_r["replay"], 50),
                          by_control={{_k: _pct(_v, 50) for _k, _v in _r["by_control"].items()}}))
print("WIDGETS " + _json.dumps(_rows))
"""


def bench_notebooks(names=None):
    import nbformat
    from nbclient import NotebookClient

    runs, widgets = [], []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        if names and not any(n in path.name for n in names):
            continue
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        with client.setup_kernel(stderr=subprocess.DEVNULL):  # errors still come back as outputs
            start = time.perf_counter()  # from the first cell: the kernel is up (as after a restart)
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            secs = time.perf_counter() - start
            probe = nbformat.v4.new_code_cell(_WIDGET_PROBE)
            nb.cells.append(probe)
            client.execute_cell(probe, len(nb.cells) - 1)
        text = "".join(o.get("text", "") for o in probe.outputs if o.get("output_type") == "stream")
        errors = [o for o in probe.outputs if o.get("output_type") == "error"]
        runs.append((path.name, secs))
        print(f"{path.name:<45} {secs:6.1f} s   budget {BUDGET_EACH:4.0f} s   "
              f"{'ok' if secs <= BUDGET_EACH else 'OVER BUDGET'}", flush=True)
        if errors:
            print(f"    widget probe failed: {errors[0].get('ename')}: {errors[0].get('evalue')}", flush=True)
        for row in json.loads(text.split("WIDGETS ", 1)[1]) if "WIDGETS " in text else []:
            widgets.append((path.name[:2], row))
    return runs, widgets


def report(runs, widgets) -> bool:
    ok = True
    if runs:
        total = sum(s for _, s in runs)
        ok &= total <= BUDGET_TOTAL and all(s <= BUDGET_EACH for _, s in runs)
        print(f"{'all ' + str(len(runs)) + ' notebooks':<45} {total:6.1f} s   budget {BUDGET_TOTAL:4.0f} s   "
              f"{'ok' if total <= BUDGET_TOTAL else 'OVER BUDGET'}")
    if widgets:
        print()
        print("Widget frames in the kernel (value change -> PNG bytes), ms; floor = one constrained-layout line "
              "figure, same kernel, interleaved")
        head = f"{'nb':<3} {'widget':<31} {'frames':>6} {'p50':>7} {'p95':>7} {'floor':>6} {'p50/fl':>7} " \
               f"{'p95/fl':>7} {'replay':>7}  p50/floor of each control"
        print(head)
        print("-" * len(head))
        for nb, r in widgets:
            a, b = r["p50"] / r["floor"], r["p95"] / r["floor"]
            good = a <= RATIO_P50 and b <= RATIO_P95
            ok &= good
            each = ", ".join(f"{c} {ms / r['floor']:.1f}x" for c, ms in r["by_control"].items())
            print(f"{nb:<3} {r['name']:<31} {r['n']:>6} {r['p50']:7.1f} {r['p95']:7.1f} {r['floor']:6.1f} "
                  f"{a:6.1f}x {b:6.1f}x {r['replay']:7.2f}  {each}"
                  f"{'' if good else '   (above ' + str(RATIO_P50) + 'x / ' + str(RATIO_P95) + 'x)'}")
    return ok


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--check"]
    ok = report(*bench_notebooks(args))
    sys.exit(0 if ok or "--check" not in sys.argv else 1)
