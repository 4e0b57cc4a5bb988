"""The whole site, every language, built as `make html` builds it, with -W."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from conftest import LANGUAGES, PROJECT, TESTS, article, read_html, string_translation
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
                tag.name == "p" and tag.find_parent("li")) or (
                "hoc-translate-page" in tag.get("class", [])):
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
             if not a.find_parent(class_=["hoc-nav", "hoc-translation-notice",
                                          "hoc-translate-page"])
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


def built_pages(site: Path, language: str) -> list[Path]:
    """The content pages of one language (not search, index or 404 pages)."""
    skip = {"search.html", "genindex.html", "404.html"}
    return [page for page in sorted((site / language).rglob("*.html"))
            if page.name not in skip and "_static" not in page.parts]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_language_direction_switcher_and_alternates(site, language):
    pages = built_pages(site, language)
    assert len(pages) >= 9
    for page in pages:
        soup = read_html(page)
        assert soup.html["lang"] == language
        assert soup.html["dir"] == ("rtl" if language == "ar" else "ltr")
        relative = page.relative_to(site / language).as_posix()
        switch = soup.find("nav", class_="hoc-languages")
        links = {a["hreflang"]: a for a in switch.find_all("a")}
        assert set(links) == set(LANGUAGES)
        assert links[language]["aria-current"] == "page"
        for code, link in links.items():
            target = (page.parent / link["href"]).resolve()
            assert target == (site / code / relative).resolve() and target.is_file()
        alternates = {link["hreflang"]: link["href"]
                      for link in soup.find_all("link", rel="alternate")}
        assert set(alternates) == {*LANGUAGES, "x-default"}
        assert alternates["x-default"] == alternates["en"]
        assert alternates["fr"] == f"https://hourofcode.com/fr/{relative}"
        canonical = soup.find("link", rel="canonical")["href"]
        assert canonical == f"https://hourofcode.com/{language}/{relative}"
        og_title = soup.find("meta", property="og:title")["content"]
        heading = " ".join(article(soup).find("h1").get_text().replace("¶", "").split())
        page_title = soup.title.get_text().rsplit(" - ", 1)[0]
        # The page's title: from its front matter when it has one, else its heading.
        assert og_title == (page_title if relative != "index.html" else heading)


@pytest.mark.parametrize("language", LANGUAGES)
def test_sitemap_and_404_per_language(site, language):
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = ET.parse(site / language / "sitemap.xml").getroot()
    urls = {url.find("s:loc", ns).text for url in sitemap.findall("s:url", ns)}
    expected = {f"https://hourofcode.com/{language}/"
                f"{page.relative_to(site / language).as_posix()}"
                for page in built_pages(site, language)}
    assert expected <= urls
    not_found = read_html(site / language / "404.html")
    assert not_found.html["lang"] == language
    title = article(not_found).find("h1").get_text()
    if language == "en":
        assert title == "Page not found"
    else:
        assert title == string_translation(language, "ui_not_found_title")


@pytest.mark.parametrize(("language", "stemmer"), [("fr", "FrenchStemmer"),
                                                   ("es", "SpanishStemmer"),
                                                   ("en", "EnglishStemmer")])
def test_search_uses_the_language(site, language, stemmer):
    data = (site / language / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert stemmer in data
    index = (site / language / "searchindex.js").read_text(encoding="utf-8")
    assert "how-to/districts" in index


def rendered_text(markdown: str) -> str:
    """The text a reader sees for one message of Markdown."""
    html = MarkdownIt().enable("table").render(markdown)
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
@pytest.mark.parametrize("docname", ["how-to/events", "how-to/districts", "prizes/index"])
def test_each_message_is_translated_or_english_and_marked(site, language, docname):
    """Paragraph-level fallback on the real site, message by message from the PO file."""
    import polib

    catalog = polib.pofile(str(PROJECT / "locale" / language / "LC_MESSAGES" /
                               f"{docname}.po"))
    soup = read_html(site / language / f"{docname}.html")
    blocks: dict[str, str | None] = {}
    for tag in article(soup).find_all(["p", "h1", "h2", "h3", "h4"]):
        if not tag.find_parent(class_=["hoc-nav", "hoc-translation-notice"]) and \
                "hoc-translate-page" not in tag.get("class", []):
            blocks[" ".join(tag.get_text().replace("¶", "").split())] = tag.get("lang")
    checked = 0
    for entry in catalog:
        usable = entry.msgstr and "fuzzy" not in entry.flags
        shown = rendered_text(entry.msgstr if usable else entry.msgid)
        if shown not in blocks:
            continue  # e.g. a message whose text the page shows in pieces
        checked += 1
        if usable:
            assert blocks[shown] is None, shown
        else:
            assert blocks[shown] == "en", shown
    assert checked >= 0.8 * len(catalog)
    translated = sum(1 for entry in catalog if entry.msgstr and "fuzzy" not in entry.flags)
    has_notice = article(soup).find(class_="hoc-translation-notice") is not None
    assert has_notice == (translated / len(catalog) < 0.8)
