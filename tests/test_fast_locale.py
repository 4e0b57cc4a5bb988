"""Translated messages parsed with parsers kept for the build give the pages Sphinx's own
Locale path gives (``hoc_fast_locale``), byte for byte."""

from __future__ import annotations

import hashlib
import inspect
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from hypothesis import given, settings
from hypothesis import strategies as st
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.parsers.docutils_ import Parser as DocutilsParser
from myst_parser.parsers.mdit import create_md_parser
from sphinx.testing.util import SphinxTestApp
from sphinx.transforms.i18n import Locale, _NodeUpdater
from test_navcache import build

from hoc.build import build_language
from hoc.fastlocale import ReusableRenderer
from hoc.locale_transform import SPHINX_LOCALE_DIGEST
from hoc.project import Project
from hoc.synthetic import SiteShape, write_site

PROJECT = Path(__file__).resolve().parent.parent


def html_files(out: Path) -> dict[str, bytes]:
    """Every published HTML page and search index (what the two paths could change)."""
    return {str(path.relative_to(out)): path.read_bytes()
            for path in sorted(out.rglob("*")) if path.suffix in (".html", ".js")
            and "_static" not in path.parts}


def test_the_renderer_keeps_the_state_myst_sets_up():
    """Our renderer sets up, for a given document, every attribute MyST's does: a MyST
    release that adds state to ``setup_render`` fails here."""
    settings = get_default_settings(DocutilsParser)
    document = new_document("<test>", settings)
    config = MdParserConfig()
    theirs = create_md_parser(config, DocutilsRenderer)
    ours = create_md_parser(config, ReusableRenderer)
    for md in (theirs, ours):
        md.options["document"] = document
        md.options["myst_config"] = config
        md.renderer.setup_render(md.options, {})
    assert set(vars(ours.renderer)) == set(vars(theirs.renderer))


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_the_real_site_is_the_same_with_the_stock_path(site, tmp_path, language):
    """The shipped site (fast path, the default) against Sphinx's own Locale path."""
    stock = build_language(Project(PROJECT), language, tmp_path,
                           ["-W", "--keep-going", "-D", "hoc_fast_locale=0"])
    assert stock.returncode == 0, stock.output
    ours, theirs = html_files(site / language), html_files(tmp_path / "html" / language)
    assert len(ours) > 10 and ours.keys() == theirs.keys()
    different = [name for name in ours if ours[name] != theirs[name]]
    assert different == []


def test_a_synthetic_translated_site_is_the_same_with_the_stock_path(tmp_path):
    write_site(tmp_path / "site", SiteShape(pages=30, sections=3, languages=("en", "fr"),
                                            rich=True))
    outputs = {}
    for flag in ("1", "0"):
        out = tmp_path / f"out-{flag}"
        build(tmp_path / "site", out, "-D", "language=fr", "-D", f"hoc_fast_locale={flag}",
              "-d", str(tmp_path / f"doctrees-{flag}"))
        outputs[flag] = html_files(out)
    assert len(outputs["1"]) > 30
    assert outputs["1"] == outputs["0"]


FRENCH_WORDS = {"Section": "Rubrique", "section": "rubrique", "the": "le", "and": "et",
                "with": "avec", "first": "première", "second": "deuxième", "This": "Ceci",
                "is": "est", "page": "page", "The": "Le", "A": "Un", "to": "à",
                "of": "de", "picture": "image", "note": "note", "Read": "Lisez",
                "Term": "Terme", "item": "élément", "Cell": "Cellule", "Plain": "Simple",
                "builds": "construit", "pages": "pages", "thing": "chose"}
_WORDS_OUTSIDE_MARKUP = re.compile(
    r"(`[^`]*`_?|\[[^\]]*\]\([^)]*\)|\[\^[^\]]*\]|\[[#\w]*\]_|:\w+:`[^`]*`|\(\S+\)=|\w+)")


def pseudo_french(message: str) -> str:
    """Words outside markup put in French, markup as it is: every translation keeps
    its references, so the Locale transform's every path is taken."""
    if message == "Same title":
        return "Same  title"  # the same name once normalized: a title for phase 2
    if message.startswith(("Markdown page", ".. ")):
        return message  # a translation identical to its message; an image's address
    if message.startswith("Untranslated"):
        return ""  # in a branch this language does not show: never counted
    return _WORDS_OUTSIDE_MARKUP.sub(
        lambda match: FRENCH_WORDS.get(match.group(0), match.group(0)), message)


@pytest.fixture(scope="module")
def locale_forms(tmp_path_factory) -> Path:
    """The test root with every kind of message, its catalogs translated."""
    site = tmp_path_factory.mktemp("forms") / "site"
    shutil.copytree(PROJECT / "tests" / "roots" / "test-locale-forms", site)
    pot = site.parent / "pot"
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "gettext", "-q", str(site),
                    str(pot)], check=True, capture_output=True)
    translated = 0
    for template in pot.glob("*.pot"):
        catalog = polib.pofile(str(template))
        for entry in catalog:
            entry.msgstr = pseudo_french(entry.msgid)
            translated += entry.msgstr != entry.msgid
        target = site / "locale" / "fr" / "LC_MESSAGES" / f"{template.stem}.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        catalog.save(str(target))
    assert translated > 15
    return site


def test_every_kind_of_message_is_the_same_with_the_stock_path(locale_forms, tmp_path):
    """rST and MyST pages with titles, indirect targets, footnotes, citations, glossary
    terms, literal blocks, alt texts, index entries, lists, tables, directive bodies,
    roles, titled links, a missing page and a page with its own MyST settings: our
    Locale and Sphinx's give the same pages and the same warnings."""
    outputs, warnings = {}, {}
    for flag in ("1", "0"):
        out = tmp_path / f"out-{flag}"
        done = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q",
                               str(locale_forms), str(out), "-D", "language=fr",
                               "-D", f"hoc_fast_locale={flag}",
                               "-d", str(tmp_path / f"doctrees-{flag}")],
                              check=True, capture_output=True, text=True)
        outputs[flag] = html_files(out)
        warnings[flag] = done.stderr
    assert outputs["1"] == outputs["0"]
    assert warnings["1"] == warnings["0"]
    assert "markdown.md:23:<translated>:1" in warnings["1"]  # the missing page's link
    index = outputs["1"]["index.html"].decode()
    assert "Rubrique one" in index and "Ceci est le première rubrique" in index
    markdown = outputs["1"]["markdown.html"].decode()
    assert "Un paragraph over two lines" in " ".join(markdown.split())
    assert "Ceci est a note avec" in markdown
    for saved in (tmp_path / "doctrees-1").rglob("*.doctree"):
        doctree = pickle.loads(saved.read_bytes())
        foreign = [node for node in doctree.findall()
                   if getattr(node, "_document", None) not in (None, doctree)]
        assert not foreign, f"{saved.name}: nodes of another document: {foreign[:3]}"
    branches = outputs["1"]["branches.html"].decode()
    assert "for every other reader" in branches and "Untranslated" not in branches
    assert "hoc-translation-notice" not in branches  # its four English lines are not shown


def test_paragraphs_are_translated_as_the_page_is_read(locale_forms, tmp_path,
                                                         monkeypatch):
    """Paragraphs of the page's own text are rendered from their translation when the
    page is read; titles, directive bodies, and the paragraphs of a page with its own
    MyST settings are left to the Locale."""
    import hoc.locale_transform

    published: list[str] = []
    publish = hoc.locale_transform._publish_msgstr

    def counting(text: str, *args: object, **kwargs: object) -> object:
        published.append(text)
        return publish(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(hoc.locale_transform, "_publish_msgstr", counting)
    app = SphinxTestApp("html", srcdir=locale_forms, builddir=tmp_path,
                        confoverrides={"language": "fr"})
    try:
        app.build()
    finally:
        app.cleanup()
    # Left to the Locale: a directive's body, a page with its own settings, titles,
    # a link with a title (the Locale gives it the English link's).
    assert "Ceci est a note avec [the prose](prose.rst) in it." in published
    assert "Ceci est a page avec [the prose](prose.rst) et its own settings." in published
    assert any(text.startswith("Rubrique one") for text in published)
    assert any(text.startswith("Lisez le [titled link]") for text in published)
    # Rendered as the page was read, never published by the Locale: lines, code,
    # emphasis, links, roles, list items, definitions.
    for read in ("paragraph over", "Lisez [the missing page]", "Ceci est {hoc_s}",
                 "item avec **bold**", "definition de le *term*"):
        assert not any(read in text for text in published), read


def test_our_locale_follows_the_sphinx_it_was_written_for():
    """hoc.locale_transform follows Sphinx's Locale line by line: when Sphinx's changes,
    this fails, so that ours is brought in line (and the equality tests rerun)."""
    source = inspect.getsource(Locale.apply) + inspect.getsource(
        _NodeUpdater.update_title_mapping)
    assert hashlib.sha256(source.encode()).hexdigest() == SPHINX_LOCALE_DIGEST


@settings(max_examples=200, deadline=None)
@given(names=st.lists(st.sampled_from("abcd"), min_size=1, max_size=8),
       renames=st.lists(st.tuples(st.sampled_from("abcde"), st.sampled_from("abcde")),
                        max_size=6))
def test_title_targets_are_renamed_as_sphinx_renames_them(names, renames):
    """The page's target index renames exactly the targets Sphinx's whole-page search
    would, whatever the order of the renames (a target renamed twice included)."""
    from docutils import nodes
    from sphinx.util.nodes import NodeMatcher

    from hoc.locale_transform import _TargetIndex

    def page() -> nodes.document:
        document = new_document("<test>", get_default_settings(DocutilsParser))
        section = nodes.section()
        document += section
        for name in names:
            section += nodes.target(refname=name)
        section += nodes.target(refid="x")  # no refname: never renamed
        return document

    theirs, ours = page(), page()
    index = _TargetIndex(ours)
    for old, new in renames:
        if old == new:
            continue
        for target in NodeMatcher(nodes.target, refname=old).findall(theirs):
            target["refname"] = new
        index.rename(old, new)
    assert [t.get("refname") for t in theirs.findall(nodes.target)] == \
        [t.get("refname") for t in ours.findall(nodes.target)]
