"""Slide metadata the presentation tool can show (tools/slides.py).

jupyterlab-slideshow never shows a cell whose slide type is "-"; "" (or no type) continues
the slide, as "-" does for RISE and nbconvert. The first test checks the real notebooks; the
rest run the tool on small generated notebooks, so they prove that the check can fail.
"""
import subprocess
import sys
from pathlib import Path

import nbformat
from toolload import load_tool

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
FIX = "run `.venv/bin/python tools/slides.py` to rewrite '-' as ''"


slides = load_tool("slides")


def test_no_notebook_hides_cells_from_the_slideshow():
    bad = slides.stale(slides.notebook_paths(NOTEBOOKS))
    assert not bad, f"slide_type '-' (never shown while presenting) in {bad}: {FIX}"


def _notebook(types):
    nb = nbformat.v4.new_notebook()
    for k, t in enumerate(types):
        cell = nbformat.v4.new_code_cell(f"x = {k}") if k % 2 else nbformat.v4.new_markdown_cell(f"# {k}")
        if t is not None:
            cell.metadata["slideshow"] = {"slide_type": t}
        cell.metadata["tags"] = [f"t{k}"]
        nb.cells.append(cell)
    return nb


def test_fix_rewrites_only_the_dash():
    nb = _notebook(["slide", "-", "fragment", "-", "skip", "notes", "", None, "subslide"])
    assert slides.dash_cells(nb) == [1, 3]
    assert slides.fix(nb) == 2
    got = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    assert got == ["slide", "", "fragment", "", "skip", "notes", "", None, "subslide"]
    assert [c.metadata["tags"] for c in nb.cells] == [[f"t{k}"] for k in range(9)]  # other metadata kept
    assert slides.fix(nb) == 0  # twice changes nothing


def _run(*args):
    return subprocess.run([sys.executable, str(ROOT / "tools" / "slides.py"), *map(str, args)],
                          capture_output=True, text=True)


def test_check_fails_then_the_rewrite_fixes_it(tmp_path):
    a, b = tmp_path / "01_a.ipynb", tmp_path / "02_b.ipynb"
    nbformat.write(_notebook(["slide", "-", "-"]), a)
    nbformat.write(_notebook(["slide", "fragment"]), b)
    before = b.read_bytes()

    checked = _run("--check", a, b)
    assert checked.returncode == 1
    assert "01_a.ipynb" in checked.stdout and "[1, 2]" in checked.stdout and "02_b" not in checked.stdout

    rewritten = _run(a, b)
    assert rewritten.returncode == 0 and "01_a.ipynb (2 cells" in rewritten.stdout
    assert b.read_bytes() == before  # a notebook without "-" is not rewritten
    types = [c.metadata["slideshow"]["slide_type"] for c in nbformat.read(a, as_version=4).cells]
    assert types == ["slide", "", ""]
    assert _run("--check", a, b).returncode == 0


def test_missing_notebook_is_an_error(tmp_path):
    result = _run("--check", tmp_path / "nope.ipynb")
    assert result.returncode == 2 and "no such notebook" in result.stderr
