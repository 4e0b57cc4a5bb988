"""Pegasus HAML partials → MyST partials that translate and resolve like pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TESTS, article, read_html, warnings_of
from hoc.core.haml import convert_haml, convert_haml_page

VIEWS = TESTS / "data" / "views"


def haml(name: str):
    return convert_haml((VIEWS / f"{name}.haml").read_text(encoding="utf-8"), name)


def test_a_button_link_becomes_one_styled_link_and_its_style_a_loss():
    result = haml("join_button")
    assert result.text == "[{hoc_s}`join_us`](/#join){.hoc-button}\n"
    assert [(note.line, note.construct) for note in result.losses] == [(3, "style")]
    assert result.problems == []
    assert result.converted["link"] == 1 and result.converted["hoc_s"] == 1
    assert result.converted["comment"] == 1


def test_static_markup_becomes_containers_links_images_and_lists():
    text = haml("guide_banner").text
    assert text.startswith("::::{container} wide-banner\n:name: banner\n")
    assert ":::{rubric} {hoc_s}`banner_title`\n:class: banner-title\n:::" in text
    assert ":::{container} lead\nOrganize an hour for your whole school.\n:::" in text
    assert "[{hoc_s}`banner_events`](/how-to/events){.nav-link}" in text
    assert "[Try it now](https://code.org/learn){.outside}\\\n" in text
    assert "![Our logo](/images/logo.png){.logo width=120px}" in text
    assert "![Map](/images/map.png)" in text
    assert "- {hoc_s}`step_one`\n- **First** then second" in text
    assert "[Watch]{.label}" in text
    assert text.endswith("::::\n\nSome **Markdown** text.\n")
    assert "Old text" not in text and "Shown after" not in text and "play()" not in text


def test_unsupported_constructs_are_problems_with_lines():
    result = haml("guide_banner")
    assert [(note.line, note.construct) for note in result.problems] == [
        (19, "if"), (22, "interpolation"), (23, "view"), (24, "nav_label"),
        (25, "%form"), (29, ":javascript")]
    assert [(note.line, note.construct) for note in result.losses] == [
        (6, "target"), (27, "onclick"), (27, "link")]
    converted = result.converted
    assert (converted["container"], converted["image"], converted["link"]) == (4, 2, 2)
    assert converted["html comment"] == 1 and converted["markdown filter"] == 1


@pytest.mark.parametrize(("source", "expected"), [
    ("%h2= hoc_s(:title)", "## {hoc_s}`title`\n"),
    ("%p\n  Plain &nbsp; text", "Plain &nbsp; text\n"),
    ("%ol\n  %li One\n  %li Two", "1. One\n1. Two\n"),
    (".a.b\n  %span.c x", ":::{container} a b\n[x]{.c}\n:::\n"),
    ("%a(href=\"/x\" class=\"y\") Go", "[Go](/x){.y}\n"),
    ("%a{href: localized_file('/files/plan.pdf'), title: 'Plan'} Plan",
     '[Plan](/files/plan.pdf "Plan")\n'),
    ("%div{data: {toggle: 'tab'}} Tab", "Tab\n"),
    ("\\= not code", "= not code\n"),
    ("-# hidden\n  still hidden\nshown", "shown\n"),
])
def test_constructs(source, expected):
    assert convert_haml(source, "t").text == expected


def test_nested_data_attributes_are_named_losses():
    result = convert_haml("%div{data: {toggle: 'tab'}} Tab", "t")
    assert [note.construct for note in result.losses] == ["data-toggle"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("%.#{}()=-:/ \n\"'abc_,>")), max_size=80))
def test_any_text_converts_without_raising(text):
    result = convert_haml(text, "fuzz")
    assert all(note.line >= 1 for note in result.problems + result.losses)


@pytest.mark.sphinx("html", testroot="navviews", srcdir="haml-fr", freshenv=True,
                    confoverrides={"language": "fr"})
def test_a_converted_partial_builds_translated_and_resolved(app):
    partials = Path(app.srcdir) / "_partials"
    partials.mkdir(exist_ok=True)
    for name in ("guide_banner", "join_button"):
        (partials / f"{name}.md").write_text(haml(name).text, encoding="utf-8")
    app.build()
    body = article(read_html(Path(app.outdir) / "partials.html"))
    banner = body.find(id="banner")
    assert banner is not None and "wide-banner" in banner["class"]
    assert body.find(class_="rubric").get_text(strip=True) == "Plan your hour"
    event = body.find("a", class_="nav-link")
    assert (event.get_text(strip=True), event["href"]) == ("Organiser un événement",
                                                           "how-to/events.html")
    assert body.find("img", class_="logo")["src"] == "images/logo.fr.png"
    join = body.find("a", class_="hoc-button")
    assert (join.get_text(strip=True), join["href"]) == ("Rejoignez-nous", "index.html#join")
    assert [li.get_text(" ", strip=True) for li in body.select(".steps li")] == [
        "Pick a tutorial", "First then second"]
    # The partials resolve cleanly (this root's navigation lists are another test's).
    assert [line for line in warnings_of(app).splitlines()
            if "WARNING" in line and "[hoc.nav]" not in line] == []


def test_country_branches_keep_every_branch_as_conditions():
    result = convert_haml("- if @country == 'ca'\n  %p Canada\n- elsif @country == 'uk'\n"
                          "  %p UK\n- else\n  %p Others\n- unless @country == 'us'\n"
                          "  %p Not US\n", "t")
    assert result.text == (
        "::::{hoc-if} @country == 'ca'\nCanada\n::::\n\n"
        "::::{hoc-elsif} @country == 'uk'\nUK\n::::\n\n"
        "::::{hoc-else}\nOthers\n::::\n\n"
        "::::{hoc-if} !(@country == 'us')\nNot US\n::::\n")
    assert result.problems == [] and result.converted["if (block)"] == 4


def test_a_branch_we_cannot_read_is_left_out_with_its_chain():
    result = convert_haml("- if hoc_mode == 'x'\n  %p A\n- else\n  %p B\n%p C\n", "t")
    assert result.text == "C\n"
    assert [(note.line, note.construct) for note in result.problems] == [
        (1, "if"), (3, "else")]


def test_views_are_rendered_with_their_locals():
    banner = ".hero\n  %h2= heading\n  %a{href: target} Go\n"
    calls: list[tuple[str, dict[str, str], int]] = []

    def view(name: str, bound: dict[str, str], line: int) -> str | None:
        calls.append((name, bound, line))
        if name == "banner":
            return convert_haml(banner, name, view, bound).text
        return "```{include} /_partials/x.md\n```" if name == "x" else None

    page = ("---\ntitle: T\n---\n= view :x\n"
            "= view(:banner, heading: hoc_s(:t), target: resolve_url('/how-to'))\n"
            "= view :\"missing/view\"\n")
    result = convert_haml_page(page, "p", view)
    assert result.text == ("---\ntitle: T\n---\n\n```{include} /_partials/x.md\n```\n\n"
                           "::::{container} hero\n:::{rubric} {hoc_s}`t`\n:::\n\n"
                           "[Go](/how-to)\n::::\n")
    assert calls == [("x", {}, 4), ("banner", {"heading": "{hoc_s}`t`",
                                               "target": "/how-to"}, 5),
                     ("missing/view", {}, 6)]
    assert [(note.line, note.construct) for note in result.problems] == [(6, "view")]


def test_a_view_in_a_partial_converted_alone_is_still_a_problem():
    assert [note.construct for note in convert_haml("= view :x\n", "t").problems] == ["view"]


def test_a_pages_heading_opening_a_styled_block_stays_a_heading():
    page = "---\ntitle: T\n---\n#join.hero\n  %h1 Welcome\n  %p Hello.\n"
    assert convert_haml_page(page, "p").text == (
        "---\ntitle: T\n---\n\n# Welcome\n\n:::{container} hero\n:name: join\nHello.\n:::\n")
    # In a partial, where a section cannot start, it is a rubric as before.
    assert ":::{rubric} Welcome" in convert_haml(page.split("---\n", 2)[2], "p").text



def test_a_form_that_needs_the_server_becomes_a_placeholder():
    result = convert_haml("%p Before.\n%form{action: '/signup'}\n  %input{name: 'email'}\n"
                          "%p After.\n", "t")
    assert result.text == ("Before.\n\n:::{container} hoc-placeholder\n"
                           "{hoc_s}`ui_server_placeholder`\n:::\n\nAfter.\n")
    assert [(note.line, note.construct) for note in result.problems] == [(2, "%form")]
    assert "placeholder" in result.problems[0].message
