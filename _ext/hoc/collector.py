"""Python's garbage collector tuned for a build (``hoc_gc_threshold``).

A build allocates millions of short-lived objects (tokens, nodes, the documents Sphinx
makes for every translated message), and docutils nodes point at their parents, so
most garbage is cyclic and only the collector frees it. CPython starts a collection
every 700 net allocations, and every so often a full one that walks every live object:
the extensions, the CLDR and lingua data, the environment. On a 300-page site that was
about 15% of a build's time, and more in translated builds, which allocate more.

Once the builder is set up, the objects alive then (which live as long as the build)
are moved out of the collector's sight (``gc.freeze``), and young collections run every
``hoc_gc_threshold`` allocations. Garbage is still collected, in fewer, larger passes;
peak memory grows by about the garbage of one pass. mypy tunes its collector the same
way. When the build finishes, the frozen objects are handed back to the collector and
its thresholds restored (a process may build again: tests, ``sphinx-autobuild``).
``0`` leaves Python's collector alone.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx

from hoc.config import hoc_config

_PYTHONS_THRESHOLDS: list[tuple[int, int, int]] = []
"""The thresholds to restore when the build finishes (empty: not tuned)."""


def tune_collector(app: Sphinx) -> None:
    """Freeze what the build keeps and space out young collections."""
    threshold = hoc_config(app).gc_threshold
    if not threshold or _PYTHONS_THRESHOLDS:
        return
    gc.collect()  # what is garbage now is freed, not frozen
    gc.freeze()
    _PYTHONS_THRESHOLDS.append(gc.get_threshold())
    _, middle, old = gc.get_threshold()
    gc.set_threshold(threshold, middle, old)


def restore_collector(app: Sphinx, exception: BaseException | None) -> None:
    """Give the frozen objects back to the collector, with Python's thresholds."""
    if _PYTHONS_THRESHOLDS:
        gc.unfreeze()
        gc.set_threshold(*_PYTHONS_THRESHOLDS.pop())


def setup_collector(app: Sphinx) -> None:
    """Tune the collector once the builder (and the environment) is set up."""
    # priority 900: after every other builder-inited handler has loaded its data.
    app.connect("builder-inited", tune_collector, priority=900)
    # priority 1000: after every other build-finished handler.
    app.connect("build-finished", restore_collector, priority=1000)
