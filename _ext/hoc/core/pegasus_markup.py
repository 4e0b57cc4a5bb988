"""Pegasus Markdown that is not ERB but has a MyST form: anchors and column markers.

- ``<a id="social"></a>`` (or ``name=``) on a line of its own is how Pegasus pages made
  an anchor for other pages to link to (``/promote/resources#social``). It becomes the
  MyST target ``(social)=``, an anchor in every language that is not a message for
  translators to copy.
- ``[col-33]`` … ``[/col-33]`` marked columns for Pegasus's own layout; our theme lays
  pages out itself, so the markers go and what they held stays.

Lines are kept (a marker becomes an empty line), so later line numbers still point at
the Pegasus page.
"""

from __future__ import annotations

import re
from collections import Counter

ANCHOR_LINE = re.compile(
    r"""^[ \t]*<a\s+(?:id|name)\s*=\s*["']?(?P<id>[A-Za-z][\w.:-]*)["']?\s*>\s*</a>[ \t]*$""",
    re.MULTILINE)
COLUMN_LINE = re.compile(r"^[ \t]*\[/?col-\d+\][ \t]*$", re.MULTILINE)


def has_markup(text: str) -> bool:
    """Cheap test before the regular expressions run."""
    return "<a " in text or "[col-" in text


def convert_markup(text: str) -> tuple[str, Counter[str]]:
    """The text with anchors as MyST targets and column markers removed."""
    converted: Counter[str] = Counter()

    def anchor(match: re.Match[str]) -> str:
        converted["anchor"] += 1
        return f"({match.group('id')})="

    def column(match: re.Match[str]) -> str:
        converted["column marker"] += 1
        return ""

    text = ANCHOR_LINE.sub(anchor, text)
    return COLUMN_LINE.sub(column, text), converted
