"""What a build's outputs were made from, kept between builds.

A build that turns PO files into other files (the guarded catalogs Sphinx reads, the
catalogs published with the site) need not redo a file whose source is the same as last
time, under the same settings. :class:`MadeFrom` keeps, in one JSON file of the doctree
folder, each source's time and size and the settings they were used under; any change
of the settings makes every output anew.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def file_stamp(path: Path) -> list[int]:
    """What tells a changed file: its modification time (ns) and size."""
    info = path.stat()
    return [info.st_mtime_ns, info.st_size]


@dataclass
class MadeFrom:
    """The record at ``path``: the sources noted under ``setting`` (any JSON value)."""

    path: Path
    setting: Any
    before: dict[str, list[int]] = field(init=False)
    now: dict[str, list[int]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            record = None
        # A setting that changed (or a record that is not ours) leaves nothing known.
        same = isinstance(record, dict) and record.get("setting") == self.setting
        sources = record.get("sources") if same else None
        self.before = sources if isinstance(sources, dict) else {}

    def unchanged(self, key: str, stamp: list[int]) -> bool:
        """The source ``key`` is as it was when its output was last made."""
        return self.before.get(key) == stamp

    def note(self, key: str, stamp: list[int]) -> None:
        """The output of ``key`` is now made from a source stamped ``stamp``."""
        self.now[key] = stamp

    def save(self) -> None:
        """Keep what this build noted (sources it did not note are forgotten)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"setting": self.setting, "sources": self.now},
                                        sort_keys=True), encoding="utf-8")
