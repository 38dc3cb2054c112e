"""Synthetic data streams: x_{1:tau} from a weather-station sensor and from a market price.

    temperature_t = mean + trend t + amplitude sin(2 pi (hour_t - 9) / 24) + noise_t
    log p_t       = log p_{t-1} + drift + volatility eps_t,   eps_t ~ N(0, 1)

Both draw their randomness from an ``rng`` (numpy Generator), so a seed fixes the
stream. numpy only. Source: the lecture's two motivating examples (weather, trading).
"""
from __future__ import annotations

import numpy as np

from . import _validate as v

__all__ = ["weather_sensor", "price_series"]


def weather_sensor(days, *, rng, samples_per_day=24, mean=12.0, amplitude=5.0, trend_per_day=0.05, noise=0.8):
    """Hourly (by default) temperature readings with a daily cycle, a slow trend and noise.

    Returns (time_days, temperature), both of shape (T,), T = days * samples_per_day;
    time is measured in days from the first reading. The cycle peaks at 15:00.
    """
    n_days = v.check_positive_int("days", days)
    per_day = v.check_positive_int("samples_per_day", samples_per_day)
    rng = v.check_rng(rng)
    noise = v.check_positive_float("noise", noise, allow_zero=True)
    amplitude = v.check_positive_float("amplitude", amplitude, allow_zero=True)
    time = np.arange(n_days * per_day) / per_day  # (T,) in days
    cycle = amplitude * np.sin(2 * np.pi * (time - 9.0 / 24.0))  # minimum at 03:00, maximum at 15:00
    temperature = mean + trend_per_day * time + cycle + noise * rng.standard_normal(time.shape)
    return time, temperature


def price_series(steps, *, rng, start=100.0, drift=0.0005, volatility=0.01):
    """A geometric random walk: each step multiplies the price by exp(drift + volatility eps_t).

    Returns prices p_{0:tau}, shape (steps + 1,), with p_0 = start. ``drift`` is the mean
    log-return per step, ``volatility`` its standard deviation.
    """
    tau = v.check_positive_int("steps", steps)
    rng = v.check_rng(rng)
    start = v.check_positive_float("start", start)
    volatility = v.check_positive_float("volatility", volatility, allow_zero=True)
    if isinstance(drift, bool) or not np.isscalar(drift) or not np.isfinite(drift):
        raise ValueError(f"drift must be a finite number (mean log-return per step), got {drift!r}")
    log_returns = drift + volatility * rng.standard_normal(tau)  # (tau,)
    return start * np.exp(np.concatenate([[0.0], np.cumsum(log_returns)]))
