"""hoc_s: the string table in the page's language, with English fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import article, pages_read, read_html, warnings_of
from hoc.core.strings import (
    StringTable,
    fill_placeholders,
    load_english,
    load_table,
    load_translations,
    parse_call,
)

STRINGS_ROOT = Path(__file__).parent / "roots" / "test-strings"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- pure core ---------------------------------------------------------------------------

def test_english_table_reads_keys_and_lines(tmp_path):
    path = write(tmp_path, "s.yml", "# c\na: Alpha\nb: 'Beta: two'\nn: 3\n")
    texts, lines, problems = load_english(path)
    assert texts == {"a": "Alpha", "b": "Beta: two", "n": "3"}
    assert lines == {"a": 2, "b": 3, "n": 4}
    assert problems == []


@pytest.mark.parametrize(("text", "line", "message"), [
    ("a: [1, 2\n", 2, "malformed YAML"),
    ("- a\n- b\n", 1, "must be a mapping"),
    ("a: x\nb:\n  c: d\n", 2, "must be text, not a mapping"),
    ("a: x\nb: [1]\n", 2, "must be text, not a list"),
    ("a: x\nb:\n", 2, "must be text, not a empty value"),
    ("a: x\na: y\n", 2, "duplicate string key 'a' (first defined at line 1)"),
    ("a: x\n'bad key': y\n", 2, "invalid string key 'bad key'"),
])
def test_english_table_problems_are_located_and_keep_good_entries(tmp_path, text, line,
                                                                     message):
    path = write(tmp_path, "s.yml", text)
    texts, _, problems = load_english(path)
    assert [p.line for p in problems] == [line]
    assert message in problems[0].message
    assert problems[0].path == path
    if text.startswith("a: x"):
        assert texts["a"] == "x"


def test_translations_skip_fuzzy_empty_and_report_unknown_keys(tmp_path):
    po = write(tmp_path, "strings.po", (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "a"\nmsgid "Alpha"\nmsgstr "Alpha FR"\n\n'
        '#, fuzzy\nmsgctxt "b"\nmsgid "Beta"\nmsgstr "Beta FR"\n\n'
        'msgctxt "c"\nmsgid "Gamma"\nmsgstr ""\n\n'
        'msgctxt "zzz"\nmsgid "Ghost"\nmsgstr "Fantome"\n'))
    translated, problems = load_translations(po, {"a": "Alpha", "b": "Beta", "c": "Gamma"})
    assert translated == {"a": "Alpha FR"}
    assert len(problems) == 1
    assert problems[0].line == 18
    assert "unknown string key 'zzz'" in problems[0].message


def test_broken_po_is_a_located_problem_and_english_is_used(tmp_path):
    english = write(tmp_path, "s.yml", "a: Alpha\n")
    po = write(tmp_path, "strings.po", 'msgctxt "a"\nmsgid "Alpha"\nmsgstr "A"\nfoo\n')
    table, problems = load_table(english, po, "fr")
    assert table.lookup("a").text == "Alpha"
    assert table.lookup("a").language == "en"
    assert problems and problems[0].path == po and problems[0].line is not None


def test_po_that_is_not_utf8_is_located(tmp_path):
    english = write(tmp_path, "s.yml", "a: Alpha\n")
    po = tmp_path / "strings.po"
    po.write_bytes(b'msgctxt "a"\nmsgid "Alpha"\nmsgstr "\xe9t\xe9"\n')
    _, problems = load_table(english, po, "fr")
    assert problems[0].line == 3
    assert "UTF-8" in problems[0].message


def test_lookup_falls_back_to_english_and_says_so():
    table = StringTable({"a": "Alpha", "b": "Beta"}, {"a": "Alpha FR"}, "fr")
    assert table.lookup("a").text == "Alpha FR"
    assert table.lookup("a").language == "fr"
    assert table.lookup("b").text == "Beta"
    assert table.lookup("b").language == "en"
    assert table.lookup("c") is None


def test_placeholders_fill_and_report_missing_names():
    assert fill_placeholders("%{a} and %{b}", {"a": "1", "b": "2"}) == ("1 and 2", [])
    assert fill_placeholders("%{a} and %{b}", {"a": "1"}) == ("1 and %{b}", ["b"])
    assert fill_placeholders("100% sure", {}) == ("100% sure", [])


def test_parse_call():
    assert parse_call("key") == ("key", {})
    assert parse_call('key count=5 places="two words"') == (
        "key", {"count": "5", "places": "two words"})
    assert parse_call("key empty=") == ("key", {"empty": ""})


@pytest.mark.parametrize("bad", ["", "   ", 'key "unclosed', "key novalue", "k=2 x",
                                 "key 1x=2", "key =value"])
def test_parse_call_rejects_malformed_calls(bad):
    with pytest.raises(ValueError):
        parse_call(bad)


# -- in a build --------------------------------------------------------------------------

def paragraphs(app) -> dict[str, str]:
    soup = read_html(Path(app.outdir) / "index.html")
    result = {}
    for p in article(soup).find_all("p"):
        label, _, rest = p.get_text().partition(": ")
        result[label] = rest
    return result


@pytest.mark.sphinx("html", testroot="strings", srcdir="strings-en", freshenv=True)
def test_english_build(app):
    app.build()
    found = paragraphs(app)
    assert found["Greeting"] == "Hello, organizer!"
    assert found["Count"] == "Over 500 students in 180 countries."
    assert found["Link"] == "the home page"
    assert found["Unknown"] == "no_such_key"
    assert found["Unfilled"] == "Over 3 students in %{places}."
    soup = read_html(Path(app.outdir) / "index.html")
    assert soup.title.get_text().startswith("The strings page")
    warnings = warnings_of(app)
    assert "index.md:17: WARNING: unknown string key 'no_such_key'" in warnings
    assert "[hoc.string]" in warnings
    assert "index.md:19: WARNING: string 'students' needs a value for %{places}" in warnings
    assert not article(soup).select("[lang]")


@pytest.mark.sphinx("html", testroot="strings", srcdir="strings-fr", freshenv=True,
                    confoverrides={"language": "fr"})
def test_french_build_translates_and_marks_english_fallback(app):
    app.build()
    found = paragraphs(app)
    assert found["Greeting"] == "Bonjour, organisateur !"
    assert found["Count"] == "Plus de 500 élèves dans 180 countries."
    assert found["Link"] == "la page d’accueil"
    assert found["Fuzzy"] == "Fuzzy in French"
    assert found["Untranslated"] == "Only in English"
    soup = read_html(Path(app.outdir) / "index.html")
    assert soup.title.get_text().startswith("La page des chaînes")
    link = article(soup).find("a", string="la page d’accueil")
    assert link is not None and link["href"] == "index.html"
    english = {span.get_text() for span in article(soup).select('span[lang="en"]')
               if not span.find_parent(class_="hoc-translation-notice")}
    assert english == {"Fuzzy in French", "Only in English"}


@pytest.mark.sphinx("html", testroot="strings", srcdir="strings-incremental", freshenv=True,
                    confoverrides={"language": "fr"})
def test_editing_strings_po_rebuilds_pages_using_it(app):
    app.build()
    po = Path(app.srcdir) / "locale" / "fr" / "LC_MESSAGES" / "strings.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        "Bonjour, organisateur !", "Salut, organisateur !"), encoding="utf-8")
    app.build()
    assert paragraphs(app)["Greeting"] == "Salut, organisateur !"


@pytest.mark.parametrize(("text", "line"), [
    ('msgid "x"\nmsgstr "b"\nfoo bar\n', 3),
    ('msgctxt "a"\nmsgid "Alpha"\nmsgstr "A\n', 3),
    ('msgid "a"\nmsgstr ""\n"unclosed\n', 3),
])
def test_po_syntax_errors_name_their_line(tmp_path, text, line):
    english = write(tmp_path, "s.yml", "a: Alpha\n")
    po = write(tmp_path, "strings.po", text)
    _, problems = load_table(english, po, "fr")
    assert [(p.path, p.line) for p in problems] == [(po, line)]
    assert "malformed PO file" in problems[0].message


@pytest.mark.sphinx("html", testroot="pages", srcdir="pages-incremental", freshenv=True,
                    confoverrides={"language": "fr"})
def test_a_string_edit_rebuilds_only_the_pages_using_that_string(app):
    app.build()
    read = pages_read(app)
    strings = Path(app.srcdir) / "_data" / "strings.yml"
    text = strings.read_text(encoding="utf-8")
    strings.write_text(text.replace("title_wide: A wide page", "title_wide: A broad page"),
                       encoding="utf-8")
    app.build()
    assert read == ["wide"]
    assert read_html(Path(app.outdir) / "wide.html").title.get_text().startswith(
        "A broad page")
    read.clear()
    strings.write_text(strings.read_text(encoding="utf-8") + "unused_key: Nobody uses me\n",
                       encoding="utf-8")
    app.build()
    assert read == []
