"""Checks over a whole built site, shared by the site tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


@dataclass(frozen=True)
class BrokenLink:
    page: Path
    href: str
    reason: str


def pages(site: Path) -> Iterator[Path]:
    """Every HTML page of one language's site."""
    yield from sorted(site.rglob("*.html"))


@cache
def _ids(page: Path) -> frozenset[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return frozenset(str(tag["id"]) for tag in soup.find_all(id=True))


def broken_internal_links(site: Path, root: Path | None = None) -> list[BrokenLink]:
    """Internal links (href, src) whose file or anchor does not exist.

    Site-absolute links (``/fr/index.html``, as on the 404 page) are looked up from
    ``root``, the folder served at ``/`` (default: the parent of ``site``).
    """
    root = root or site.parent
    broken: list[BrokenLink] = []
    for page in pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "script", "img"]):
            href = tag.get("href") or tag.get("src")
            if not href:
                continue
            parts = urlsplit(str(href))
            if parts.scheme or parts.netloc:
                continue
            path = unquote(parts.path)
            if not path:
                target = page
            elif path.startswith("/"):
                target = (root / path.lstrip("/")).resolve()
            else:
                target = (page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(BrokenLink(page, str(href), "no such file"))
            elif parts.fragment and target.suffix == ".html" and unquote(
                    parts.fragment) not in _ids(target):
                broken.append(BrokenLink(page, str(href), "no such anchor"))
    return broken
