"""Frame cache and blitting of LiveFigure: replays are free and identical, parameter moves are not stale.

No timings are asserted here (machines differ): ``tools/bench.py`` prints them.
"""
import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402

from lecturelib import charlm, seqclass  # noqa: E402
from lecturelib.widgets import (gru_gate_player, lstm_gate_player, rotation_explorer,  # noqa: E402
                                spectral_radius_explorer, temperature_sampler)
from lecturelib.widgets._timing import floor_figure, frame_times  # noqa: E402


def _lstm_box(**kw):
    rng = np.random.default_rng(0)
    model = seqclass.init_model("lstm", 1, 4, 2, rng=rng)
    x = rng.normal(size=(6, 1))
    x[0, 0] = 1.0
    return lstm_gate_player(x, model, **kw)


def test_replaying_a_play_sequence_returns_the_same_bytes_without_drawing():
    box = _lstm_box(first_input_toggle=True)
    first = []
    for t in range(1, 7):
        box.slider.value = t
        first.append(box.live.png)
    renders = box.live.renders
    again = []
    for t in range(1, 7):
        box.slider.value = t
        again.append(box.live.png)
    assert again == first
    assert box.live.renders == renders and box.live.hits >= 6
    assert len(set(first)) == 6  # every step its own picture


def test_the_toggle_is_part_of_the_cached_state():
    box = _lstm_box(first_input_toggle=True)
    box.slider.value = 4
    given = box.live.png
    box.first_input.value = 1
    negated = box.live.png
    assert negated != given
    box.first_input.value = 0
    assert box.live.png == given


def test_a_blitted_frame_equals_the_frame_drawn_in_full():
    # the first frame is drawn in full (background + moving artists); a frame moved away
    # and back, with the cache emptied, is blitted: the same bytes
    gru_model = seqclass.init_model("gru", 1, 3, 2, rng=np.random.default_rng(1))
    for make in (_lstm_box, lambda: gru_gate_player(np.linspace(-1, 1, 5)[:, None], gru_model)):
        box = make()
        first = box.live.png
        box.live.clear_cache()
        box.slider.value = 3
        box.live.clear_cache()
        box.slider.value = 1
        assert box.live.png == first


def test_moving_a_parameter_invalidates_the_cache():
    box = rotation_explorer(steps=20)
    rho = box.rho.value
    box.slider.value = 5
    at_5, renders = box.live.png, box.live.renders
    box.rho.value = 0.85  # another system at the same step: drawn, not the old run's frame
    assert box.live.renders == renders + 1 and box.live.png != at_5
    new_5 = box.live.png
    box.slider.value = 4
    box.slider.value = 5
    assert box.live.png == new_5
    box.rho.value = rho  # the old system again, drawn anew: the same picture as before
    assert box.live.png == at_5


def test_spectral_curves_toggle_and_radius_replay():
    box = spectral_radius_explorer(rng=np.random.default_rng(0), hidden_size=8, T=10, n_examples=2)
    first = box.live.png
    box.curves.value = ("linear",)
    only_linear = box.live.png
    assert only_linear != first
    box.slider.value = 1.5
    box.curves.value = ("linear", "tanh")
    box.slider.value = 1.0
    assert box.live.png == first
    box.live.clear_cache()
    box.slider.value = 1.5
    box.slider.value = 1.0  # blitted again, not from the cache
    assert box.live.png == first


def test_temperature_sampler_replays_the_text_with_the_picture():
    vocab = charlm.CharVocab.from_text("the ground there.\n")
    params = charlm.init_params(vocab.size, 8, rng=np.random.default_rng(0))
    box = temperature_sampler(params, vocab, prompt="the ", n_chars=30, seed=1, temperature=1.0)
    first_png, first_text = box.live.png, box.text
    box.slider.value = 0.3
    assert box.text != first_text or box.live.png != first_png
    box.slider.value = 1.0
    assert (box.live.png, box.text) == (first_png, first_text)
    assert box.live.hits == 1


def test_frame_times_reports_frames_floor_and_replays():
    box = _lstm_box()
    floor = floor_figure()
    assert floor.png[:4] == b"\x89PNG"
    assert not floor.fig.get_layout_engine().adjust_compatible  # the layout was solved once, then fixed
    r = frame_times(box, floor, per_control=3)
    assert r["controls"] == ["slider"]
    assert len(r["frames"]) == len(r["floor"]) == len(r["replay"]) == 3
    assert all(ms > 0 for ms in r["frames"] + r["floor"])


def _blitted_frames_match_full_draws(box, moves):
    """Every move blitted on the saved background must give the bytes of a frame drawn in full."""
    for control, value in moves:
        box.live.clear_cache()
        control.value = value
        blitted = box.live.png
        assert box.live.redraw_in_full() == blitted, f"{control.description} = {value!r}"


def test_blitting_matches_full_draws_in_every_moved_widget():
    import ipywidgets  # noqa: F401
    from lecturelib import corpus as C, losses, rnn, window as W
    from lecturelib.widgets import (first_input_gradient_explorer, logistic_explorer, rnn_stepper,
                                    sentence_pair_stepper, sequence_demo, unrolled_explorer, window_slider)

    rng = np.random.default_rng(0)
    box = sequence_demo(tau=12)
    _blitted_frames_match_full_draws(box, [(box.slider, 5), (box.omega, 0.8), (box.slider, 12)])
    box = logistic_explorer(steps=20)
    _blitted_frames_match_full_draws(box, [(box.slider, 7), (box.r, 3.7), (box.slider, 2)])
    box = rotation_explorer()  # rho moves change the round range (the ticks' layer), omega moves keep it
    _blitted_frames_match_full_draws(box, [(box.rho, 1.0), (box.slider, 30), (box.rho, 0.8), (box.omega, 0.5),
                                           (box.rho, 1.0), (box.slider, 80)])
    box = unrolled_explorer(rng.normal(size=12), rnn.init_params(1, 3, rng=rng))
    _blitted_frames_match_full_draws(box, [(box.slider, 3), (box.slider, 11), (box.scale, 0.5), (box.slider, 0)])
    params, out = rnn.init_params(5, 3, rng=rng), losses.init_output_params(3, 2, rng=rng)
    x = np.eye(5)[[0, 1, 2, 3]]
    box = rnn_stepper(x, list("abcd"), params, out, ["yes", "no"], mark_last=True)
    _blitted_frames_match_full_draws(box, [(box.slider, 2), (box.slider, 1)])
    box = sentence_pair_stepper(np.eye(5)[[[0, 1, 2], [0, 3, 2], [4, 1, 2]]], [list("abc"), list("adc"), list("ebc")],
                                params, out, ["yes", "no"])
    _blitted_frames_match_full_draws(box, [(box.slider, 2), (box.second, 2), (box.first, 1), (box.slider, 1),
                                           (box.second, 1), (box.second, 2)])  # a pair seen before: its kept layer
    sents = C.grammar_corpus(40, rng=np.random.default_rng(0))
    vocab = C.Vocab.build(sents)
    box = window_slider(W.init_params(len(vocab), 3, 4, 6, rng=np.random.default_rng(0)), vocab,
                        "the farmer plants the seeds in the ground there .")
    _blitted_frames_match_full_draws(box, [(box.slider, 1), (box.slider, 4), (box.slider, 7), (box.slider, 0)])
    box = first_input_gradient_explorer(rng=np.random.default_rng(0), max_T=8, hidden_size=4, n=8)
    _blitted_frames_match_full_draws(box, [(box.slider, 3), (box.keep, 0.0), (box.slider, 8)])


def test_mathtext_is_parsed_once_per_figure_and_string():
    from lecturelib import rnn
    from lecturelib.widgets import unrolled_explorer
    from lecturelib.widgets._base import _MathTextCache

    rng = np.random.default_rng(0)
    box = unrolled_explorer(rng.normal(size=12), rnn.init_params(1, 3, rng=rng))
    parser = box.live.canvas.get_renderer().mathtext_parser
    assert isinstance(parser, _MathTextCache)  # the figure's own cache, not matplotlib's shared one
    parsed = len(parser._parses)
    assert parsed > 2 * 12  # every step's labels and titles were parsed when the widget was made
    for t in range(13):
        box.slider.value = t
    assert len(parser._parses) == parsed  # so no step parsed anything new
