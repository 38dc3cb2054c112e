"""Tests for lecturelib.corpus: tokenizer, vocabulary, grammar, windows and probe tasks."""
import numpy as np
import pytest

from lecturelib import corpus as C


def test_tokenize_lowercases_and_splits_punctuation():
    assert C.tokenize("The ground  there is WET.") == ["the", "ground", "there", "is", "wet", "."]
    assert C.tokenize("In the ground!") == ["in", "the", "ground", "!"]
    assert C.tokenize("") == []


def test_tokenize_rejects_non_strings():
    with pytest.raises(TypeError, match="text must be a str"):
        C.tokenize(["the", "ground"])


def test_vocab_specials_first_then_sorted_words():
    vocab = C.Vocab.build(["the ground there", ["in", "the", "ground"]])
    assert vocab.itos[:4] == ["<pad>", "<unk>", "<s>", "</s>"]
    assert vocab.itos[4:] == ["ground", "in", "the", "there"]
    assert (C.PAD_ID, C.UNK_ID, C.BOS_ID, C.EOS_ID) == (0, 1, 2, 3)
    assert len(vocab) == 8 and "ground" in vocab and "sky" not in vocab


def test_vocab_round_trip_and_unknown_tokens():
    vocab = C.Vocab.build(["in the ground there"])
    ids = vocab.encode("in the ground there")
    assert ids.dtype == np.int64
    assert vocab.decode(ids) == ["in", "the", "ground", "there"]
    unk = vocab.encode(["the", "tractor"])
    assert unk.tolist() == [vocab.stoi["the"], C.UNK_ID]
    with pytest.raises(ValueError, match="tractor"):
        vocab.encode(["the", "tractor"], unknown="error")
    with pytest.raises(ValueError, match="unknown must be one of"):
        vocab.encode(["the"], unknown="skip")
    with pytest.raises(ValueError, match="ids must lie in"):
        vocab.decode([0, 99])


def test_grammar_is_deterministic_and_has_both_phrases():
    a = C.grammar_corpus(300, rng=np.random.default_rng(0))
    b = C.grammar_corpus(300, rng=np.random.default_rng(0))
    assert a == b
    text = [" ".join(s) for s in a]
    assert any("in the ground" in s for s in text)
    assert any(s.startswith("the ground there") for s in text)
    assert any("in the ground there" in s for s in text)
    vocab = C.Vocab.build(a)
    assert 30 <= len(vocab) <= 60  # "a few dozen words"
    verbs = set(C.NOUN_VERB.values())
    with_verb = [s for s in a if s[-2] in verbs]
    assert len(with_verb) > 50
    for s in with_verb:  # every noun meets its own verb
        assert C.NOUN_VERB[s[s.index("the") + 1]] == s[-2]


def test_train_test_split_partitions_items():
    items = list(range(10))
    train, test = C.train_test_split(items, 0.3, rng=np.random.default_rng(1))
    assert len(test) == 3 and sorted(train + test) == items
    with pytest.raises(ValueError, match="test_fraction"):
        C.train_test_split(items, 1.5, rng=np.random.default_rng(1))


def test_sliding_windows_padded_and_unpadded():
    X, y = C.sliding_windows([10, 11, 12, 13], 3)
    assert X.tolist()[0] == [C.BOS_ID] * 3 and y[0] == 10
    assert X.tolist()[-1] == [11, 12, 13] and y[-1] == C.EOS_ID
    assert X.shape == (5, 3)
    X, y = C.sliding_windows([10, 11, 12, 13], 3, pad=False)
    assert X.tolist() == [[10, 11, 12]] and y.tolist() == [13]


def test_window_longer_than_sentence_raises_clearly():
    with pytest.raises(ValueError, match=r"the sentence has 3 tokens.*tau=3"):
        C.sliding_windows([5, 6, 7], 3, pad=False)
    with pytest.raises(ValueError, match="tau must be a positive int"):
        C.sliding_windows([5, 6, 7], 0)


def test_corpus_windows_counts():
    sents = [["the", "river", "flows", "."], ["then", "the", "dog", "barks", "."]]
    vocab = C.Vocab.build(sents)
    X, y = C.corpus_windows(sents, vocab, 3)
    assert X.shape == (4 + 1 + 5 + 1, 3) and y.shape == (11,)
    assert vocab.decode(X[3]) == ["the", "river", "flows"] and vocab.itos[y[3]] == "."


def test_agreement_data_verb_follows_subject_number():
    ctx, verbs, ks = C.agreement_data(200, [0, 2, 5], rng=np.random.default_rng(0))
    assert set(ks.tolist()) == {0, 2, 5}
    for c, verb, k in zip(ctx, verbs, ks):
        assert len(c) == k + 1
        assert verb == ("run" if c[0].endswith("s") else "runs")
        assert all(w in C.FILLERS for w in c[1:])
    with pytest.raises(ValueError, match="k must be a non-negative int"):
        C.agreement_data(5, -1, rng=np.random.default_rng(0))


def test_last_window_pads_on_the_left():
    vocab = C.Vocab.build([["dogs", "very", "run"]])
    w = C.last_window(["dogs", "very"], vocab, 3)
    assert w.tolist() == [C.BOS_ID, vocab.stoi["dogs"], vocab.stoi["very"]]


def test_slot_transfer_data_keeps_probe_out_of_slots_1_2():
    d = C.slot_transfer_data(("ground",), rng=np.random.default_rng(0))
    train_windows, train_targets = d["train"]
    assert ["then", "the", "ground"] in train_windows
    assert not any(w[:2] == ["the", "ground"] for w in train_windows)
    assert any(w[:2] == ["the", "river"] for w in train_windows)  # others in both places
    assert all(w[:2] == ["the", "ground"] for w in d["test_moved"][0])
    assert set(d["test_moved"][1]) == {"shakes"}
    with pytest.raises(ValueError, match="probe_nouns"):
        C.slot_transfer_data(("tractor",), rng=np.random.default_rng(0))


def test_grammar_distribution_is_the_sampler_s_distribution():
    dist = C.grammar_distribution()
    assert abs(sum(dist.values()) - 1.0) < 1e-12
    assert all(p > 0 for p in dist.values())
    sample = C.grammar_corpus(20000, rng=np.random.default_rng(5))
    freq = {}
    for s in sample:
        freq[tuple(s)] = freq.get(tuple(s), 0) + 1
    assert set(freq) <= set(dist)  # the sampler makes no sentence the distribution lacks
    # each of the 112 sentences within 5 standard errors of its probability
    assert len(dist) == 112
    for s, p in dist.items():
        assert abs(freq.get(s, 0) / 20000 - p) < 5 * np.sqrt(p * (1 - p) / 20000) + 1e-4, s
    assert dist[("we", "dig", "in", "the", "ground", "there", ".")] == 0.2


def test_best_window_probs_reads_the_grammar():
    best = C.best_window_probs(C.grammar_distribution(), 3)
    for nexts in best.values():
        assert abs(sum(nexts.values()) - 1.0) < 1e-12
    # "in the ground" ends template 3 (then ".") and continues template 5 (then "there"), each 1/5
    assert best[("in", "the", "ground")] == pytest.approx({".": 0.5, "there": 0.5})
    # the first word: "the" starts three of the five templates, "we" one, the four openers share one
    start = best[("<s>", "<s>", "<s>")]
    assert start["the"] == pytest.approx(0.6) and start["we"] == pytest.approx(0.2)
    assert start["then"] == pytest.approx(0.05)


def test_best_window_loss_by_hand():
    one = {("a", "b"): 1.0}
    assert C.best_window_loss(one, 2) == 0.0  # a single sentence: every next token is certain
    two = {("a", "b"): 0.5, ("a", "c"): 0.5}  # windows (<s> <s>)->a, (<s> a)->b or c, (a b|c)-></s>
    assert C.best_window_loss(two, 2) == pytest.approx(np.log(2) / 3)
    # a longer window never hurts; for the grammar, tau = 3 sits strictly between tau = 1 and tau = 6
    grammar = C.grammar_distribution()
    losses = [C.best_window_loss(grammar, t) for t in (1, 3, 6)]
    assert losses[0] > losses[1] > losses[2] > 0


def test_window_loss_scores_given_windows():
    two = {("a", "b"): 0.5, ("a", "c"): 0.5}
    best = C.best_window_probs(two, 2)
    assert C.window_loss(best, [("<s>", "a"), ("<s>", "<s>")], ["b", "a"]) == pytest.approx(np.log(2) / 2)
    assert C.window_loss(best, [("<s>", "a")], ["z"]) == np.inf  # never seen: probability 0
    # on the windows of both sentences, one each, it is the expected loss
    windows = [("<s>", "<s>"), ("<s>", "a"), ("a", "b"), ("<s>", "<s>"), ("<s>", "a"), ("a", "c")]
    assert C.window_loss(best, windows, ["a", "b", "</s>", "a", "c", "</s>"]) == pytest.approx(C.best_window_loss(two, 2))


def test_best_window_functions_reject_bad_input():
    with pytest.raises(TypeError, match="sentences"):
        C.best_window_probs([("a",)], 2)
    with pytest.raises(ValueError, match="probability"):
        C.best_window_loss({("a",): -1.0}, 2)
    with pytest.raises(ValueError, match="tau"):
        C.best_window_probs({("a",): 1.0}, 0)
    with pytest.raises(TypeError, match="probs"):
        C.window_loss([], [("a",)], ["b"])
    with pytest.raises(ValueError, match="equal length"):
        C.window_loss({}, [("a",)], ["b", "c"])
