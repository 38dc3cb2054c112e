"""Every notebook follows the series template, checked from the stored .ipynb.

The notebooks are discovered when pytest collects this file (``notebooks/NN_*.ipynb``),
so a notebook added later is covered without editing this file. Each check is its own
test, so a failure names the notebook and the rule. The markers are those of the
"Structure markers" section of the authors' brief:

- first real cell: markdown starting ``# NN · Title`` (NN = the file's number);
- a markdown heading ``## Learning objectives``; a code cell tagged ``setup`` with
  ``SEED = 0`` and ``np.random.default_rng(SEED)``;
- exercises: a markdown ``### Exercise ...`` heading, then a code cell tagged
  ``exercise``, then a code cell tagged ``self-check`` (at least two; the overview 00
  has none);
- ``## Summary`` and ``## References``; navigation bars (tools/nav.py); slide metadata
  on every cell; outputs stored from one top-to-bottom run.
"""
import functools
import json
import re
from pathlib import Path

import nbformat
import pytest
from toolload import load_tool

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))

# "" continues the slide; "-" is not allowed: jupyterlab-slideshow never shows such a cell
# (tools/slides.py rewrites it as "")
SLIDE_TYPES = {"slide", "subslide", "fragment", "", "skip", "notes"}
MAX_OUTPUT_BYTES = 1_500_000
ABSOLUTE_PATHS = ("/work/", "/home/", "/root/", "/tmp/", "/Users/", "C:\\", "c:\\")
TEXT_MIMES = ("text/plain", "text/html", "text/markdown", "text/latex", "application/json")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
PLACEHOLDER = re.compile(r"\bNone\b|\.\.\.|raise\s+NotImplementedError")


def _param(path):
    return pytest.param(path, id=path.stem)


notebooks = pytest.mark.parametrize("path", [_param(p) for p in PATHS])
with_exercises = pytest.mark.parametrize(
    "path", [_param(p) for p in PATHS if not p.name.startswith("00_")])


@functools.lru_cache(maxsize=None)
def load(path):
    return nbformat.read(path, as_version=4)


def tags(cell):
    return cell.metadata.get("tags", [])


def is_nav(cell):
    return cell.cell_type == "markdown" and "nav" in tags(cell)


def body(nb):
    """The cells without the navigation bars."""
    return [c for c in nb.cells if not is_nav(c)]


def headings(cell):
    return [line.strip() for line in cell.source.splitlines() if line.lstrip().startswith("#")]


def has_heading(nb, heading):
    return any(h == heading for c in nb.cells if c.cell_type == "markdown" for h in headings(c))


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def where(nb, cell):
    first = cell.source.strip().splitlines()[0][:60] if cell.source.strip() else "(empty)"
    return f"cell {nb.cells.index(cell)} ({first!r})"


def output_texts(output):
    """The human-readable text of one output (images and other binary data left out)."""
    if output.output_type == "stream":
        yield output.get("text", "")
    elif output.output_type == "error":
        yield output.get("ename", "") + ": " + output.get("evalue", "")
        yield "\n".join(output.get("traceback", []))
    else:
        for mime in TEXT_MIMES:
            value = output.get("data", {}).get(mime)
            if value is not None:
                yield value if isinstance(value, str) else json.dumps(value)


def _load_nav():
    return load_tool("nav")


# ------------------------------------------------------------------ the template

@notebooks
def test_file_name(path):
    assert re.fullmatch(r"\d\d_[a-z0-9]+(_[a-z0-9]+)*\.ipynb", path.name), (
        f"{path.name}: name notebooks NN_snake_case_name.ipynb")


@notebooks
def test_title_and_subtitle(path):
    nb = load(path)
    first = body(nb)[0]
    number = path.name[:2]
    assert first.cell_type == "markdown", f"{path.name}: the first cell after the bar must be the title (markdown)"
    lines = [line for line in first.source.strip().splitlines() if line.strip()]
    assert re.match(rf"# {number} · \S", lines[0]), (
        f"{path.name}: the first cell must start with '# {number} · Title', got {lines[0]!r}")
    assert len(lines) >= 2, f"{path.name}: put a one-line subtitle under the title"


@notebooks
def test_learning_objectives(path):
    nb = load(path)
    cells = [c for c in nb.cells if c.cell_type == "markdown" and "## Learning objectives" in headings(c)]
    assert cells, f"{path.name}: no markdown cell with the heading '## Learning objectives'"
    bullets = [line for line in cells[0].source.splitlines() if re.match(r"\s*([-*]|\d+\.)\s+\S", line)]
    assert 3 <= len(bullets) <= 5, f"{path.name}: write 3-5 learning objectives as bullets, found {len(bullets)}"


@notebooks
def test_setup_cell_sets_the_seed(path):
    nb = load(path)
    setup = [c for c in code_cells(nb) if "setup" in tags(c)]
    assert len(setup) == 1, f"{path.name}: exactly one code cell must be tagged 'setup', found {len(setup)}"
    source = setup[0].source
    assert re.search(r"^SEED = 0\s*$", source, re.M), f"{path.name}: the setup cell must contain 'SEED = 0'"
    assert "np.random.default_rng(SEED)" in source, (
        f"{path.name}: the setup cell must create rng = np.random.default_rng(SEED)")
    assert code_cells(nb)[0] is setup[0], f"{path.name}: the setup cell must be the first code cell"


def exercises(nb):
    """(heading cell, exercise cell or None, self-check cell or None) for every exercise."""
    found = []
    cells = nb.cells
    for i, cell in enumerate(cells):
        if cell.cell_type != "markdown" or not any(h.startswith("### Exercise") for h in headings(cell)):
            continue
        exercise = check = None
        for j in range(i + 1, len(cells)):
            nxt = cells[j]
            if nxt.cell_type == "markdown" and any(h.startswith(("### Exercise", "## ")) for h in headings(nxt)):
                break  # the next exercise or section started before a placeholder was found
            if nxt.cell_type == "code" and "exercise" in tags(nxt):
                exercise = nxt
                if j + 1 < len(cells) and cells[j + 1].cell_type == "code" and "self-check" in tags(cells[j + 1]):
                    check = cells[j + 1]
                break
        found.append((cell, exercise, check))
    return found


@with_exercises
def test_at_least_two_exercises_each_followed_by_a_self_check(path):
    nb = load(path)
    found = exercises(nb)
    assert len(found) >= 2, f"{path.name}: at least two '### Exercise' headings are needed, found {len(found)}"
    for heading, exercise, check in found:
        title = headings(heading)[0]
        assert exercise is not None, f"{path.name}: '{title}' has no code cell tagged 'exercise' after it"
        assert check is not None, (
            f"{path.name}: the 'exercise' cell of '{title}' must be followed at once by a code cell tagged 'self-check'")


@with_exercises
def test_exercises_hold_placeholders_and_stored_checks_say_not_attempted(path):
    nb = load(path)
    for heading, exercise, check in exercises(nb):
        if exercise is None or check is None:
            pytest.fail(f"{path.name}: '{headings(heading)[0]}' is incomplete (see the exercise test)")
        title = headings(heading)[0]
        assert PLACEHOLDER.search(exercise.source), (
            f"{path.name}: '{title}': the exercise cell must hold a placeholder (None, ... or raise NotImplementedError)")
        stored = "".join(t for o in check.get("outputs", []) for t in output_texts(o))
        assert "NOT ATTEMPTED YET" in stored, (
            f"{path.name}: '{title}': the stored self-check output must say NOT ATTEMPTED YET, got {stored[:120]!r}")


@notebooks
def test_summary_and_references(path):
    nb = load(path)
    assert has_heading(nb, "## Summary"), f"{path.name}: no markdown heading '## Summary'"
    assert has_heading(nb, "## References"), f"{path.name}: no markdown heading '## References'"
    refs = [c for c in nb.cells if c.cell_type == "markdown" and "## References" in headings(c)]
    assert "Goodfellow" in refs[0].source, f"{path.name}: cite Goodfellow, Bengio & Courville (2016) in the references"
    order = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"
             and ("## Summary" in headings(c) or "## References" in headings(c))]
    assert order == sorted(order) and nb.cells.index(refs[0]) >= order[0], (
        f"{path.name}: the summary comes before the references")


@notebooks
def test_navigation_bars_are_current(path):
    nb = load(path)
    expected = _load_nav().expected_bars(path.parent)[path][1]
    for cell, end in ((nb.cells[0], "top"), (nb.cells[-1], "bottom")):
        assert is_nav(cell), f"{path.name}: no navigation bar at the {end}: run tools/nav.py"
        assert cell.source == expected, f"{path.name}: the {end} navigation bar is stale: run tools/nav.py"


@notebooks
def test_slide_metadata_on_every_cell(path):
    nb = load(path)
    missing = [where(nb, c) for c in nb.cells
               if c.metadata.get("slideshow", {}).get("slide_type") not in SLIDE_TYPES]
    assert not missing, f"{path.name}: no valid slideshow.slide_type on {', '.join(missing)}"
    assert body(nb)[0].metadata["slideshow"]["slide_type"] == "slide", (
        f"{path.name}: the title cell must start a slide")


# ------------------------------------------------------------------ the stored run

@notebooks
def test_outputs_stored_from_one_top_to_bottom_run(path):
    nb = load(path)
    empty = [where(nb, c) for c in code_cells(nb) if not c.source.strip()]
    assert not empty, f"{path.name}: remove the empty code cells {', '.join(empty)}"
    counts = [c.execution_count for c in code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts must be 1..{len(counts)} in order (run tools/execute_notebooks.py), got {counts}")


@notebooks
def test_no_error_outputs(path):
    nb = load(path)
    for cell in code_cells(nb):
        for output in cell.get("outputs", []):
            assert output.output_type != "error", (
                f"{path.name}: {where(nb, cell)} stored an error: {output.get('ename')}: {output.get('evalue')}")
            if output.output_type == "stream" and output.get("name") == "stderr":
                assert "Traceback" not in output.get("text", ""), f"{path.name}: {where(nb, cell)} printed a traceback"


@notebooks
def test_no_absolute_paths(path):
    nb = load(path)
    for cell in nb.cells:
        texts = [cell.source] + [t for o in cell.get("outputs", []) for t in output_texts(o)]
        for text in texts:
            for marker in ABSOLUTE_PATHS:
                assert marker not in text, f"{path.name}: {where(nb, cell)} contains the absolute path {marker!r}"


@notebooks
def test_no_huge_outputs(path):
    nb = load(path)
    for cell in code_cells(nb):
        for output in cell.get("outputs", []):
            size = len(json.dumps(output))
            assert size <= MAX_OUTPUT_BYTES, (
                f"{path.name}: {where(nb, cell)} has an output of {size / 1e6:.1f} MB "
                f"(limit {MAX_OUTPUT_BYTES / 1e6:.1f} MB): lower the dpi or the figure size")


@notebooks
def test_no_svg_outputs(path):
    nb = load(path)
    for cell in code_cells(nb):
        for output in cell.get("outputs", []):
            assert "image/svg+xml" not in output.get("data", {}), (
                f"{path.name}: {where(nb, cell)} stores an SVG (it never compares equal under nbval): use PNG")


@notebooks
def test_widget_cells_are_ignored_by_nbval(path):
    nb = load(path)
    for cell in code_cells(nb):
        if any(WIDGET_MIME in o.get("data", {}) for o in cell.get("outputs", [])):
            assert "nbval-ignore-output" in tags(cell), (
                f"{path.name}: {where(nb, cell)} shows a widget: tag it 'nbval-ignore-output'")


@notebooks
def test_kernel_is_python3(path):
    nb = load(path)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", (
        f"{path.name}: the notebook's kernelspec must be 'python3'")
