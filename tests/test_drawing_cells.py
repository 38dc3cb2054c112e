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


def _legend_labels(fig):
    return [t.get_text() for t in fig.legends[0].get_texts()]


def test_legend_lists_only_what_the_panels_draw():
    # (a) and (b) have no sigmoid gate and no pointwise circle: their legend must not list them
    fig = Figure(figsize=(11, 4.9), layout="constrained")
    cells.draw_hidden_state_types(fig, panels="ab")
    labels = _legend_labels(fig)
    assert len(labels) == 1 and labels[0].startswith("layer")
    assert not any("sigmoid" in lab or "pointwise" in lab for lab in labels)
    # the gated panels draw all three kinds, and so does the full figure
    for panels in ("cd", "abcd", "d"):
        fig = Figure(figsize=(11, 4.9), layout="constrained")
        cells.draw_hidden_state_types(fig, panels=panels)
        labels = _legend_labels(fig)
        assert [lab.split(":")[0].split(" ")[0] for lab in labels] == ["gate", "layer", "pointwise"], (panels, labels)


def test_every_legend_entry_is_drawn_in_some_panel():
    sky, orange = (matplotlib.colors.to_rgba(c) for c in (cells.SIGMOID_FACE, cells.TANH_FACE))
    for panels in ("a", "b", "ab", "c", "cd", "abcd"):
        fig = Figure(figsize=(11, 4.9), layout="constrained")
        axes = cells.draw_hidden_state_types(fig, panels=panels)
        drawn = [p for ax in (axes.flat if hasattr(axes, "flat") else axes) for p in ax.patches]
        faces = {tuple(p.get_facecolor()) for p in drawn if type(p).__name__ == "FancyBboxPatch"}
        circles = any(type(p).__name__ == "Circle" for p in drawn)
        for handle in fig.legends[0].legend_handles:
            if type(handle).__name__ == "Rectangle" and tuple(handle.get_facecolor()) in (sky, orange):
                assert tuple(handle.get_facecolor()) in faces, (panels, handle.get_label())
        labels = _legend_labels(fig)
        assert ("pointwise" in " ".join(labels)) == circles, panels
        assert ("sigmoid" in " ".join(labels)) == (sky in faces), panels


def test_legend_names_phi_only_with_the_dnn_panel():
    # phi is the DNN's activation, drawn only in panel (a): a legend without (a) must not mention it
    for panels in ("a", "ab", "abcd", "b", "cd", "d"):
        fig = Figure(figsize=(11, 4.9), layout="constrained")
        cells.draw_hidden_state_types(fig, panels=panels)
        layer = [lab for lab in _legend_labels(fig) if lab.startswith("layer")]
        assert len(layer) == 1, (panels, layer)
        assert ("phi" in layer[0]) == ("a" in panels), (panels, layer[0])
        assert "tanh" in layer[0]
