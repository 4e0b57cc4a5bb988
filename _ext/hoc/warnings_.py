"""One place for the warnings our extension emits.

Every warning goes through Sphinx's logger with ``type="hoc"`` and a subtype from
:class:`HocWarning`, and with a location, so that ``suppress_warnings = ["hoc.url"]``
and ``-W`` work for authors and translators exactly as for Sphinx's own warnings.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from sphinx.util import logging

LOGGER = logging.getLogger("hoc")


class HocWarning(Enum):
    """Subtypes of ``hoc`` warnings; the value is what ``suppress_warnings`` names."""

    STRING = "string"
    """An unknown string-table key, a bad placeholder, or a malformed string table."""
    URL = "url"
    """A site-absolute link to a page or anchor that does not exist."""
    FILE = "file"
    """A link to a downloadable file that does not exist under ``source/files``."""
    FRONT_MATTER = "front_matter"
    """A front-matter value we do not understand (layout, nav, title)."""
    NAV = "nav"
    """A malformed navigation list file or an unknown list name."""
    ERB = "erb"
    """Pegasus ERB that could not be rewritten (removed from the page)."""
    CONFIG = "config"
    """A configuration value with the wrong type or value."""
    PO = "po"
    """A PO file that cannot be read, or a duplicate message in it."""
    GUARD = "guard"
    """A translated message rejected by the translation guard (it ships in English)."""


def warn(message: str, subtype: HocWarning, location: Any = None) -> None:
    """Emit a located ``hoc.<subtype>`` warning through Sphinx."""
    LOGGER.warning(message, type="hoc", subtype=subtype.value, location=location)
