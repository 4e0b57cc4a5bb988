"""An incremental build publishes exactly what a clean build of the same sources does.

A maintainer runs ``make html`` after every kind of edit; what lands in
``_build/html/`` must not depend on which builds came before. Each step below edits a
copy of the site, rebuilds it in place, builds the same tree from scratch, and compares
every published file (Sphinx's ``.buildinfo`` aside; doctrees are not published). The
files made from the whole site (sitemaps, search indexes, inventories, the status page,
the published catalogs, the 404 page, the chooser) are checked by name, so a file
missing from both builds cannot pass unnoticed.
"""

from __future__ import annotations

import difflib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import polib

from conftest import PROJECT, TESTS, read_html
from hoc.build import build_all
from hoc.core.catalogs import REJECTED_COMMENT
from hoc.project import Project
from hoc.sitewide import remove_unpublished
from hoc.stats import PUBLISH_RECORD

LANGUAGES = ["en", "fr"]
"""English reads no catalog, French does: every other language takes French's path."""
OPTIONS = ["-q", "-W", "--keep-going"]
WHOLE_SITE = ["sitemap.xml", "searchindex.js", "objects.inv", "status.html", "404.html",
              "genindex.html", "search.html"]
"""Files of every language built from every page rather than from one."""
SEARCH_INDEX = "searchindex.js"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
NEW_PAGE = "how-to/clubs"


def published(html: Path) -> dict[str, bytes]:
    """Every published file below ``html`` (all languages and the chooser)."""
    return {path.relative_to(html).as_posix(): path.read_bytes()
            for path in sorted(html.rglob("*"))
            if path.is_file() and path.name != ".buildinfo"}


def search_data(content: bytes) -> Any:
    """A search index as data: the order Sphinx happens to write keys in is not content."""
    text = content.decode("utf-8")
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


def same(name: str, incremental: bytes, clean: bytes) -> bool:
    if name.endswith("/" + SEARCH_INDEX):
        return search_data(incremental) == search_data(clean)
    return incremental == clean


def explain(name: str, incremental: bytes | None, clean: bytes | None) -> str:
    """What differs, briefly: the first changed lines (a search index: its keys)."""
    if incremental is None or clean is None:
        return f"{name}: only in the {'clean' if incremental is None else 'incremental'} build"
    if name.endswith("/" + SEARCH_INDEX):
        ours, theirs = search_data(incremental), search_data(clean)
        assert isinstance(ours, dict) and isinstance(theirs, dict)
        terms = {key for part in ("terms", "titleterms", "alltitles")
                 for key in ours[part].keys() ^ theirs[part].keys()}
        return (f"{name}: {sorted(k for k in ours if ours[k] != theirs.get(k))} differ, "
                f"terms in one only: {sorted(terms)[:10]}")
    lines = difflib.unified_diff(
        clean.decode("utf-8", "replace").replace("><", ">\n<").splitlines(),
        incremental.decode("utf-8", "replace").replace("><", ">\n<").splitlines(),
        "clean", "incremental", n=0, lineterm="")
    return f"{name}:\n    " + "\n    ".join(line[:160] for line in list(lines)[2:8])


def differences(incremental: dict[str, bytes], clean: dict[str, bytes]) -> list[str]:
    return [explain(name, incremental.get(name), clean.get(name))
            for name in sorted(incremental.keys() | clean.keys())
            if name not in incremental or name not in clean
            or not same(name, incremental[name], clean[name])]


def sitemap_pages(content: bytes) -> dict[str, set[str]]:
    """Each URL of a sitemap, with the hreflang codes of its alternates."""
    root = ElementTree.fromstring(content)
    return {url.findtext(f"{SITEMAP}loc", ""): {
        link.get("hreflang", "") for link in url.findall(f"{XHTML}link")}
        for url in root.findall(f"{SITEMAP}url")}


def check_whole_site(clean: dict[str, bytes], docnames: list[str]) -> list[str]:
    """The clean build has every whole-site file, and its sitemaps list every page."""
    problems = [f"{lang}/{name} missing from the clean build" for lang in LANGUAGES
                for name in WHOLE_SITE if f"{lang}/{name}" not in clean]
    if "index.html" not in clean:
        problems.append("the language chooser is missing from the clean build")
    if not any(name.startswith("fr/_translations/") for name in clean):
        problems.append("no published catalogs in the clean French build")
    for lang in LANGUAGES:
        urls = sitemap_pages(clean.get(f"{lang}/sitemap.xml", b"<urlset/>"))
        others = {code for code in LANGUAGES if code != lang}
        for docname in docnames:
            url = f"https://hourofcode.com/{lang}/{docname}.html"
            if url not in urls:
                problems.append(f"{lang}/sitemap.xml lacks {url}")
            elif not others <= urls[url]:
                problems.append(f"{lang}/sitemap.xml: {url} lacks alternates {others}")
    return problems


class Site:
    """A copy of the project, built in place step after step."""

    def __init__(self, root: Path) -> None:
        self.root = root / "project"
        self.root.mkdir()
        shutil.copy(PROJECT / "conf.py", self.root / "conf.py")
        for folder in ("source", "locale"):
            shutil.copytree(PROJECT / folder, self.root / folder,
                            ignore=shutil.ignore_patterns("*.mo"))
        self.builds = root
        self.count = 0

    def build(self, builddir: Path) -> dict[str, bytes]:
        status = build_all(Project(self.root), LANGUAGES, builddir, OPTIONS)
        assert status == 0, "a build failed or warned (see the captured output)"
        return published(builddir / "html")

    def compare(self, step: str) -> list[str]:
        """Rebuild in place and from scratch; what differs, named by ``step``."""
        self.count += 1
        incremental = self.build(self.builds / "incremental")
        clean = self.build(self.builds / f"clean-{self.count}")
        docnames = sorted(path.relative_to(self.root / "source").with_suffix("").as_posix()
                          for path in (self.root / "source").rglob("*.md")
                          if not path.relative_to(self.root / "source").parts[0]
                          .startswith("_"))
        found = check_whole_site(clean, docnames) + differences(incremental, clean)
        shutil.rmtree(self.builds / f"clean-{self.count}")
        return [f"after {step}: {problem}" for problem in found]

    def path(self, relative: str) -> Path:
        return self.root / relative

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.path(relative)
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def edit_catalog(self, relative: str, change: Callable[[polib.POFile], None]) -> None:
        catalog = polib.pofile(str(self.path(relative)))
        change(catalog)
        catalog.save()


def retranslate_events_page(catalog: polib.POFile) -> None:
    """Reword the page title (shown in every page's navigation) and send one message
    back to review (the status page counts it, the page shows it in English)."""
    title = catalog.find("How to host an Hour of Code event")
    assert title is not None and title.msgstr
    title.msgstr = "Organiser un grand événement Une Heure de Code"
    review = next(entry for entry in catalog if entry.msgstr and entry is not title)
    review.flags.append("fuzzy")


def reword_strings(catalog: polib.POFile) -> None:
    """A string shown as a page title (in every page's navigation) and a ``nav:`` label."""
    for key, text in (("title_how_to", "Organiser Une Heure de Code : le guide"),
                      ("nav_how_to_events", "Un événement")):
        entry = next(entry for entry in catalog if entry.msgctxt == key)
        entry.msgstr = text
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")


NEW_PAGE_TEXT = """\
# Coding clubs

A coding club keeps students curious after their first hour.

Plan one with the [event guide](/how-to/events).
"""
NEW_PAGE_PO = """\
msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Coding clubs"
msgstr "Clubs de programmation"
"""
TOCTREE = "districts\nevents\n"


def test_every_rebuild_publishes_what_a_clean_build_does(tmp_path):
    site = Site(tmp_path)
    site.build(tmp_path / "incremental")
    problems = site.compare("a rebuild with no change")

    site.edit_catalog("locale/fr/LC_MESSAGES/how-to/events.po", retranslate_events_page)
    problems += site.compare("a msgstr edit")

    site.edit_catalog("locale/fr/LC_MESSAGES/strings.po", reword_strings)
    problems += site.compare("a strings.po edit")

    site.edit("source/how-to/events.md", "# How to host an Hour of Code event",
              "# How to host a great Hour of Code event")
    problems += site.compare("an English page edit")

    site.path(f"source/{NEW_PAGE}.md").write_text(NEW_PAGE_TEXT, encoding="utf-8")
    site.path(f"locale/fr/LC_MESSAGES/{NEW_PAGE}.po").write_text(NEW_PAGE_PO,
                                                                 encoding="utf-8")
    site.edit("source/how-to/index.md", TOCTREE, TOCTREE + "clubs\n")
    problems += site.compare("adding a page")

    site.path(f"source/{NEW_PAGE}.md").unlink()
    site.path(f"locale/fr/LC_MESSAGES/{NEW_PAGE}.po").unlink()
    site.edit("source/how-to/index.md", TOCTREE + "clubs\n", TOCTREE)
    problems += site.compare("removing a page")

    assert not problems, "\n".join(problems)


# The same promises on a small project, one at a time, where a failure says which.

def languages_root(tmp_path: Path) -> Path:
    target = tmp_path / "languages"
    shutil.copytree(TESTS / "roots" / "test-languages", target)
    return target


def test_a_retitled_page_is_renamed_in_every_sidebar(make_app, tmp_path):
    srcdir = languages_root(tmp_path)
    make_app("html", srcdir=srcdir, freshenv=True).build()
    page = srcdir / "full.md"
    page.write_text(page.read_text(encoding="utf-8").replace("# Fully translated",
                                                             "# Wholly translated"),
                    encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    for name in ("index", "translate"):  # neither was read again nor is full's parent
        sidebar = read_html(Path(app.outdir) / f"{name}.html").find(
            class_="sidebar-tree")
        assert "Wholly translated" in sidebar.get_text(), name


def test_a_removed_page_leaves_nothing_behind(make_app, tmp_path):
    srcdir = languages_root(tmp_path)
    (srcdir / "gone.md").write_text("# Gone soon\n\nA zanzibarish word.\n", encoding="utf-8")
    index = srcdir / "index.md"
    listed = index.read_text(encoding="utf-8")
    index.write_text(listed.replace("full\n", "full\ngone\n"), encoding="utf-8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    out = Path(app.outdir)
    assert "zanzibarish" in search_data((out / SEARCH_INDEX).read_bytes())["terms"]
    (srcdir / "gone.md").unlink()
    index.write_text(listed, encoding="utf-8")
    make_app("html", srcdir=srcdir).build()
    assert not (out / "gone.html").exists()
    index_data = search_data((out / SEARCH_INDEX).read_bytes())
    assert "gone" not in index_data["docnames"]
    assert not [word for part in ("terms", "titleterms")
                for word, pages in index_data[part].items() if pages == []]
    assert "zanzibarish" not in index_data["terms"]


def test_only_changed_catalogs_are_published_again(make_app, tmp_path, monkeypatch):
    """A rebuild checks and republishes only the PO files that changed since they were
    published (or all of them when the guard's settings change); what it publishes is
    what a first build would."""
    import hoc.stats

    srcdir = languages_root(tmp_path)
    checked: list[str] = []
    original = hoc.stats.publish_catalog

    def counting(path, domain, *args):
        checked.append(domain)
        return original(path, domain, *args)

    monkeypatch.setattr(hoc.stats, "publish_catalog", counting)
    fr = {"language": "fr"}
    app = make_app("html", srcdir=srcdir, freshenv=True, confoverrides=fr)
    app.build()
    assert sorted(checked) == ["full", "index", "strings"]
    out = Path(app.outdir) / "_translations"
    assert (out / "full.po").is_file() and not (out / PUBLISH_RECORD).exists()

    checked.clear()
    make_app("html", srcdir=srcdir, confoverrides=fr).build()
    assert checked == []

    po = srcdir / "locale" / "fr" / "LC_MESSAGES" / "full.po"
    catalog = polib.pofile(str(po))
    entry = next(entry for entry in catalog if entry.msgstr)
    entry.msgstr += " (revu)"
    catalog.save()
    make_app("html", srcdir=srcdir, confoverrides=fr).build()
    assert checked == ["full"]
    assert entry.msgstr in (out / "full.po").read_text(encoding="utf-8")

    checked.clear()
    make_app("html", srcdir=srcdir,
             confoverrides={**fr, "hoc_guard_length_extra": 150}).build()
    assert sorted(checked) == ["full", "index", "strings"]


def test_catalogs_are_published_the_same_whether_their_page_was_read_or_not(
        make_app, tmp_path, monkeypatch):
    """A page's catalog is published from what the page's read found, without reading
    it again; a build that did not read the page (or Sphinx's own Locale path) reads it
    and publishes the same bytes. A catalog with nothing rejected is the translators'
    own file; one with a rejected translation is rewritten without it."""
    import hoc.core.catalogs
    import hoc.stats

    srcdir = languages_root(tmp_path)
    po = srcdir / "locale" / "fr" / "LC_MESSAGES" / "full.po"
    reads: list[str] = []
    original = hoc.core.catalogs.read_po

    def counting(path):
        reads.append(Path(path).stem)
        return original(path)

    monkeypatch.setattr(hoc.core.catalogs, "read_po", counting)
    fr = {"language": "fr"}
    app = make_app("html", srcdir=srcdir, freshenv=True, confoverrides=fr)
    app.build()
    out = Path(app.outdir) / "_translations"
    assert "full" not in reads and "index" not in reads
    assert (out / "full.po").read_bytes() == po.read_bytes()
    fast = {path.name: path.read_bytes() for path in out.iterdir()}

    monkeypatch.setattr(hoc.stats, "catalogs_as_is", lambda *args: {})
    shutil.rmtree(out)
    (Path(app.doctreedir) / PUBLISH_RECORD).unlink()
    make_app("html", srcdir=srcdir, confoverrides=fr).build()
    assert {path.name: path.read_bytes() for path in out.iterdir()} == fast
    assert "full" in reads

    stock = make_app("html", srcdir=srcdir, freshenv=True,
                     confoverrides={**fr, "hoc_fast_locale": 0})
    shutil.rmtree(out)
    stock.build()
    assert {path.name: path.read_bytes() for path in out.iterdir()} == fast

    monkeypatch.undo()
    catalog = polib.pofile(str(po))
    entry = next(entry for entry in catalog if entry.msgstr)
    entry.msgstr += " <script>x</script>"
    catalog.save()
    make_app("html", srcdir=srcdir, confoverrides=fr).build()
    published = (out / "full.po").read_text(encoding="utf-8")
    assert "<script>" not in published and REJECTED_COMMENT in published


def test_what_a_build_no_longer_publishes_is_removed_with_its_empty_folders(tmp_path):
    folder = tmp_path / "_translations"
    for name in ("index.po", "gone.po", "how-to/districts.po", "how-to/gone.po",
                 "old/deep/gone.po", "old/deep/also-gone.po"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(name, encoding="utf-8")
    remove_unpublished(folder, {folder / "index.po", folder / "how-to/districts.po"})
    assert sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*")) == [
        "how-to", "how-to/districts.po", "index.po"]
    remove_unpublished(tmp_path / "missing", set())  # nothing published there yet
