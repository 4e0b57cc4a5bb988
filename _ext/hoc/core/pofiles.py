"""Reading PO files without ever raising at the user.

polib reports syntax errors as ``OSError`` with the line in the message; this turns
every failure into a located :class:`~hoc.core.problems.Problem`.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from hoc.core.problems import Problem

_LINE = re.compile(r"\(line (\d+)\)")
# A keyword line or continuation line: its string must be one complete "..." literal.
_STRING_LINE = re.compile(
    r'^\s*(?:#~\s*)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"')
_COMPLETE_STRING = re.compile(r'"(?:[^"\\]|\\.)*"\s*$')


def unterminated_string_line(text: str) -> int | None:
    """The first line whose quoted string is not closed (polib would drop its text)."""
    for number, line in enumerate(text.splitlines(), start=1):
        match = _STRING_LINE.match(line)
        if match and not _COMPLETE_STRING.fullmatch(line[match.end() - 1:]):
            return number
    return None


def read_po(path: Path) -> tuple[polib.POFile | None, list[Problem]]:
    """Parse ``path``; on failure return ``None`` and the located problem."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(path, None, f"cannot read PO file: {exc.strerror or exc}")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(path, line, "PO file is not valid UTF-8")]
    bad_line = unterminated_string_line(text)
    if bad_line is not None:
        return None, [Problem(path, bad_line, "malformed PO file: unterminated string")]
    try:
        catalog = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        match = _LINE.search(str(exc))
        error_line = int(match.group(1)) if match else None
        reason = _LINE.sub("", str(exc)).strip()
        return None, [Problem(path, error_line, f"malformed PO file: {reason}")]
    catalog.fpath = str(path)
    return catalog, []
