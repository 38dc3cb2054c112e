"""The four hidden-state panels draw headless and carry the right labels."""
import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402

from lecturelib import figures  # noqa: E402
from lecturelib.drawing import cells  # noqa: E402


def _texts(ax):
    return " ".join(t.get_text() for t in ax.texts) + " " + ax.get_title(loc="left")


def test_each_panel_draws_its_equation_and_parts():
    expect = {
        cells.draw_dnn_cell: ["(a) DNN", r"\phi(U x + b)"],
        cells.draw_rnn_cell: ["(b) simple RNN", r"\tanh(W h_{t-1} + U x_t + b)", "$h_{t-1}$"],
        cells.draw_lstm_cell: ["(c) LSTM", "$f$", "$i$", "$g$", "$o$", "c_t = f \\odot c_{t-1} + i \\odot g",
                               "additive path"],
        cells.draw_gru_cell: ["(d) GRU", "$r$", "$z$", "$n$", "h_t = (1-z) \\odot n + z \\odot h_{t-1}"],
    }
    for draw, needles in expect.items():
        ax = Figure().add_subplot()
        arts = draw(ax)
        assert len(arts) > 5
        text = _texts(ax)
        for needle in needles:
            assert needle in text, (draw.__name__, needle)


def test_gate_counts():
    # the LSTM has three sigmoid gates and one tanh candidate; the GRU two gates and one candidate
    for draw, n_sigmoid in ((cells.draw_lstm_cell, 3), (cells.draw_gru_cell, 2)):
        ax = Figure().add_subplot()
        draw(ax)
        faces = [p.get_facecolor() for p in ax.patches if type(p).__name__ == "FancyBboxPatch"]
        sky = matplotlib.colors.to_rgba(cells.SIGMOID_FACE)
        assert sum(tuple(f) == sky for f in faces) == n_sigmoid


def test_figure_is_registered_and_renders(tmp_path):
    assert "hidden-state-types.png" in figures.collect()
    fig = cells.make_hidden_state_types()
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert titles == ["(a) DNN", "(b) simple RNN", "(c) LSTM", "(d) GRU"]
    out = tmp_path / "h.png"
    fig.savefig(out)
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_panels_subset_in_one_row():
    fig = Figure(figsize=(11, 4.9), layout="constrained")
    axes = cells.draw_hidden_state_types(fig, panels="cd")
    assert [ax.get_title(loc="left") for ax in axes] == ["(c) LSTM", "(d) GRU"]
    assert len(fig.axes) == 2
    fig = Figure()
    assert cells.draw_hidden_state_types(fig).shape == (2, 2)  # the default keeps the 2 x 2 grid


def test_panels_bad_value():
    import pytest

    for bad in ("", "ae", "aa", 3):
        with pytest.raises(ValueError, match="panels must be"):
            cells.draw_hidden_state_types(Figure(), panels=bad)
