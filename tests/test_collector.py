"""The collector tuned for a build (hoc.collector): frozen start-up, spaced collections,
and Python's collector given back when the build finishes."""

from __future__ import annotations

import gc
from types import SimpleNamespace

import pytest

import hoc.collector
from hoc.config import HocConfig


@pytest.fixture
def collector_state():
    gc.set_threshold(700, 10, 10)
    yield
    hoc.collector.restore_collector(SimpleNamespace(), None)  # type: ignore[arg-type]
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)


def test_a_build_freezes_what_lives_and_spaces_young_collections(monkeypatch,
                                                                   collector_state):
    monkeypatch.setattr(hoc.collector, "hoc_config", lambda app: HocConfig(gc_threshold=12345))
    before = gc.get_freeze_count()
    hoc.collector.tune_collector(SimpleNamespace())  # type: ignore[arg-type]
    assert gc.get_threshold() == (12345, 10, 10)
    assert gc.get_freeze_count() > before
    # Garbage made after the freeze is still collected.
    cycle: list[object] = []
    cycle.append(cycle)
    del cycle
    assert gc.collect() >= 1
    hoc.collector.restore_collector(SimpleNamespace(), None)  # type: ignore[arg-type]
    assert gc.get_threshold() == (700, 10, 10) and gc.get_freeze_count() == 0


def test_zero_leaves_the_collector_alone(monkeypatch, collector_state):
    monkeypatch.setattr(hoc.collector, "hoc_config", lambda app: HocConfig(gc_threshold=0))
    before = gc.get_freeze_count()
    hoc.collector.tune_collector(SimpleNamespace())  # type: ignore[arg-type]
    assert gc.get_threshold() == (700, 10, 10) and gc.get_freeze_count() == before
