"""resolve_url: site-absolute links become same-language relative links."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import article, read_html, warnings_of
from hoc.core.links import (
    REMOVE,
    HtmlUrl,
    candidate_docnames,
    find_docname,
    is_site_absolute,
    parse_site_link,
    relative_path,
    rewrite_html_urls,
)

DOCS = {"index", "how-to/index", "how-to/districts", "promote/resources"}


@pytest.mark.parametrize(("url", "docname"), [
    ("/", "index"),
    ("/index", "index"),
    ("/how-to", "how-to/index"),
    ("/how-to/", "how-to/index"),
    ("/how-to/districts", "how-to/districts"),
    ("/how-to/districts.html", "how-to/districts"),
    ("/promote/resources", "promote/resources"),
    ("/promote", None),
    ("/how-to/../promote/resources", "promote/resources"),
    ("/../../etc/passwd", None),
])
def test_find_docname(url, docname):
    assert find_docname(parse_site_link(url).path, DOCS) == docname


def test_candidates_prefer_the_page_then_its_index():
    assert candidate_docnames("/a/b") == ["a/b", "a/b/index"]
    assert candidate_docnames("/") == ["index"]
    assert candidate_docnames("/", root_doc="home") == ["home"]


def test_parse_site_link():
    link = parse_site_link("/promote/resources#social")
    assert (link.path, link.anchor) == ("/promote/resources", "social")
    assert parse_site_link("/a?x=1#b%20c").anchor == "b c"
    assert parse_site_link("/files/x.pdf").is_file
    assert not parse_site_link("/filesx/x.pdf").is_file


def test_site_absolute():
    assert is_site_absolute("/x")
    assert not is_site_absolute("//evil.example/x")
    assert not is_site_absolute("https://code.org")
    assert not is_site_absolute("x/y")


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("index", "how-to/events.html", "how-to/events.html"),
    ("how-to/districts", "how-to/events.html", "events.html"),
    ("how-to/districts", "index.html", "../index.html"),
    ("a/b/c", "x/y.html", "../../x/y.html"),
    ("how-to/districts", "how-to/districts.html", "districts.html"),
])
def test_relative_path(source, target, expected):
    assert relative_path(source, target) == expected


folder_names = st.lists(st.sampled_from(["a", "b", "how-to", "ä"]), max_size=4)


@given(folder_names, st.sampled_from(["index", "x", "a"]), folder_names,
       st.sampled_from(["index.html", "a.html", "plan.fr.pdf"]))
def test_relative_path_agrees_with_posixpath(source_folders, page, target_folders, name):
    source = "/".join([*source_folders, page])
    target = "/".join([*target_folders, name])
    assert relative_path(source, target) == posixpath.relpath(
        target, posixpath.dirname(source) or ".")


@pytest.mark.sphinx("html", testroot="links", srcdir="links-fr", freshenv=True,
                    confoverrides={"language": "fr"})
def test_links_resolve_relative_and_unknown_targets_stay_text(app):
    app.build()
    soup = read_html(Path(app.outdir) / "index.html")
    body = article(soup)
    hrefs = {a.get_text(): a["href"] for a in body.find_all("a") if a.get_text() != "¶"}
    assert hrefs["root"] == "index.html"
    assert hrefs["section"] == "sub/index.html"
    assert hrefs["section slash"] == "sub/index.html"
    assert hrefs["page b"] == "sub/b.html"
    assert hrefs["anchor"] == "sub/b.html#the-anchor"
    assert hrefs["Page B"] == "sub/b.html"  # empty link text: the page's title
    assert hrefs["external"] == "https://code.org/learn"
    assert "missing page" not in hrefs and "missing anchor" not in hrefs
    text = body.get_text()
    assert "Missing page: missing page" in text
    assert "Missing anchor: missing anchor" in text
    warnings = warnings_of(app)
    assert "index.md:10: WARNING: link to unknown page '/no/such/page' [hoc.url]" in warnings
    assert ("index.md:11: WARNING: link to unknown anchor #no-such-anchor in page "
            "'/sub/b' [hoc.url]") in warnings
    assert warnings.count("[hoc.url]") == 2
    sub = article(read_html(Path(app.outdir) / "sub" / "index.html"))
    assert {a.get_text(): a["href"] for a in sub.find_all("a", class_="hoc-link")} == {
        "home": "../index.html", "page b": "b.html#the-anchor"}


def _upper_site_paths(url: HtmlUrl) -> str | None:
    if url.value == "/gone":
        return REMOVE
    return url.value.upper() if url.value.startswith("/") else url.value


def test_raw_html_rewrites_only_start_tag_urls():
    html = ('<div class="x">\n<!-- <a href="/c"> -->\n'
            '<a  class=b href="/how-to#a">block &amp; x</a><img src="/i.png" alt="a&quot;"/>'
            '\n<a href="/gone">gone</a> <a href="https://e.org/x">e</a>\n'
            '<script>var u = "<a href=\'/s\'>";</script></div>')
    seen: list[tuple[str, str, int]] = []

    def rewrite(url: HtmlUrl) -> str | None:
        seen.append((url.tag, url.value, url.line))
        return _upper_site_paths(url)

    assert rewrite_html_urls(html, rewrite) == (
        '<div class="x">\n<!-- <a href="/c"> -->\n'
        '<a class="b" href="/HOW-TO#A">block &amp; x</a><img src="/I.PNG" alt="a&quot;" />'
        '\n<a>gone</a> <a href="https://e.org/x">e</a>\n'
        '<script>var u = "<a href=\'/s\'>";</script></div>')
    assert seen == [("a", "/how-to#a", 3), ("img", "/i.png", 3), ("a", "/gone", 4),
                    ("a", "https://e.org/x", 4)]


def test_raw_html_fragments_are_rewritten_alone():
    assert rewrite_html_urls('<a href="/x">', _upper_site_paths) == '<a href="/X">'
    assert rewrite_html_urls("</a>", _upper_site_paths) == "</a>"


@given(st.text(alphabet=st.sampled_from(list('<>a href="/x"= \n&;!-')), max_size=60))
def test_raw_html_without_changes_is_left_byte_for_byte(text):
    assert rewrite_html_urls(text, lambda url: url.value) == text
