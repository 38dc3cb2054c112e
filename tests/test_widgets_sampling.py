"""The temperature slider: redraws on change, same seed at every temperature."""
import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from lecturelib import charlm  # noqa: E402
from lecturelib.widgets import render_sampling, temperature_sampler  # noqa: E402


@pytest.fixture
def model():
    vocab = charlm.CharVocab.from_text("the ground there.\n")
    return charlm.init_params(vocab.size, 8, rng=np.random.default_rng(0)), vocab


def test_slider_redraws_with_a_new_temperature(model):
    params, vocab = model
    box = temperature_sampler(params, vocab, prompt="the ", n_chars=40, seed=3, temperature=1.0)
    assert box.live.renders == 1 and box.live.png[:4] == b"\x89PNG"
    first_png, first_text = box.live.png, box.text
    assert first_text == charlm.sample(params, vocab, 40, rng=np.random.default_rng(3), prompt="the ")
    box.slider.value = 0.2
    assert box.live.renders == 2 and box.live.png != first_png
    assert box.text == charlm.sample(params, vocab, 40, rng=np.random.default_rng(3), prompt="the ", temperature=0.2)
    assert box.slider.continuous_update is False
    assert box.slider.description == "temperature"  # not "T", the sequence length


def test_render_sampling_draws_bars_and_text(model):
    params, vocab = model
    fig = Figure()
    text = render_sampling(fig, params, vocab, prompt="th", temperature=0.5, n_chars=20, seed=0)
    ax_p, ax_t = fig.axes
    assert len(ax_p.patches) == min(12, vocab.size)
    heights = [p.get_height() for p in ax_p.patches]
    assert heights == sorted(heights, reverse=True)
    probs = charlm.next_char_probs(params, vocab, "th", temperature=0.5)
    assert heights[0] == pytest.approx(probs.max())
    assert ax_t.texts[0].get_text().startswith("th" + text[:5].split("\n")[0])


def test_bad_arguments_are_named(model):
    params, vocab = model
    with pytest.raises(ValueError, match="temperature must be a finite number > 0"):
        temperature_sampler(params, vocab, temperature=0.0)
    with pytest.raises(ValueError, match=r"temperature must lie in \[t_min, t_max\]"):
        temperature_sampler(params, vocab, temperature=3.0)
    with pytest.raises(ValueError, match="prompt contains characters not in the vocabulary"):
        temperature_sampler(params, vocab, prompt="xyz")
    with pytest.raises(ValueError, match="seed must be a non-negative int"):
        temperature_sampler(params, vocab, seed=-1)


def test_the_widget_samples_exactly_as_charlm(model):
    # the widget's sampler reads the prompt once and skips the per-character checks: same numbers, same text
    from lecturelib.widgets.sampling import _Sampler

    params, vocab = model
    for prompt in ("t", "the ", "there.\n"):
        sampler = _Sampler(params, vocab, prompt)
        for temperature in (1e-4, 0.1, 0.35, 0.7, 1.0, 1.45, 2.0, 7.0):
            probs = charlm.next_char_probs(params, vocab, prompt, temperature=temperature)
            assert np.array_equal(sampler.probs(temperature), probs)
            for seed in (0, 3):
                assert sampler.sample(60, seed, temperature) == charlm.sample(
                    params, vocab, 60, rng=np.random.default_rng(seed), prompt=prompt, temperature=temperature)
