"""A sitemap with hreflang alternates, in the format sphinx-sitemap writes.

Kept Sphinx-free: the caller says which pages the site has (every document, not only the
ones a build happened to write) and where each lives in every language; this module only
renders them, byte for byte as sphinx-sitemap 2.x does, so search engines and tools that
read our sitemaps see no change of format.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree import ElementTree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class SitemapUrl:
    """One page: its public address and the same page in other languages."""

    loc: str
    alternates: tuple[tuple[str, str], ...] = ()
    """(language code, public address) of each other language's version."""


def hreflang(code: str) -> str:
    """A language code as ``hreflang`` spells it (``pt_BR`` → ``pt-BR``)."""
    return code.replace("_", "-")


def render_sitemap(urls: Iterable[SitemapUrl]) -> bytes:
    """The sitemap document, in the order given."""
    # The prefix sphinx-sitemap uses for alternates; set on every call because
    # ElementTree keeps prefixes in one table shared by the whole process.
    ElementTree.register_namespace("xhtml", XHTML_NS)
    root = ElementTree.Element("urlset", xmlns=SITEMAP_NS)
    for url in urls:
        entry = ElementTree.SubElement(root, "url")
        ElementTree.SubElement(entry, "loc").text = url.loc
        for code, href in url.alternates:
            ElementTree.SubElement(entry, f"{{{XHTML_NS}}}link", rel="alternate",
                                   hreflang=hreflang(code), href=href)
    document: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return document
