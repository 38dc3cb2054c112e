import numpy as np
import pytest

from lecturelib import streams


def test_weather_shapes_and_daily_cycle():
    time, temp = streams.weather_sensor(3, rng=np.random.default_rng(0), noise=0.0, trend_per_day=0.0)
    assert time.shape == temp.shape == (72,)
    assert time[24] == pytest.approx(1.0)
    assert int(np.argmax(temp[:24])) == 15 and int(np.argmin(temp[:24])) == 3
    np.testing.assert_allclose(temp[:24], temp[24:48])  # no trend, no noise: every day the same
    assert temp.mean() == pytest.approx(12.0)


def test_weather_trend_and_determinism():
    _, a = streams.weather_sensor(10, rng=np.random.default_rng(5), noise=0.0, trend_per_day=1.0)
    assert a[24 * 9:].mean() - a[:24].mean() == pytest.approx(9.0)
    _, b = streams.weather_sensor(4, rng=np.random.default_rng(7))
    _, c = streams.weather_sensor(4, rng=np.random.default_rng(7))
    _, e = streams.weather_sensor(4, rng=np.random.default_rng(8))
    np.testing.assert_array_equal(b, c)
    assert not np.allclose(b, e)


def test_price_series_shape_start_and_drift():
    p = streams.price_series(50, rng=np.random.default_rng(0), start=100.0)
    assert p.shape == (51,) and p[0] == 100.0 and np.all(p > 0)
    flat = streams.price_series(10, rng=np.random.default_rng(0), drift=0.01, volatility=0.0)
    np.testing.assert_allclose(flat, 100.0 * np.exp(0.01 * np.arange(11)))
    r = np.diff(np.log(streams.price_series(20000, rng=np.random.default_rng(1), drift=0.0, volatility=0.02)))
    assert r.std() == pytest.approx(0.02, rel=0.03)


def test_price_series_deterministic_under_seed():
    a = streams.price_series(30, rng=np.random.default_rng(4))
    b = streams.price_series(30, rng=np.random.default_rng(4))
    np.testing.assert_array_equal(a, b)


def test_stream_bad_inputs():
    with pytest.raises(TypeError, match="rng"):
        streams.weather_sensor(2, rng=None)
    with pytest.raises(ValueError, match="days must be a positive int"):
        streams.weather_sensor(0, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="volatility"):
        streams.price_series(5, rng=np.random.default_rng(0), volatility=-1.0)
    with pytest.raises(ValueError, match="drift"):
        streams.price_series(5, rng=np.random.default_rng(0), drift=float("nan"))
