"""Shared look: the Okabe-Ito colour-blind-safe palette and small helpers."""
from __future__ import annotations

# Okabe & Ito (2008), "Color Universal Design": distinguishable under the common colour-vision deficiencies.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
CYCLE = [OKABE_ITO[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky", "yellow", "black")]

# Diverging map for signed values such as hidden states in [-1, 1] (readable in grey and for CVD).
DIVERGING_CMAP = "PuOr_r"
# Sequential map for magnitudes and probabilities.
SEQUENTIAL_CMAP = "viridis"

FONT_SIZE = 11


def apply(rc=None):
    """Apply the series' matplotlib defaults (colour cycle, font size, PNG output)."""
    import matplotlib as mpl
    from cycler import cycler

    mpl.rcParams.update(
        {
            "axes.prop_cycle": cycler(color=CYCLE),
            "font.size": FONT_SIZE,
            "figure.dpi": 100,
            "savefig.dpi": 150,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "image.cmap": SEQUENTIAL_CMAP,
        }
    )
    if rc:
        mpl.rcParams.update(rc)
