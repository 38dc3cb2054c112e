"""tools/second_kernel.py: which OpenBLAS kernel the second test pass uses, and that numpy really loads it."""
import os
import platform
import sys

import pytest
from toolload import load_tool

sk = load_tool("second_kernel")

AVX = {"sse4_2", "avx", "avx2"}


@pytest.mark.parametrize("native", ["Haswell", "SkylakeX", "Zen", "SapphireRapids"])
def test_second_kernel_is_sandybridge_on_avx_machines(native):
    assert sk.choose_second(native, "x86_64", AVX)[0] == "Sandybridge"


def test_second_kernel_is_nehalem_when_the_machine_already_runs_sandybridge():
    kernel, why = sk.choose_second("Sandybridge", "x86_64", AVX)
    assert kernel == "Nehalem" and "already Sandybridge" in why


@pytest.mark.parametrize("native, machine, flags, reason", [
    ("neoversen1", "aarch64", set(), "aarch64"),
    ("Haswell", "arm64", set(), "arm64"),
    (None, "x86_64", AVX, "does not use OpenBLAS"),
    ("Nehalem", "x86_64", {"sse4_2"}, "no AVX"),
])
def test_second_pass_is_skipped_with_a_reason(native, machine, flags, reason):
    kernel, why = sk.choose_second(native, machine, flags)
    assert kernel is None and reason in why


def test_main_reports_the_skip_and_succeeds(monkeypatch, capsys):
    monkeypatch.setattr(sk.platform, "machine", lambda: "aarch64")
    monkeypatch.setattr(sk, "kernel_in_force", lambda env=None: "armv8")
    assert sk.main(["--", sys.executable, "-c", "raise SystemExit(3)"]) == 0
    assert "skipped: this is a aarch64 machine" in capsys.readouterr().out


def test_main_returns_the_command_status_under_the_second_kernel(monkeypatch, capsys):
    monkeypatch.setattr(sk.platform, "machine", lambda: "x86_64")
    monkeypatch.setattr(sk, "cpu_flags", lambda: AVX)
    monkeypatch.setattr(sk, "kernel_in_force", lambda env=None: (env or {}).get("OPENBLAS_CORETYPE", "Haswell"))
    code = sk.main(["--", sys.executable, "-c",
                    "import os, sys; sys.exit(7 if os.environ['OPENBLAS_CORETYPE'] == 'Sandybridge' else 1)"])
    assert code == 7
    assert "OPENBLAS_CORETYPE=Sandybridge" in capsys.readouterr().out


def test_main_fails_when_numpy_ignores_the_requested_kernel(monkeypatch, capsys):
    monkeypatch.setattr(sk.platform, "machine", lambda: "x86_64")
    monkeypatch.setattr(sk, "cpu_flags", lambda: AVX)
    monkeypatch.setattr(sk, "kernel_in_force", lambda env=None: "Haswell")
    assert sk.main(["--", sys.executable, "-c", "pass"]) == 1
    assert "numpy loaded Haswell" in capsys.readouterr().err


@pytest.mark.skipif(platform.machine().lower() not in ("x86_64", "amd64") or "avx" not in sk.cpu_flags(),
                    reason="forcing Sandybridge needs an x86-64 CPU with AVX")
def test_openblas_honours_the_forced_kernel_here():
    assert sk.kernel_in_force(dict(os.environ, OPENBLAS_CORETYPE="Sandybridge")) == "Sandybridge"
