"""The BPTT graph and curves draw headless and say the right things."""
import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from lecturelib.drawing import bptt as draw  # noqa: E402
from lecturelib.drawing import sampling as draw_sampling  # noqa: E402


def _ax():
    return Figure().add_subplot()


def test_full_bptt_has_one_lane_per_loss_reaching_h0():
    ax = _ax()
    out = draw.draw_bptt_graph(ax, T=4, focus=2)
    assert len(out["lanes"]) == 4 and out["cuts"] == []
    # lane s marks every state h_1 .. h_s (plus h_0): s + 1 dots
    assert [len(lane[2].get_offsets()) for lane in out["lanes"]] == [2, 3, 4, 5]
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "gradients reaching $h_{2}$: $L_{2}$, $L_{3}$, $L_{4}$" in texts
    assert len(out["nodes"]) == 1 + 4 * 4
    # every lane is labelled with the V^T it picks up between o_s and h_s
    assert [t.get_text() for t in ax.texts].count("$V^\\top$") == 4


def test_truncation_stops_lanes_at_the_window_edge():
    ax = _ax()
    out = draw.draw_bptt_graph(ax, T=6, truncation=3, focus=4)
    assert len(out["cuts"]) == 1
    # losses in the second window reach only h_4 .. h_s
    assert [len(lane[2].get_offsets()) for lane in out["lanes"]] == [2, 3, 4, 1, 2, 3]
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "gradients reaching $h_{4}$: $L_{4}$, $L_{5}$, $L_{6}$" in texts
    assert "gradient cut" in texts and "state carried" in texts
    # no W label sits on the dashed cut line
    x_cut = out["cuts"][0].get_xdata()[0]
    w_labels = [t for t in ax.texts if t.get_text() == "$W$"]
    assert len(w_labels) == 6 and all(abs(t.get_position()[0] - x_cut) > 0.05 for t in w_labels)


@pytest.mark.parametrize("kw, msg", [({"T": 0}, "T must be an int from 1 to 8"),
                                     ({"T": 3, "truncation": 0}, "truncation must be a positive int"),
                                     ({"T": 3, "focus": 4}, "focus must be an int from 1 to T=3")])
def test_bad_arguments(kw, msg):
    with pytest.raises(ValueError, match=msg):
        draw.draw_bptt_graph(_ax(), **kw)


def test_curves_and_truncation_error_plot_the_data():
    ax = _ax()
    lines = draw.draw_curves(ax, {"a": [3.0, 2.0, 1.0], "b": [1.0, 1.0, 1.0]}, ylabel="loss", hline=1.5)
    np.testing.assert_allclose(lines[0].get_ydata(), [3.0, 2.0, 1.0])
    assert ax.get_ylabel() == "loss"
    ax2 = _ax()
    lines = draw.draw_truncation_error(ax2, [1, 10], {"m": [0.5, 0.1]})
    np.testing.assert_allclose(lines[0].get_ydata(), [0.5, 0.1])
    assert ax2.get_xscale() == "log"
    assert "\\|g_k - g\\|" in ax2.get_ylabel()  # the axis states what is plotted
    with pytest.raises(ValueError, match="curves must be a non-empty dict"):
        draw.draw_curves(_ax(), {})


def test_figures_registered_and_render():
    assert set(draw.FIGURES) == {"bptt-gradient-paths.png", "bptt-truncated.png"}
    for make in draw.FIGURES.values():
        fig = make()
        assert fig.axes


def test_sampling_drawings():
    ax = _ax()
    bars = draw_sampling.draw_next_char_probs(ax, [0.1, 0.6, 0.3], "ab ", top=2, temperature=0.5)
    assert [b.get_height() for b in bars] == [0.6, 0.3]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["b", "␣"]
    assert ax.get_title() == "at temperature 0.50"  # never "T": T is the sequence length
    with pytest.raises(ValueError, match="probs must be 1-D with one entry per character"):
        draw_sampling.draw_next_char_probs(_ax(), [0.5, 0.5], "abc")
    t = draw_sampling.draw_sample_text(_ax(), "ab\ncd", width=10)
    assert t.get_text() == "ab\u00a0↵\ncd"
    # the ↵ stays on the line it ends, even where the line is wrapped
    t = draw_sampling.draw_sample_text(_ax(), "abcd efgh\nx", width=9)
    assert t.get_text() == "abcd\nefgh\u00a0↵\nx"
