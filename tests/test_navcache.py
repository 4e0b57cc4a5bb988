"""The cached navigation equals stock furo's, byte for byte; parallel equals serial."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import PROJECT
from hoc.synthetic import SiteShape, page_names, write_site


def build(root: Path, out: Path, *options: str, source: str = "source") -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(root), str(root / source),
         str(out), "-q", "-W", "--keep-going", *options],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def pages(out: Path) -> dict[str, bytes]:
    return {str(path.relative_to(out)): path.read_bytes()
            for path in sorted(out.rglob("*.html"))}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    write_site(root, SiteShape(pages=70, languages=("en", "fr"), sections=3))
    return root


def test_page_names_are_exact_and_nested():
    names = page_names(SiteShape(pages=40, sections=3))
    assert len(names) == 39 and len(set(names)) == 39
    assert "s0/index" in names and "s0/t0/p0" in names and "s2/t1/index" in names


@pytest.mark.parametrize("language", ["en", "fr"])
def test_cached_navigation_is_stock_furo_byte_for_byte(synthetic, tmp_path, language):
    build(synthetic, tmp_path / "stock", "-D", f"language={language}", "-D", "hoc_nav_cache=0")
    build(synthetic, tmp_path / "cached", "-D", f"language={language}")
    stock, cached = pages(tmp_path / "stock"), pages(tmp_path / "cached")
    assert len(stock) >= 70
    assert stock.keys() == cached.keys()
    different = [name for name in stock if stock[name] != cached[name]]
    assert different == []
    # The tree really is there, with the current page marked.
    leaf = (tmp_path / "cached" / "s1" / "t0" / "p3.html").read_text(encoding="utf-8")
    assert 'class="toctree-l3 current current-page"' in leaf


def test_real_site_navigation_is_stock_furo(tmp_path):
    build(PROJECT, tmp_path / "stock", "-D", "language=ar", "-D", "hoc_nav_cache=0")
    build(PROJECT, tmp_path / "cached", "-D", "language=ar")
    assert pages(tmp_path / "stock") == pages(tmp_path / "cached")


def test_parallel_build_equals_serial(synthetic, tmp_path):
    build(synthetic, tmp_path / "serial", "-D", "language=fr")
    build(synthetic, tmp_path / "parallel", "-D", "language=fr", "-j", "2")
    assert pages(tmp_path / "serial") == pages(tmp_path / "parallel")


@pytest.mark.parametrize(("toctree_lines", "reason"), [
    ([":caption: Sections"], "captions or several top-level lists"),
    (["https://code.org"], "an entry that is not an internal link"),
])
def test_trees_the_cache_does_not_model_get_stock_furo(tmp_path, toctree_lines, reason):
    """Captions and external entries: the build says so and uses furo's own tree."""
    root = tmp_path / "site"
    write_site(root, SiteShape(pages=12, sections=2))
    index = root / "source" / "index.md"
    text = index.read_text(encoding="utf-8")
    if toctree_lines[0].startswith(":"):
        text = text.replace(":hidden:\n", ":hidden:\n" + "\n".join(toctree_lines) + "\n")
    else:
        text = text.replace("\n```\n", "\n" + "\n".join(toctree_lines) + "\n```\n")
    index.write_text(text, encoding="utf-8")
    build(root, tmp_path / "stock", "-D", "hoc_nav_cache=0")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(root), str(root / "source"),
         str(tmp_path / "cached"), "-W"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert f"hoc_nav_cache: the navigation has {reason}" in result.stdout
    assert pages(tmp_path / "stock") == pages(tmp_path / "cached")
    sidebar = (tmp_path / "cached" / "s0" / "index.html").read_text(encoding="utf-8")
    assert ("caption" in sidebar) if "caption" in reason else ("https://code.org" in sidebar)


def test_an_unchanged_tree_is_taken_from_the_last_build(tmp_path):
    """The entries are kept in the doctree folder with the tree they came from: an edit
    that leaves the tree alone reuses them, a retitled page makes them anew, and both
    incremental builds publish what a clean build does."""
    root = tmp_path / "site"
    write_site(root, SiteShape(pages=20, languages=("en", "fr"), sections=2, rich=True))
    out = tmp_path / "out"
    kept = out / ".doctrees" / "hoc-nav-model.pickle"
    build(root, out, "-D", "language=fr")
    made = kept.stat().st_mtime_ns

    def edit(docname: str, change) -> None:
        path = root / "locale" / "fr" / "LC_MESSAGES" / f"{docname}.po"
        catalog = polib.pofile(str(path))
        change(catalog)
        catalog.save()

    def reword_paragraph(catalog) -> None:
        entry = next(e for e in catalog if e.msgstr.startswith("La page"))
        entry.msgstr += " Révisé."

    edit("s1/t0/p2", reword_paragraph)
    build(root, out, "-D", "language=fr")
    assert kept.stat().st_mtime_ns == made
    build(root, tmp_path / "clean", "-D", "language=fr")
    assert pages(out) == pages(tmp_path / "clean")

    def retitle(catalog) -> None:
        title = next(e for e in catalog if e.msgstr.startswith("Page ") and ":" in e.msgid)
        title.msgstr = "Une page renommée"

    edit("s1/t0/p2", retitle)
    build(root, out, "-D", "language=fr")
    assert kept.stat().st_mtime_ns != made
    assert "Une page renommée" in (out / "s0" / "index.html").read_text(encoding="utf-8")
    build(root, tmp_path / "clean2", "-D", "language=fr")
    assert pages(out) == pages(tmp_path / "clean2")
