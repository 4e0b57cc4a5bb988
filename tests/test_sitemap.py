"""Sitemaps: every page in every build, sphinx-sitemap's format, the pages' own URLs."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import TESTS, read_html, warnings_of
from hoc.core.sitemap import SitemapUrl, hreflang, render_sitemap

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_the_format_is_sphinx_sitemaps():
    """What sphinx-sitemap 2.x writes for one page with two alternates, byte for byte."""
    assert render_sitemap([SitemapUrl("https://example.org/fr/a.html", (
        ("en", "https://example.org/en/a.html"),
        ("pt_BR", "https://example.org/pt_BR/a.html")))]) == (
        b"<?xml version='1.0' encoding='utf-8'?>\n"
        b'<urlset xmlns:xhtml="http://www.w3.org/1999/xhtml" '
        b'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
        b"<loc>https://example.org/fr/a.html</loc>"
        b'<xhtml:link rel="alternate" hreflang="en" href="https://example.org/en/a.html" />'
        b'<xhtml:link rel="alternate" hreflang="pt-BR" '
        b'href="https://example.org/pt_BR/a.html" /></url></urlset>')
    assert hreflang("zh_Hant_TW") == "zh-Hant-TW"


url_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1)


@given(st.lists(st.tuples(url_text, st.lists(st.tuples(st.sampled_from(["en", "fr", "ar"]),
                                                       url_text), max_size=3)), max_size=5))
def test_any_address_reads_back_unchanged(pages):
    urls = [SitemapUrl(loc, tuple(alternates)) for loc, alternates in pages]
    root = ElementTree.fromstring(render_sitemap(urls))
    assert [(url.findtext("s:loc", namespaces=NS),
             [(link.get("hreflang"), link.get("href"))
              for link in url.findall("x:link", NS)])
            for url in root.findall("s:url", NS)] == [
        (url.loc, list(url.alternates)) for url in urls]


def sitemap(outdir: Path) -> dict[str, dict[str, str]]:
    """Each URL of a built sitemap, with its alternates by language."""
    root = ElementTree.parse(outdir / "sitemap.xml").getroot()
    return {str(url.findtext("s:loc", namespaces=NS)): {
        str(link.get("hreflang")): str(link.get("href")) for link in url.findall("x:link", NS)}
        for url in root.findall("s:url", NS)}


@pytest.fixture
def srcdir(tmp_path) -> Path:
    target = tmp_path / "languages"
    shutil.copytree(TESTS / "roots" / "test-languages", target)
    return target


RTD = {"language": "fr", "hoc_language_path": "../../{lang}/latest/"}


def test_a_rebuild_keeps_every_page_and_agrees_with_the_pages(make_app, srcdir):
    app = make_app("html", srcdir=srcdir, confoverrides=RTD, freshenv=True)
    app.build()
    out = Path(app.outdir)
    first = sitemap(out)
    page = srcdir / "full.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    again = make_app("html", srcdir=srcdir, confoverrides=RTD)
    again.build()
    assert sitemap(out) == first
    assert "sitemap" not in warnings_of(again)
    # Every document, then the builder's own pages, at the address the page itself
    # gives as canonical, with the other languages as the page's hreflang links do.
    assert list(first) == [f"https://hoc.example.org/fr/latest/{name}.html" for name in
                           ("full", "index", "translate", "genindex", "404", "search")]
    for name in ("full", "index", "translate"):
        page = read_html(out / f"{name}.html")
        canonical = page.find("link", rel="canonical")["href"]
        links = {link["hreflang"]: link["href"]
                 for link in page.find_all("link", rel="alternate")}
        assert first[canonical] == {code: href for code, href in links.items()
                                    if code not in ("fr", "x-default")}


def test_without_a_public_address_there_is_no_sitemap(make_app, srcdir):
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert (Path(app.outdir) / "sitemap.xml").is_file()
    bare = make_app("html", srcdir=srcdir, confoverrides={"hoc_base_url": ""})
    bare.build()
    assert not (Path(bare.outdir) / "sitemap.xml").exists()
