"""environment.yml, pyproject.toml and the overview's environment check must agree."""
import re
import tomllib
from pathlib import Path

from lecturelib import envcheck

ROOT = Path(__file__).resolve().parents[1]


def _norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _split(req):
    m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(?:>=\s*([0-9][0-9.]*))?\s*", req)
    assert m, f"cannot parse requirement {req!r}"
    return _norm(m.group(1)), m.group(2)


def pyproject_requirements():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    reqs = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["test"]
    return dict(_split(r) for r in reqs)


def conda_requirements():
    """The conda packages of environment.yml (a flat list: no YAML library needed)."""
    out, in_deps = {}, False
    for line in (ROOT / "environment.yml").read_text().splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        m = re.match(r"^  - ([^#:]+?)\s*$", line)
        if in_deps and m:
            name, version = _split(m.group(1))
            if name not in {"python", "pip"}:
                out[name] = version
    return out


def test_environment_yml_matches_pyproject():
    assert conda_requirements() == pyproject_requirements()


def test_environment_yml_installs_the_project_with_pip():
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s+- pip:\s*\n\s+- -e \.\s*$", text, flags=re.M)


def test_python_minimum_agrees():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert data["project"]["requires-python"] == ">=3.10"
    assert "python>=3.10" in (ROOT / "environment.yml").read_text()
    assert envcheck.PYTHON_MIN == (3, 10)


def test_envcheck_minimums_are_pyproject_runtime_minimums():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    runtime = dict(_split(r) for r in data["project"]["dependencies"])
    assert {_norm(k): v for k, v in envcheck.REQUIRED.items()} == runtime


def test_envcheck_flags_missing_and_old_packages(capsys):
    rows = [("numpy", "1.20.0", "1.26", False), ("ipywidgets", None, "8.1", False), ("python", "3.11.7", "3.10", True)]
    assert envcheck.report(rows) is False
    out = capsys.readouterr().out
    assert "TOO OLD" in out and "MISSING" in out
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
