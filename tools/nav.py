"""Write the previous | contents | next bar at the top and bottom of every notebook.

The order is the file names' (``NN_name.ipynb``); the title is the notebook's first
``# `` heading. A bar is a markdown cell tagged ``nav``; existing bars are replaced, so
running this twice changes nothing. ``python tools/nav.py --check`` exits 1 if any bar
is stale or missing (used by the tests).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
CONTENTS = "00_overview.ipynb"


def notebook_paths(folder: Path = NOTEBOOKS) -> list:
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def title_of(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "nav" not in cell.metadata.get("tags", []):
            m = re.search(r"^#\s+(.+)$", cell.source, flags=re.M)
            if m:
                return m.group(1).strip()
    return "(untitled)"


def bar_text(paths: list, i: int, titles: list) -> str:
    parts = []
    if i > 0:
        parts.append(f"[&larr; {titles[i - 1]}]({paths[i - 1].name})")
    parts.append(f"[Contents]({CONTENTS})")
    if i + 1 < len(paths):
        parts.append(f"[{titles[i + 1]} &rarr;]({paths[i + 1].name})")
    return " | ".join(parts)


def bar_cell(text: str):
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata = {"tags": ["nav"], "slideshow": {"slide_type": "skip"}}
    return cell


def expected_bars(folder: Path = NOTEBOOKS) -> dict:
    paths = notebook_paths(folder)
    nbs = [nbformat.read(p, as_version=4) for p in paths]
    titles = [title_of(nb) for nb in nbs]
    return {p: (nb, bar_text(paths, i, titles)) for i, (p, nb) in enumerate(zip(paths, nbs))}


def _is_bar(cell) -> bool:
    return cell.cell_type == "markdown" and "nav" in cell.metadata.get("tags", [])


def stale(folder: Path = NOTEBOOKS) -> list:
    """Notebooks whose first and last cells are not the expected bar."""
    bad = []
    for p, (nb, text) in expected_bars(folder).items():
        cells = nb.cells
        ok = len(cells) >= 2 and all(_is_bar(c) and c.source == text for c in (cells[0], cells[-1]))
        if not ok:
            bad.append(p.name)
    return bad


def write(folder: Path = NOTEBOOKS) -> None:
    for p, (nb, text) in expected_bars(folder).items():
        body = [c for c in nb.cells if not _is_bar(c)]
        new_cells = [bar_cell(text), *body, bar_cell(text)]
        old = [(c.cell_type, c.source) for c in nb.cells]
        if old != [(c.cell_type, c.source) for c in new_cells]:
            nb.cells = new_cells
            nbformat.write(nb, p)
            print(f"navigation updated: {p.name}")


if __name__ == "__main__":
    if "--check" in sys.argv:
        bad = stale()
        print("stale or missing navigation: " + ", ".join(bad) if bad else "navigation up to date")
        sys.exit(1 if bad else 0)
    write()
