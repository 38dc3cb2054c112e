"""Environment check for the overview notebook: are the packages there and recent enough?"""
from __future__ import annotations

import importlib
import re
import sys
from importlib import metadata

# Minimum versions, the same as pyproject.toml's run-time dependencies (a test keeps them in step).
REQUIRED = {
    "numpy": "1.26",
    "matplotlib": "3.8",
    "ipywidgets": "8.1",
    "jupyterlab": "4.2",
    "jupyterlab-slideshow": "0.3.4",
}
PYTHON_MIN = (3, 10)


def _as_tuple(version: str) -> tuple:
    """'4.2.0rc1' -> (4, 2, 0): the leading numeric release parts."""
    parts = []
    for piece in version.split("."):
        m = re.match(r"\d+", piece)
        if not m:
            break
        parts.append(int(m.group()))
        if m.end() != len(piece):
            break
    return tuple(parts)


def versions() -> list:
    """[(name, installed version or None, minimum, ok)] for Python and each package."""
    rows = [("python", ".".join(map(str, sys.version_info[:3])), ".".join(map(str, PYTHON_MIN)),
             sys.version_info[:2] >= PYTHON_MIN)]
    for name, minimum in REQUIRED.items():
        try:
            got = metadata.version(name)
        except metadata.PackageNotFoundError:
            rows.append((name, None, minimum, False))
            continue
        rows.append((name, got, minimum, _as_tuple(got) >= _as_tuple(minimum)))
    return rows


def report(rows=None) -> bool:
    """Print one line per package and a verdict; return True when everything is fine."""
    rows = versions() if rows is None else rows
    width = max([16] + [len(name) for name, *_ in rows])
    for name, got, minimum, ok in rows:
        status = "ok" if ok else ("MISSING" if got is None else "TOO OLD")
        print(f"{name:<{width}} {got or '-':<10} needs >= {minimum:<6} {status}")
    return all(ok for *_, ok in rows)


def summary(rows=None) -> str:
    """One line that does not depend on the exact versions installed."""
    rows = versions() if rows is None else rows
    bad = [name for name, _, _, ok in rows if not ok]
    if not bad:
        return "Environment OK: Python and all required packages are installed and recent enough."
    return "Environment problem with: " + ", ".join(bad) + ". Run `make lab` from the repository root to (re)install."


def lecturelib_modules() -> list:
    """Import every math module of lecturelib; return their names (an ImportError shows a broken install)."""
    names = ["activations", "rnn", "lstm", "gru", "losses", "embedding", "optim", "gradcheck"]
    for n in names:
        importlib.import_module(f"lecturelib.{n}")
    return names
