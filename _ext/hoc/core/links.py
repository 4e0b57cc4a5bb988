"""Site-absolute links: ``/how-to/events#agenda`` → a page and an anchor.

Pegasus pages link with ``resolve_url('/how-to/events')``; our MyST pages simply write
``[guide](/how-to/events)``. Both name a page by its URL path on the site. This module
maps such a path onto a Sphinx docname and computes the relative URL from another page,
so every link stays inside the language the reader is in.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable, Collection
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote

SCHEMES_PASSED_THROUGH = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class SiteLink:
    """A site-absolute link split into its path and optional anchor."""

    path: str
    anchor: str | None

    @property
    def is_file(self) -> bool:
        """Whether it names a downloadable file under ``/files/``."""
        return self.path.startswith("/files/")


def is_site_absolute(url: str) -> bool:
    """``/x`` is site-absolute; ``//host/x`` (protocol-relative) and ``x`` are not."""
    return url.startswith("/") and not url.startswith("//")


def parse_site_link(url: str) -> SiteLink:
    """Split ``/a/b#c`` into path ``/a/b`` and anchor ``c`` (query strings are dropped)."""
    path, _, anchor = url.partition("#")
    path = path.split("?", 1)[0]
    return SiteLink(unquote(path), unquote(anchor) or None)


def candidate_docnames(path: str, root_doc: str = "index") -> list[str]:
    """Docnames a site path may name, best first.

    ``/`` is the root document; ``/how-to`` is ``how-to`` or ``how-to/index``;
    a trailing slash or a ``.html`` suffix is accepted as a reader would type it.
    """
    cleaned = posixpath.normpath("/" + path.strip()).strip("/")
    if cleaned.endswith(".html"):
        cleaned = cleaned.removesuffix(".html")
    if cleaned in ("", "."):
        return [root_doc]
    if cleaned.endswith("/index") or cleaned == "index":
        return [cleaned]
    return [cleaned, f"{cleaned}/index"]


def find_docname(path: str, docnames: Collection[str], root_doc: str = "index") -> str | None:
    """The docname that ``path`` names, or ``None`` when there is no such page."""
    for candidate in candidate_docnames(path, root_doc):
        if candidate in docnames:
            return candidate
    return None


def relative_path(from_docname: str, target: str) -> str:
    """The URL of output path ``target`` relative to the page built from ``from_docname``.

    Both are paths below the output root, as Sphinx names them (``a/b``, no ``.`` or
    ``..`` parts): climbing out of the page's folders and down into the target's is
    enough, without ``posixpath.relpath``'s trips through the current directory, which
    would cost more than the rest of resolving a link.
    """
    folders = from_docname.split("/")[:-1]
    parts = target.split("/")
    shared = 0
    while shared < len(folders) and shared < len(parts) - 1 and \
            folders[shared] == parts[shared]:
        shared += 1
    return "/".join([".."] * (len(folders) - shared) + parts[shared:])


REMOVE = None
"""What a rewrite callback returns to drop an attribute (a link that leads nowhere)."""
URL_ATTRIBUTES = frozenset({"href", "src"})
"""The attributes of raw HTML that name a URL the site resolves."""


@dataclass(frozen=True)
class HtmlUrl:
    """One URL-valued attribute of a start tag in raw HTML; ``line`` is 1-based, within
    the HTML text."""

    tag: str
    attribute: str
    value: str
    line: int


class _StartTags(HTMLParser):
    """Collects every start tag of an HTML fragment with its offset and attributes.

    Only start tags are ever rewritten: text, comments, scripts and end tags are left
    byte for byte as the author wrote them.
    """

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self._line_starts.append(index + 1)
        self.tags: list[tuple[int, int, str, str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        raw = self.get_starttag_text() or ""
        self.tags.append((self._line_starts[line - 1] + column, line, raw, tag, attrs))

    handle_startendtag = handle_starttag


def _start_tag(tag: str, attrs: list[tuple[str, str | None]], self_closing: bool) -> str:
    parts = [tag] + [name if value is None else f'{name}="{html.escape(value)}"'
                     for name, value in attrs]
    return "<" + " ".join(parts) + (" />" if self_closing else ">")


def rewrite_html_urls(text: str, rewrite: Callable[[HtmlUrl], str | None]) -> str:
    """``text`` with the ``href``/``src`` values of its start tags rewritten.

    ``rewrite(url)`` returns the new value (the same value keeps it,
    :data:`REMOVE` drops the attribute). An HTML parser finds the tags, so URLs in
    comments, scripts or text are never touched, and a tag is re-written only when one
    of its values changes.
    """
    parser = _StartTags(text)
    parser.feed(text)
    parser.close()
    pieces: list[str] = []
    done = 0
    for offset, line, raw, tag, attrs in parser.tags:
        if not text.startswith(raw, offset) or offset < done:
            continue
        new_attrs: list[tuple[str, str | None]] = []
        changed = False
        for name, value in attrs:
            new_value = value
            if name in URL_ATTRIBUTES and value is not None:
                new_value = rewrite(HtmlUrl(tag, name, value, line))
                changed = changed or new_value != value
                if new_value is REMOVE:
                    continue
            new_attrs.append((name, new_value))
        if changed:
            pieces += [text[done:offset], _start_tag(tag, new_attrs, raw.endswith("/>"))]
            done = offset + len(raw)
    return "".join(pieces) + text[done:]
