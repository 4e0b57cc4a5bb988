"""Every language a complete site: fallback marking, notice, switcher, hreflang, RTL."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import article, read_html, warnings_of
from hoc.core.languages import (
    absolute_page_url,
    direction,
    native_name,
    page_in_language,
    switcher,
)


def test_native_names_and_directions():
    assert native_name("fr") == "Français"
    assert native_name("es") == "Español"
    assert native_name("ar") == "العربية"
    assert native_name("xx-unknown") == "xx-unknown"
    assert direction("ar") == "rtl" and direction("he") == "rtl"
    assert direction("fr") == "ltr" and direction("xx-unknown") == "ltr"


@pytest.mark.parametrize(("root", "path", "uri", "expected"), [
    ("./", "../{lang}/", "index.html", "../fr/index.html"),
    ("../", "../{lang}/", "how-to/districts.html", "../../fr/how-to/districts.html"),
    ("../", "../../{lang}/latest/", "how-to/districts.html",
     "../../../fr/latest/how-to/districts.html"),
])
def test_page_in_another_language(root, path, uri, expected):
    assert page_in_language(root, path, "fr", uri) == expected


def test_switcher_marks_the_current_language():
    links = switcher(["en", "fr"], "fr", "../", "../{lang}/", "a/b.html")
    assert [(link.code, link.href, link.current) for link in links] == [
        ("en", "../../en/a/b.html", False), ("fr", "../../fr/a/b.html", True)]


def test_absolute_urls():
    assert absolute_page_url("https://x.org/", "../{lang}/", "fr", "a.html") == \
        "https://x.org/fr/a.html"
    assert absolute_page_url("https://x.org/site", "../../{lang}/latest/", "fr", "a.html") == \
        "https://x.org/site/fr/latest/a.html"


@pytest.mark.sphinx("html", testroot="languages", srcdir="languages-fr", freshenv=True,
                    confoverrides={"language": "fr"})
def test_french_fallback_is_marked_and_noticed(app):
    app.build()
    out = Path(app.outdir)
    soup = read_html(out / "index.html")
    body = article(soup)
    langs = {" ".join(tag.get_text().split()).replace("¶", ""): tag.get("lang")
             for tag in body.find_all(["h1", "p"])
             if not tag.find_parent(class_="admonition")
             and "hoc-translate-page" not in tag.get("class", [])}
    assert langs == {
        "Page d'accueil": None,
        "Premier paragraphe, traduit.": None,
        "Second paragraph, fuzzy in French.": "en",
        "Third paragraph, untranslated.": "en",
        "A list item, untranslated.": "en",
    }
    notice = body.find(class_="hoc-translation-notice")
    assert notice is not None
    assert "Cette page est en partie traduite" in notice.get_text()
    assert "Français" in notice.get_text()
    assert notice.find("a", string="Aidez à la traduire")["href"] == "translate.html"
    # Placed right under the page heading, and left out of the page description.
    assert notice.find_previous_sibling().name == "h1"
    assert "partie traduite" not in soup.find("meta", property="og:description")["content"]
    full = read_html(out / "full.html")
    assert article(full).find(class_="hoc-translation-notice") is None
    assert not article(full).select("[lang]")
    assert warnings_of(app) == ""


@pytest.mark.sphinx("html", testroot="languages", srcdir="languages-fr-head", freshenv=True,
                    confoverrides={"language": "fr"})
def test_switcher_alternates_canonical_sitemap_and_404(app):
    app.build()
    out = Path(app.outdir)
    soup = read_html(out / "full.html")
    assert soup.html["lang"] == "fr" and soup.html["dir"] == "ltr"
    switch = soup.find("nav", class_="hoc-languages")
    assert switch["aria-label"] == "Langues"
    assert [(a.get_text(), a["href"], a.get("aria-current")) for a in switch.find_all("a")] == [
        ("English", "../en/full.html", None), ("Français", "../fr/full.html", "page"),
        ("العربية", "../ar/full.html", None)]
    alternates = {link["hreflang"]: link["href"]
                  for link in soup.find_all("link", rel="alternate")}
    assert alternates == {
        "en": "https://hoc.example.org/en/full.html",
        "x-default": "https://hoc.example.org/en/full.html",
        "fr": "https://hoc.example.org/fr/full.html",
        "ar": "https://hoc.example.org/ar/full.html",
    }
    assert soup.find("link", rel="canonical")["href"] == "https://hoc.example.org/fr/full.html"
    assert soup.find("meta", property="og:title")["content"] == "Entièrement traduite"
    assert soup.find("meta", property="og:url")["content"] == \
        "https://hoc.example.org/fr/full.html"
    assert soup.find("meta", property="og:site_name")["content"] == "Le site de test"
    assert soup.title.get_text() == "Entièrement traduite - Le site de test"

    sitemap = ET.parse(out / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "x": "http://www.w3.org/1999/xhtml"}
    urls = {url.find("s:loc", ns).text: url for url in sitemap.findall("s:url", ns)}
    assert "https://hoc.example.org/fr/full.html" in urls
    assert {link.get("hreflang"): link.get("href") for link in
            urls["https://hoc.example.org/fr/full.html"].findall("x:link", ns)} == {
        "en": "https://hoc.example.org/en/full.html",
        "ar": "https://hoc.example.org/ar/full.html"}

    not_found = read_html(out / "404.html")
    assert not_found.html["lang"] == "fr"
    assert not_found.find("h1").get_text() == "Page introuvable"
    assert "Rien ici." in not_found.get_text()
    assert not_found.find("a", string="Accueil")["href"] == "/fr/index.html"
    assert any(link["href"].startswith("/fr/_static/")
               for link in not_found.find_all("link", rel="stylesheet"))


@pytest.mark.sphinx("html", testroot="languages", srcdir="languages-ar", freshenv=True,
                    confoverrides={"language": "ar"})
def test_arabic_reads_right_to_left_with_english_fallback_left_to_right(app):
    app.build()
    soup = read_html(Path(app.outdir) / "index.html")
    assert soup.html["lang"] == "ar" and soup.html["dir"] == "rtl"
    assert all(p.get("lang") == "en" for p in article(soup).find_all("p")
               if not p.find_parent(class_="admonition"))
    full = read_html(Path(app.outdir) / "full.html")
    assert article(full).find("h1").get_text().startswith("مترجمة بالكامل")
    css = (Path(app.outdir) / "_static" / "hoc.css").read_text(encoding="utf-8")
    assert 'html[dir="rtl"] [lang="en"]' in css


@pytest.mark.sphinx("html", testroot="languages", srcdir="languages-en", freshenv=True)
def test_english_has_no_fallback_marks_or_notice(app):
    app.build()
    soup = read_html(Path(app.outdir) / "index.html")
    assert not article(soup).select("[lang]")
    assert article(soup).find(class_="hoc-translation-notice") is None
    assert soup.html["dir"] == "ltr"


def test_our_base_template_is_furos_with_a_direction():
    """We copy furo's base.html to add dir=; a furo upgrade that changes it fails here."""
    import furo

    from hoc.theme import TEMPLATES

    theirs = (Path(furo.__file__).parent / "theme" / "furo" / "base.html").read_text("utf-8")
    ours = (TEMPLATES / "furo" / "base.html").read_text("utf-8")
    # Our additions: the direction, and the language of previous/next titles.
    added = re.compile(r' dir="\{\{ hoc_dir[^"]*"|\{% if (next|prev)\.hoc_lang %\}.*?\{% endif %\}')
    ours_lines = ours.splitlines()
    comment_end = next(n for n, line in enumerate(ours_lines) if line.endswith("-#}"))
    assert ours_lines[1].startswith("{#- hoc:")
    lines = [ours_lines[0], *ours_lines[comment_end + 1:]]
    assert [added.sub("", line) for line in lines] == theirs.splitlines()
    changed = [line for line in lines if added.search(line)]
    assert len(changed) == 3 and changed[0].startswith("<html ")


def test_our_icons_are_furos_with_translated_titles():
    """furo's icons carry English <title>s; ours say them through the sphinx catalog."""
    import furo

    from hoc.theme import TEMPLATES

    theirs = (Path(furo.__file__).parent / "theme" / "furo" / "partials" /
              "icons.html").read_text("utf-8")
    ours = (TEMPLATES / "furo" / "partials" / "icons.html").read_text("utf-8")
    body = ours.split("-#}\n", 1)[1]
    titles = re.compile(r"<title\{\{ _\('([^']*)'\)\|hoc_en_lang \}\}>\{\{ _\('\1'\) \}\}</title>")
    assert titles.sub(r"<title>\1</title>", body) == theirs
    assert len(titles.findall(body)) == theirs.count("<title>") == 7


@pytest.mark.sphinx("html", testroot="languages", srcdir="languages-status", freshenv=True,
                    confoverrides={"language": "fr"})
def test_status_page_and_translate_links(app):
    (Path(app.srcdir) / "status.md").write_text("# Status\n\n```{translation-status}\n```\n",
                                                encoding="utf-8")
    index = Path(app.srcdir) / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("translate\n```",
                                                               "translate\nstatus\n```"),
                     encoding="utf-8")
    app.build()
    out = Path(app.outdir)
    status = read_html(out / "status.html")
    sections = {s["lang"]: s for s in status.find_all("section", class_="hoc-status-language")}
    assert set(sections) == {"fr", "ar"}
    assert sections["ar"]["dir"] == "rtl"
    rows = {row.td.get_text(): row("td")[1].get_text() for row in sections["fr"]("tr")}
    # index.po: 2 translated (title, first paragraph), 1 fuzzy, 1 untranslated, and the
    # list item has no entry at all.
    assert rows["index"] == "50%"
    assert rows["full"] == "100%"
    # index 2 of 4, full 2 of 2, strings.po 7 of 7.
    assert sections["fr"].h2.small.get_text() == "85%"
    link = read_html(out / "full.html").find("p", class_="hoc-translate-page").a
    assert link["href"] == "./_translations/full.po"
    assert (out / "_translations" / "full.po").is_file()
    assert read_html(out / "translate.html").find("p", class_="hoc-translate-page") is None


@pytest.mark.sphinx("html", testroot="languages", srcdir="languages-front-matter",
                    freshenv=True, confoverrides={"language": "fr"})
def test_front_matter_is_not_counted_as_untranslated(app):
    full = Path(app.srcdir) / "full.md"
    full.write_text("---\nlayout: wide\nnav: nothing\n---\n" + full.read_text("utf-8"),
                    encoding="utf-8")
    app.build()
    body = article(read_html(Path(app.outdir) / "full.html"))
    assert body.find(class_="hoc-translation-notice") is None
    assert not body.select("[lang]")


@pytest.mark.parametrize("cache", [1, 0])
def test_sidebar_marks_titles_left_in_english(make_app, rootdir, tmp_path, cache):
    """A page whose title has no translation is listed in the sidebar under its English
    title, marked lang="en" like the title itself, with the cached tree and stock furo."""
    srcdir = tmp_path / f"languages-sidebar-{cache}"
    import shutil

    shutil.copytree(rootdir / "test-languages", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True,
                   confoverrides={"language": "fr", "hoc_nav_cache": cache})
    app.build()
    for page in ("index.html", "translate.html", "full.html"):
        soup = read_html(Path(app.outdir) / page)
        tree = soup.find(class_="sidebar-tree")
        links = {" ".join(a.get_text().split()): a for a in tree.find_all("a")}
        assert links.keys() == {"Entièrement traduite", "Translate"}
        marked = links["Translate"].find("span", lang="en")
        assert marked is not None and marked.get_text() == "Translate"
        assert links["Entièrement traduite"].find(attrs={"lang": True}) is None
    # The "next page" link of the page before it, too; its <link rel="next"> stays text.
    before = read_html(Path(app.outdir) / "full.html")
    footer = before.find(class_="next-page")
    assert footer.find(class_="title").find("span", lang="en").get_text() == "Translate"
    assert before.find("link", rel="next")["title"] == "Translate"
    page = read_html(Path(app.outdir) / "translate.html")
    assert page.title.get_text().startswith("Translate")
    assert article(page).find("h1")["lang"] == "en"
    assert warnings_of(app) == ""
