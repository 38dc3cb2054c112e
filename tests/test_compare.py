"""lecturelib.compare: the windowed DNN baseline (gradient-checked), the common interface and the experiment."""
import numpy as np
import pytest

from lecturelib import compare, first_input, gradcheck, seqclass


def test_last_window_takes_the_newest_inputs_oldest_first_and_pads_in_front():
    x = np.arange(2 * 4 * 2, dtype=float).reshape(2, 4, 2)  # N=2, T=4, D=2
    win = compare.last_window(x, 3)
    assert win.shape == (2, 6)
    assert np.array_equal(win[0], [2, 3, 4, 5, 6, 7])  # x_2, x_3, x_4
    short = compare.last_window(x[:, :2], 3)  # T = 2 < tau: one zero slot in front
    assert np.array_equal(short[1], [0, 0, 8, 9, 10, 11])


@pytest.mark.parametrize("T", [2, 5])
def test_dnn_gradients_match_finite_differences(T):
    rng = np.random.default_rng(3)
    params = compare.dnn_init(2, 4, 3, rng=rng, tau=3)
    x = rng.normal(size=(5, T, 2))
    y = np.array([0, 2, 1, 1, 0])
    loss, grads = compare.loss_and_grads("dnn", params, x, y)

    def f():
        return compare.loss_and_grads("dnn", params, x, y)[0]

    errs = gradcheck.check_grads(f, params, grads)
    assert set(errs) == {"U", "b", "V", "c"}
    assert max(errs.values()) < 1e-7, errs


def test_dnn_ignores_inputs_outside_its_window():
    rng = np.random.default_rng(0)
    params = compare.dnn_init(1, 6, 2, rng=rng)
    x = rng.normal(size=(4, 8, 1))
    x2 = x.copy()
    x2[:, :5] = rng.normal(size=(4, 5, 1))  # change everything but the last 3 inputs
    assert np.allclose(compare.dnn_forward(x, params)[0], compare.dnn_forward(x2, params)[0])
    x2[:, 5] += 1.0  # the oldest slot of the window does matter
    assert not np.allclose(compare.dnn_forward(x, params)[0], compare.dnn_forward(x2, params)[0])


def test_recurrent_models_match_seqclass_and_keep_bias_shifts_the_gates():
    x, y = first_input.make_data(6, 4, rng=np.random.default_rng(1))
    for m in ("rnn", "lstm", "gru"):
        p = compare.init_model(m, 1, 5, 2, rng=np.random.default_rng(2), keep_bias=0.0)
        ref = seqclass.init_model(m, 1, 5, 2, rng=np.random.default_rng(2), forget_bias=0.0)
        assert all(np.array_equal(p[k], ref[k]) for k in ref)
        assert compare.loss_and_grads(m, p, x, y)[0] == pytest.approx(seqclass.loss_and_grads(m, ref, x, y)[0])
    lstm = compare.init_model("lstm", 1, 5, 2, rng=np.random.default_rng(2), keep_bias=2.0)
    gru = compare.init_model("gru", 1, 5, 2, rng=np.random.default_rng(2), keep_bias=2.0)
    gru0 = compare.init_model("gru", 1, 5, 2, rng=np.random.default_rng(2), keep_bias=0.0)
    assert np.allclose(lstm["b_f"],
                       seqclass.init_model("lstm", 1, 5, 2, rng=np.random.default_rng(2), forget_bias=2.0)["b_f"])
    assert np.allclose(gru["b_z"] - gru0["b_z"], 2.0)
    assert np.array_equal(gru["b_r"], gru0["b_r"])


def test_parameter_counts_follow_the_block_structure():
    D, H, K = 1, 16, 2
    block = H * H + H * D + H
    counts = {m: compare.count_params(compare.init_model(m, D, H, K, rng=np.random.default_rng(0)))
              for m in compare.MODELS}
    assert counts == {"dnn": H * 3 * D + H + K * H + K, "rnn": block + K * H + K,
                      "lstm": 4 * block + K * H + K, "gru": 3 * block + K * H + K}


def test_time_per_step_is_a_positive_number_for_every_model():
    x, y = first_input.make_data(4, 6, rng=np.random.default_rng(0))
    for m in compare.MODELS:
        p = compare.init_model(m, 1, 4, 2, rng=np.random.default_rng(0))
        t = compare.time_per_step(m, p, x, y, repeats=1)
        assert isinstance(t, float) and t > 0


def test_experiment_structure_and_determinism():
    kw = dict(models=("dnn", "rnn", "gru"), hidden_size=4, steps=3, batch=8, n_test=20, runs=2)
    calls = []
    r = compare.run_experiment((2, 4), rng=np.random.default_rng(7), callback=lambda *a: calls.append(a), **kw)
    assert r["models"] == ("dnn", "rnn", "gru") and list(r["lengths"]) == [2, 4] and r["runs"] == 2
    for m in r["models"]:
        assert r["accuracy"][m].shape == (2,)
        assert r["accuracy_runs"][m].shape == (2, 2)
        assert np.allclose(r["accuracy"][m], r["accuracy_runs"][m].mean(axis=1))
        assert np.all((r["accuracy_runs"][m] >= 0) & (r["accuracy_runs"][m] <= 1))
        assert r["time_per_step"][m].shape == (2,) and np.all(r["time_per_step"][m] > 0)
        assert len(r["losses"][m]) == 4 and r["losses"][m][0].shape == (3,)
    assert r["params"]["rnn"] == 4 * 4 + 4 + 4 + 2 * 4 + 2
    total = 2 * 3 * 2 * 3
    assert [c[0] for c in calls] == list(range(1, total + 1)) and all(c[1] == total for c in calls)
    again = compare.run_experiment((2, 4), rng=np.random.default_rng(7), **kw)
    for m in r["models"]:
        assert np.array_equal(r["accuracy_runs"][m], again["accuracy_runs"][m])
        assert np.array_equal(r["losses"][m][3], again["losses"][m][3])
    # every model saw the same batches: a model's result does not depend on which others ran
    alone = compare.run_experiment((2, 4), rng=np.random.default_rng(7), **{**kw, "models": ("gru",)})
    assert np.array_equal(alone["accuracy_runs"]["gru"], r["accuracy_runs"]["gru"])


def test_dnn_learns_inside_its_window_and_guesses_beyond_it():
    r = compare.run_experiment((2, 8), rng=np.random.default_rng(0), models=("dnn",), hidden_size=8,
                               steps=150, n_test=400)
    inside, beyond = r["accuracy"]["dnn"]
    assert inside >= 0.95
    assert 0.4 <= beyond <= 0.6  # x_1 left the window: chance
    assert compare.longest_learned(r) == {"dnn": 2}


def test_format_table_and_longest_learned():
    r = {"lengths": np.array([2, 5, 10]), "models": ("dnn", "lstm"),
         "accuracy": {"dnn": np.array([1.0, 0.5, 0.52]), "lstm": np.array([1.0, 0.96, 0.6])},
         "params": {"dnn": 98, "lstm": 1186},
         "time_per_step": {"dnn": np.array([1e-5, 2e-5, 3e-5]), "lstm": np.array([1e-4, 1e-4, 1e-4])}}
    table = compare.format_table(r)
    lines = table.splitlines()
    assert "T=10" in lines[0] and "us/step" in lines[0]
    assert lines[2].split()[-5:] == ["100%", "50%", "52%", "98", "20"]
    assert lines[3].startswith("LSTM") and lines[3].split()[-2:] == ["1186", "100"]
    assert "us/step" not in compare.format_table(r, times=False)
    assert compare.longest_learned(r) == {"dnn": 2, "lstm": 5}
    assert compare.longest_learned(r, threshold=0.99) == {"dnn": 2, "lstm": 2}
    r["accuracy_runs"] = {"dnn": np.array([[1.0, 1.0], [0.5, 0.5], [0.5, 0.54]]),
                          "lstm": np.array([[1.0, 1.0], [1.0, 0.92], [0.6, 0.6]])}
    assert compare.longest_learned(r, threshold=0.95) == {"dnn": 2, "lstm": 2}  # one run of the lstm at 5 fell short


def test_time_ratios_are_medians_relative_to_the_base_model():
    r = {"models": ("dnn", "rnn", "lstm"),
         "time_per_step": {"dnn": np.array([1e-5, 2e-5, 3e-5]), "rnn": np.array([4e-5, 2e-5, 1e-5]),
                           "lstm": np.array([1e-4, 1.2e-4, 0.9e-4])}}
    ratios = compare.time_ratios(r)
    assert ratios == pytest.approx({"dnn": 1.0, "rnn": 1.0, "lstm": 5.0})
    assert compare.time_ratios(r, base="lstm")["rnn"] == pytest.approx(0.2)
    with pytest.raises(ValueError, match="base"):
        compare.time_ratios(r, base="gru")
    with pytest.raises(TypeError, match="results"):
        compare.time_ratios({"models": ("rnn",)})


def test_bad_input_is_rejected_with_the_argument_named():
    rng = np.random.default_rng(0)
    p = compare.dnn_init(1, 3, 2, rng=rng)
    x, y = first_input.make_data(4, 5, rng=rng)
    with pytest.raises(ValueError, match="model"):
        compare.init_model("cnn", 1, 3, 2, rng=rng)
    with pytest.raises(ValueError, match="model"):
        compare.loss_and_grads("transformer", p, x, y)
    with pytest.raises(TypeError, match="rng"):
        compare.dnn_init(1, 3, 2, rng=0)
    with pytest.raises(ValueError, match="tau"):
        compare.last_window(x, 0)
    with pytest.raises(ValueError, match="x"):
        compare.last_window(x[0], 3)
    with pytest.raises(ValueError, match="x"):
        compare.dnn_forward(np.zeros((4, 5, 2)), compare.dnn_init(3, 3, 2, rng=rng))
    with pytest.raises(ValueError, match="keep_bias"):
        compare.init_model("lstm", 1, 3, 2, rng=rng, keep_bias=-1.0)
    with pytest.raises(ValueError, match="lengths"):
        compare.run_experiment((0, 3), rng=rng)
    with pytest.raises(ValueError, match="models"):
        compare.run_experiment((2,), rng=rng, models="rnn")
    with pytest.raises(ValueError, match="models"):
        compare.run_experiment((2,), rng=rng, models=("rnn", "cnn"))
    with pytest.raises(TypeError, match="make_data"):
        compare.run_experiment((2,), rng=rng, make_data="first input")
    with pytest.raises(ValueError, match="steps"):
        compare.run_experiment((2,), rng=rng, steps=0)
    with pytest.raises(ValueError, match="y"):
        compare.accuracy("dnn", p, x, y[:3])
    with pytest.raises(TypeError, match="results"):
        compare.format_table([1, 2])


def test_fit_stops_once_the_recent_losses_are_low_and_not_before():
    def batches(rng):
        return lambda: first_input.make_data(32, 2, rng=rng, noise=1.0)

    p = compare.init_model("dnn", 1, 8, 2, rng=np.random.default_rng(0))
    seen = []
    hist = compare.fit("dnn", p, batches(np.random.default_rng(1)), steps=400, stop_below=0.2, window=5,
                       callback=lambda step, n, loss: seen.append(step))
    n = len(hist)
    assert 5 <= n < 400  # x_1 is inside the window at T = 2: the loss falls well below 0.2 long before 400
    assert np.mean(hist[-5:]) < 0.2
    assert all(np.mean(hist[i - 5:i]) >= 0.2 for i in range(5, n))  # no earlier window of 5 was that low
    assert seen == list(range(1, n + 1))
    full = compare.fit("dnn", compare.init_model("dnn", 1, 8, 2, rng=np.random.default_rng(0)),
                       batches(np.random.default_rng(1)), steps=n + 20)
    assert full.shape == (n + 20,) and np.array_equal(full[:n], hist)  # same updates until the stop, then more
    with pytest.raises(ValueError, match="stop_below"):
        compare.fit("dnn", p, batches(np.random.default_rng(1)), steps=3, stop_below=0.0)
    with pytest.raises(ValueError, match="window"):
        compare.fit("dnn", p, batches(np.random.default_rng(1)), steps=3, stop_below=0.1, window=0)
    with pytest.raises(TypeError, match="stop_below"):
        compare.fit("dnn", p, batches(np.random.default_rng(1)), steps=3, stop_below="low")


def test_experiment_with_early_stopping_counts_updates_and_fills_the_progress():
    calls = []
    kw = dict(models=("dnn",), hidden_size=8, steps=200, batch=32, n_test=50, runs=2)
    r = compare.run_experiment((2, 6), rng=np.random.default_rng(0), stop_below=0.2,
                               callback=lambda *a: calls.append(a), **kw)
    upd = r["updates"]["dnn"]
    assert upd.shape == (2, 2)
    assert np.all(upd[0] < 200)  # inside the window: stopped early
    assert np.all(upd[1] == 200)  # x_1 outside the window: the loss stays near log 2, every update is made
    assert [len(h) for h in r["losses"]["dnn"]] == list(upd.ravel())
    assert calls[-1][:2] == (2 * 2 * 200, 2 * 2 * 200)  # the progress reaches the planned total
    plain = compare.run_experiment((2,), rng=np.random.default_rng(0), **{**kw, "steps": 30})
    assert np.all(plain["updates"]["dnn"] == 30)


def _per_sequence_loss_fd(model, params, x, y, eps=1e-6):
    """Mean over sequences of |d L_n / d x_1| by central differences (L_n: each sequence's own loss)."""
    from lecturelib import losses
    out = []
    for n in range(len(x)):
        def loss_of(v):
            xn = x[n:n + 1].copy()
            xn[0, 0, 0] = v
            return losses.cross_entropy(compare.logits(model, params, xn), y[n:n + 1])[0]
        out.append(abs(loss_of(x[n, 0, 0] + eps) - loss_of(x[n, 0, 0] - eps)) / (2 * eps))
    return float(np.mean(out))


@pytest.mark.parametrize("model", compare.MODELS)
@pytest.mark.parametrize("T", [2, 3, 6])
def test_first_input_gradient_matches_finite_differences(model, T):
    rng = np.random.default_rng(5)
    params = compare.init_model(model, 1, 5, 2, rng=rng)
    x, y = first_input.make_data(6, T, rng=rng, noise=1.0)
    got = compare.first_input_gradient(model, params, x, y)
    if model == "dnn" and T > compare.TAU:
        assert got == 0.0  # x_1 has left the window
    else:
        assert got > 0 and np.isclose(got, _per_sequence_loss_fd(model, params, x, y), rtol=1e-5)


def test_first_input_gradients_sweep_and_the_keep_bias():
    lengths = [1, 3, 4, 25]
    kw = dict(hidden_size=8, n=64)
    plain = compare.first_input_gradients(lengths, rng=np.random.default_rng(0), keep_bias=0.0, **kw)
    kept = compare.first_input_gradients(lengths, rng=np.random.default_rng(0), keep_bias=2.0, **kw)
    assert list(plain["lengths"]) == lengths and plain["models"] == compare.MODELS
    assert plain["grad"]["dnn"][2] == plain["grad"]["dnn"][3] == 0.0 and plain["grad"]["dnn"][1] > 0
    assert np.allclose(plain["grad"]["rnn"], kept["grad"]["rnn"])  # the keep bias is for the gated cells only
    for m in ("lstm", "gru"):  # starting to keep the state carries far more of x_1 over 25 steps
        assert kept["grad"][m][-1] > 10 * plain["grad"][m][-1]
    assert kept["grad"]["rnn"][-1] < 1e-3 * kept["grad"]["rnn"][0]  # the simple RNN's signal has faded
    with pytest.raises(ValueError, match="lengths"):
        compare.first_input_gradients([0, 2], rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="models"):
        compare.first_input_gradients([2], rng=np.random.default_rng(0), models=("cnn",))
    with pytest.raises(ValueError, match="n"):
        compare.first_input_gradients([2], rng=np.random.default_rng(0), n=0)
    with pytest.raises(ValueError, match="model"):
        compare.first_input_gradient("cnn", {}, np.zeros((1, 2, 1)), [0])
