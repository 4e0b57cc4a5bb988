"""A located problem found in an input file, independent of Sphinx.

The pure parsers (string table, navigation lists, PO files) return problems instead of
logging them, so they can be unit-tested and reused by the ``hoc`` command line; the
Sphinx glue turns each one into a located warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """Something wrong in ``path`` at ``line`` (1-based; ``None`` when unknown)."""

    path: Path
    line: int | None
    message: str
    kind: str = ""
    """What sort of problem, when it is not the file's usual one: ``guard`` for a
    translation the guard rejected."""

    @property
    def location(self) -> str:
        """``file:line`` as Sphinx prints a location."""
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    @property
    def sphinx_location(self) -> str:
        """``file:line`` for Sphinx's logger, which reads a location without a colon as
        a docname; a problem with the whole file points at its first line."""
        return f"{self.path}:{self.line or 1}"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"
