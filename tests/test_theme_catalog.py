"""The theme's catalog (``sphinx.po``) reaches the page only guarded, and escaped.

Sphinx reads that catalog itself, before any extension runs, for the templates' ``_()``,
its HTML writer's attributes and its JavaScript: each of those paths is tried here with
a hostile translator's file.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import polib
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from hypothesis import given
from hypothesis import strategies as st

from conftest import TESTS, read_html, warnings_of
from hoc.core.guard import check_theme_message
from hoc.core.hostile import hostile_reasons
from hoc.core.pofiles import read_po
from hoc.theme_catalog import escaped_text

# (msgid, hostile msgstr, what shows instead: Sphinx's own French or the English)
HOSTILE = [
    ("Search", "Rechercher<img src=x onerror=alert(101)>", "Recherche"),
    ("Link to this heading", 'Lien" onmouseover="alert(102)', "Lien vers cette rubrique"),
    ("Skip to content", "Aller au contenu {{ 7*7 }}", "Skip to content"),
    ("Back to top", "Haut de page'; alert(104); //", "Back to top"),
    ("Toggle site navigation sidebar", "Navigation javascript:alert(105)",
     "Toggle site navigation sidebar"),
    ("Toggle navigation of %(title)s", "Basculer %(autre)s", None),
    ("Preparing search...", 'Préparation"); alert(107); ("', None),
    ("Light mode", "Mode clair onfocus=alert(108) autofocus", None),
    ("Dark mode", "Mode sombre {raw}`html <b>x</b>`", None),
]
GOOD = {"Next": "Suivant", "Copyright": "Droits d'auteur", "Searching": "Recherche en cours…"}
PAYLOADS = ("alert(", "onerror", "onmouseover", "onfocus", "{{ 7*7", "javascript:", "{raw}",
            "%(autre)s")


def _theme_catalog(path: Path, plural_forms: str = "nplurals=2; plural=(n > 1);") -> None:
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "fr",
                        "Plural-Forms": plural_forms}
    for msgid, msgstr, _ in HOSTILE:
        catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    for msgid, msgstr in GOOD.items():
        catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    catalog.save(str(path))


@pytest.fixture
def hostile_theme(make_app, tmp_path):
    """The languages test root in French, its theme catalog written by an attacker (and
    its plural rule too, which Sphinx's JavaScript would run)."""
    srcdir = tmp_path / "theme"
    shutil.copytree(TESTS / "roots" / "test-languages", srcdir)
    po = srcdir / "locale" / "fr" / "LC_MESSAGES" / "sphinx.po"
    _theme_catalog(po, "nplurals=2; plural=alert(109);")
    app = make_app("html", srcdir=srcdir, confoverrides={"language": "fr"}, freshenv=True)
    app.build()
    return app, po


def test_a_rejected_theme_text_reaches_no_output_file(hostile_theme):
    app, _ = hostile_theme
    for path in sorted(Path(app.outdir).rglob("*")):
        if path.is_file() and path.suffix in (".html", ".js") \
                and "_translations" not in path.parts \
                and (path.parent.name != "_static" or path.name == "translations.js"):
            text = path.read_text(encoding="utf-8")
            for payload in PAYLOADS:
                assert payload not in text, f"{payload!r} reached {path}"


def test_each_rejection_is_located_and_says_what_the_page_shows(hostile_theme):
    app, po = hostile_theme
    warnings = warnings_of(app)
    lines = {entry.msgid: entry.linenum for entry in polib.pofile(str(po))}
    for msgid, _, shown in HOSTILE:
        found = re.search(re.escape(f"{po}:{lines[msgid]}: WARNING: translation of "
                                    f"{msgid!r} rejected: ") + r"(.*)\[hoc\.guard\]",
                          warnings)
        assert found, (msgid, warnings)
        if shown is not None:
            said = "Sphinx's own translation" if shown != msgid else "the English text"
            assert found.group(1).rstrip().endswith(f"; {said} is shown"), found.group(1)
    assert warnings.count("[hoc.guard]") == len(HOSTILE)


def test_the_page_shows_what_the_warning_says(hostile_theme):
    app, _ = hostile_theme
    soup = read_html(Path(app.outdir) / "full.html")
    assert soup.find("input", class_="sidebar-search")["placeholder"] == "Recherche"
    assert soup.find("link", rel="search")["title"] == "Recherche"
    assert soup.find("a", class_="headerlink")["title"] == "Lien vers cette rubrique"
    skip = soup.find("a", class_="skip-to-content")
    assert skip.get_text(strip=True) == "Skip to content"
    assert skip.find(lang="en") is not None  # shown in English, marked so
    assert "Suivant" in str(read_html(Path(app.outdir) / "index.html"))


def test_theme_texts_are_escaped_where_they_land(hostile_theme):
    app, _ = hostile_theme
    html = (Path(app.outdir) / "full.html").read_text(encoding="utf-8")
    assert "Droits d&#39;auteur" in html
    assert "Droits d'auteur" not in html
    assert escaped_text("Search", 'a"b<c>&\'') == "a&#34;b&lt;c&gt;&amp;&#39;"
    # A text whose English is markup comes from Sphinx's own catalogs only: kept.
    assert escaped_text("<b>x</b>", "<b>y</b>") == "<b>y</b>"


def test_translations_js_is_written_from_the_guarded_catalog(hostile_theme):
    app, _ = hostile_theme
    script = (Path(app.outdir) / "_static" / "translations.js").read_text(encoding="utf-8")
    assert '"Searching": "Recherche en cours…"' in script  # the translator's, guarded
    assert '"Search": "Recherche"' in script  # Sphinx's own, the hostile one rejected
    # Sphinx's own rule, not the PO header's.
    assert '"plural_expr": "(n == 0 || n == 1) ? 0 : n != 0' in script
    assert "<" not in script.replace("\\u003c", "")


@pytest.mark.parametrize(("msgid", "msgstr"), [
    ("Copyright", "Droits d'auteur"),
    ("Toggle navigation of %(title)s", "Basculer la navigation de %(title)s"),
    ("Search finished, found ${resultCount} pages matching the search query.",
     "Recherche terminée : ${resultCount} pages correspondent à la recherche."),
    ("Next", "Siguiente (página)"),
    ("Contents", "المحتويات"),
    ("Contents", "目次"),
])
def test_plain_theme_translations_are_kept(msgid, msgstr):
    assert check_theme_message(msgid, msgstr) == []


@pytest.mark.parametrize(("msgid", "msgstr", "reason"), [
    ("Search", "Rechercher<b>", "markup characters '<' '>'"),
    ("Search", 'Rechercher"', "markup characters '\"'"),
    ("Search", "Rechercher &lt;", "markup characters '&lt;'"),
    ("Search", "Rechercher `x`", "markup characters '`'"),
    ("Search", "Rechercher {x}", "markup characters '{' '}'"),
    ("Search", "Rechercher \\", "markup characters '\\\\'"),
    ("Toggle navigation of %(title)s", "Basculer", "drops the placeholder %(title)s"),
    ("Toggle navigation of %(title)s", "Basculer %(title)s %(x)s", "adds the placeholder"),
    ("Toggle navigation of %(title)s", "100 % %(title)s", "lone '%'"),
    ("Search", "Rechercher javascript:alert(1)", "script URL"),
    ("Search", "Rechercher onclick=alert(1)", "event handler"),
    ("Created using <a>Sphinx</a>", "Créé avec <a>Sphinx</a>", "holds markup"),
])
def test_theme_translations_with_markup_are_rejected(msgid, msgstr, reason):
    reasons = "; ".join(check_theme_message(msgid, msgstr))
    assert reason in reasons


WORD = st.text(alphabet=st.characters(categories=("Ll", "Lu", "Lo")), min_size=1,
               max_size=12)
PROSE_WORD = st.builds(lambda head, tail: f"{head}'{tail}" if tail else head, WORD,
                       st.one_of(st.just(""), WORD))
PUNCTUATION = st.sampled_from(["", ",", ".", ";", ":", "!", "?", " —", "…", " (", ")"])
PROSE = st.lists(st.tuples(PROSE_WORD, PUNCTUATION), min_size=1, max_size=20).map(
    lambda words: " ".join(word + mark for word, mark in words))


@given(PROSE)
def test_prose_is_never_taken_for_an_attack(text):
    """Words (apostrophes inside them, as in French and Italian) and punctuation: what
    every translation is made of, and never refused as hostile."""
    assert hostile_reasons("Plain English text.", text) == []
    assert check_theme_message("Plain English text", text) == []


def test_english_that_shows_code_keeps_it():
    english = 'Write `onclick="go()"` to run {{ name }} with javascript:void(0).'
    french = 'Écrivez `onclick="go()"` pour lancer {{ name }} avec javascript:void(0).'
    assert hostile_reasons(english, french) == []
    assert hostile_reasons("Plain.", french) != []


def test_a_lone_surrogate_babel_wrote_is_located(tmp_path):
    """babel writes an unpaired surrogate as a ``\\u`` escape PO does not have: the
    escape's line is a located problem, and the guard refuses its message."""
    catalog = Catalog(locale="fr")
    catalog.add("Hello", "Bon\ud800jour")
    catalog.add("World", "Monde")
    data = io.BytesIO()
    write_po(data, catalog)
    path = tmp_path / "sphinx.po"
    path.write_bytes(data.getvalue())
    line = data.getvalue().decode().splitlines().index('msgstr "Bon\\ud800jour"') + 1
    read, problems = read_po(path)
    assert [(problem.line, "lone surrogate" in problem.message) for problem in problems] \
        == [(line, True)]
    assert read is not None
    by_id = {entry.msgid: entry.msgstr for entry in read}
    assert "unpaired surrogate U+D800" in "; ".join(
        check_theme_message("Hello", by_id["Hello"]))
    assert check_theme_message("World", by_id["World"]) == []


def test_a_lone_surrogate_in_a_build_is_two_located_warnings(make_app, tmp_path):
    srcdir = tmp_path / "surrogate"
    shutil.copytree(TESTS / "roots" / "test-languages", srcdir)
    catalog = Catalog(locale="fr")
    catalog.add("Next", "Sui\ud800vant")
    data = io.BytesIO()
    write_po(data, catalog)
    po = srcdir / "locale" / "fr" / "LC_MESSAGES" / "sphinx.po"
    po.write_bytes(data.getvalue())
    line = data.getvalue().decode().splitlines().index('msgstr "Sui\\ud800vant"') + 1
    app = make_app("html", srcdir=srcdir, confoverrides={"language": "fr"}, freshenv=True)
    app.build()
    warnings = warnings_of(app)
    assert f"{po}:{line}: WARNING: a lone surrogate written as '\\ud800'" in warnings
    entry_line = polib.pofile(str(po)).find("Next").linenum
    assert f"{po}:{entry_line}: WARNING: translation of 'Next' rejected: contains the " \
           "unpaired surrogate U+D800" in warnings
    page = (Path(app.outdir) / "full.html").read_text(encoding="utf-8")
    assert "ud800" not in page and "\ud800" not in page


def test_the_javascript_plural_rule_is_never_a_translators():
    from hoc.theme_catalog import _plural_expression

    assert _plural_expression("fr", {"plural_expr": "(n > 1)"}) == "(n > 1)"
    # CLDR's rule for Arabic reads only n; for French it reads the exponent e too,
    # which Sphinx's JavaScript does not have.
    assert "n % 100" in _plural_expression("ar", {})
    assert _plural_expression("fr", {}) == "(n != 1)"
    assert _plural_expression("xx-unknown", {}) == "(n != 1)"
