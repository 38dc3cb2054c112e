"""Fixtures shared by the unit tests."""
import numpy as np
import pytest


@pytest.fixture
def rng():
    """A fresh generator with seed 0 for every test: results do not depend on test order."""
    return np.random.default_rng(0)
