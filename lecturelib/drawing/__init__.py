"""Figures and diagrams, drawn with matplotlib only.

Every function here is ``draw_*(ax, ...)``: it draws into a given Axes and returns the
artists, so a test can call it headless and a notebook can call it for a static picture.
A module may also define ``FIGURES = {"name.png": make_figure}`` (functions returning a
Figure); ``python -m lecturelib.figures images`` writes them all into images/.
"""
