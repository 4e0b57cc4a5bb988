"""Front matter: title, layout: wide, nav: <name>."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import article, read_html, warnings_of
from hoc.core.navigation import load_navigation


def test_navigation_lists_report_bad_entries(tmp_path):
    path = tmp_path / "navigation.yml"
    path.write_text("good:\n  - label: a\n    url: /\nbad: text\nhalf:\n  - label: b\n",
                    encoding="utf-8")
    lists, problems = load_navigation(path)
    assert [(item.label, item.url) for item in lists["good"]] == [("a", "/")]
    assert lists["half"] == []
    assert [(p.line, p.message) for p in problems] == [
        (4, "navigation list 'bad' must be a list"),
        (6, "an entry of 'half' needs 'label' (a string key) and 'url'"),
    ]


@pytest.mark.sphinx("html", testroot="pages", srcdir="pages-en", freshenv=True)
def test_front_matter(app):
    app.build()
    out = Path(app.outdir)
    wide = read_html(out / "wide.html")
    assert wide.title.get_text() == "A wide page - Project name not set documentation"
    # layout: wide hides furo's right-hand table of contents and marks the page.
    assert wide.find("aside", class_="toc-drawer").find("ul") is None
    assert article(wide).find("section", class_="hoc-layout-wide") is not None
    nav = article(wide).find("nav", class_="hoc-nav")
    entries = [(li.get_text(strip=True), li.a["href"], "current" in li.get("class", []))
               for li in nav.find_all("li")]
    assert entries == [("Home", "index.html", False), ("Wide", "wide.html", True),
                       ("Plain", "plain.html", False)]
    # The nav list sits right under the page heading.
    assert nav.find_previous_sibling() .name == "h1"
    plain = read_html(out / "plain.html")
    assert plain.title.get_text().startswith("A literal title")
    assert plain.find("aside", class_="toc-drawer").find("ul") is not None
    warnings = warnings_of(app)
    assert "bad.md:1: WARNING: unknown layout 'sideways'" in warnings
    assert "bad.md:1: WARNING: unknown navigation list 'no_such_nav'" in warnings
    assert "navigation.yml:8: WARNING: navigation list 'broken_nav' must be a list" in warnings
