"""Wiring shared by the widgets: a figure shown as a PNG image, and Play + slider controls.

A widget keeps one matplotlib ``Figure`` (not pyplot, so nothing is displayed twice),
redraws it on every change and puts the PNG bytes into an ``ipywidgets.Image``. That
works the same in JupyterLab, under nbval and in headless tests (``live.png`` holds the
bytes of the last frame, ``live.renders`` counts frames).

Two ways to redraw:
- ``LiveFigure(render)``: every frame clears the figure and calls ``render(fig, **state)``;
  simple, and fine for light figures.
- ``LiveFigure(render, move=move)``: the first frame calls ``render(fig, **state)``, which
  returns a handle (e.g. a dict of artists); the layout is then solved once and frozen,
  and later frames only call ``move(handle, **state)`` to change data. Use this when a
  frame has many axes or labels: re-laying out text is most of a redraw's cost.
- ``LiveFigure(render, move=move, animated=animated)``: as above, and ``animated(handle)``
  lists the artists that ``move`` changes. Everything else (axes, ticks, labels, colour
  bars) is drawn once into a background; a frame restores that background and draws only
  the listed artists (blitting), in their z-order. List also the static artists that must
  stay on top of a moving one (e.g. the spines around an image). The background is drawn
  again by itself when an axis range changes, or when ``invalidate_background()`` is called.
  Two refinements: ``semistatic(handle) -> (key, artists)`` names artists that change only
  with ``key`` (tick labels naming the chosen sentences): they go into a second background,
  drawn again only when the key changes (the last few such backgrounds are kept, so going
  back to a key costs nothing).
  ``watch_limits=False`` stops the background from being drawn again when an axis range
  changes: for a figure whose axes (``ax.xaxis``, ``ax.yaxis``) and everything else that
  depends on a range are semistatic or animated, with the ranges in the semistatic key.

Mathtext (``$h_{3}$``) is parsed once per string and figure: the figure's renderer keeps the
last 1024 parses (matplotlib's own cache, shared by every figure, holds 50, fewer than one
slider's walk through a chain of labelled steps needs).

Frames are cached by their state (the keyword arguments of ``update``): moving back to a
state already drawn, or replaying a Play sequence, reuses its PNG bytes without drawing
(``live.hits`` counts those). A widget whose picture depends on more than the state it
passes (data recomputed when a parameter moves) calls ``live.clear_cache()`` when that
changes. ``live.renders`` counts drawn frames only; ``live.frame`` is the handle as last
drawn (a frame from the cache does not move it). ``lecturelib.widgets._timing`` measures
frames against a floor frame (``tools/bench.py`` prints them).
"""
from __future__ import annotations

import io
from collections import OrderedDict

import ipywidgets as widgets
import numpy as np
import matplotlib as mpl
from matplotlib import cbook
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image


class _MathTextCache:
    """Wraps a renderer's mathtext parser with a larger cache of its own (one per figure, see the
    module docstring); whatever output type the renderer chose is kept."""

    def __init__(self, parser, size=1024):
        self._parser = parser
        self._parses = OrderedDict()
        self._size = size

    def parse(self, s, dpi=72, prop=None, **kwargs):
        # the key of matplotlib's own cache: prop copied (it is mutable), the text rcParams resolved
        aa = kwargs.get("antialiased")
        aa = mpl.rcParams["text.antialiased"] if aa is None else aa
        key = (s, dpi, None if prop is None else prop.copy(), aa, mpl.rcParams["text.hinting"],
               mpl.rcParams["text.hinting_factor"])
        parsed = self._parses.get(key)
        if parsed is None:
            parsed = self._parses[key] = self._parser.parse(s, dpi, prop, **kwargs)
            if len(self._parses) > self._size:
                self._parses.popitem(last=False)
        else:
            self._parses.move_to_end(key)
        return parsed


class _Canvas(FigureCanvasAgg):
    """An Agg canvas whose renderer keeps its own, larger mathtext cache."""

    def get_renderer(self):
        renderer = super().get_renderer()
        if not isinstance(renderer.mathtext_parser, _MathTextCache):  # a new renderer (size or dpi changed)
            renderer.mathtext_parser = _MathTextCache(renderer.mathtext_parser)
        return renderer


class LiveFigure:
    """A figure redrawn from widget state and shown as ``self.image`` (see the module docstring)."""

    def __init__(self, render, *, move=None, animated=None, figsize=(8.0, 3.0), dpi=90, layout="constrained",
                 cache=True, cache_size=256, semistatic=None, watch_limits=True):
        if animated is not None and move is None:
            raise ValueError("animated needs move: only moved frames can be blitted")
        self.render, self.move, self.animated = render, move, animated
        # semistatic(handle) -> (key, artists): artists that change only with key (e.g. tick labels that
        # name the chosen sentences); drawn into a second background, again only when key changes
        self.semistatic = semistatic
        self._layer = None  # (key, the background with the semistatic artists drawn in)
        self._layers = OrderedDict()  # the last few of those, by key
        self.watch_limits = watch_limits
        self.dpi = dpi
        self.fig = Figure(figsize=figsize, dpi=dpi, layout=layout)
        self.canvas = _Canvas(self.fig)
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto"))
        self.frame = None  # what ``render`` returned, when frames are moved rather than rebuilt
        self.png = b""
        self.renders = 0  # frames drawn
        self.hits = 0  # frames taken from the cache
        self.cache_size = int(cache_size) if cache else 0
        self._cache = OrderedDict()  # state key -> PNG bytes, least recently used first
        self._background = None  # (the blitted artists, the saved background, axis ranges), once drawn
        self._last_state = {}

    @staticmethod
    def _key(state):
        try:
            key = tuple(sorted(state.items()))
            hash(key)
        except TypeError:  # an unhashable value (a list, an array): its repr
            key = repr(sorted(state.items()))
        return key

    def clear_cache(self):
        """Forget every cached frame (call it when the data behind the frames changes)."""
        self._cache.clear()

    def invalidate_background(self):
        """Draw the blitted background again at the next frame (call it from ``move`` when a static
        artist changed, e.g. a legend made anew); axis ranges are watched without it."""
        if self._background is not None:
            for artist in self._background[0]:
                artist.set_animated(False)
        self._background = None
        self._layers.clear()

    def parse_ahead(self, text, strings):
        """Parse now the mathtext among ``strings``, the texts that the Text artist ``text`` will show,
        so that no frame waits for it (a label per step: ``$h_{3}$``, ``$h_{4}$``, ...)."""
        renderer = self.canvas.get_renderer()
        prop = text.get_fontproperties()
        for s in strings:
            if cbook.is_math_text(s):
                renderer.mathtext_parser.parse(s, renderer.dpi, prop)

    def redraw_in_full(self) -> bytes:
        """The last state drawn again with a fresh background and no cache: what a blitted frame must equal."""
        self.invalidate_background()
        self.clear_cache()
        return self.update(**self._last_state)

    def update(self, **state) -> bytes:
        self._last_state = state
        key = self._key(state) if self.cache_size else None
        png = self._cache.get(key) if key is not None else None
        if png is not None:
            self._cache.move_to_end(key)
            self.hits += 1
        else:
            png = self._draw(state)
            self.renders += 1
            if key is not None:
                self._cache[key] = png
                if len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        self.png = png
        self.image.value = png
        return png

    def _draw(self, state) -> bytes:
        if self.move is None:
            self.fig.clear()
            self.frame = self.render(self.fig, **state)
            return self._encode()
        if self.frame is None:
            self.frame = self.render(self.fig, **state)
            if self.fig.get_layout_engine() is not None:
                self.fig.draw_without_rendering()  # solve the layout once ...
                self.fig.set_layout_engine("none")  # ... and keep it for every later frame
        else:
            self.move(self.frame, **state)
        if self.animated is None:
            return self._encode()
        return self._blit()

    def _draw_order(self, artist):
        """Sort key that repeats a full draw's order: figure-level last, then z-order, then creation."""
        ax = artist.axes
        if ax is None or artist is ax:
            return (1, artist.get_zorder(), 0)
        children = ax._children if hasattr(ax, "_children") else []
        index = next((k for k, a in enumerate(children) if a is artist), len(children))
        return (0, self.fig.axes.index(ax) if ax in self.fig.axes else 0, artist.get_zorder(), index)

    def _limits(self):
        return tuple(tuple(ax.viewLim.bounds) for ax in self.fig.axes)

    def _blit(self) -> bytes:
        """Restore the saved background and draw the animated artists on it.

        The background is drawn again when an axis range has changed since it was saved. Between
        two drawn frames only what changed is redrawn: the regions of the texts and patches whose
        content or place changed (and of every artist that is not a text or patch) are restored
        from the background, and the animated artists that overlap them are drawn again.
        """
        if self.fig.dpi != self.dpi:
            self.fig.set_dpi(self.dpi)
            self._background = None
        if self.watch_limits and self._background is not None and self._background[2] != self._limits():
            self.invalidate_background()
        artists = list(self.animated(self.frame))  # asked every frame: move may make new ones (a legend)
        order = {id(a): self._draw_order(a) for a in artists}
        artists.sort(key=lambda a: (order[id(a)][0], order[id(a)][1:]))
        for artist in artists:
            artist.set_animated(True)
        key, semi = self.semistatic(self.frame) if self.semistatic is not None else (None, [])
        for artist in semi:
            artist.set_animated(True)
        clean = False  # whether the canvas holds ``background`` as saved (then it need not be restored)
        if self._background is None:
            self.canvas.draw()  # everything but the animated (and semistatic) artists
            clean = True
            self._background = (artists + list(semi), self.canvas.copy_from_bbox(self.fig.bbox), self._limits())
            self._layer = None
            self._layers.clear()
        self._background = (artists + list(semi), *self._background[1:])
        background = self._background[1]
        if self.semistatic is not None:
            if self._layer is None or self._layer[0] != key:
                layer = self._layers.get(key)
                if layer is None:
                    if not clean:
                        self.canvas.restore_region(background)
                    renderer = self.canvas.get_renderer()
                    for artist in sorted(semi, key=self._draw_order):  # in a full draw's order
                        if artist.get_visible():
                            artist.draw(renderer)
                    layer = self._layers[key] = self.canvas.copy_from_bbox(self.fig.bbox)
                    if len(self._layers) > 8:
                        self._layers.popitem(last=False)
                    clean = True
                else:
                    clean = False
                self._layers.move_to_end(key)
                self._layer = (key, layer)
            background = self._layer[1]
        renderer = self.canvas.get_renderer()
        if not clean:
            self.canvas.restore_region(background)
        for artist in artists:
            if artist.get_visible():
                artist.draw(renderer)
        return self._png()

    def _encode(self) -> bytes:
        """One Agg draw, then a fast PNG encoding (``savefig`` would draw twice)."""
        self.fig.set_dpi(self.dpi)
        self.canvas.draw()
        return self._png()

    def _png(self) -> bytes:
        buf = io.BytesIO()
        Image.fromarray(np.asarray(self.canvas.buffer_rgba())).save(buf, format="png", compress_level=1)
        return buf.getvalue()


def play_controls(n_steps: int, *, value: int = 0, interval_ms: int = 400, description: str = "step t"):
    """A Play button linked to an integer slider over 0..n_steps-1; returns (play, slider, box).

    The link runs in the browser (``jslink``), so playing is smooth; the kernel sees the
    slider's value and redraws through the widget's observer.
    """
    slider = widgets.IntSlider(
        value=value, min=0, max=max(n_steps - 1, 0), step=1, description=description,
        continuous_update=True, layout=widgets.Layout(width="420px"),
    )
    play = widgets.Play(value=value, min=0, max=max(n_steps - 1, 0), step=1, interval=interval_ms, description="play")
    widgets.jslink((play, "value"), (slider, "value"))
    return play, slider, widgets.HBox([play, slider])
