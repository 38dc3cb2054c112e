"""Make every notebook's slide metadata one that jupyterlab-slideshow presents.

jupyterlab-slideshow (the series' presentation tool) never shows a cell whose
``slideshow.slide_type`` is ``"-"``: it reads only slide, subslide, fragment, skip, notes and
"no type" (``""`` or no key), and "no type" means what ``"-"`` means to RISE, nbconvert and
JupyterLab's property inspector: the cell continues the slide above. This tool rewrites
``"-"`` as ``""`` and leaves every other cell alone, so running it twice changes nothing.

    python tools/slides.py                 # rewrite every notebooks/NN_*.ipynb that needs it
    python tools/slides.py A.ipynb B.ipynb # only these notebooks
    python tools/slides.py --check [...]   # exit 1 and name the cells if any still says "-"

New cells: give them ``""`` (continue the slide), not ``"-"``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
CONTINUE = ""      # what the deck reads as "continue the slide above"
HIDDEN_TYPE = "-"  # what it never shows


def notebook_paths(folder: Path = NOTEBOOKS) -> list:
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def dash_cells(nb) -> list:
    """Indices of the cells whose slide type the deck would never show."""
    return [i for i, c in enumerate(nb.cells)
            if c.metadata.get("slideshow", {}).get("slide_type") == HIDDEN_TYPE]


def fix(nb) -> int:
    """Rewrite "-" as "" in place; return how many cells changed."""
    found = dash_cells(nb)
    for i in found:
        nb.cells[i].metadata["slideshow"]["slide_type"] = CONTINUE
    return len(found)


def stale(paths) -> dict:
    """{notebook name: [cell indices with "-"]} for the notebooks that need the rewrite."""
    bad = {}
    for p in paths:
        cells = dash_cells(nbformat.read(p, as_version=4))
        if cells:
            bad[Path(p).name] = cells
    return bad


def write(paths) -> int:
    changed = 0
    for p in paths:
        nb = nbformat.read(p, as_version=4)
        n = fix(nb)
        if n:
            nbformat.write(nb, p)
            print(f"slide types updated: {Path(p).name} ({n} cells '-' -> '')")
            changed += 1
    return changed


def main(argv) -> int:
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    paths = [Path(a) for a in args] or notebook_paths()
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print("no such notebook: " + ", ".join(missing), file=sys.stderr)
        return 2
    if check:
        bad = stale(paths)
        if bad:
            for name, cells in bad.items():
                print(f"{name}: slide_type '-' (never shown by the slideshow) on cells {cells}")
            print("run `.venv/bin/python tools/slides.py` to rewrite them as ''")
            return 1
        print("slide types ready for the slideshow")
        return 0
    write(paths)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
