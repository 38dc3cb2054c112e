"""environment.yml, binder/environment.yml, pyproject.toml and the overview's environment check must agree."""
import re
import tomllib
from pathlib import Path

import pytest

from lecturelib import envcheck

ROOT = Path(__file__).resolve().parents[1]
DEV_ENV = ROOT / "environment.yml"
BINDER_ENV = ROOT / "binder" / "environment.yml"

# conda does not normalise names as pip does ("jupyterlab-slideshow" and "jupyterlab_slideshow" are two
# names), and some projects are packaged on conda-forge under another name. PyPI name -> conda-forge
# name wherever they differ; each checked in the conda-forge feedstock's recipe
# (github.com/conda-forge/<name>-feedstock, recipe/meta.yaml or recipe/recipe.yaml).
PYPI_TO_CONDA_FORGE = {
    # conda-forge's `matplotlib` is matplotlib-base plus the PySide6 GUI toolkit, which a notebook
    # server does not use; matplotlib-base is the same library (PyPI's matplotlib has no GUI toolkit).
    "matplotlib": "matplotlib-base",
    # conda-forge's `playwright` is the Node.js command-line tool; the Python package is this one.
    "playwright": "playwright-python",
}

# Every name the two environment files may use, spelled exactly as conda-forge spells it.
# Checked against the feedstocks' recipes (package name; newest version seen there):
# numpy 2.5.1, matplotlib-base 3.11.0 (an output of matplotlib-feedstock), ipywidgets 8.1.8,
# jupyterlab 4.5.6, jupyterlab-slideshow 0.3.4 (anaconda.org/conda-forge/jupyterlab-slideshow), nbgitpuller 1.3.0, setuptools 82.0.1, pytest 9.1.1,
# nbval 0.11.0, pytest-xdist 3.8.0, nbclient 0.10.4, nbformat 5.11.1, playwright-python 1.61.0,
# threadpoolctl 3.6.0, jupyter-repo2docker 2025.12.0. python and pip: repo2docker's own
# conda-forge environment (repo2docker/buildpacks/conda/environment.yml) uses both names.
CONDA_FORGE_NAMES = frozenset({
    "python", "pip", "setuptools",
    "numpy", "matplotlib-base", "ipywidgets", "jupyterlab", "jupyterlab-slideshow", "nbgitpuller",
    "pytest", "nbval", "pytest-xdist", "nbclient", "nbformat", "playwright-python",
    "threadpoolctl", "jupyter-repo2docker",
})

# The Binder/hub image adds to pyproject's run-time packages only what a hub needs.
BINDER_EXTRAS = {"nbgitpuller": "1.2"}


def _norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _split(req):
    m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(?:>=\s*([0-9][0-9.]*))?\s*", req)
    assert m, f"cannot parse requirement {req!r}"
    return _norm(m.group(1)), m.group(2)


def conda_name(pypi_name):
    """The conda-forge name of a PyPI project (PyPI names compared after PEP 503 normalisation)."""
    name = _norm(pypi_name)
    return PYPI_TO_CONDA_FORGE.get(name, name)


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def pyproject_requirements(groups=("run", "test")):
    data = pyproject()
    reqs = []
    if "run" in groups:
        reqs += data["project"]["dependencies"]
    if "test" in groups:
        reqs += data["project"]["optional-dependencies"]["test"]
    return dict(_split(r) for r in reqs)


def conda_entries(text):
    """[(name exactly as written, operator, version)] of an environment file's conda packages.

    A flat reading of the `dependencies:` list (two-space indent), with no YAML library; the
    pip sub-list is not included.
    """
    out, in_deps = [], False
    for line in text.splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        m = re.match(r"^  - ([^#:]+?)\s*$", line)
        if in_deps and m:
            spec = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*(?:(>=|==|=)\s*([0-9][0-9.]*))?", m.group(1))
            assert spec, f"cannot parse conda requirement {m.group(1)!r}"
            out.append(spec.groups())
    return out


def conda_requirements(path):
    """{conda name: minimum version} for every package but python and pip."""
    return {name: version for name, op, version in conda_entries(path.read_text())
            if name not in {"python", "pip"}}


def unknown_conda_names(text):
    """Names in an environment file that are not conda-forge's spelling of a package we use."""
    return sorted(name for name, _, _ in conda_entries(text) if name not in CONDA_FORGE_NAMES)


@pytest.mark.parametrize("path", [DEV_ENV, BINDER_ENV], ids=["environment.yml", "binder/environment.yml"])
def test_every_conda_name_is_a_conda_forge_name(path):
    assert unknown_conda_names(path.read_text()) == []


def test_pypi_spellings_are_caught():
    """The mistakes the issue found: a PyPI spelling in the environment file fails the check."""
    text = "dependencies:\n  - jupyterlab_slideshow>=0.3.4\n  - playwright>=1.45\n  - numpy>=1.26\n  - pip:\n      - -e .\n"
    assert unknown_conda_names(text) == ["jupyterlab_slideshow", "playwright"]
    assert conda_name("jupyterlab_slideshow") == "jupyterlab-slideshow"  # the wheel's spelling
    assert conda_name("JupyterLab-Slideshow") == "jupyterlab-slideshow"
    assert conda_name("playwright") == "playwright-python"
    assert conda_name("threadpoolctl") == "threadpoolctl"


def test_every_mapped_name_is_known():
    assert set(PYPI_TO_CONDA_FORGE.values()) <= CONDA_FORGE_NAMES
    # a PyPI spelling that conda-forge spells otherwise is never accepted as a conda name
    assert not set(PYPI_TO_CONDA_FORGE) & CONDA_FORGE_NAMES


def test_environment_yml_matches_pyproject():
    expected = {conda_name(n): v for n, v in pyproject_requirements().items()}
    assert conda_requirements(DEV_ENV) == expected


def test_binder_environment_is_the_run_time_set():
    """Run-time packages of pyproject.toml (same minimums), the hub's extras and the build backend."""
    expected = {conda_name(n): v for n, v in pyproject_requirements(groups=("run",)).items()}
    expected.update(BINDER_EXTRAS)
    backend = dict(_split(r) for r in pyproject()["build-system"]["requires"])
    expected.update(backend)  # postBuild builds the project without build isolation
    got = conda_requirements(BINDER_ENV)
    assert got == expected
    assert not {"pytest", "playwright-python", "nbval", "jupyter-repo2docker"} & set(got)


def test_binder_python_is_pinned_and_supported():
    entries = {name: (op, version) for name, op, version in conda_entries(BINDER_ENV.read_text())}
    op, version = entries["python"]
    assert op in {"=", "=="}, "repo2docker reads the Python version only from python=X.Y or python==X.Y"
    assert re.fullmatch(r"3\.\d+", version)
    minimum = pyproject()["project"]["requires-python"].removeprefix(">=")
    assert tuple(map(int, version.split("."))) >= tuple(map(int, minimum.split(".")))
    assert envcheck.PYTHON_MIN <= tuple(map(int, version.split(".")))


def test_environment_yml_installs_the_project_with_pip():
    """Developers get an editable install; the Binder image installs the project in postBuild instead."""
    text = DEV_ENV.read_text()
    assert re.search(r"^\s+- pip:\s*\n\s+- -e \.\s*$", text, flags=re.M)
    assert "pip:" not in "\n".join(l for l in BINDER_ENV.read_text().splitlines() if not l.lstrip().startswith("#"))


def test_python_minimum_agrees():
    data = pyproject()
    assert data["project"]["requires-python"] == ">=3.10"
    assert "python>=3.10" in DEV_ENV.read_text()
    assert envcheck.PYTHON_MIN == (3, 10)


def test_envcheck_minimums_are_pyproject_runtime_minimums():
    data = pyproject()
    runtime = dict(_split(r) for r in data["project"]["dependencies"])
    assert {_norm(k): v for k, v in envcheck.REQUIRED.items()} == runtime


def test_envcheck_flags_missing_and_old_packages(capsys):
    rows = [("numpy", "1.20.0", "1.26", False), ("ipywidgets", None, "8.1", False), ("python", "3.11.7", "3.10", True)]
    assert envcheck.report(rows) is False
    out = capsys.readouterr().out
    assert "TOO OLD" in out and "MISSING" in out
    # the columns stay aligned however long a package's name is
    envcheck.report([("jupyterlab-slideshow", "0.3.4", "0.3.4", True), ("numpy", "2.4.6", "1.26", True)])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].index("0.3.4") == lines[1].index("2.4.6") == len("jupyterlab-slideshow") + 1
    assert "numpy, ipywidgets" in envcheck.summary(rows)


def test_envcheck_version_comparison():
    assert envcheck._as_tuple("2.4.6") > envcheck._as_tuple("1.26")
    assert envcheck._as_tuple("0.43.1") >= envcheck._as_tuple("0.42")
    assert envcheck._as_tuple("8.0.9") < envcheck._as_tuple("8.1")
    assert envcheck._as_tuple("4.2.0rc1") == (4, 2, 0)


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make lab" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_presentation_settings_are_shipped():
    """lab/overrides.json (the slideshow's keys and presenting styles) goes into every environment:
    pyproject's data-files for regular installs (binder/postBuild), make install for the editable venv."""
    import json

    data_files = pyproject()["tool"]["setuptools"]["data-files"]
    assert data_files["share/jupyter/lab/settings"] == ["lab/overrides.json"]
    assert "cp lab/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json" in (ROOT / "Makefile").read_text()
    settings = json.loads((ROOT / "lab" / "overrides.json").read_text())
    keys = {tuple(s["keys"]): (s["command"], s["args"]["direction"], s["args"]["alternate"])
            for s in settings["@jupyterlab/shortcuts-extension:shortcuts"]["shortcuts"]}
    assert keys[("ArrowRight",)] == keys[("PageDown",)] == ("deck:go", "down", "forward")  # every step
    assert keys[("ArrowLeft",)] == keys[("PageUp",)] == ("deck:go", "up", "back")
    styles = settings["@deathbeds/jupyterlab-fonts:fonts"]["styles"]
    assert styles["body[data-jp-deck-mode='presenting'] .jp-OutputArea-promptOverlay"] == {"display": "none"}
    deps = " ".join(pyproject()["project"]["dependencies"])
    assert "jupyterlab-slideshow" in deps and "rise" not in deps  # one presentation tool
