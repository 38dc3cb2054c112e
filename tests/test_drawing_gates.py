"""lecturelib.drawing.gates: strips show steps 1..t only, frame column t, update without a new layout."""
import matplotlib

matplotlib.use("Agg")
import numpy as np
import pytest
from matplotlib.figure import Figure

from lecturelib.drawing import gates, style


def test_strip_masks_future_steps_and_frames_current():
    vals = np.linspace(0, 1, 12).reshape(4, 3)  # T = 4 steps, H = 3 units
    ax = Figure().add_subplot()
    strip = gates.draw_gate_strip(ax, vals, gates.StripSpec.gate("f"), 2)
    img = strip["image"].get_array()
    assert img.shape == (3, 4)  # units as rows, steps as columns
    assert not img.mask[:, :2].any() and img.mask[:, 2:].all()
    assert np.allclose(img[:, 1], vals[1])
    assert strip["frame"].get_x() == pytest.approx(1.5)  # column of step 2
    assert strip["image"].get_clim() == (0.0, 1.0)


def test_signed_spec_is_symmetric_and_covers_values():
    spec = gates.StripSpec.signed("c", np.array([[-3.0, 0.5]]))
    assert (spec.vmin, spec.vmax, spec.cmap) == (-3.0, 3.0, style.DIVERGING_CMAP)
    assert gates.StripSpec.signed("g").vmax == 1.0


def test_frame_update_moves_every_strip():
    T, H = 6, 2
    strips = {"a": np.full((T, H), 0.2), "b": np.full((T, H), -0.5)}
    specs = {"a": gates.StripSpec.gate("a"), "b": gates.StripSpec.signed("b")}
    fig = Figure(layout="constrained")
    frame = gates.draw_gate_strips(fig, strips, specs, 1, x=np.arange(T), title="t = {t}")
    assert len(frame["strips"]) == 4  # x above both columns + two strips
    assert frame["title"].get_text() == "t = 1"
    gates.update_gate_strips(frame, 5)
    assert frame["t"] == 5 and frame["title"].get_text() == "t = 5"
    for s in frame["strips"]:
        assert s["frame"].get_x() == pytest.approx(4.5)
        assert (~s["image"].get_array().mask).sum(axis=1).tolist() == [5] * s["values"].shape[1]


def test_bad_input():
    ax = Figure().add_subplot()
    with pytest.raises(ValueError, match="t must be"):
        gates.draw_gate_strip(ax, np.zeros((3, 2)), gates.StripSpec.gate("f"), 4)
    with pytest.raises(ValueError, match="values"):
        gates.draw_gate_strip(ax, np.zeros(3), gates.StripSpec.gate("f"), 1)
    with pytest.raises(ValueError, match="vmax"):
        gates.StripSpec("f", 1.0, 0.0, "viridis")
    with pytest.raises(ValueError, match="specs"):
        gates.draw_gate_strips(Figure(), {"a": np.zeros((3, 2))}, {}, 1)
    with pytest.raises(ValueError, match="same number of steps"):
        gates.draw_gate_strips(Figure(), {"a": np.zeros((3, 2)), "b": np.zeros((4, 2))},
                               {"a": gates.StripSpec.gate("a"), "b": gates.StripSpec.gate("b")}, 1)
    with pytest.raises(TypeError, match="ax"):
        gates.draw_gate_strip("ax", np.zeros((3, 2)), gates.StripSpec.gate("f"), 1)
    with pytest.raises(ValueError, match="frame"):
        gates.update_gate_strips({}, 1)


def test_set_values_swaps_data_and_keeps_the_colour_ranges():
    T, H = 5, 3
    a = {"f": np.full((T, H), 0.2), "c": np.linspace(-2, 2, T * H).reshape(T, H)}
    b = {"f": np.full((T, H), 0.9), "c": -a["c"]}
    specs = {"f": gates.StripSpec.gate("f"), "c": gates.StripSpec.signed("c", a["c"])}
    fig = Figure()
    frame = gates.draw_gate_strips(fig, a, specs, 3, x=np.ones(T), ncols=2)
    assert frame["names"] == [None, None, "f", "c"]  # x above each of the two columns, then the strips
    gates.set_gate_strip_values(frame, b, x=-np.ones(T))
    gates.update_gate_strips(frame, 4)
    shown = dict(zip(frame["names"], frame["strips"]))
    img = shown["c"]["image"].get_array()
    assert np.allclose(img[:, :4], b["c"][:4].T) and img.mask[:, 4:].all()
    assert np.allclose(shown["f"]["image"].get_array()[:, 0], 0.9)
    assert shown["c"]["image"].get_clim() == (-2.0, 2.0)
    assert np.allclose(shown[None]["values"], -1.0)


def test_set_values_bad_input():
    T, H = 4, 2
    vals = {"f": np.full((T, H), 0.5)}
    frame = gates.draw_gate_strips(Figure(), vals, {"f": gates.StripSpec.gate("f")}, 1, x=np.ones(T))
    with pytest.raises(ValueError, match="x is required"):
        gates.set_gate_strip_values(frame, vals)
    with pytest.raises(ValueError, match="no entry for 'f'"):
        gates.set_gate_strip_values(frame, {"g": vals["f"]}, x=np.ones(T))
    with pytest.raises(ValueError, match=r"strips\['f'\] must have shape \(4, 2\)"):
        gates.set_gate_strip_values(frame, {"f": np.zeros((3, 2))}, x=np.ones(T))
    with pytest.raises(TypeError, match="strips"):
        gates.set_gate_strip_values(frame, [vals["f"]], x=np.ones(T))
    with pytest.raises(ValueError, match="frame"):
        gates.set_gate_strip_values({"strips": []}, vals)
    assert np.allclose(frame["strips"][-1]["values"], 0.5)  # a failed call changes nothing
