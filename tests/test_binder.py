"""The Binder / JupyterHub image: repo2docker's build plan for this repository, made offline.

`jupyter-repo2docker --no-build --debug` prints the Dockerfile it would build and needs neither a
Docker daemon nor the network; repo2docker's Python API tells which build pack it picks. The plan
must install the environment before the repository is copied (so that layer is cached across
commits), install the project after, pin Python, and fetch nothing but packages from conda-forge.
"""
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from docker.utils.build import exclude_paths  # installed with jupyter-repo2docker, a test dependency

with warnings.catch_warnings():  # repo2docker 2026.4 imports python-json-logger's old module name
    warnings.simplefilter("ignore", DeprecationWarning)
    from repo2docker.app import Repo2Docker

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
COPY_REPO = "COPY --chown=1000:1000 src/ ${REPO_DIR}/"
ENV_UPDATE = '${MAMBA_EXE} env update -p ${NB_PYTHON_PREFIX} --file "binder/environment.yml"'
NETWORK_WORDS = re.compile(r"\b(curl|wget|git)\b|://|--index-url|--extra-index-url|--find-links")


def pinned_python():
    m = re.search(r"^  - python==?(3\.\d+)\s*$", (BINDER / "environment.yml").read_text(), flags=re.M)
    assert m, "binder/environment.yml must pin python=X.Y"
    return m.group(1)


def commands(script_text):
    """The lines of a shell script that do something (no comments, no blank lines, no shebang)."""
    return [line.strip() for line in script_text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@pytest.fixture(scope="module")
def plan():
    """(Dockerfile, log) of the README's command, with Docker and every HTTP proxy pointing nowhere."""
    env = dict(os.environ,
               DOCKER_HOST="unix:///nonexistent/docker.sock",
               HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9",
               http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9", NO_PROXY="", no_proxy="")
    proc = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug", "--user-id", "1000", "--user-name", "jovyan", "."],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout, proc.stderr


@pytest.fixture(scope="module")
def buildpack():
    """What repo2docker's own detection (in its order of build packs) picks for this repository."""
    app = Repo2Docker()
    here = os.getcwd()
    os.chdir(ROOT)  # repo2docker's build packs look at the current folder
    try:
        for bp_class in app.buildpacks:
            bp = bp_class(base_image=app.base_image)
            if bp.detect():
                return {"name": type(bp).__name__, "binder_dir": bp.binder_dir,
                        "env_file": bp.binder_path("environment.yml"), "python": bp.python_version}
        pytest.fail("repo2docker found no environment specification")
    finally:
        os.chdir(here)


def test_conda_build_pack_reads_the_binder_folder(buildpack):
    assert buildpack["name"] == "CondaBuildPack"
    assert buildpack["binder_dir"] == "binder"  # the root environment.yml (developers') is ignored
    assert (ROOT / buildpack["env_file"]).samefile(BINDER / "environment.yml")


def test_python_is_the_pinned_version(buildpack, plan):
    dockerfile, log = plan
    assert pinned_python() == "3.11"
    assert buildpack["python"] == pinned_python()
    assert f"Building conda environment for python={pinned_python()}" in log
    assert "Python version unspecified" not in log
    # the frozen base environment for that Python is copied in (file names are escaped: . -> -2e)
    escaped = "environment-2epy-2d" + pinned_python().replace(".", "-2e") + "-2dlinux-2d64-2elock"
    assert escaped in dockerfile


def test_environment_is_installed_before_the_repository_is_copied(plan):
    dockerfile, _ = plan
    env_file = dockerfile.index("COPY --chown=1000:1000 src/binder/environment.yml ${REPO_DIR}/binder/environment.yml")
    env_update = dockerfile.index(ENV_UPDATE)
    copy_repo = dockerfile.index(COPY_REPO)
    assert env_file < env_update < copy_repo
    assert dockerfile.count(ENV_UPDATE) == 1  # not installed a second time after the copy


def test_project_is_installed_after_the_copy_as_the_notebook_user(plan):
    dockerfile, _ = plan
    copy_repo = dockerfile.index(COPY_REPO)
    post_build = dockerfile.index("RUN ./binder/postBuild")
    assert copy_repo < post_build
    last_user = dockerfile.rindex("\nUSER ", 0, post_build)
    assert dockerfile[last_user:].split("\n")[1] == "USER ${NB_USER}"


def test_post_build_is_a_regular_offline_install():
    script = BINDER / "postBuild"
    assert os.access(script, os.X_OK)
    lines = commands(script.read_text())
    assert lines[0] == "set -euo pipefail"
    pip = [line for line in lines if " pip install " in line]
    assert len(pip) == 1
    words = pip[0].split()
    assert {"--no-deps", "--no-index", "--no-build-isolation"} <= set(words)
    assert words[-1] == "." and "-e" not in words and "--editable" not in words and "--user" not in words


def test_nothing_is_fetched_beyond_the_conda_forge_channel(plan):
    dockerfile, _ = plan
    # Only these files in binder/: no apt.txt, start, Dockerfile, requirements.txt, install.R, ...
    assert sorted(p.name for p in BINDER.iterdir()) == [".dockerignore", "environment.yml", "postBuild"]
    env_text = (BINDER / "environment.yml").read_text()
    assert re.search(r"^channels:\n  - conda-forge\n(?!  -)", env_text, flags=re.M)
    assert "pip:" not in "\n".join(commands(env_text)) and "://" not in "\n".join(commands(env_text))
    for line in commands((BINDER / "postBuild").read_text()):
        assert not NETWORK_WORDS.search(line), line
    # The repository's own steps (after repo2docker's base image set-up) are the environment
    # update and postBuild; neither names a URL or a download tool.
    own_steps = dockerfile[dockerfile.index("# Run pre-assemble scripts!"):]
    for instruction in re.split(r"\n(?=[A-Z]+ )", own_steps):
        if instruction.startswith("RUN "):
            assert not NETWORK_WORDS.search(instruction), instruction


def test_local_build_leaves_out_the_virtualenv_and_caches():
    patterns = commands((BINDER / ".dockerignore").read_text())
    copied = exclude_paths(str(ROOT), patterns)
    assert "pyproject.toml" in copied and "notebooks/00_overview.ipynb" in copied and "lecturelib/__init__.py" in copied
    assert not [p for p in copied if p.split("/")[0] in {".venv", "build", ".pytest_cache"}
                or "__pycache__" in p.split("/") or ".ipynb_checkpoints" in p.split("/") or p.endswith(".egg-info")]
