"""first_input_runs.train_runs: R runs side by side, each the same run as first_input.train."""
import numpy as np
import pytest

from lecturelib import first_input
from lecturelib import first_input_runs as fr


def _one_by_one(seeds, T, hidden_size, rho=None, **kw):
    models, hists = [], []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        model = first_input.init_model(hidden_size, rng=rng, rho=rho)
        hists.append(first_input.train(model, T, rng=rng, **kw))
        models.append(model)
    return models, hists


@pytest.mark.parametrize("kw", [
    dict(steps=12, batch=6, lr=0.01, noise=1.0),                                   # Adam
    dict(steps=12, batch=6, lr=0.3, noise=1.0, optimizer="sgd", clip=1.0),          # SGD, clipped
    dict(steps=12, batch=6, lr=0.3, noise=0.5, optimizer="sgd"),                    # SGD, unclipped
])
def test_each_run_matches_first_input_train(kw):
    seeds, T, H = [0, 5, 11], 5, 4
    rho = 3.0 if kw.get("optimizer") == "sgd" else None
    got_models, got_hists = fr.train_runs(seeds, T, hidden_size=H, rho=rho, **kw)
    want_models, want_hists = _one_by_one(seeds, T, H, rho=rho, **kw)
    assert len(got_models) == len(got_hists) == 3
    for got, want in zip(got_models, want_models):
        assert set(got) == set(want)
        for k in want:
            assert got[k].shape == want[k].shape
            np.testing.assert_allclose(got[k], want[k], rtol=1e-9, atol=1e-12)
    for got, want in zip(got_hists, want_hists):
        for name in ("loss", "grad_norm", "grad_x1"):
            np.testing.assert_allclose(got[name], want[name], rtol=1e-9, atol=1e-15)


def test_clipping_caps_every_runs_update():
    """With plain SGD and clip gamma, no parameter moves by more than lr * gamma in one step."""
    seeds, lr, gamma = [1, 2], 0.5, 0.2
    before = [first_input.init_model(6, rng=np.random.default_rng(s), rho=3.0) for s in seeds]
    after, hists = fr.train_runs(seeds, 8, hidden_size=6, rho=3.0, steps=1, batch=4, lr=lr,
                                 optimizer="sgd", clip=gamma)
    for b, a, h in zip(before, after, hists):
        move = np.sqrt(sum(np.sum((a[k] - b[k]) ** 2) for k in b))
        assert h["grad_norm"][0] > gamma                     # the clip was active
        assert move == pytest.approx(lr * gamma, rel=1e-9)   # and the step is exactly lr * gamma


def test_runs_are_independent_of_their_neighbours():
    """Run 'seed 3' gives the same result alone or next to other seeds."""
    alone, _ = fr.train_runs([3], 4, hidden_size=3, steps=5, batch=4)
    together, _ = fr.train_runs([0, 3, 9], 4, hidden_size=3, steps=5, batch=4)
    for k in alone[0]:
        np.testing.assert_allclose(together[1][k], alone[0][k], rtol=1e-12)
    assert not np.allclose(together[0]["W"], together[1]["W"])


def test_bad_input():
    with pytest.raises(ValueError, match="seeds must hold at least one seed"):
        fr.train_runs([], 5, hidden_size=4)
    with pytest.raises(TypeError, match="seeds must be ints"):
        fr.train_runs([0.5], 5, hidden_size=4)
    with pytest.raises(ValueError, match="seeds must be non-negative"):
        fr.train_runs([-1], 5, hidden_size=4)
    with pytest.raises(TypeError, match="seeds must be a sequence"):
        fr.train_runs("01", 5, hidden_size=4)
    with pytest.raises(ValueError, match="T"):
        fr.train_runs([0], 0, hidden_size=4)
    with pytest.raises(TypeError, match="hidden_size"):
        fr.train_runs([0], 5, hidden_size=2.5)
    with pytest.raises(ValueError, match="optimizer"):
        fr.train_runs([0], 5, hidden_size=4, optimizer="rmsprop")
    with pytest.raises(ValueError, match="clip"):
        fr.train_runs([0], 5, hidden_size=4, clip=-1.0)
    with pytest.raises(ValueError, match="rho"):
        fr.train_runs([0], 5, hidden_size=4, rho=-2.0)
