"""Tests for lecturelib.window: shapes, gradients, training, and the two limitations."""
import numpy as np
import pytest

from lecturelib import corpus as C
from lecturelib import gradcheck
from lecturelib import window as W


def _params(K=7, tau=3, D=2, H=4, seed=0):
    return W.init_params(K, tau, D, H, rng=np.random.default_rng(seed))


def test_init_shapes_and_count():
    p = _params(K=7, tau=3, D=2, H=4)
    assert {k: v.shape for k, v in p.items()} == {"E": (7, 2), "U": (4, 6), "b": (4,), "V": (7, 4), "c": (7,)}
    assert W.n_params(7, 3, 2, 4) == sum(v.size for v in p.values()) == 14 + 24 + 4 + 28 + 7
    assert W.sizes(p) == (7, 3, 2, 4)


def test_parameter_count_grows_linearly_with_tau():
    counts = [W.n_params(40, t, 8, 32) for t in (1, 2, 3, 4)]
    assert np.all(np.diff(counts) == 32 * 8)


def test_concat_window_orders_slots_oldest_first():
    E = np.arange(12.0).reshape(6, 2)
    assert W.concat_window(E, [1, 4, 2]).tolist() == [2, 3, 8, 9, 4, 5]
    assert W.concat_window(E, [[1, 4, 2], [0, 0, 5]]).shape == (2, 6)


def test_forward_matches_the_equation():
    p = _params()
    X = np.array([[1, 2, 3], [6, 0, 6]])
    o, _ = W.forward(X, p)
    x = np.concatenate([p["E"][X[:, j]] for j in range(3)], axis=1)
    expected = np.tanh(x @ p["U"].T + p["b"]) @ p["V"].T + p["c"]
    np.testing.assert_allclose(o, expected, rtol=1e-12)
    probs = W.predict_proba(p, X)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)


def test_backward_gradcheck():
    p = _params(K=6, tau=3, D=3, H=5, seed=1)
    X = np.array([[1, 2, 1], [5, 0, 3], [2, 2, 2], [4, 1, 0]])  # repeated tokens: E collects sums
    y = np.array([0, 3, 5, 1])
    _, grads = W.loss_and_grads(p, X, y)
    errs = gradcheck.check_grads(lambda: W.loss_and_grads(p, X, y)[0], p, grads)
    assert max(errs.values()) < 1e-7, errs


def test_slot_blocks_split_U_by_slot():
    p = _params(tau=3, D=2, H=4)
    blocks = W.slot_blocks(p)
    assert len(blocks) == 3 and all(b.shape == (4, 2) for b in blocks)
    np.testing.assert_array_equal(np.hstack(blocks), p["U"])
    contrib = W.slot_contribution(p, 5)
    np.testing.assert_allclose(contrib[1], blocks[1] @ p["E"][5])


def test_bad_input_messages():
    p = _params(K=7, tau=3)
    with pytest.raises(ValueError, match=r"X must hold windows of tau=3"):
        W.forward(np.array([[1, 2]]), p)
    with pytest.raises(ValueError, match=r"X must lie in \[0, 7\)"):
        W.forward(np.array([[1, 2, 9]]), p)
    with pytest.raises(ValueError, match="params is missing 'V'"):
        W.forward(np.array([[1, 2, 3]]), {k: v for k, v in p.items() if k != "V"})
    with pytest.raises(TypeError, match="rng must be"):
        W.init_params(7, 3, 2, 4, rng=0)
    with pytest.raises(ValueError, match="token_id"):
        W.slot_contribution(p, 7)


def test_training_is_deterministic_and_learns_the_grammar():
    sents = C.grammar_corpus(200, rng=np.random.default_rng(0))
    vocab = C.Vocab.build(sents)
    X, y = C.corpus_windows(sents, vocab, 3)

    def run():
        p = W.init_params(len(vocab), 3, 8, 16, rng=np.random.default_rng(0))
        hist = W.train(p, X, y, steps=300, lr=0.02, batch_size=64, rng=np.random.default_rng(1))
        return p, hist

    p1, h1 = run()
    p2, h2 = run()
    np.testing.assert_array_equal(h1, h2)
    stats = W.evaluate(p1, X, y)
    assert stats["loss"] < 0.5 * h1[0]
    assert stats["perplexity"] < 3.0  # uniform guessing would be len(vocab) ~ 49
    # "in the ground" is followed by "there" or "."; the model puts most mass on those two
    words, probs = W.top_next_words(p1, vocab.itos, vocab.encode("in the ground"), 2)
    assert set(words) == {"there", "."} and probs.sum() > 0.8


def _agreement_accuracy(tau, ks, seed=0):
    rng = np.random.default_rng(seed)
    ctx, verbs, _ = C.agreement_data(600, ks, rng=rng)
    vocab = C.Vocab.build(ctx + [verbs])
    X = np.stack([C.last_window(c, vocab, tau) for c in ctx])
    p = W.init_params(len(vocab), tau, 6, 12, rng=rng)
    W.train(p, X, vocab.encode(verbs), steps=300, lr=0.02, batch_size=64, rng=rng)
    out = {}
    for k in ks:
        ctx_k, verbs_k, _ = C.agreement_data(200, k, rng=rng)
        Xk = np.stack([C.last_window(c, vocab, tau) for c in ctx_k])
        out[k] = W.evaluate(p, Xk, vocab.encode(verbs_k))["accuracy"]
    return out


def test_limitation_a_agreement_inside_window_only():
    acc = _agreement_accuracy(3, [0, 1, 2, 3, 4])
    assert min(acc[0], acc[1], acc[2]) > 0.95  # subject inside the window
    assert 0.3 < acc[3] < 0.7 and 0.3 < acc[4] < 0.7  # subject outside: chance is 0.5


def test_limitation_b_phrase_learned_in_one_slot_pair_does_not_move():
    rng = np.random.default_rng(0)
    data = C.slot_transfer_data(("ground", "bell", "fire"), rng=rng)
    vocab = C.Vocab.build(data["train"][0] + [data["train"][1]])
    enc = lambda windows: np.stack([vocab.encode(w) for w in windows])  # noqa: E731
    p = W.init_params(len(vocab), 3, 8, 16, rng=rng)
    W.train(p, enc(data["train"][0]), vocab.encode(data["train"][1]), steps=300, lr=0.02, batch_size=64, rng=rng)
    seen = W.evaluate(p, enc(data["test_seen"][0]), vocab.encode(data["test_seen"][1]))["accuracy"]
    moved = W.evaluate(p, enc(data["test_moved"][0]), vocab.encode(data["test_moved"][1]))["accuracy"]
    assert seen == 1.0
    assert moved < 0.35  # chance is 1/8 among the verbs; a shared-position model would not need retraining


# ------------------------------------------------------------ tied slots (U_1 = ... = U_tau)
def test_shared_init_ties_the_blocks_and_keeps_the_other_draws():
    tied = W.init_params(7, 3, 2, 4, rng=np.random.default_rng(5), shared_slots=True)
    free = W.init_params(7, 3, 2, 4, rng=np.random.default_rng(5))
    blocks = W.slot_blocks(tied)
    assert W.slots_are_shared(tied) and not W.slots_are_shared(free)
    np.testing.assert_array_equal(blocks[0], W.slot_blocks(free)[0])
    np.testing.assert_array_equal(blocks[2], blocks[0])
    for k in ("E", "b", "V", "c"):
        np.testing.assert_array_equal(tied[k], free[k])


def test_shared_slot_grads_is_the_gradient_of_the_tied_model():
    p = W.init_params(6, 3, 3, 5, rng=np.random.default_rng(2), shared_slots=True)
    X, y = np.array([[1, 2, 1], [5, 0, 3], [4, 4, 2]]), np.array([0, 3, 5])
    _, grads = W.loss_and_grads(p, X, y)
    tied = W.shared_slot_grads(grads, 3)
    assert tied["E"] is grads["E"] and tied["U"].shape == (5, 9)

    def loss_of(Us):  # the tied model has one block Us (H, D) used in every slot
        return W.loss_and_grads({**p, "U": np.tile(Us, (1, 3))}, X, y)[0]

    Us, eps = p["U"][:, :3].copy(), 1e-6
    numeric = np.zeros_like(Us)
    for idx in np.ndindex(Us.shape):
        up, down = Us.copy(), Us.copy()
        up[idx] += eps
        down[idx] -= eps
        numeric[idx] = (loss_of(up) - loss_of(down)) / (2 * eps)
    for j in range(3):
        np.testing.assert_allclose(tied["U"][:, 3 * j:3 * j + 3], numeric, rtol=1e-6, atol=1e-9)


def test_shared_training_keeps_blocks_equal_and_ignores_word_order():
    rng = np.random.default_rng(0)
    X = rng.integers(0, 6, size=(40, 3))
    y = X[:, 0]  # a label that needs the oldest word
    p = W.init_params(6, 3, 3, 8, rng=np.random.default_rng(1), shared_slots=True)
    hist = W.train(p, X, y, steps=100, lr=0.05, shared_slots=True)
    assert W.slots_are_shared(p) and hist[-1] < hist[0]
    # one block for every slot: U x = U_1 (e1 + e2 + e3), the same for any order of the words
    np.testing.assert_allclose(W.predict_proba(p, [1, 4, 2]), W.predict_proba(p, [2, 1, 4]), rtol=1e-12)
    free = W.init_params(6, 3, 3, 8, rng=np.random.default_rng(1))
    W.train(free, X, y, steps=100, lr=0.05)
    assert not np.allclose(W.predict_proba(free, [1, 4, 2]), W.predict_proba(free, [2, 1, 4]))


def test_shared_slots_bad_input():
    p = _params(K=7, tau=3, D=2, H=4)
    with pytest.raises(ValueError, match="equal blocks"):
        W.train(p, np.array([[1, 2, 3]]), np.array([0]), steps=1, shared_slots=True)
    with pytest.raises(TypeError, match="shared_slots must be True or False"):
        W.init_params(7, 3, 2, 4, rng=np.random.default_rng(0), shared_slots="yes")
    with pytest.raises(TypeError, match="shared_slots must be True or False"):
        W.train(p, np.array([[1, 2, 3]]), np.array([0]), steps=1, shared_slots=1)
    with pytest.raises(ValueError, match="tau \\* D columns with tau = 4"):
        W.shared_slot_grads({"U": np.zeros((4, 6))}, 4)
    with pytest.raises(TypeError, match="grads must be a dict"):
        W.shared_slot_grads(np.zeros((4, 6)), 3)


def test_limitation_b_removed_when_the_slots_share_one_block():
    rng = np.random.default_rng(0)
    data = C.slot_transfer_data(("ground", "bell", "fire"), rng=rng)
    vocab = C.Vocab.build(data["train"][0] + [data["train"][1]])
    enc = lambda windows: np.stack([vocab.encode(w) for w in windows])  # noqa: E731
    p = W.init_params(len(vocab), 3, 8, 16, rng=rng, shared_slots=True)
    W.train(p, enc(data["train"][0]), vocab.encode(data["train"][1]), steps=300, lr=0.02, batch_size=64, rng=rng,
            shared_slots=True)
    moved = W.evaluate(p, enc(data["test_moved"][0]), vocab.encode(data["test_moved"][1]))["accuracy"]
    assert moved > 0.9  # the untied model of the test above stays below 0.35
