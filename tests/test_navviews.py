"""Pegasus navigation views (``*_nav.md``) → navigation.yml entries, shown by ``nav:``."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import TESTS, article, read_html, warnings_of
from hoc.core.navigation import load_navigation
from hoc.core.navviews import (
    NavEntry,
    NavInclude,
    convert_nav_view,
    navigation_yaml,
    splice_includes,
    unresolved_includes,
)

VIEWS = TESTS / "data" / "views"


def view(name: str):
    return convert_nav_view((VIEWS / f"{name}.md").read_text(encoding="utf-8"), name)


def test_a_div_view_gives_entries_headers_includes_and_skipped_comments():
    result = view("spread_nav")
    assert result.entries == [
        NavEntry("/promote/resources#sample-emails", label="spread_emails", line=3),
        NavEntry("/promote/stats", label="spread_stats", line=4),
        NavEntry("https://code.org/about", text="About us", line=5),
    ]
    assert result.headers == [NavEntry("", label="spread_title", line=2)]
    assert result.includes == [NavInclude("guides_nav", position=3, line=8)]
    assert [note.line for note in result.skipped] == [12]
    assert "/promote/posters" in result.skipped[0].message
    assert result.problems == []


def test_a_list_view_keeps_conditional_entries_and_reports_the_rest():
    result = view("guides_nav")
    assert [(entry.label, entry.text, entry.url, entry.line) for entry in result.entries] == [
        ("guide_teachers", None, "/how-to", 1),
        ("guide_districts", None, "/how-to/districts", 4),  # hoc_uri, under a condition
        (None, "Events guide", "/how-to/events", 7),
    ]
    lines = [note.line for note in result.problems]
    assert 3 in lines  # the condition, dropped: the entry shows always
    assert lines.count(8) == 2  # an unknown helper, so a link without a URL
    assert any("mystery_url" in note.message for note in result.problems)


def test_a_label_mixing_a_string_and_text_is_literal_text():
    result = convert_nav_view(
        "- <a href=\"<%= resolve_url('/x') %>\">New: <%= hoc_s(:thing) %></a>\n", "n")
    assert result.entries == [NavEntry("/x", text="New: {hoc_s}`thing`", line=1)]
    assert [note.line for note in result.problems] == [1]


def test_includes_are_spliced_where_they_stood_and_cycles_stop():
    views = {"spread_nav": view("spread_nav"), "guides_nav": view("guides_nav")}
    spliced = splice_includes(views)
    assert [entry.url for entry in spliced["spread_nav"]] == [
        "/promote/resources#sample-emails", "/promote/stats", "https://code.org/about",
        "/how-to", "/how-to/districts", "/how-to/events"]
    looped = {"a": convert_nav_view("- [A](/a)\n<%= view :b %>\n", "a"),
              "b": convert_nav_view("<%= view :a %>\n- [B](/b)\n<%= view :c %>\n", "b")}
    assert [entry.url for entry in splice_includes(looped)["a"]] == ["/a", "/b"]
    assert [(name, include.name) for name, include in unresolved_includes(looped)] == [
        ("b", "c")]


def test_navigation_yaml_round_trips_through_the_loader(tmp_path):
    navs = {"spread_nav": view("spread_nav").entries}
    text = navigation_yaml(navs)
    assert yaml.safe_load(text)["spread_nav"][2] == {"text": "About us",
                                                     "url": "https://code.org/about"}
    path = tmp_path / "navigation.yml"
    path.write_text(text, encoding="utf-8")
    lists, problems = load_navigation(path)
    assert problems == []
    assert [(item.label, item.text, item.url) for item in lists["spread_nav"]] == [
        ("spread_emails", "", "/promote/resources#sample-emails"),
        ("spread_stats", "", "/promote/stats"),
        ("", "About us", "https://code.org/about"),
    ]


def write_navigation(srcdir: Path) -> None:
    views = {name: view(name) for name in ("spread_nav", "guides_nav")}
    (srcdir / "_data" / "navigation.yml").write_text(
        navigation_yaml(splice_includes(views)), encoding="utf-8")


def nav_links(page: Path) -> list[tuple[str, str | None, str | None]]:
    nav = article(read_html(page)).find("nav", class_="hoc-nav")
    assert nav is not None, "no navigation list on the page"
    return [(a.get_text(strip=True), a.get("href"), a.find("span").get("lang"))
            for a in nav.find_all("a")]


@pytest.mark.sphinx("html", testroot="navviews", srcdir="navviews-fr", freshenv=True,
                    confoverrides={"language": "fr"})
def test_a_converted_view_renders_through_nav(app):
    write_navigation(Path(app.srcdir))
    app.build()
    out = Path(app.outdir)
    assert nav_links(out / "index.html") == [
        ("Modèles de courriels", "promote/resources.html#sample-emails", None),
        ("Statistics", "promote/stats.html", "en"),
        ("About us", "https://code.org/about", "en"),
        ("For teachers", "how-to/index.html", "en"),
        ("Pour les académies", "how-to/districts.html", None),
        ("Events guide", "how-to/events.html", "en"),
    ]
    # The current page is marked; the others are relative to this page's folder.
    districts = nav_links(out / "how-to" / "districts.html")
    assert [href for _text, href, _lang in districts] == [
        "index.html", "districts.html", "events.html"]
    assert "[hoc." not in warnings_of(app).replace("[hoc.po]", "")
