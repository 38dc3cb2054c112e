"""Test set-up for every run, including `pytest notebooks/NN.ipynb` alone: headless matplotlib in
the test process, one BLAS thread (inherited by nbval's kernels, as with make and tools/)."""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import matplotlib  # noqa: E402

matplotlib.use("Agg")
