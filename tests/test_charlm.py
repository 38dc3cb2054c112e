"""Tests for lecturelib.charlm: vocabulary, corpus, loss and gradients, sampling."""
import numpy as np
import pytest

from lecturelib import charlm, gradcheck, losses, rnn
from lecturelib.activations import softmax


def test_vocab_encode_decode_round_trip():
    vocab = charlm.CharVocab.from_text("the ground there")
    assert vocab.chars == " deghnortu"
    assert vocab.size == len(vocab) == 10
    ids = vocab.encode("the ground")
    assert ids.tolist() == [8, 4, 2, 0, 3, 7, 6, 9, 5, 1]
    assert vocab.decode(ids) == "the ground"


def test_vocab_rejects_unknown_characters_naming_them():
    vocab = charlm.CharVocab.from_text("abc")
    with pytest.raises(ValueError, match=r"text contains characters not in the vocabulary: \['x', 'z'\]"):
        vocab.encode("axbz")
    with pytest.raises(ValueError, match="prompt contains"):
        vocab.encode("q", name="prompt")


def test_vocab_rejects_bad_input():
    with pytest.raises(ValueError, match="chars must contain at least one"):
        charlm.CharVocab("")
    with pytest.raises(TypeError, match="text must be a str"):
        charlm.CharVocab.from_text(["a"])
    with pytest.raises(ValueError, match=r"ids must lie in \[0, 3\)"):
        charlm.CharVocab("abc").decode([0, 3])


def test_corpus_ships_with_the_package_and_is_small_english():
    text = charlm.load_corpus("garden_diary")
    assert 2000 < len(text) < 10000
    assert "in the ground" in text and "the ground there" in text
    assert charlm.CharVocab.from_text(text).size == 30
    with pytest.raises(ValueError, match="name must be one of"):
        charlm.load_corpus("no_such_text")


def test_one_hot():
    x = charlm.one_hot([[2, 0]], 3)
    assert x.shape == (1, 2, 3)
    np.testing.assert_array_equal(x[0], [[0, 0, 1], [1, 0, 0]])
    with pytest.raises(ValueError, match="ids must lie in"):
        charlm.one_hot([3], 3)


def test_init_params_shapes():
    p = charlm.init_params(7, 5, rng=np.random.default_rng(0))
    assert {k: v.shape for k, v in p.items()} == {"W": (5, 5), "U": (5, 7), "b": (5,), "V": (7, 5), "c": (7,)}
    with pytest.raises(TypeError, match="rng must be"):
        charlm.init_params(7, 5, rng=0)


def _small(seed=0, K=5, H=4, N=3, T=6):
    g = np.random.default_rng(seed)
    return charlm.init_params(K, H, rng=g), g.integers(0, K, (N, T)), g.integers(0, K, (N, T)), g.normal(size=(N, H)) * 0.5


def test_loss_matches_an_independent_step_by_step_computation():
    p, x, y, h0 = _small()
    loss, _, h_last = charlm.loss_and_grads(p, x, y, h0)
    h, total = h0, 0.0
    for t in range(x.shape[1]):
        h = np.tanh(h @ p["W"].T + np.eye(5)[x[:, t]] @ p["U"].T + p["b"])
        yhat = softmax(h @ p["V"].T + p["c"])
        total += -np.log(yhat[np.arange(3), y[:, t]]).mean()
    assert loss == pytest.approx(total, rel=1e-12)
    np.testing.assert_allclose(h_last, h, rtol=1e-12)


def test_loss_and_grads_passes_the_gradient_check():
    p, x, y, h0 = _small()
    _, grads, _ = charlm.loss_and_grads(p, x, y, h0)
    errors = gradcheck.check_grads(lambda: charlm.loss_and_grads(p, x, y, h0)[0], p, grads)
    assert set(errors) == {"W", "U", "b", "V", "c"}
    assert max(errors.values()) < 1e-7, errors


def test_loss_and_grads_rejects_bad_input():
    p, x, y, _ = _small()
    with pytest.raises(ValueError, match="targets must have shape"):
        charlm.loss_and_grads(p, x, y[:, :-1])
    with pytest.raises(ValueError, match=r"inputs must lie in \[0, 5\)"):
        charlm.loss_and_grads(p, x + 5, y)
    with pytest.raises(ValueError, match="params must have exactly the keys"):
        charlm.loss_and_grads({"W": p["W"]}, x, y)


def test_mean_loss_of_a_uniform_model_is_log_k():
    p = charlm.init_params(6, 3, rng=np.random.default_rng(0))
    p["V"][:] = 0.0
    p["c"][:] = 0.0
    assert charlm.mean_loss(p, [0, 1, 2, 3, 4, 5]) == pytest.approx(np.log(6))
    with pytest.raises(ValueError, match="at least 2"):
        charlm.mean_loss(p, [1])


def _model_and_vocab():
    vocab = charlm.CharVocab.from_text("abcd ")
    return charlm.init_params(vocab.size, 8, rng=np.random.default_rng(3)), vocab


def test_next_char_probs_applies_the_temperature():
    p, vocab = _model_and_vocab()
    p1 = charlm.next_char_probs(p, vocab, "ab", temperature=1.0)
    p_half = charlm.next_char_probs(p, vocab, "ab", temperature=0.5)
    assert p1.shape == (5,) and p1.sum() == pytest.approx(1.0)
    # softmax(o / T) with T = 0.5 is proportional to softmax(o)^2
    np.testing.assert_allclose(p_half, p1**2 / np.sum(p1**2), rtol=1e-10)
    # the distribution after "ab" is the output of the same forward pass as rnn.forward
    h, _ = rnn.forward(charlm.one_hot(vocab.encode("ab")[None], 5), None, {k: p[k] for k in "WUb"})
    o, _ = losses.output_forward(h[:, -1], {k: p[k] for k in "Vc"})
    np.testing.assert_allclose(p1, softmax(o[0]), rtol=1e-12)


def test_sample_is_deterministic_under_the_seed_and_follows_the_model():
    p, vocab = _model_and_vocab()
    a = charlm.sample(p, vocab, 30, rng=np.random.default_rng(0), prompt="ab")
    b = charlm.sample(p, vocab, 30, rng=np.random.default_rng(0), prompt="ab")
    c = charlm.sample(p, vocab, 30, rng=np.random.default_rng(1), prompt="ab")
    assert a == b and len(a) == 30 and set(a) <= set(vocab.chars)
    assert a != c
    # at a very low temperature sampling is greedy: each character is the argmax given the text so far
    greedy = charlm.sample(p, vocab, 12, rng=np.random.default_rng(0), prompt="a", temperature=1e-3)
    text = "a"
    for ch in greedy:
        probs = charlm.next_char_probs(p, vocab, text)
        assert ch == vocab.chars[int(np.argmax(probs))]
        text += ch


def test_sample_rejects_bad_arguments():
    p, vocab = _model_and_vocab()
    g = np.random.default_rng(0)
    with pytest.raises(ValueError, match="temperature must be a finite number > 0, got 0"):
        charlm.sample(p, vocab, 5, rng=g, prompt="a", temperature=0)
    with pytest.raises(ValueError, match="temperature must be"):
        charlm.next_char_probs(p, vocab, "a", temperature=-1.0)
    with pytest.raises(ValueError, match="prompt must be a non-empty str"):
        charlm.sample(p, vocab, 5, rng=g, prompt="")
    with pytest.raises(ValueError, match="prompt contains characters not in the vocabulary"):
        charlm.sample(p, vocab, 5, rng=g, prompt="xyz")
    with pytest.raises(ValueError, match="n_chars must be a positive int, got 0"):
        charlm.sample(p, vocab, 0, rng=g, prompt="a")
    with pytest.raises(TypeError, match="vocab must be a CharVocab"):
        charlm.sample(p, "abcd ", 5, rng=g, prompt="a")
    with pytest.raises(ValueError, match="vocab has 3 characters"):
        charlm.sample(p, charlm.CharVocab("abc"), 5, rng=g, prompt="a")


def test_loss_and_grads_equal_the_plain_one_hot_version():
    """The lookup of U's columns gives the numbers of rnn.forward on one-hot rows."""
    rng = np.random.default_rng(3)
    K, H, N, T = 6, 5, 3, 8
    params = charlm.init_params(K, H, rng=rng)
    inputs, targets = rng.integers(0, K, (N, T)), rng.integers(0, K, (N, T))
    h0 = rng.normal(size=(N, H))
    cell = {k: params[k] for k in ("W", "U", "b")}
    out = {k: params[k] for k in ("V", "c")}
    h, cache = rnn.forward(charlm.one_hot(inputs, K), h0, cell)
    o, out_cache = losses.output_forward(h, out)
    want_loss, do = losses.sequence_cross_entropy(o, targets)
    dh, want_grads = losses.output_backward(do, out_cache)
    _, _, cell_grads = rnn.backward(dh, cache)
    want_grads.update(cell_grads)
    loss, grads, h_last = charlm.loss_and_grads(params, inputs, targets, h0)
    assert abs(loss - want_loss) < 1e-12
    np.testing.assert_allclose(h_last, h[:, -1], rtol=1e-12, atol=1e-14)
    for k in params:
        np.testing.assert_allclose(grads[k], want_grads[k], rtol=1e-12, atol=1e-14, err_msg=k)
