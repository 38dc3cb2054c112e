"""Headless tests for lecturelib.drawing.window (matplotlib Agg)."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from lecturelib import figures  # noqa: E402
from lecturelib.drawing import window as dw  # noqa: E402

TOKENS = ["we", "dig", "in", "the", "ground", "there", "."]


def _ax():
    return Figure().subplots()


def test_window_sentence_highlights_the_window():
    ax = _ax()
    dw.draw_window_sentence(ax, TOKENS, 2, 3)
    texts = [t.get_text() for t in ax.texts]
    assert r"window, $\tau$ = 3" in texts and "next?" in texts
    bold = [t.get_text() for t in ax.texts if t.get_fontweight() == "bold"]
    assert bold == ["in", "the", "ground"]


def test_window_must_fit_in_the_sentence():
    with pytest.raises(ValueError, match="start must put the whole window inside the 7 tokens"):
        dw.draw_window_sentence(_ax(), TOKENS, 5, 3)
    with pytest.raises(ValueError, match="tokens must not be empty"):
        dw.draw_window_sentence(_ax(), [], 0, 3)


def test_top_predictions_colours_the_true_word():
    ax = _ax()
    bars = dw.draw_top_predictions(ax, ["there", "."], [0.6, 0.4], target=".")
    assert len(bars) == 2
    assert bars[0].get_width() == pytest.approx(0.6)
    assert bars[1].get_facecolor() != bars[0].get_facecolor()
    with pytest.raises(ValueError, match="same non-zero length"):
        dw.draw_top_predictions(ax, ["there"], [0.6, 0.4])


def test_agreement_curve_and_param_counts():
    ax = _ax()
    arts = dw.draw_agreement_curve(ax, [0, 1, 2, 3], {3: [1, 1, 1, 0.5], 6: [1, 1, 1, 1]})
    assert len(arts) == 5  # two lines, two window edges, one chance line
    np.testing.assert_allclose(arts[0].get_ydata(), [100, 100, 100, 50])
    ax2 = _ax()
    arts = dw.draw_param_counts(ax2, [1, 2, 3], [10, 20, 30], rnn_count=15)
    assert len(arts) == 2


def test_slot_blocks_share_one_colour_scale():
    fig = Figure()
    axes = fig.subplots(1, 3)
    blocks = [np.full((4, 2), 0.5), np.full((4, 2), -2.0), np.zeros((4, 2))]
    ims = dw.draw_slot_blocks(axes, blocks)
    assert all(im.get_clim() == (-2.0, 2.0) for im in ims)
    with pytest.raises(ValueError, match="one Axes per block"):
        dw.draw_slot_blocks(axes[:2], blocks)


def test_slot_transfer_bars_and_loss_curve():
    bars = dw.draw_slot_transfer(_ax(), {"seen": 1.0, "moved": 0.0}, chance=0.125)
    assert [b.get_height() for b in bars] == [100.0, 0.0]
    lines = dw.draw_loss_curve(_ax(), np.linspace(3, 1, 50), smooth=10)
    assert len(lines[1].get_ydata()) == 41


def test_slot_transfer_label_above_chance_and_axis_to_100():
    ax = _ax()
    dw.draw_slot_transfer(ax, {"seen": 1.0, "moved": 0.067}, chance=0.125)
    labels = {t.get_text(): t.get_position()[1] for t in ax.texts}
    assert labels["7%"] > 12.5  # lifted above the chance line, not drawn across it
    assert labels["100%"] == 102
    assert max(ax.get_yticks()) == 100


def test_render_slot_transfer_has_colour_bars():
    fig = Figure()
    blocks = [np.full((4, 2), v) for v in (1.0, -2.0, 0.5)]
    contrib = np.array([[0.1, -0.2, 0.0, 0.3], [1.0, 2.0, -1.0, 0.0], [3.0, 0.0, -3.0, 1.0]])
    axes = dw.render_slot_transfer(fig, {"seen": 1.0, "moved": 0.0}, blocks, contrib, chance=0.125)
    assert len(axes) == 5 and len(fig.axes) == 7  # five panels plus two colour bars
    assert axes[-1].images[0].get_clim() == (-3.0, 3.0)
    assert [t.get_text() for t in axes[-1].get_xticklabels()] == ["slot 1", "slot 2", "slot 3"]
    with pytest.raises(ValueError, match="shape"):
        dw.draw_slot_contribution(axes[-1], np.zeros(3))


def test_render_frame_and_architecture_figure():
    fig = Figure()
    ax_s, ax_p = dw.render_window_frame(fig, TOKENS, 0, 3, ["the"], [0.9], target="the", note="* unknown")
    assert "true next" in ax_p.get_title()
    assert any(t.get_text() == "* unknown" for t in ax_s.texts)
    arts = dw.draw_dnn_sequential(_ax(), TOKENS, 2, 3, dim=4, hidden=6)
    assert len(arts) > 40


def test_figure_is_registered_and_renders(tmp_path):
    assert "dnn-sequential-processing.png" in figures.collect()
    fig = dw.FIGURES["dnn-sequential-processing.png"]()
    assert isinstance(fig, Figure)
    fig.savefig(tmp_path / "f.png")
    assert (tmp_path / "f.png").stat().st_size > 10_000
