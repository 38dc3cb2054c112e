"""Self-checks of notebook 08: the reference passes, typical mistakes get their hint, blanks are not attempted."""
import numpy as np

from lecturelib import gru, lstm
from lecturelib.checks import nb08


def test_gru_update(capsys):
    assert nb08.check_gru_update(0.75 * 0.8 + 0.25 * -0.4)
    assert "PASS" in capsys.readouterr().out
    nb08.check_gru_update(0.25 * 0.8 + 0.75 * -0.4)
    assert "OLD state" in capsys.readouterr().out
    nb08.check_gru_update(0.6)
    assert "do not drop" in capsys.readouterr().out
    nb08.check_gru_update(None)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out


def test_reset_placements(capsys):
    v = nb08.reset_values()
    before = np.tanh(v["U_n"] * v["x"] + v["W_n"] * v["r"] * v["h_prev"] + v["b_n"])
    after = np.tanh(v["U_n"] * v["x"] + v["b_n"] + v["r"] * (v["W_n"] * v["h_prev"] + v["b_hn"]))
    assert before != after
    assert nb08.check_reset_placements((before, after))
    assert "PASS" in capsys.readouterr().out
    nb08.check_reset_placements((after, before))
    assert "swapped" in capsys.readouterr().out
    nb08.check_reset_placements((before, np.tanh(0.4 + 0.1 + 0.5)))
    assert "extra bias b_hn" in capsys.readouterr().out
    nb08.check_reset_placements((before, np.tanh(0.4 + 0.1 + 0.5 + 0.3)))
    assert "inside the bracket" in capsys.readouterr().out
    nb08.check_reset_placements(None)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb08.check_reset_placements((None, None))
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out


def test_reset_values_match_the_library():
    v = nb08.reset_values()
    one = lambda a: np.array([[a]])  # noqa: E731
    p = {"U_r": one(0.0), "W_r": one(0.0), "b_r": np.array([0.0]),  # r = sigma(0) = 0.5, as in the exercise
         "U_z": one(0.0), "W_z": one(0.0), "b_z": np.array([-50.0]),  # z = 0: h_t = n
         "U_n": one(v["U_n"]), "W_n": one(v["W_n"]), "b_n": np.array([v["b_n"]])}
    x, h = np.array([v["x"]]), np.array([v["h_prev"]])
    before, _ = gru.step_forward(x, h, p)
    after, _ = gru.step_forward(x, h, {**p, "b_hn": np.array([v["b_hn"]])}, reset_after=True)
    assert np.allclose((before[0], after[0]), nb08._candidates(**v))


def test_param_counts(capsys):
    want = nb08.param_counts()
    shapes = {"lstm": lstm.param_shapes(10, 32), "gru": gru.param_shapes(10, 32),
              "gru_reset_after": gru.param_shapes(10, 32, reset_after=True)}
    assert want == {k: sum(int(np.prod(s)) for s in sh.values()) for k, sh in shapes.items()}
    assert nb08.check_param_counts(want)
    assert "PASS" in capsys.readouterr().out
    nb08.check_param_counts({**want, "gru_reset_after": want["gru"]})
    assert "b_hn" in capsys.readouterr().out
    nb08.check_param_counts({**want, "lstm": 4 * (320 + 1024)})
    assert "four blocks" in capsys.readouterr().out
    nb08.check_param_counts({**want, "gru": 5504})
    assert "three blocks" in capsys.readouterr().out
    nb08.check_param_counts({"lstm": None, "gru": None, "gru_reset_after": None})
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb08.check_param_counts([1, 2, 3])
    assert "dict" in capsys.readouterr().out
