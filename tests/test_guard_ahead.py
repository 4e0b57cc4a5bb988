"""Page catalogs checked ahead by a second process (``hoc_guard_ahead``) give the pages
and the warnings, in their order, that checks made as each page is read give, also when
that process dies half way."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import polib
import pytest
from test_guard import ALLOWED, HOSTILE, good, msgid

import hoc.guard
import hoc.stats
from conftest import TESTS, warnings_of
from hoc.core import ahead as ahead_module
from hoc.core.mixed import Detector
from hoc.mixed import mixed_text

pytestmark = pytest.mark.skipif(not ahead_module.can_fork(), reason="no fork here")

LEFT_IN_ENGLISH = " The rest of this paragraph was left in English by the translator."
PAGES = 12
BROKEN = 4
"""The page whose PO file cannot be read (an unterminated string)."""
DUPLICATED = 7
"""The page whose PO file holds a message twice."""


def catalog_of(page: int) -> polib.POFile:
    """Every page's catalog: a title, and the hostile and allowed translations of the
    guard's tests spread over the pages."""
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "fr"}
    catalog.append(polib.POEntry(msgid=f"Page {page}", msgstr=f"La page {page}"))
    texts = [text for text, _, _ in HOSTILE] + [text for text, _ in ALLOWED]
    for k in range(1, 9):
        catalog.append(polib.POEntry(msgid=msgid(k),
                                     msgstr=texts[(page * 9 + k) % len(texts)]
                                     if (page + k) % 3 else good(k)))
    # English left in a translation: marked lang="en" from what the second process judged.
    catalog.append(polib.POEntry(msgid=msgid(9), msgstr=good(9, LEFT_IN_ENGLISH)))
    if page == DUPLICATED:
        catalog.append(polib.POEntry(msgid=msgid(1), msgstr=good(1, " encore")))
    return catalog


@pytest.fixture(scope="module")
def pages_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("ahead") / "site"
    shutil.copytree(TESTS / "roots" / "test-guard", root)
    body = (root / "index.md").read_text(encoding="utf-8").split("\n", 1)[1]
    index = ["# Guarded pages", "", "```{toctree}", "other"]
    messages = root / "locale" / "fr" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    for page in range(1, PAGES + 1):
        (root / f"page{page}.md").write_text(f"# Page {page}\n{body}", encoding="utf-8")
        index.append(f"page{page}")
        po = messages / f"page{page}.po"
        catalog_of(page).save(str(po))
        if page == BROKEN:
            text = po.read_text(encoding="utf-8")
            po.write_text(text.replace('msgstr "La page 4"', 'msgstr "La page 4'),
                          encoding="utf-8")
    (root / "index.md").write_text("\n".join([*index, "```", ""]), encoding="utf-8")
    return root


def build(make_app, root: Path, builddir: Path,
          ahead: bool) -> tuple[list[str], dict[str, bytes]]:
    """Warnings, HTML pages and published catalogs of a French build, checks made ahead
    or not."""
    hoc.guard._guarded_page.cache_clear()  # a process checks each file version once
    app = make_app("html", srcdir=root, builddir=builddir, freshenv=True,
                   confoverrides={"language": "fr", "hoc_guard_ahead": ahead})
    app.build()
    # (A second app in one process also warns that Sphinx's nodes are registered again.)
    warned = [line for line in warnings_of(app).splitlines() if "[hoc." in line]
    pages = {str(path.relative_to(app.outdir)): path.read_bytes()
             for path in sorted(Path(app.outdir).rglob("*")) if path.suffix in (".html", ".po")}
    return warned, pages


@pytest.fixture
def judged_here(monkeypatch) -> list[str]:
    """The sentences lingua judged in the build's own process."""
    sentences: list[str] = []
    judge = Detector.is_english

    def counted(self, sentence: str, threshold: float) -> bool:
        if os.getpid() == PARENT:
            sentences.append(sentence)
        return judge(self, sentence, threshold)

    monkeypatch.setattr(Detector, "is_english", counted)
    return sentences


@pytest.fixture
def taken(monkeypatch) -> list[bool]:
    """Whether each page catalog the build asked for came from the second process."""
    answers: list[bool] = []
    take = hoc.guard.taken_ahead

    def counted(*key):
        checked = take(*key)
        answers.append(checked is not None)
        return checked

    monkeypatch.setattr(hoc.guard, "taken_ahead", counted)
    monkeypatch.setattr(hoc.guard, "available_cpus", lambda: 2)  # as on any CI machine
    # Every check from the second process, however busy the machine (the build itself
    # checks a page whose check is not there yet: the same pages either way).
    monkeypatch.setattr(hoc.guard, "AHEAD_WAITS", True)
    return answers


def test_checks_made_ahead_give_the_same_pages_and_warnings(make_app, pages_root, tmp_path,
                                                            taken, judged_here, monkeypatch):
    mixed_text.cache_clear()  # what this process's finder knows from other tests
    published_here: list[str] = []
    publish = hoc.stats.publish_catalog
    monkeypatch.setattr(hoc.stats, "publish_catalog", lambda path, *rest: (
        published_here.append(path.name), publish(path, *rest))[1])
    warned, pages = build(make_app, pages_root, tmp_path / "ahead", ahead=True)
    assert taken == [True] * PAGES
    # The English left was judged by the second process, its answers known here, and
    # the catalogs it could read were published by it.
    assert judged_here == []
    assert published_here == [f"page{BROKEN}.po"]
    taken.clear()
    mixed_text.cache_clear()
    warned_here, pages_here = build(make_app, pages_root, tmp_path / "here", ahead=False)
    assert taken == [False] * PAGES
    assert any(LEFT_IN_ENGLISH.strip() in sentence for sentence in judged_here)
    assert sorted(name for name in pages if name.endswith(".po")) == sorted(
        f"_translations/page{page}.po" for page in range(1, PAGES + 1) if page != BROKEN)
    marked = pages["page2.html"].decode()
    assert f'<span lang="en">{LEFT_IN_ENGLISH.strip()}</span>' in marked
    assert sum("[hoc.guard]" in line for line in warned) > PAGES
    assert any("unterminated string" in line for line in warned)
    assert any("duplicate message" in line for line in warned)
    assert warned == warned_here
    assert len(pages) > PAGES and pages == pages_here


def dies_on_the_third_page(path: str, *arguments):
    if path.endswith("page3.po") and os.getpid() != PARENT:
        os._exit(1)
    return CHECK(path, *arguments)


PARENT = os.getpid()
CHECK = hoc.guard.check_page_catalog


def test_pages_the_second_process_did_not_check_are_checked_as_they_are_read(
        make_app, pages_root, tmp_path, taken, monkeypatch):
    monkeypatch.setattr(hoc.guard, "check_page_catalog", dies_on_the_third_page)
    warned, pages = build(make_app, pages_root, tmp_path / "dies", ahead=True)
    # Pages are read in name order: page1, page10, page11, page12, page2, then page3.
    assert taken == [True] * 5 + [False] * (PAGES - 5)
    warned_here, pages_here = build(make_app, pages_root, tmp_path / "here", ahead=False)
    assert warned == warned_here
    assert pages == pages_here


@pytest.fixture
def started(monkeypatch) -> list[int]:
    """How many catalogs each second process the build started was given."""
    counts: list[int] = []

    class Counted(hoc.guard.Ahead):  # type: ignore[misc]
        def start(self, jobs):
            counts.append(len(jobs))
            return super().start(jobs)

    monkeypatch.setattr(hoc.guard, "Ahead", Counted)
    return counts


def test_few_pages_or_parallel_reading_check_as_the_pages_are_read(make_app, pages_root,
                                                                   tmp_path, taken,
                                                                   started, monkeypatch):
    hoc.guard._guarded_page.cache_clear()
    app = make_app("html", srcdir=pages_root, builddir=tmp_path / "parallel", freshenv=True,
                   parallel=2, confoverrides={"language": "fr"})
    app.build()
    assert started == []  # -j: the readers check their pages' catalogs themselves
    monkeypatch.setattr(hoc.guard, "AHEAD_MIN_PAGES", PAGES + 1)
    build(make_app, pages_root, tmp_path / "few", ahead=True)
    assert started == [] and taken == [False] * PAGES
    monkeypatch.setattr(hoc.guard, "AHEAD_MIN_PAGES", PAGES)
    build(make_app, pages_root, tmp_path / "enough", ahead=True)
    assert started == [PAGES]


def test_pages_sharing_a_catalog_have_it_checked_once(make_app, tmp_path, taken, started,
                                                      monkeypatch):
    """With ``gettext_compact``, the pages of a folder share one PO file (guarded as the
    pages are read when a page is named like the folder): it is checked once, and every
    page shows its translations."""
    root = tmp_path / "site"
    shutil.copytree(TESTS / "roots" / "test-guard", root)
    body = (root / "index.md").read_text(encoding="utf-8").split("\n", 1)[1]
    (root / "sub").mkdir()
    for page in range(1, 4):
        (root / "sub" / f"page{page}.md").write_text(f"# Page {page}\n{body}",
                                                    encoding="utf-8")
    (root / "sub.md").write_text(f"# Page 4\n{body}", encoding="utf-8")
    (root / "index.md").write_text("# Guarded pages\n\n```{toctree}\nother\nsub\nsub/page1\n"
                                   "sub/page2\nsub/page3\n```\n", encoding="utf-8")
    messages = root / "locale" / "fr" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    catalog = catalog_of(1)
    for page in (2, 3, 4):
        catalog.append(polib.POEntry(msgid=f"Page {page}", msgstr=f"La page {page}"))
    catalog.save(str(messages / "sub.po"))
    monkeypatch.setattr(hoc.guard, "AHEAD_MIN_PAGES", 1)
    outputs = {}
    for ahead in (True, False):
        hoc.guard._guarded_page.cache_clear()
        app = make_app("html", srcdir=root, builddir=tmp_path / f"out-{ahead}",
                       freshenv=True, confoverrides={"language": "fr", "gettext_compact": True,
                                                     "hoc_guard_ahead": ahead})
        app.build()
        outputs[ahead] = {str(path.relative_to(app.outdir)): path.read_bytes()
                          for path in sorted(Path(app.outdir).rglob("*.html"))}
    assert started == [1]
    assert "La page 3" in outputs[True]["sub/page3.html"].decode()
    assert "La page 4" in outputs[True]["sub.html"].decode()
    assert outputs[True] == outputs[False]
