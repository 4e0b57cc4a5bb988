"""Reading PO files without ever raising at the user.

polib reports syntax errors as ``OSError`` with the line in the message; this turns
every failure into a located :class:`~hoc.core.problems.Problem`.
"""

from __future__ import annotations

import gettext
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


_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$")


def header_problems(catalog: polib.POFile, path: Path) -> list[Problem]:
    """Problems in the header entry (reported at line 1): a ``Plural-Forms`` that gettext
    cannot evaluate would make Sphinx drop the whole catalog."""
    plural = catalog.metadata.get("Plural-Forms")
    if plural is None:
        return []
    match = _PLURAL_FORMS.match(plural)
    try:
        if match is None or int(match.group(1)) < 1:
            raise ValueError("expected nplurals=N; plural=EXPRESSION;")
        gettext.c2py(match.group(2))  # the standard library's own parser
    except ValueError as exc:
        return [Problem(path, 1, f"malformed Plural-Forms header {plural!r} ({exc}); "
                        "it is ignored")]
    return []
