"""localized_image: /images/x.png shows the page language's variant, at a stable path;
site paths in raw HTML resolve like Markdown links."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import article, pages_read, read_html, warnings_of
from hoc.core.files import IMAGES, published_folder, safe_file_name


def images(page: Path) -> dict[str, str | None]:
    """alt text → src of every image in the page body."""
    return {img.get("alt", ""): img.get("src") for img in article(read_html(page)).find_all("img")}


def links(page: Path) -> dict[str, str | None]:
    """text → href of every link in the page body (headings' permalinks left out)."""
    return {a.get_text(strip=True): a.get("href")
            for a in article(read_html(page)).find_all("a")
            if "headerlink" not in a.get("class", [])}


def test_images_are_a_published_folder():
    assert published_folder("/images/sub/x.png") is IMAGES
    assert published_folder("/imagesx/x.png") is None
    assert safe_file_name("/images/sub/x.png", IMAGES.prefix) == "sub/x.png"
    assert safe_file_name("/images/../conf.py", IMAGES.prefix) is None


@pytest.mark.sphinx("html", testroot="images", srcdir="images-fr", freshenv=True,
                    confoverrides={"language": "fr"})
def test_french_pages_show_the_french_variant(app):
    app.build()
    out = Path(app.outdir)
    assert images(out / "index.html") == {
        "The logo": "images/logo.fr.png",
        "A map": "images/sub/map.png",
        "Small logo": "images/logo.fr.png",
        "Raw logo": "images/logo.fr.png",
        "Raw map": "images/sub/map.png",
    }
    assert images(out / "deep" / "page.html") == {
        "The logo from below": "../images/logo.fr.png", "Raw missing": None}
    # Published as is, variants beside originals; nothing in Sphinx's _images folder.
    source = Path(app.srcdir) / "images"
    assert (out / "images" / "logo.fr.png").read_bytes() == \
        (source / "logo.fr.png").read_bytes()
    assert (out / "images" / "sub" / "map.png").is_file()
    assert not (out / "_images").exists()
    body = article(read_html(out / "index.html"))
    assert body.find("img", alt="The logo")["class"] == ["hoc-logo"]
    image_link = body.find("a", class_="hoc-image-link")
    assert image_link["href"] == "images/logo.fr.png"
    assert image_link.img["src"] == "images/logo.fr.png"
    # A missing image keeps what it said.
    assert body.find(class_="hoc-missing-image").get_text() == "Gone"


@pytest.mark.sphinx("html", testroot="images", srcdir="images-en", freshenv=True)
def test_english_pages_show_the_original(app):
    app.build()
    out = Path(app.outdir)
    assert images(out / "index.html")["The logo"] == "images/logo.png"
    assert images(out / "index.html")["Raw logo"] == "images/logo.png"
    assert images(out / "deep" / "page.html")["The logo from below"] == "../images/logo.png"


@pytest.mark.sphinx("html", testroot="images", srcdir="images-raw", freshenv=True,
                    confoverrides={"language": "fr"})
def test_raw_html_links_resolve_per_language(app):
    app.build()
    out = Path(app.outdir)
    home = links(out / "index.html")
    assert home["Raw details"] == "deep/page.html#details"
    assert home["Raw page"] == "deep/page.html"
    assert home["Outside"] == "https://code.org/learn"
    assert home["Raw plan"] == "files/plan.pdf"
    assert home["Raw unknown"] is None  # unlinked, its text kept
    deep = links(out / "deep" / "page.html")
    assert deep["Back home"] == "../index.html#images"
    assert deep["Bad anchor"] is None
    html = (out / "index.html").read_text(encoding="utf-8")
    assert '<!-- <a href="/nowhere">hidden</a> -->' in html  # comments left alone
    assert article(read_html(out / "index.html")).find("a", class_="big") is not None
    warnings = warnings_of(app)
    assert "index.md:9: WARNING: missing image '/images/missing.png'" in warnings
    assert "deep/page.md:10: WARNING: missing image '/images/missing-raw.png'" in warnings
    assert "index.md:18: WARNING: link to unknown page '/nowhere' [hoc.url]" in warnings
    assert "deep/page.md:5: WARNING: link to unknown anchor #nothing" in warnings
    assert warnings.count("[hoc.file]") == 2 and warnings.count("[hoc.url]") == 2
    assert "image file not readable" not in warnings


@pytest.mark.sphinx("html", testroot="images", srcdir="images-variant", freshenv=True,
                    confoverrides={"language": "fr"})
def test_adding_an_image_variant_rebuilds_the_pages_showing_it(app):
    app.build()
    read = pages_read(app)
    source = Path(app.srcdir) / "images" / "sub"
    (source / "map.fr.png").write_bytes((source / "map.png").read_bytes())
    app.build()
    assert read == ["index"]
    assert images(Path(app.outdir) / "index.html")["A map"] == "images/sub/map.fr.png"
