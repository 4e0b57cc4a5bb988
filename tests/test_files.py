"""localized_file: /files/X.pdf links to the page language's variant, at a stable path."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import article, pages_read, read_html, warnings_of
from hoc.core.files import pick_file, safe_file_name, variant_name


@pytest.mark.parametrize(("url", "name"), [
    ("/files/plan.pdf", "plan.pdf"),
    ("/files/sub/plan.pdf", "sub/plan.pdf"),
    ("/files/../conf.py", None),
    ("/files/sub/../../conf.py", None),
    ("/files/", None),
    ("/files//etc/passwd", None),
    ("/files/a\\..\\b", None),
    ("/other/plan.pdf", None),
])
def test_safe_file_name(url, name):
    assert safe_file_name(url) == name


def test_variant_name():
    assert variant_name("plan.pdf", "fr") == "plan.fr.pdf"
    assert variant_name("sub/plan.v2.pdf", "ar") == "sub/plan.v2.ar.pdf"


def test_pick_file_prefers_the_variant(tmp_path):
    (tmp_path / "plan.pdf").write_text("en")
    (tmp_path / "plan.fr.pdf").write_text("fr")
    assert pick_file(tmp_path, "plan.pdf", "fr") == "plan.fr.pdf"
    assert pick_file(tmp_path, "plan.pdf", "es") == "plan.pdf"
    assert pick_file(tmp_path, "missing.pdf", "fr") is None


def links(page: Path) -> dict[str, str]:
    body = article(read_html(page))
    return {a.get_text(): a["href"] for a in body.find_all("a", class_="hoc-download")}


@pytest.mark.sphinx("html", testroot="files", srcdir="files-fr", freshenv=True,
                    confoverrides={"language": "fr"})
def test_french_pages_link_the_french_variant_at_a_stable_path(app):
    app.build()
    out = Path(app.outdir)
    assert links(out / "index.html") == {"the plan": "files/plan.fr.pdf",
                                         "the flyer": "files/flyer.pdf"}
    assert links(out / "deep" / "page.html") == {
        "The plan from a deeper page": "../files/plan.fr.pdf"}
    assert (out / "files" / "plan.fr.pdf").read_text(encoding="utf-8").endswith("français\n")
    assert (out / "files" / "flyer.pdf").is_file()
    assert not (out / "_downloads").exists()
    text = article(read_html(out / "index.html")).get_text()
    assert "Missing: missing" in text and "Escaping: escape" in text
    warnings = warnings_of(app)
    assert "index.md:5: WARNING: link to missing file '/files/missing.pdf'" in warnings
    assert "index.md:6: WARNING: link to missing file '/files/../conf.py'" in warnings
    assert warnings.count("[hoc.file]") == 2
    assert not (out / "conf.py").exists()


@pytest.mark.sphinx("html", testroot="files", srcdir="files-en", freshenv=True)
def test_english_pages_link_the_original(app):
    app.build()
    assert links(Path(app.outdir) / "index.html") == {"the plan": "files/plan.pdf",
                                                      "the flyer": "files/flyer.pdf"}


@pytest.mark.sphinx("html", testroot="files", srcdir="files-variant", freshenv=True,
                    confoverrides={"language": "fr"})
def test_adding_a_variant_rebuilds_only_the_pages_linking_the_file(app):
    app.build()
    read = pages_read(app)
    app.build()
    assert read == []  # nothing changed: nothing is read again
    (Path(app.srcdir) / "files" / "flyer.fr.pdf").write_text("%PDF-1.4 dépliant\n")
    app.build()
    assert read == ["index"]
    assert links(Path(app.outdir) / "index.html")["the flyer"] == "files/flyer.fr.pdf"


def test_a_resized_pegasus_image_is_made_from_its_original(tmp_path):
    """The chosen name keeps the size and takes the original's variant for the
    language; the build makes it (tests/test_sized_images.py)."""
    (tmp_path / "logo.png").write_bytes(b"png")
    (tmp_path / "logo.fr.png").write_bytes(b"png")
    (tmp_path / "fit-100").mkdir()
    (tmp_path / "fit-100" / "own.png").write_bytes(b"png")
    assert pick_file(tmp_path, "fit-200/logo.png", "es") == "fit-200/logo.png"
    assert pick_file(tmp_path, "fill-300x200/logo.png", "fr") == "fill-300x200/logo.fr.png"
    assert pick_file(tmp_path, "640x480/logo.png", "en") == "640x480/logo.png"
    # A resized file that exists is served as it is.
    assert pick_file(tmp_path, "fit-100/own.png", "en") == "fit-100/own.png"
    assert pick_file(tmp_path, "fit-200/missing.png", "en") is None
    assert pick_file(tmp_path, "other-200/logo.png", "en") is None


def test_a_heading_holding_a_file_link_builds_with_its_table_of_contents(make_app, tmp_path,
                                                                       rootdir):
    """A real Pegasus page has ``### Read the [guide](/files/guide.pdf)``: the page
    builds (Sphinx's table of contents failed on the file link), the heading keeps its
    link, and the table of contents shows its text."""
    import shutil

    srcdir = tmp_path / "files-heading"
    shutil.copytree(rootdir / "test-files", srcdir)
    (srcdir / "heading.md").write_text(
        "# Guide\n\n### Read [the plan](/files/plan.pdf) first\n\nText.\n\n"
        "## 1. Next step\n\nMore text.\n", encoding="utf-8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    soup = read_html(Path(app.outdir) / "heading.html")
    heading = next(tag for tag in soup.find_all(["h2", "h3"]) if "Read" in tag.get_text())
    assert heading.find("a", href="files/plan.pdf") is not None
    toc = soup.find(class_="toc-tree")
    entry = toc.find("a", href="#read-the-plan-first")
    assert " ".join(entry.get_text().split()) == "Read the plan first"
    assert entry.find("a") is None
