"""The whole site, every language, built as `make html` builds it, with -W."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from conftest import LANGUAGES, TESTS, article, read_html, string_translation
from sitecheck import broken_internal_links

SEED = TESTS / "data" / "seed_districts.fr.md"
ERB_URL = re.compile(r"<%=\s*(?:resolve_url|localized_file)\('([^']*)'\)\s*%>")


def seed_body() -> str:
    """The seed page without its front matter, ERB URLs replaced by their argument."""
    text = SEED.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    return ERB_URL.sub(r"\1", body)


def blocks(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """Headings, paragraphs and list items in reading order, as (tag, text).

    A list item counts as one block whether or not the HTML wraps its text in ``<p>``.
    """
    result = []
    for tag in soup.find_all(["h1", "h2", "h3", "p", "li"]):
        if tag.find_parent(class_=["hoc-nav", "hoc-translation-notice"]) or (
                tag.name == "p" and tag.find_parent("li")):
            continue
        text = " ".join(tag.get_text().replace("¶", "").split())
        result.append((tag.name, text))
    return result


def test_french_districts_reads_like_the_seed(site):
    expected = blocks(BeautifulSoup(MarkdownIt().render(seed_body()), "html.parser"))
    page = article(read_html(site / "fr" / "how-to" / "districts.html"))
    assert blocks(page) == expected


def test_french_districts_links_stay_in_the_french_site(site):
    seed_links = BeautifulSoup(MarkdownIt().render(seed_body()), "html.parser").find_all("a")
    page_path = site / "fr" / "how-to" / "districts.html"
    page = article(read_html(page_path))
    built = [a for a in page.find_all("a")
             if not a.find_parent(class_=["hoc-nav", "hoc-translation-notice"])
             and "headerlink" not in a.get("class", [])]
    assert [a.get_text() for a in built] == [a.get_text() for a in seed_links]
    expected_hrefs = {
        "/promote/resources#sample-emails": "../promote/resources.html#sample-emails",
        "/how-to": "index.html",
        "/promote/stats": "../promote/stats.html",
        "/files/HOC_Logistics_plan.pdf": "../files/HOC_Logistics_plan.fr.pdf",
        "/prizes/hardware-signup": "../prizes/hardware-signup.html",
        "/promote/resources#social": "../promote/resources.html#social",
        "/": "../index.html",
        "/how-to/events": "events.html",
        "/prizes": "../prizes/index.html",
    }
    for seed_link, link in zip(seed_links, built, strict=True):
        target = seed_link["href"]
        assert link["href"] == expected_hrefs.get(target, target)
        if not target.startswith("http"):
            resolved = (page_path.parent / link["href"].split("#")[0]).resolve()
            assert resolved.is_relative_to((site / "fr").resolve())
            assert resolved.is_file()


def test_french_logistics_plan_is_published_in_french(site):
    from pypdf import PdfReader

    french = site / "fr" / "files" / "HOC_Logistics_plan.fr.pdf"
    english = site / "en" / "files" / "HOC_Logistics_plan.pdf"
    assert french.read_bytes().startswith(b"%PDF-")
    french_text = " ".join(page.extract_text() for page in PdfReader(french).pages)
    english_text = " ".join(page.extract_text() for page in PdfReader(english).pages)
    assert "Une Heure de Code" in french_text and "plan logistique" in french_text.lower()
    assert "Hour of Code" in english_text and "logistics plan" in english_text.lower()
    english_page = article(read_html(site / "en" / "how-to" / "districts.html"))
    link = english_page.find("a", string="sample logistics plan")
    assert link["href"] == "../files/HOC_Logistics_plan.pdf"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_required_page_exists(site, language):
    for docname in ["index", "how-to/index", "how-to/districts", "how-to/events",
                    "promote/resources", "promote/stats", "prizes/index",
                    "prizes/hardware-signup"]:
        soup = read_html(site / language / f"{docname}.html")
        assert soup.html["lang"] == language
        assert len(article(soup).get_text()) > 300, docname
    resources = read_html(site / language / "promote" / "resources.html")
    assert resources.find(id="sample-emails") and resources.find(id="social")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_broken_internal_links(site, language):
    assert broken_internal_links(site / language) == []


def test_french_title_comes_from_the_string_table(site):
    soup = read_html(site / "fr" / "how-to" / "districts.html")
    title = string_translation("fr", "title_how_to_districts")
    assert soup.title.get_text() == f"{title} - {string_translation('fr', 'site_title')}"


def test_root_chooser_links_every_language(site):
    soup = read_html(site / "index.html")
    links = {a["hreflang"]: a["href"] for a in soup.find_all("a")}
    assert links == {lang: f"{lang}/index.html" for lang in LANGUAGES}
    for href in links.values():
        assert (site / href).is_file()
