"""Test set-up for every run, including `pytest notebooks/NN.ipynb` alone: headless matplotlib in
the test process, and the series' environment (lecturelib/runenv.py) for the kernels nbval and the
browser tests start, as with make and tools/."""
from lecturelib import runenv

runenv.apply()

import matplotlib  # noqa: E402

matplotlib.use("Agg")
