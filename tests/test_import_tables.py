"""Pegasus string tables and old URLs: the pure parts of ``hoc import-site``."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import TESTS
from hoc.core.oldurls import (
    RedirectConfig,
    clean_path,
    dump_redirects,
    load_redirects,
    old_urls,
    redirects_file,
    relative_target,
    stub_location,
)
from hoc.core.pegasus_site import read_layout, variant_target
from hoc.core.tables import find_tables, language_of_locale, read_table, read_tables
from hoc.import_state import ImportState
from hoc.strings_import import import_english, import_translated

SITE = TESTS / "data" / "pegasus-site"


# -- string tables ------------------------------------------------------------------------

def test_nested_tables_are_flattened_with_dots(tmp_path):
    path = tmp_path / "fr.yml"
    path.write_text("fr:\n  title: Titre\n  faq:\n    q1: Question\n    deep:\n      a: A\n")
    table = read_table(path, "fr")
    assert table.texts == {"title": "Titre", "faq.q1": "Question", "faq.deep.a": "A"}
    assert table.origins["faq.q1"] == (path, 4)
    assert table.problems == []


def test_a_flat_table_and_a_locale_named_root_are_read(tmp_path):
    flat = tmp_path / "flat.yml"
    flat.write_text("a: one\nb: 2\n")
    assert read_table(flat, "fr").texts == {"a": "one", "b": "2"}
    locale = tmp_path / "es.yml"
    locale.write_text("es-ES:\n  a: uno\n")
    assert read_table(locale, "es").texts == {"a": "uno"}


@pytest.mark.parametrize(("text", "line", "reason"), [
    ("fr:\n  a: one\n  b: [unclosed\n  c: three\n", 4, "invalid YAML"),
    ("fr:\n  a: 'open\n", 3, "invalid YAML"),
    ("fr:\n\ta: tab\n", 2, "invalid YAML"),
    ("- a\n- b\n", 1, "must be a mapping"),
])
def test_invalid_yaml_is_one_located_problem(tmp_path, text, line, reason):
    path = tmp_path / "fr.yml"
    path.write_text(text)
    table = read_table(path, "fr")
    assert table.texts == {}
    [problem] = table.problems
    assert problem.path == path
    assert problem.line == line
    assert reason in problem.message
    assert str(problem).startswith(f"{path}:{line}: ")


def test_bad_entries_are_reported_and_the_rest_read(tmp_path):
    path = tmp_path / "en.yml"
    path.write_text("en:\n  good: Good\n  list: [a, b]\n  'bad key': x\n  empty:\n"
                    "  good: again\n  after: After\n")
    table = read_table(path, "en")
    assert table.texts == {"good": "Good", "after": "After"}
    messages = {(p.line, p.message.split(";")[0]) for p in table.problems}
    assert (3, "string 'list' is a list, not text") in messages
    assert (4, "invalid string key 'bad key'") in messages
    assert any(line == 6 and "duplicate" in message for line, message in messages)


def test_split_locale_tables_merge_into_one_language():
    tables = read_tables(SITE / "i18n")
    assert {"en", "fr", "es"} <= set(tables)
    files = {f.language: [] for f in find_tables(SITE / "i18n")}
    for table_file in find_tables(SITE / "i18n"):
        files[table_file.language].append(table_file.path.name)
    assert len(files["es"]) == 2, "Spanish is split over two files under i18n/locales/"
    assert len(tables["es"].texts) > len(read_table(
        SITE / "i18n/locales/es-ES/hourofcode" / sorted(files["es"])[0], "es").texts)


def test_language_of_locale():
    assert language_of_locale("es-ES") == "es"
    assert language_of_locale("fr") == "fr"
    assert language_of_locale("zh-TW") == "zh_TW"


# -- importing tables -------------------------------------------------------------------------

def _table(tmp_path, name, text, language):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_table(path, language)


def test_every_translated_key_is_imported_honestly(tmp_path):
    english = {"a": "Apple", "b": "Banana %{count}", "c": "Cherry", "d": "Date"}
    table = _table(tmp_path, "fr.yml", "fr:\n  a: Pomme\n  b: Banane\n  c: Cherry\n"
                   "  only_fr: Seulement\n  e: Extra\n", "fr")
    po = tmp_path / "strings.po"
    report, added = import_translated(table, english, po, ImportState(),
                                      pegasus_english={"e": "Extra English"})
    assert added == {"e": "Extra English"}
    entries = {e.msgctxt: e for e in polib.pofile(str(po))}
    assert entries["a"].msgstr == "Pomme"
    # The guard refuses a translation that drops a placeholder: it stays untranslated.
    assert entries["b"].msgstr == ""
    assert [i.message.split(":")[0] for i in report.rejected] == ["string 'b'"]
    # Pegasus copied English into untranslated keys: that is not a translation.
    assert entries["c"].msgstr == ""
    assert report.same_as_english == 1
    assert entries["e"].msgid == "Extra English" and entries["e"].msgstr == "Extra"
    obsolete = [e for e in polib.pofile(str(po)).obsolete_entries()]
    assert [(e.msgctxt, e.msgstr) for e in obsolete] == [("only_fr", "Seulement")]
    assert report.unknown_keys == ["only_fr"]


def test_english_table_keeps_what_authors_edited(tmp_path):
    strings = tmp_path / "strings.yml"
    state = ImportState()
    first = _table(tmp_path, "en.yml", "en:\n  a: One\n  b: Two\n", "en")
    import_english(first, strings, state)
    texts = yaml.safe_load(strings.read_text())
    assert texts == {"a": "One", "b": "Two"}
    strings.write_text(strings.read_text().replace("Two", "Two, edited"))
    second = _table(tmp_path, "en2.yml", "en:\n  a: One again\n  b: Two again\n  c: Three\n",
                    "en")
    report = import_english(second, strings, state)
    assert yaml.safe_load(strings.read_text()) == {"a": "One again", "b": "Two, edited",
                                                   "c": "Three"}
    assert report.kept == 1


def test_translated_table_keeps_what_translators_edited(tmp_path):
    english = {"a": "Apple", "b": "Banana"}
    po = tmp_path / "strings.po"
    state = ImportState()
    import_translated(_table(tmp_path, "fr.yml", "fr:\n  a: Pomme\n  b: Banane\n", "fr"),
                      english, po, state)
    catalog = polib.pofile(str(po))
    catalog.find("Banana", msgctxt="b").msgstr = "Banane (revue)"
    catalog.save()
    report, _ = import_translated(
        _table(tmp_path, "fr2.yml", "fr:\n  a: Pomme mûre\n  b: Banane jaune\n", "fr"),
        english, po, state)
    entries = {e.msgctxt: e.msgstr for e in polib.pofile(str(po))}
    assert entries == {"a": "Pomme mûre", "b": "Banane (revue)"}
    assert report.kept == 1


# -- layout -------------------------------------------------------------------------------

def test_fixture_layout_is_sorted():
    layout = read_layout(SITE, "us", {"en", "fr", "es", "ar"})
    assert "how-to/index" in layout.pages
    assert "only-us" in layout.pages, "a page of the site's own country fills in"
    assert layout.pages["volunteer-guidelines"].partial
    assert "promote_nav" in layout.navigation
    assert {"fr", "es"} <= set(layout.translations)
    assert any(a.target == "files/event-plan.fr.pdf" for a in layout.assets)
    reasons = {s.path.name: s.reason for s in layout.skipped}
    assert "index.haml" not in reasons
    assert layout.pages["index"].path.name == "index.haml", "a HAML page is a page"
    assert layout.redirects["/beyond"].startswith("https://")
    assert layout.countries["mx"] == "es"


def test_variant_target():
    assert variant_target("files/plan.pdf", "fr") == "files/plan.fr.pdf"
    assert variant_target("images/a/b.png", "es") == "images/a/b.es.png"
    assert variant_target("README", "fr") == "README.fr"


# -- old URLs -----------------------------------------------------------------------------

DOCS = ["index", "how-to/index", "how-to/districts", "prizes/index"]
CONFIG = RedirectConfig(redirects={"/beyond": "https://code.org/learn",
                                   "/old": "/how-to#top"},
                        countries={"us": "en", "mx": "es", "ar": "es", "br": "pt"})


def _urls():
    urls, notes = old_urls(DOCS, CONFIG, ["en", "fr", "es", "ar"])
    return {u.path: u.target for u in urls}, notes


def test_clean_paths():
    assert clean_path("index") == "/"
    assert clean_path("how-to/index") == "/how-to"
    assert clean_path("how-to/districts") == "/how-to/districts"


def test_old_urls_lead_to_the_right_language():
    urls, notes = _urls()
    assert urls["/how-to/districts"] == "en/how-to/districts.html"
    assert urls["/fr/how-to/districts"] == "fr/how-to/districts.html"
    # A country's old URL also tells the page its reader's country (?country=).
    assert urls["/us/how-to"] == "en/how-to/index.html?country=us"
    assert urls["/mx/how-to/districts"] == "es/how-to/districts.html?country=mx"
    assert urls["/mx/fr/how-to/districts"] == "fr/how-to/districts.html?country=mx"
    # Portuguese is not published: Brazil's pages show the source language.
    assert urls["/br/prizes"] == "en/prizes/index.html?country=br"
    assert urls["/beyond"] == "https://code.org/learn"
    assert urls["/es/old"] == "es/how-to/index.html#top"
    assert urls["/mx"] == "es/index.html?country=mx"
    # Argentina's code is our Arabic folder: the folder wins, and the note says so.
    assert urls["/ar/how-to/districts"] == "ar/how-to/districts.html"
    assert any("country /ar/" in note for note in notes)


def test_stubs_and_redirects_file():
    urls, _ = old_urls(DOCS, CONFIG, ["en", "fr"])
    by_path = {u.path: u for u in urls}
    stub = by_path["/mx/how-to/districts"]
    assert stub_location(stub) == "mx/how-to/districts/index.html"
    assert relative_target(stub) == "../../../en/how-to/districts.html?country=mx"
    text = redirects_file(urls)
    assert "/us/how-to /en/how-to/index.html?country=us 301" in text.splitlines()
    assert "/beyond https://code.org/learn 301" in text.splitlines()


def test_redirects_file_round_trips(tmp_path):
    path = tmp_path / "redirects.yml"
    path.write_text(dump_redirects(CONFIG))
    loaded, problems = load_redirects(path)
    assert problems == []
    assert loaded == CONFIG


def test_a_bad_redirects_file_is_located(tmp_path):
    path = tmp_path / "redirects.yml"
    path.write_text("redirects:\n  /a: [x\n")
    _, problems = load_redirects(path)
    assert problems and problems[0].line == 3


@given(st.lists(st.from_regex(r"[a-z]{1,6}(/[a-z]{1,6}){0,2}", fullmatch=True),
                min_size=1, max_size=8, unique=True))
def test_every_old_url_of_a_page_leads_to_a_published_page(names):
    docs = sorted(set(names) | {"index"})
    urls, _ = old_urls(docs, RedirectConfig(countries={"us": "en", "mx": "es"}), ["en", "es"])
    published = {f"{lang}/{doc}.html" for lang in ("en", "es") for doc in docs}
    for url in urls:
        # A country's URL adds the reader's country to the page it leads to.
        assert url.target.split("?country=")[0] in published
    paths = {u.path for u in urls}
    for doc in docs:
        if doc != "index":
            assert clean_path(doc) in paths
            assert "/us" + clean_path(doc) in paths


def test_redirect_to_a_missing_page_is_noted(tmp_path: Path):
    urls, notes = old_urls(["index"], RedirectConfig(redirects={"/x": "/nowhere"}), ["en"])
    assert not any(u.path == "/x" for u in urls)
    assert any("/x" in note and "no such page" in note for note in notes)


def test_a_translated_haml_page_is_reported_not_aligned(tmp_path: Path):
    """Aligned as Markdown, a HAML translation would pair its markup with English prose:
    it is reported as not read, and no translation of the page comes from it."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    (site / "i18n" / "public" / "fr" / "index.haml").write_text(
        "---\ntitle: Accueil\n---\n%h1 Une heure de code\n", encoding="utf-8")
    layout = read_layout(site, "us", {"en", "fr"})
    assert "index" not in layout.translations["fr"]
    reasons = {s.path.name: s.reason for s in layout.skipped}
    assert "translated HAML page" in reasons["index.haml"]

