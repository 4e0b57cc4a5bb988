"""The project as the command line sees it: its folders and its language list.

``conf.py`` is the one place the languages are listed; the command line reads it the
way Sphinx does (by running it), so ``make html`` and a hosting service agree.
"""

from __future__ import annotations

import runpy
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Project:
    """A checkout of the site: ``conf.py``, ``source/`` and ``locale/`` under ``root``."""

    root: Path

    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def locale(self) -> Path:
        return self.root / "locale"

    def settings(self) -> dict[str, Any]:
        """The names ``conf.py`` defines (it is run, as Sphinx runs it)."""
        return runpy.run_path(str(self.root / "conf.py"))

    def myst_extensions(self) -> list[str]:
        """``myst_enable_extensions`` from ``conf.py``: how the pages are parsed."""
        return list(self.settings().get("myst_enable_extensions", []))

    def languages(self) -> list[str]:
        """``hoc_languages`` from ``conf.py``; the first is the source language."""
        languages = self.settings().get("hoc_languages", ["en"])
        if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
            raise SystemExit(f"{self.root / 'conf.py'}: hoc_languages must be a list of codes")
        return languages

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The project containing ``start`` (default: the current folder)."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "conf.py").is_file() and (folder / "source").is_dir():
                return cls(folder)
        raise SystemExit(f"no Hour of Code project (conf.py and source/) at or above {here}")
