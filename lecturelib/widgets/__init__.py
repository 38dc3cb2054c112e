"""Interactive widgets (ipywidgets wiring only; the drawing lives in lecturelib.drawing).

Each widget is a function that returns an ipywidgets container. The submodules of this
package are collected here, so ``from lecturelib.widgets import state_player`` works for
every public name (listed in a submodule's ``__all__``).
"""
import importlib
import pkgutil

__all__ = []
for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _info.name.startswith("_"):
        continue
    _mod = importlib.import_module(f"{__name__}.{_info.name}")
    for _name in getattr(_mod, "__all__", ()):
        globals()[_name] = getattr(_mod, _name)
        __all__.append(_name)
