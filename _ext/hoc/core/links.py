"""Site-absolute links: ``/how-to/events#agenda`` → a page and an anchor.

Pegasus pages link with ``resolve_url('/how-to/events')``; our MyST pages simply write
``[guide](/how-to/events)``. Both name a page by its URL path on the site. This module
maps such a path onto a Sphinx docname and computes the relative URL from another page,
so every link stays inside the language the reader is in.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection
from dataclasses import dataclass
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
