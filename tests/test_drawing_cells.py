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



# --- panel (d): what the candidate n reads ------------------------------------------------------------
# The drawing as a circuit: polylines are undirected wires, arrows carry their value only towards their
# head. Two wires join where an end of one lies on the other (a T, or end to end); wires that merely cross
# (the hop of the z wire) do not join. A value stops at a box or a pointwise circle.

_TOL = 0.06


def _wires(ax):
    """[(kind, points)]: every Line2D as a polyline ("line"), every arrow as (tail, head) ("arrow")."""
    from matplotlib.patches import FancyArrowPatch

    wires = [("line", list(zip(line.get_xdata(), line.get_ydata()))) for line in ax.lines]
    wires += [("arrow", [tuple(map(float, p)) for p in a._posA_posB])
              for a in ax.patches if isinstance(a, FancyArrowPatch)]
    return wires


def _near(p, q):
    return abs(p[0] - q[0]) < _TOL and abs(p[1] - q[1]) < _TOL


def _on_wire(p, points):
    from itertools import pairwise

    import numpy as np

    p = np.asarray(p, float)
    for a, b in pairwise(points):
        a, b = np.asarray(a, float), np.asarray(b, float)
        s = np.clip(np.dot(p - a, b - a) / max(np.dot(b - a, b - a), 1e-12), 0, 1)
        if np.hypot(*(p - (a + s * (b - a)))) < _TOL:
            return True
    return False


def _flows(src, dst):
    """Can a value on wire ``src`` pass into wire ``dst``?"""
    (ks, ps), (kd, pd) = src, dst
    contacts = [p for p in (ps[0], ps[-1]) if _on_wire(p, pd)] + [p for p in (pd[0], pd[-1]) if _on_wire(p, ps)]
    for p in contacts:
        leaves = ks == "line" or _near(p, ps[-1])  # an arrow hands its value on at its head only
        enters = kd == "line" or not _near(p, pd[-1])  # and takes none in at its head
        if leaves and enters:
            return True
    return False


def _reach(wires, start):
    seen, todo = {start}, [start]
    while todo:
        i = todo.pop()
        for j in range(len(wires)):
            if j not in seen and _flows(wires[i], wires[j]):
                seen.add(j)
                todo.append(j)
    return seen


def _start_at(wires, xy):
    """The wire with an end closest to a source label."""
    import math

    dist = [min(math.hypot(x - xy[0], y - xy[1]) for x, y in (pts[0], pts[-1])) for _, pts in wires]
    i = min(range(len(wires)), key=dist.__getitem__)
    assert dist[i] < 0.8, "no wire starts at the label"
    return i


def _in_box(p, box, pad=0.1):
    return (box.get_x() - pad <= p[0] <= box.get_x() + box.get_width() + pad
            and box.get_y() - pad <= p[1] <= box.get_y() + box.get_height() + pad)


def _on_circle(p, circle):
    import math

    return abs(math.hypot(p[0] - circle.center[0], p[1] - circle.center[1]) - circle.radius) < 0.1


def _gru_parts(ax):
    """The z, r, n boxes by their letter, the product circles, and where the source labels sit."""
    from matplotlib.patches import Circle, FancyBboxPatch

    boxes = {}
    for t in ax.texts:
        for letter in "zrn":
            if t.get_text().endswith(f"\n${letter}$"):
                boxes[letter] = next(p for p in ax.patches if isinstance(p, FancyBboxPatch)
                                     and _in_box(t.get_position(), p, pad=0))
    products = [p for p in ax.patches if isinstance(p, Circle)
                and any(t.get_text() == r"$\times$" and t.get_position() == tuple(p.center) for t in ax.texts)]
    labels = {t.get_text(): t.get_position() for t in ax.texts if t.get_text() in ("$h_{t-1}$", "$x_t$")}
    return boxes, products, labels


def _arrows_into(wires, reached, test):
    return [i for i in reached if wires[i][0] == "arrow" and test(wires[i][1][-1])]


def test_gru_candidate_reads_reset_h_and_x_directly():
    # n = tanh(U_n x_t + W_n (r * h_{t-1}) + b_n) (Cho et al.): h_{t-1} reaches n only through a product node
    # fed by r; x_t reaches n directly; z and r read both h_{t-1} and x_t. The old drawing fed n from the
    # bus that carries h_{t-1} and drew r -> n with no product node: both asserts on n below failed.
    ax = Figure().add_subplot()
    cells.draw_gru_cell(ax)
    boxes, products, labels = _gru_parts(ax)
    assert set(boxes) == set("zrn")
    wires = _wires(ax)
    from_h = _reach(wires, _start_at(wires, labels["$h_{t-1}$"]))
    from_x = _reach(wires, _start_at(wires, labels["$x_t$"]))
    for gate in "zr":
        assert _arrows_into(wires, from_h, lambda p, g=gate: _in_box(p, boxes[g])), gate
        assert _arrows_into(wires, from_x, lambda p, g=gate: _in_box(p, boxes[g])), gate
    assert not _arrows_into(wires, from_h, lambda p: _in_box(p, boxes["n"])), "un-reset h_{t-1} feeds n"
    assert _arrows_into(wires, from_x, lambda p: _in_box(p, boxes["n"])), "x_t must feed n directly"

    # the reset node: one product circle between the r and n boxes, fed by h_{t-1} and by r, feeding n
    r_right, n_left = boxes["r"].get_x() + boxes["r"].get_width(), boxes["n"].get_x()
    resets = [c for c in products if r_right < c.center[0] < n_left
              and boxes["r"].get_y() < c.center[1] < boxes["r"].get_y() + boxes["r"].get_height()]
    assert len(resets) == 1, "one product node between the r and n boxes"
    reset = resets[0]
    assert _arrows_into(wires, from_h, lambda p: _on_circle(p, reset)), "h_{t-1} must reach the reset node"
    from_r = set().union(*(_reach(wires, i) for i, (_, pts) in enumerate(wires) if _in_box(pts[0], boxes["r"])))
    assert _arrows_into(wires, from_r, lambda p: _on_circle(p, reset)), "r must reach the reset node"
    from_reset = set().union(*(_reach(wires, i) for i, (_, pts) in enumerate(wires) if _on_circle(pts[0], reset)))
    assert _arrows_into(wires, from_reset, lambda p: _in_box(p, boxes["n"])), "the product must feed n"

    # and n reads nothing else: every arrow into its box carries either x_t or r * h_{t-1}
    into_n = [i for i, (kind, pts) in enumerate(wires) if kind == "arrow" and _in_box(pts[-1], boxes["n"])]
    assert len(into_n) == 2 and set(into_n) <= (from_x | from_reset) and not set(into_n) & from_h


def test_gru_panel_labels_do_not_overlap():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    for panels in (None, "cd", "abcd"):
        fig = Figure(figsize=(5.5, 4.6) if panels is None else (11, 9.2 if panels == "abcd" else 4.9),
                     layout="constrained")
        if panels is None:
            ax = fig.add_subplot()
            cells.draw_gru_cell(ax)
        else:
            ax = cells.draw_hidden_state_types(fig, panels=panels).flat[-1]
        renderer = FigureCanvasAgg(fig).get_renderer()
        fig.draw(renderer)
        extents = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts if t.get_text().strip()]
        for i, (a, ea) in enumerate(extents):
            for b, eb in extents[i + 1:]:
                assert not ea.overlaps(eb), (panels, a, b)


def test_gru_copy_path_colour_only_on_the_state_line():
    # panel (d)'s state colour marks the copy path z * h_{t-1} -> h_t ("keep"), which runs along the state line.
    # The branch from h_{t-1} down to the reset node feeds the candidate, not the copy path: once drawn in the
    # state colour, it is now an ordinary wire, so no wire of that colour leaves the state line.
    from matplotlib.colors import same_color
    from matplotlib.patches import FancyArrowPatch

    ax = Figure().add_subplot()
    cells.draw_gru_cell(ax)
    coloured = [line.get_ydata() for line in ax.lines if same_color(line.get_color(), cells.STATE_PATH)]
    coloured += [[p[1] for p in a._posA_posB] for a in ax.patches
                 if isinstance(a, FancyArrowPatch) and same_color(a.get_edgecolor(), cells.STATE_PATH)]
    assert len(coloured) >= 3  # the state line is drawn, in pieces
    state_y = coloured[0][0]
    assert all(y == state_y for ys in coloured for y in ys), coloured
    _, products, _ = _gru_parts(ax)
    reset = min(products, key=lambda c: c.center[1])  # the reset node: the lowest product circle
    into_reset = [a for a in ax.patches if isinstance(a, FancyArrowPatch)
                  and _on_circle(a._posA_posB[1], reset) and a._posA_posB[0][1] == state_y]
    assert len(into_reset) == 1 and not same_color(into_reset[0].get_edgecolor(), cells.STATE_PATH)
