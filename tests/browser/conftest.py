"""Fixtures for the real-browser tests: one JupyterLab server and one headless Chromium
per test session, both torn down even when a test fails.

- The server runs on a temporary copy of notebooks/ (and images/, which the markdown
  cells show), on 127.0.0.1, a free port and a random token, with autosave and the
  "Jupyter news" notification switched off, its own settings, workspace and runtime
  folders, and ``expose_app_in_browser`` so a test can read the notebook model. Nothing
  is written into the repository.
- The browser is Debian's Chromium (``/usr/bin/chromium``, or ``$CHROMIUM_PATH``) driven
  by Playwright for Python; ``playwright install`` is never needed.
- Without Chromium the tests are skipped with a message saying how to enable them; with
  ``CI=true`` they are required, and a missing Chromium or Playwright is a failure.
- Screenshots go to a fresh folder under ``$TMPDIR/lecture-browser-screenshots/``
  (``latest`` links to the newest); its path is printed when the session starts, and
  a failed test leaves a screenshot named ``FAILED-<test>.png`` there.

Environment knobs: ``BROWSER_TEST_NOTEBOOKS`` (a folder of notebooks to test instead of
notebooks/, e.g. a scratch copy), ``BROWSER_NOTEBOOK_TIMEOUT`` (seconds a notebook may
take to run, default 300), ``BROWSER_ALL_DECKS=1`` (step through the slideshow of every
notebook slide by slide, with a screenshot each, not only the overview's), ``CHROMIUM_PATH``.
The presentation tool's settings come from the venv (lab/overrides.json, installed by
``make install``), as they do for ``make lab``.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = Path(os.environ.get("BROWSER_TEST_NOTEBOOKS") or ROOT / "notebooks").resolve()
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}

# JupyterLab user settings written for the test server (plugin id -> settings).
LAB_SETTINGS = {
    # no "Would you like to receive official Jupyter news?" toast, no update check
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    # tests never write the notebooks, not even into the temporary copy
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    # every cell stays in the page, so every widget can be found and driven
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}


def discover_notebooks() -> list:
    return sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def pytest_generate_tests(metafunc):
    """Parametrize over the notebooks present when the tests are collected."""
    names = [p.name for p in discover_notebooks()]
    if "notebook_name" in metafunc.fixturenames:
        metafunc.parametrize("notebook_name", names, ids=[n.removesuffix(".ipynb") for n in names])
    if "deck_notebook_name" in metafunc.fixturenames:
        # the overview if present (every instructor opens it first), else the first notebook;
        # BROWSER_ALL_DECKS=1 steps through every notebook's slideshow (slower; before a course)
        if os.environ.get("BROWSER_ALL_DECKS", "").strip().lower() in {"1", "true", "yes"}:
            chosen = names
        else:
            chosen = ["00_overview.ipynb"] if "00_overview.ipynb" in names else names[:1]
        metafunc.parametrize("deck_notebook_name", chosen, ids=[n.removesuffix(".ipynb") for n in chosen])


def _unavailable() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is missing (pip install -e '.[test]')"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return (f"no Chromium at {CHROMIUM}: install Debian's package with "
                "`sudo apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary); "
                "never `playwright install`")
    return None


def _say(config, text: str) -> None:
    """Print past pytest's output capture (shown when not run under xdist)."""
    capture = config.pluginmanager.getplugin("capturemanager")
    if capture is not None:
        with capture.global_and_fixture_disabled():
            print(f"\n{text}", flush=True)
    else:
        print(text, flush=True)


@pytest.fixture(scope="session")
def chromium_path():
    reason = _unavailable()
    if reason:
        if IN_CI:
            pytest.fail(f"the browser tests are required in CI (CI=true) but {reason}", pytrace=False)
        pytest.skip(f"browser tests skipped: {reason}. They run by themselves once Chromium is installed.")
    return CHROMIUM


@pytest.fixture(scope="session")
def screenshot_dir(request):
    parent = Path(tempfile.gettempdir()) / "lecture-browser-screenshots"
    parent.mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=parent))
    latest = parent / "latest"
    try:
        if latest.is_symlink() or latest.exists():
            latest.unlink()
        latest.symlink_to(folder.name)
    except OSError:
        pass
    _say(request.config, f"browser-test screenshots: {folder}")
    return folder


# ------------------------------------------------------------------ the server

@dataclass
class Lab:
    base: str
    token: str
    root: Path
    proc: subprocess.Popen
    log: Path
    notebooks: list = field(default_factory=list)

    def url(self, name: str) -> str:
        # a fresh workspace for every visit, so no tab of an earlier test is restored
        workspace = f"test-{secrets.token_hex(4)}"
        return f"{self.base}/lab/workspaces/{workspace}/tree/notebooks/{name}?reset&token={self.token}"

    def api(self, method: str, path: str):
        req = urllib.request.Request(f"{self.base}{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Delete every session and kernel, so the next test starts clean."""
        try:
            for session in self.api("GET", "/api/sessions"):
                self.api("DELETE", f"/api/sessions/{session['id']}")
            for kernel in self.api("GET", "/api/kernels"):
                self.api("DELETE", f"/api/kernels/{kernel['id']}")
        except Exception:  # the server may already be gone; its teardown kills the rest
            pass

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _copy_workspace(root: Path) -> None:
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    shutil.copytree(NOTEBOOK_DIR, root / "notebooks", ignore=ignore)
    if (ROOT / "images").is_dir():  # markdown cells show ../images/*.png
        shutil.copytree(ROOT / "images", root / "images", ignore=ignore)
    for plugin, values in LAB_SETTINGS.items():
        package, name = plugin.split(":")
        path = root / "settings" / package / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))


def _lab_settings_problem() -> str | None:
    """The presentation keys and styles (lab/overrides.json) must be the venv's defaults."""
    installed = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    wanted = ROOT / "lab" / "overrides.json"
    if not installed.is_file() or json.loads(installed.read_text()) != json.loads(wanted.read_text()):
        return (f"{installed} is missing or differs from lab/overrides.json: run `make install` "
                "(it copies the file; the slideshow's keys and styles depend on it)")
    return None


@pytest.fixture(scope="session")
def lab(chromium_path):
    problem = _lab_settings_problem()
    if problem:
        pytest.fail(problem, pytrace=False)
    root = Path(tempfile.mkdtemp(prefix="lecture-lab-"))
    _copy_workspace(root)
    port, token = _free_port(), secrets.token_hex(24)
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(root / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(root / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(root / "runtime"),
        JUPYTER_CONFIG_DIR=str(root / "config"),  # ignore the user's ~/.jupyter
    )
    env.pop("MPLBACKEND", None)  # the kernels must show figures
    cmd = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
        f"--port={port}", "--port-retries=0", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = root / "jupyterlab.log"
    with open(log, "wb") as log_file:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                                start_new_session=True)
    server = Lab(f"http://127.0.0.1:{port}", token, root, proc, log,
                 notebooks=[p.name for p in discover_notebooks()])
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with code {proc.returncode}:\n{server.log_tail()}", pytrace=False)
            try:
                server.api("GET", "/api/status")
                break
            except Exception:
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer within 90 s:\n{server.log_tail()}", pytrace=False)
                time.sleep(0.25)
        yield server
    finally:
        server.shutdown_kernels()
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the server and any kernel it started
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        shutil.rmtree(root, ignore_errors=True)


# ----------------------------------------------------------------- the browser

@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="lecture-chromium-")
    pw = sync_playwright().start()
    context = None
    try:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS,
            viewport=VIEWPORT)
        context.set_default_timeout(30_000)
        yield context
    finally:
        if context is not None:
            context.close()
        pw.stop()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
    # under xdist nothing printed by a worker reaches the terminal: name the folder in the failure
    folder = getattr(item, "funcargs", {}).get("screenshot_dir")
    if report.failed and folder is not None:
        report.sections.append(("browser-test screenshots", f"{folder} (FAILED-*.png is the page at the failure)"))


@pytest.fixture
def page(request, browser, lab, screenshot_dir):
    """A fresh tab; on failure a screenshot; afterwards the tab closes and every kernel stops."""
    tab = browser.new_page()
    try:
        yield tab
    finally:
        failed = getattr(request.node, "rep_call", None)
        if failed is not None and failed.failed:
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
            try:
                tab.screenshot(path=str(screenshot_dir / f"FAILED-{name}.png"))
            except Exception:
                pass
        try:  # the slideshow keeps "presenting" in the user settings: leave it, or the next tab opens in it
            tab.evaluate("() => window.jupyterapp && document.body.dataset.jpDeckMode === 'presenting' "
                         "&& window.jupyterapp.commands.execute('deck:stop')")
            tab.wait_for_timeout(500)
        except Exception:
            pass
        tab.close()
        lab.shutdown_kernels()
