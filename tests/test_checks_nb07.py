"""Self-checks of notebook 07: the reference passes, typical mistakes get their hint, blanks are not attempted."""
import numpy as np

from lecturelib.checks import nb07


def test_cell_step(capsys):
    v = nb07.step_values()
    c = v["f"] * v["c_prev"] + v["i"] * v["g"]
    assert c == 0.6 or abs(c - 0.6) < 1e-12
    assert nb07.check_cell_step((c, v["o"] * np.tanh(c)))
    assert "PASS" in capsys.readouterr().out
    assert nb07.check_cell_step([c, v["o"] * np.tanh(c)])
    capsys.readouterr()
    assert not nb07.check_cell_step((c, v["o"] * c))
    assert "passes through tanh" in capsys.readouterr().out
    nb07.check_cell_step((v["f"] + v["g"], v["o"] * np.tanh(v["f"] + v["g"])))
    assert "scaled by the input gate" in capsys.readouterr().out
    nb07.check_cell_step((v["i"] + v["f"] * v["g"], v["o"] * np.tanh(v["i"] + v["f"] * v["g"])))
    assert "f scales the old cell" in capsys.readouterr().out
    nb07.check_cell_step((1.0, 2.0))
    assert "NOT YET" in capsys.readouterr().out
    nb07.check_cell_step(None)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb07.check_cell_step((None, None))
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out


def test_perfect_memory(capsys):
    assert nb07.check_perfect_memory({"f": 1, "i": 0})
    assert "PASS" in capsys.readouterr().out
    nb07.check_perfect_memory({"f": 0, "i": 1})
    assert "erases" in capsys.readouterr().out
    nb07.check_perfect_memory({"f": 1, "i": 1})
    assert "i * g is added" in capsys.readouterr().out
    nb07.check_perfect_memory({"f": 0.9, "i": 0})
    assert "f^50" in capsys.readouterr().out
    nb07.check_perfect_memory({"f": None, "i": None})
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    nb07.check_perfect_memory({"forget": 1})
    assert "dict" in capsys.readouterr().out
    nb07.check_perfect_memory({"f": "yes", "i": 0})
    assert "number" in capsys.readouterr().out


def test_param_count(capsys):
    assert nb07.lstm_param_count() == 5504
    assert nb07.check_param_count(5504)
    assert "PASS" in capsys.readouterr().out
    nb07.check_param_count(5376)
    assert "bias" in capsys.readouterr().out
    nb07.check_param_count(1376)
    assert "four" in capsys.readouterr().out
    nb07.check_param_count(4128)
    assert "GRU" in capsys.readouterr().out
    nb07.check_param_count(None)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
