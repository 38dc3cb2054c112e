"""Regenerate every figure in images/: ``python -m lecturelib.figures images``.

Figures are collected from the ``FIGURES`` dict of each ``lecturelib.drawing`` submodule,
so adding a figure never means editing this file.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def collect() -> dict:
    """{"file.png": function returning a matplotlib Figure} over all drawing modules."""
    from . import drawing

    found = {}
    for info in sorted(pkgutil.iter_modules(drawing.__path__), key=lambda m: m.name):
        mod = importlib.import_module(f"{drawing.__name__}.{info.name}")
        for name, make in getattr(mod, "FIGURES", {}).items():
            if name in found:
                raise ValueError(f"figure {name!r} is defined twice")
            found[name] = make
    return found


def write_all(out_dir, names=None) -> list:
    """Write the figures (all, or those in ``names``) as PNG files into ``out_dir``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .drawing import style

    style.apply()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in collect().items():
        if names and name not in names:
            continue
        fig = make()
        # Fixed metadata so a regenerated PNG is byte-identical when nothing changed.
        fig.savefig(out / name, metadata={"Software": None})
        plt.close(fig)
        written.append(out / name)
        print(f"wrote {out / name}")
    return written


if __name__ == "__main__":
    args = sys.argv[1:] or ["images"]
    write_all(args[0], set(args[1:]) or None)
