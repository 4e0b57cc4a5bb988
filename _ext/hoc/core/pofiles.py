"""Reading PO files without ever raising at the user.

polib reports syntax errors as ``OSError`` with the line in the message; this turns
every failure into a located :class:`~hoc.core.problems.Problem`, whatever bytes the
file holds: random bytes, another encoding, a byte-order mark, control characters.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
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
    """Parse ``path``; on failure return ``None`` and the located problem.

    Bytes that are not UTF-8 are a located problem but do not cost the whole file: they
    are read as lone surrogates, which the guard refuses in a translation (so only the
    messages holding them ship in English) and which are replaced everywhere else.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(path, None, f"cannot read PO file: {exc.strerror or exc}")]
    problems: list[Problem] = []
    text = data.decode("utf-8-sig", "surrogateescape")
    if _SURROGATE.search(text):
        problems.append(_encoding_problem(path, data))
    text, escaped = _surrogate_escapes(text)
    problems += [Problem(path, line, f"a lone surrogate written as '{written}' (PO strings "
                         "have no \\u escape; babel writes an unpaired surrogate so); "
                         "the translation holding it is ignored")
                 for line, written in escaped]
    # polib splits its input with str.splitlines, which also breaks lines at form feeds,
    # U+0085, U+2028 and friends: one such character inside a translation would cost the
    # whole file. They are set aside during parsing and put back after.
    text = text.replace("\r\n", "\n")
    protected = bool(_LINE_BREAKERS.search(text))
    if protected:
        text = _LINE_BREAKERS.sub(lambda match: chr(_SET_ASIDE + ord(match.group())), text)
    bad_line = unterminated_string_line(text)
    if bad_line is not None:
        return None, [*problems, Problem(path, bad_line,
                                         "malformed PO file: unterminated string")]
    if "\n" not in text:
        text += "\n"  # polib reads a one-line text naming an existing file as that file
    try:
        catalog = polib.pofile(text, wrapwidth=0, encoding="utf-8")
    except (OSError, ValueError) as exc:
        match = _LINE.search(str(exc))
        error_line = int(match.group(1)) if match else None
        reason = _LINE.sub("", str(exc)).strip()
        return None, [*problems, Problem(path, error_line, f"malformed PO file: {reason}")]
    except Exception as exc:  # a parser bug must not stop the build
        return None, [*problems, Problem(path, None, "malformed PO file: polib cannot read "
                                         f"it ({type(exc).__name__}: {exc})")]
    catalog.fpath = str(path)
    # The text was read as UTF-8, and copies of it are written as UTF-8: a header that
    # names another charset would make a compiled catalog fail on the first character
    # that charset lacks.
    catalog.encoding = "utf-8"
    content_type = catalog.metadata.get("Content-Type")
    if content_type is not None:
        catalog.metadata["Content-Type"] = _CHARSET.sub("charset=UTF-8", content_type)
    if protected:
        _mend(catalog, _restore, translations=True)
    if problems:
        _mend(catalog, _mended)
    return catalog, problems


_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([dD][89a-fA-F][0-9a-fA-F]{2})")
"""``\\ud800`` in a PO string, not itself escaped: how babel writes a lone surrogate."""


def _surrogate_escapes(text: str) -> tuple[str, list[tuple[int, str]]]:
    """``text`` with every ``\\uD800``-style escape in a quoted string made the
    surrogate it names (which the guard refuses in a translation, like an undecodable
    byte), and where each was: ``(line, as written)``."""
    if "\\u" not in text:
        return text, []
    found: list[tuple[int, str]] = []
    lines = text.split("\n")
    for index, line in enumerate(lines):
        first = _SURROGATE_ESCAPE.search(line) if _STRING_LINE.match(line) else None
        if first is None:
            continue
        found.append((index + 1, "\\u" + first.group(2)))
        lines[index] = _SURROGATE_ESCAPE.sub(
            lambda match: match.group(1) + chr(int(match.group(2), 16)), line)
    return "\n".join(lines), found
_BREAKERS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAKERS = re.compile(f"[{_BREAKERS}]")
_SET_ASIDE = 0xF0000
"""Where line-breaking characters wait while polib parses (a private-use plane)."""
_SET_ASIDE_CHARS = re.compile("[" + "".join(chr(_SET_ASIDE + ord(c)) for c in _BREAKERS) + "]")


def _restore(text: str) -> str:
    return _SET_ASIDE_CHARS.sub(lambda match: chr(ord(match.group()) - _SET_ASIDE), text)


def _encoding_problem(path: Path, data: bytes) -> Problem:
    """Where the first byte that is not UTF-8 is, and what the header claims."""
    body = data.removeprefix(b"\xef\xbb\xbf")
    try:
        body.decode("utf-8")
        line = None
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
    declared = _CHARSET.search(body[:4096].decode("ascii", "replace"))
    hint = (f"; its header says {declared.group(1)}: save it as UTF-8"
            if declared and declared.group(1).lower().replace("-", "") != "utf8" else "")
    return Problem(path, line, f"PO file is not valid UTF-8{hint}; the translations "
                   "holding bad bytes are ignored")


def _mended(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


def _mend(catalog: polib.POFile, mend: Callable[[str], str],
          translations: bool = False) -> None:
    """Apply ``mend`` to every text of the catalog; to translations too when asked.

    Undecodable bytes are replaced everywhere but in translations (which the guard
    refuses while they hold them), so that copies of the catalog can always be written.
    """
    catalog.header = mend(catalog.header)
    catalog.metadata = {mend(key): mend(value) for key, value in catalog.metadata.items()}
    for entry in catalog:
        if translations:
            entry.msgstr = mend(entry.msgstr)
            entry.msgstr_plural = {key: mend(value)
                                   for key, value in entry.msgstr_plural.items()}
        entry.msgid = mend(entry.msgid)
        entry.msgid_plural = mend(entry.msgid_plural)
        entry.msgctxt = mend(entry.msgctxt) if entry.msgctxt is not None else None
        entry.comment = mend(entry.comment)
        entry.tcomment = mend(entry.tcomment)
        entry.flags = [mend(flag) for flag in entry.flags]
        entry.occurrences = [(mend(file), mend(line)) for file, line in entry.occurrences]
        entry.previous_msgid = mend(entry.previous_msgid or "") or None
        entry.previous_msgctxt = mend(entry.previous_msgctxt or "") or None


_CHARSET = re.compile(r"charset\s*=\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def read_unchanged(data: bytes) -> bool:
    """Whether :func:`read_po` reads ``data`` without mending anything: UTF-8 with no
    byte-order mark, carriage return or other line-breaking character, and no charset
    declared but UTF-8. Such a file can be handed on as it is (the catalogs published
    with the site)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if text.startswith("\ufeff") or _LINE_BREAKERS.search(text):
        return False
    return all(charset.lower().replace("-", "").replace("_", "") == "utf8"
               for charset in _CHARSET.findall(text))


_KEY_BREAKERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters: NUL splits plural forms and EOT a context inside a compiled
catalog, and gettext tools disagree on how to escape the others (``\\b``, ``\\v``)."""


def unusable_key(entry: polib.POEntry) -> str | None:
    """Why a message's msgid or msgctxt cannot go into a compiled catalog, or ``None``.

    Such a message matches no English text, and would corrupt the ``.mo`` file."""
    for name, value in (("msgid", entry.msgid), ("msgctxt", entry.msgctxt or "")):
        bad = _KEY_BREAKERS.search(value)
        if bad:
            return f"its {name} contains the control character U+{ord(bad.group()):04X}"
    return None


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
