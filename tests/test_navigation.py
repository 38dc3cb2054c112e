"""Navigation bars (previous | contents | next) written by tools/nav.py.

The first tests check the real notebooks/ folder: a bar that is stale or missing fails
and says how to fix it. The rest run nav.py on a temporary folder of small generated
notebooks, so they prove that the check itself can fail.
"""
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from toolload import load_tool

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
FIX = "run `.venv/bin/python tools/nav.py` (or `make nav`) to rewrite the bars"


nav = load_tool("nav")
REPO_NOTEBOOKS = nav.notebook_paths(NOTEBOOKS)
LINK = re.compile(r"\]\(([^)]+)\)")


# ------------------------------------------------------------ the real notebooks

def test_every_notebook_has_current_bars():
    bad = nav.stale(NOTEBOOKS)
    assert not bad, f"stale or missing navigation in {', '.join(bad)}: {FIX}"


def test_check_command_agrees():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "nav.py"), "--check"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == (1 if nav.stale(NOTEBOOKS) else 0), done.stdout + done.stderr


@pytest.mark.parametrize("path", REPO_NOTEBOOKS, ids=lambda p: p.name)
def test_bar_links_point_to_existing_notebooks(path):
    nb = nbformat.read(path, as_version=4)
    bars = [c for c in nb.cells if c.cell_type == "markdown" and "nav" in c.metadata.get("tags", [])]
    assert bars, f"{path.name} has no navigation bar: {FIX}"
    for bar in bars:
        targets = LINK.findall(bar.source)
        assert targets, f"{path.name}: a navigation bar without links: {bar.source!r}"
        for target in targets:
            assert (path.parent / target).is_file(), f"{path.name}: the bar links to missing {target}"


# -------------------------------------------------- nav.py on generated notebooks

def _make(folder: Path, name: str, title: str, n_body: int = 2) -> Path:
    cells = [nbformat.v4.new_markdown_cell(f"# {title}\nA one-line subtitle.")]
    cells += [nbformat.v4.new_code_cell(f"x = {i}") for i in range(n_body)]
    path = folder / name
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


@pytest.fixture
def series(tmp_path):
    _make(tmp_path, "00_overview.ipynb", "00 · Overview")
    _make(tmp_path, "01_first.ipynb", "01 · First steps")
    _make(tmp_path, "02_second.ipynb", "02 · Second steps", n_body=3)
    (tmp_path / "notes.ipynb").write_text("not part of the series")  # no NN_ prefix: ignored
    return tmp_path


def _bars(path: Path):
    nb = nbformat.read(path, as_version=4)
    return nb.cells[0], nb.cells[-1], nb


def test_new_notebooks_are_reported_missing(series):
    assert nav.stale(series) == ["00_overview.ipynb", "01_first.ipynb", "02_second.ipynb"]


def test_write_then_nothing_is_stale(series):
    nav.write(series)
    assert nav.stale(series) == []


def test_bar_text_links_previous_contents_next(series):
    nav.write(series)
    first, last, _ = _bars(series / "01_first.ipynb")
    expected = ("[&larr; 00 · Overview](00_overview.ipynb) | [Contents](00_overview.ipynb)"
                " | [02 · Second steps &rarr;](02_second.ipynb)")
    assert first.source == expected and last.source == expected
    assert _bars(series / "00_overview.ipynb")[0].source == (
        "[Contents](00_overview.ipynb) | [01 · First steps &rarr;](01_first.ipynb)")
    assert _bars(series / "02_second.ipynb")[0].source == (
        "[&larr; 01 · First steps](01_first.ipynb) | [Contents](00_overview.ipynb)")


def test_bars_are_tagged_and_skipped_in_slides_and_body_is_kept(series):
    nav.write(series)
    first, last, nb = _bars(series / "02_second.ipynb")
    for bar in (first, last):
        assert bar.metadata["tags"] == ["nav"]
        assert bar.metadata["slideshow"] == {"slide_type": "skip"}
    body = [c.source for c in nb.cells[1:-1]]
    assert body == ["# 02 · Second steps\nA one-line subtitle.", "x = 0", "x = 1", "x = 2"]


def test_write_is_idempotent(series, capsys):
    nav.write(series)
    before = {p.name: p.read_bytes() for p in series.glob("*.ipynb")}
    capsys.readouterr()
    nav.write(series)
    assert capsys.readouterr().out == ""
    assert {p.name: p.read_bytes() for p in series.glob("*.ipynb")} == before


def test_renamed_title_makes_neighbours_stale(series):
    nav.write(series)
    path = series / "01_first.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].source = "# 01 · Renamed\nA one-line subtitle."
    nbformat.write(nb, path)
    assert nav.stale(series) == ["00_overview.ipynb", "02_second.ipynb"]


def test_added_notebook_makes_previous_last_stale(series):
    nav.write(series)
    _make(series, "03_third.ipynb", "03 · Third steps")
    assert nav.stale(series) == ["02_second.ipynb", "03_third.ipynb"]


def test_deleted_bottom_bar_is_missing(series):
    nav.write(series)
    path = series / "00_overview.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells = nb.cells[:-1]
    nbformat.write(nb, path)
    assert nav.stale(series) == ["00_overview.ipynb"]


def test_hand_edited_bar_is_stale(series):
    nav.write(series)
    path = series / "02_second.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source = nb.cells[0].source.replace("Contents", "Home")
    nbformat.write(nb, path)
    assert nav.stale(series) == ["02_second.ipynb"]


def test_untagged_copy_of_a_bar_does_not_count(series):
    nav.write(series)
    path = series / "01_first.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].metadata["tags"] = []
    nbformat.write(nb, path)
    assert nav.stale(series) == ["01_first.ipynb"]
