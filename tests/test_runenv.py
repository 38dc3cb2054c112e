"""lecturelib/runenv.py: the environment every process of the series starts with."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lecturelib import runenv

ROOT = Path(__file__).resolve().parents[1]

# Forward + backward of the simple RNN at the benchmark's small shape, then the page faults of ten
# more calls (the first calls grow the heap; what matters is the steady state of a training loop).
FAULTS_PER_CALL = """
import resource, numpy as np
from lecturelib import rnn
rng = np.random.default_rng(0)
p = rnn.init_params(64, 64, rng=rng)
x, dh = rng.normal(size=(32, 50, 64)), rng.normal(size=(32, 50, 64))
def call():
    _, cache = rnn.forward(x, None, p)
    rnn.backward(dh, cache)
for _ in range(5):
    call()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(10):
    call()
print((resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / 10)
"""


def test_makefile_exports_the_same_variables():
    exported = dict(re.findall(r"^export (\w+) \?= (\S+)$", (ROOT / "Makefile").read_text(), flags=re.M))
    assert exported == runenv.DEFAULTS


def test_apply_sets_what_is_missing_and_keeps_what_is_set():
    env = runenv.apply({"OPENBLAS_NUM_THREADS": "2", "HOME": "/home/x"})
    assert env["OPENBLAS_NUM_THREADS"] == "2"
    assert env["HOME"] == "/home/x"
    for name, value in runenv.DEFAULTS.items():
        if name != "OPENBLAS_NUM_THREADS":
            assert env[name] == value


def faults_per_call(env):
    out = subprocess.run([sys.executable, "-c", FAULTS_PER_CALL], env=env, cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return float(out.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the settings are glibc's (Linux)")
def test_the_allocator_settings_reach_a_new_process_and_stop_the_page_faults():
    base = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    with_settings = faults_per_call(runenv.apply(dict(base)))
    # Without them each call touches fresh pages for its arrays of the size of the whole sequence
    # (about 100 pages each); with them the freed arrays are reused and nearly nothing faults.
    assert with_settings < 20, with_settings
