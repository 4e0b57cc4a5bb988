"""Pegasus compatibility: ERB pages build unchanged, and move over for good."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from conftest import PROJECT, TESTS, article, read_html, warnings_of
from hoc.cli import main
from hoc.core.align import align, blocks_of
from hoc.core.erb import parse_arguments, rewrite
from hoc.core.guard import myst_parser

PARSER = myst_parser(frozenset({"attrs_inline", "colon_fence", "deflist"}))
SEED = TESTS / "data" / "seed_districts.fr.md"


# -- the rewriter --------------------------------------------------------------------------

@pytest.mark.parametrize(("erb", "myst"), [
    ("<%= hoc_s(:key) %>", "{hoc_s}`key`"),
    ("<%= hoc_s('key') %>", "{hoc_s}`key`"),
    ('<%= hoc_s("key") %>', "{hoc_s}`key`"),
    ("<%=hoc_s(:key)%>", "{hoc_s}`key`"),
    ("<%= hoc_s(:key, count: 5) %>", "{hoc_s}`key count=5`"),
    ("<%= hoc_s(:key, locals: {count: 5, place: 'the world'}) %>",
     '{hoc_s}`key count=5 place="the world"`'),
    ("<%= hoc_s(:key, markdown: true) %>", "{hoc_s}`key`"),
    ("<%= resolve_url('/how-to/events') %>", "/how-to/events"),
    ('<%= resolve_url("/promote/resources#social") %>', "/promote/resources#social"),
    ("<%= resolve_url('https://code.org/learn') %>", "https://code.org/learn"),
    ("<%= localized_file('/files/plan.pdf') %>", "/files/plan.pdf"),
    ("<%= codeorg_url('/learn') %>", "https://code.org/learn"),
    ("<%= codeorg_url('learn') %>", "https://code.org/learn"),
    ("<%# a comment %>", ""),
    ("<%= view :signup_button %>", "```{include} /_partials/signup_button.md\n```"),
    ("<%= view 'signup_button' %>", "```{include} /_partials/signup_button.md\n```"),
    ("<%= view(:signup_button) %>", "```{include} /_partials/signup_button.md\n```"),
])
def test_helpers_become_myst(erb, myst):
    result = rewrite(erb + "\n")
    assert result.text == myst + "\n"
    assert result.problems == []


@pytest.mark.parametrize(("erb", "line", "message"), [
    ("ok\n<% total = count_all %>a\n", 2, "Ruby code '<% total = count_all %>' is not"),
    ("ok\n<% if x %>a<% end %>\n", 2, "cannot read the condition of '<% if x %>'"),
    ("<%= unknown_helper(:a) %>\n", 1, "unknown helper 'unknown_helper'"),
    ("a\nb\n<%= current_user.name %>\n", 3, "not a helper call"),
    ("<%= hoc_s() %>\n", 1, "hoc_s takes one string key"),
    ("<%= hoc_s(:a, :b) %>\n", 1, "hoc_s takes one string key"),
    ("[x](%= resolve_url('/x') %)\n", 1, "broken ERB tag"),
    ("Inline <%= view :x %> here\n", 1, "view must stand on a line of its own"),
    ("<%= hoc_s(:a, count: [1, 2]) %>\n", 1, "cannot read the arguments"),
])
def test_other_erb_is_reported_at_its_line_and_removed(erb, line, message):
    result = rewrite(erb)
    assert result.problems, result
    assert result.problems[0].line == line
    assert message in result.problems[0].message
    assert "<%" not in result.text and "%=" not in result.text


def test_broken_tag_is_read_when_it_can_be():
    result = rewrite("[x](%= resolve_url('/x') %)\n")
    assert result.text == "[x](/x)\n"


def test_front_matter_values_are_quoted_yaml():
    result = rewrite('---\ntitle: <%= hoc_s(:t) %> "quoted"\nlayout: wide\n---\n# H\n')
    assert result.text == ('---\ntitle: "{hoc_s}`t` \\"quoted\\""\nlayout: wide\n---\n# H\n')


def test_windows_line_endings_and_tabs():
    result = rewrite("a\r\n\t<%= hoc_s(:k) %>\r\n<% x %>\r\n")
    assert result.text == "a\n\t{hoc_s}`k`\n\n"
    assert result.problems[0].line == 3


def test_lines_after_front_matter_are_counted_from_the_file_start():
    result = rewrite("---\ntitle: x\n---\n\n<% bad %>\n")
    assert result.problems[0].line == 5


def test_arguments():
    assert parse_arguments(":a, 'b', \"c\", 3") == (["a", "b", "c", "3"], {})
    assert parse_arguments(":k, count: 5, name: 'A B'") == (["k"], {"count": "5",
                                                                 "name": "A B"})
    with pytest.raises(ValueError):
        parse_arguments("foo(bar)")


def test_the_seed_page_rewrites_cleanly():
    result = rewrite(SEED.read_text(encoding="utf-8"))
    assert result.problems == []
    assert "<%" not in result.text
    assert 'title: "{hoc_s}`title_how_to_districts`"' in result.text
    assert "[cet email](/promote/resources#sample-emails)" in result.text


# -- the aligner ---------------------------------------------------------------------------

ENGLISH = """# Title

Intro with [a link](/a).

1. First [step](/b).
2. Second step.

## Next

Closing words.
"""


def test_aligned_blocks_pair_in_order():
    french = ENGLISH.replace("Title", "Titre").replace("Intro with", "Intro avec")
    result = align(blocks_of(ENGLISH, PARSER), blocks_of(french, PARSER), PARSER)
    assert len(result.pairs) == 6
    assert result.unpaired_english == result.unpaired_translated == []
    assert result.pairs[1][1].text == "Intro avec [a link](/a)."


def test_missing_extra_and_reordered_blocks_are_reported():
    missing = ENGLISH.replace("2. Second step.\n", "")
    result = align(blocks_of(ENGLISH, PARSER), blocks_of(missing, PARSER), PARSER)
    assert [b.text for b in result.unpaired_english] == ["Second step."]
    extra = ENGLISH + "\nAn extra paragraph with [a link](/z).\n"
    result = align(blocks_of(ENGLISH, PARSER), blocks_of(extra, PARSER), PARSER)
    assert [b.line for b in result.unpaired_translated] == [12]
    reordered = ENGLISH.replace("Intro with [a link](/a).", "X").replace(
        "Closing words.", "Intro with [a link](/a).")
    result = align(blocks_of(ENGLISH, PARSER), blocks_of(reordered, PARSER), PARSER)
    assert result.unpaired_english and result.unpaired_translated


# -- building Pegasus pages ----------------------------------------------------------------

def build_site(make_app, srcdir: Path) -> Path:
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert warnings_of(app) == ""
    app.cleanup()  # unregister docutils nodes, so the next app starts clean
    return Path(app.outdir)


def test_pegasus_pages_and_their_migration_build_the_same(make_app, tmp_path):
    pegasus_root, migrated_root = tmp_path / "as-pegasus", tmp_path / "migrated"
    shutil.copytree(TESTS / "roots" / "test-pegasus", pegasus_root)
    shutil.copytree(TESTS / "roots" / "test-pegasus", migrated_root)
    assert main(["migrate", str(migrated_root / "pegasus"), str(migrated_root / "_partials")]) == 0
    migrated = (migrated_root / "pegasus" / "guide.md").read_text(encoding="utf-8")
    assert "<%" not in migrated and "\r" not in migrated
    pegasus_out = build_site(make_app, pegasus_root)
    migrated_out = build_site(make_app, migrated_root)
    for name in ("guide", "other"):
        pegasus = article(read_html(pegasus_out / "pegasus" / f"{name}.html"))
        myst = article(read_html(migrated_out / "pegasus" / f"{name}.html"))
        assert str(pegasus) == str(myst)
    out = pegasus_out
    guide = read_html(out / "pegasus" / "guide.html")
    assert guide.title.get_text().startswith("The organizer guide")
    body = article(guide)
    assert [a.get_text() for a in body.select("a.hoc-signup-button")] == ["Sign up"] * 2
    assert body.find("a", string="the other page")["href"] == "other.html#part"
    assert body.find("a", string="plan")["href"] == "../files/plan.pdf"
    assert body.find("a", string="online")["href"] == "https://code.org/learn"
    assert "500 students took part." in body.get_text()
    assert body.find("nav", class_="hoc-nav") is not None


@pytest.mark.sphinx("html", testroot="pegasus-bad", srcdir="pegasus-bad", freshenv=True)
def test_bad_erb_is_located_and_never_shown(app):
    app.build()
    warnings = warnings_of(app)
    assert "index.md:3: WARNING: cannot read the condition of '<% if signed_in? %>'" \
        in warnings
    assert "index.md:5: WARNING: '<%= current_user.name %>' was removed" in warnings
    assert "index.md:7: WARNING: broken ERB tag" in warnings
    assert "index.md:9: WARNING: link to unknown page '/no/such/page'" in warnings
    assert "index.md:11: WARNING: '<%= view :signup_button %>' was removed: view must stand" \
        in warnings
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "&lt;%" not in page and "<%" not in page and "%=" not in page
    text = article(read_html(Path(app.outdir) / "index.html")).get_text()
    assert "Start members end." in text
    assert "Missing page stays text." in text


# -- the command line ----------------------------------------------------------------------

def copy_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root, ignore=shutil.ignore_patterns(
        ".venv", "_build", ".git", "*.mo", "__pycache__", ".pytest_cache", "build"))
    return root


def test_french_districts_po_is_the_seed_imported(tmp_path):
    root = copy_project(tmp_path)
    po = root / "locale" / "fr" / "LC_MESSAGES" / "how-to" / "districts.po"
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr = ""
    catalog.save()
    status = main(["--project", str(root), "import-translation", "--lang", "fr",
                   "--docname", "how-to/districts",
                   "--source", str(root / "source" / "how-to" / "districts.md"),
                   "--translated", str(SEED)])
    assert status == 0
    shipped = PROJECT / "locale" / "fr" / "LC_MESSAGES" / "how-to" / "districts.po"
    assert po.read_bytes() == shipped.read_bytes()


def test_import_translation_reports_what_does_not_align(tmp_path, capsys):
    root = copy_project(tmp_path)
    translated = tmp_path / "fr.md"
    translated.write_text(SEED.read_text(encoding="utf-8").replace(
        "## Et après l'Heure de Code ?\n", ""), encoding="utf-8")
    status = main(["--project", str(root), "import-translation", "--lang", "fr",
                   "--docname", "how-to/districts",
                   "--source", str(root / "source" / "how-to" / "districts.md"),
                   "--translated", str(translated)])
    assert status == 1
    err = capsys.readouterr().err
    assert "districts.md:23: English h2 has no counterpart" in err


def test_import_strings(tmp_path):
    root = copy_project(tmp_path)
    english = tmp_path / "en.yml"
    english.write_text("en:\n  new_key: A new string\n  title_how_to: How to host one\n",
                       encoding="utf-8")
    assert main(["--project", str(root), "import-strings", "--lang", "en", str(english)]) == 0
    table = (root / "source" / "_data" / "strings.yml").read_text(encoding="utf-8")
    assert "new_key: A new string" in table and "title_how_to: How to host one" in table
    french = tmp_path / "fr.yml"
    french.write_text("fr:\n  new_key: Une nouvelle chaîne\n  ghost: Fantôme\n"
                      "  group:\n    nested: Imbriquée\n", encoding="utf-8")
    assert main(["--project", str(root), "import-strings", "--lang", "fr", str(french)]) == 1
    catalog = polib.pofile(str(root / "locale" / "fr" / "LC_MESSAGES" / "strings.po"))
    entry = next(e for e in catalog if e.msgctxt == "new_key")
    assert (entry.msgid, entry.msgstr) == ("A new string", "Une nouvelle chaîne")
    # A key English lacks is reported and kept (obsolete), never used and never lost.
    assert [(e.msgctxt, e.msgstr) for e in catalog.obsolete_entries()] == [
        ("ghost", "Fantôme"), ("group.nested", "Imbriquée")]
    assert all(e.msgctxt != "ghost" for e in catalog.translated_entries())
    # Given the English Pegasus table, keys only it has are added to English first.
    english.write_text("en:\n  ghost: Ghost\n  group:\n    nested: Nested\n",
                       encoding="utf-8")
    assert main(["--project", str(root), "import-strings", "--lang", "fr", "--english",
                 str(english), str(french)]) == 0
    table = (root / "source" / "_data" / "strings.yml").read_text(encoding="utf-8")
    assert "ghost: Ghost" in table and "group.nested: Nested" in table
    catalog = polib.pofile(str(root / "locale" / "fr" / "LC_MESSAGES" / "strings.po"))
    assert catalog.find("Nested", msgctxt="group.nested").msgstr == "Imbriquée"


def test_import_strings_invalid_yaml_is_located(tmp_path, capsys):
    root = copy_project(tmp_path)
    broken = tmp_path / "fr.yml"
    broken.write_text("fr:\n  a: one\n  b: [oops\n  c: three\n", encoding="utf-8")
    assert main(["--project", str(root), "import-strings", "--lang", "fr", str(broken)]) == 1
    assert f"{broken}:4: invalid YAML" in capsys.readouterr().err


def test_erb_shown_as_code_is_left_alone():
    text = ("Write `<%= hoc_s(:key) %>` inline.\n\n```erb\n<% if x %>\n"
            "[a](<%= resolve_url('/a') %>)\n```\n\nReal <%= hoc_s(:k) %>.\n")
    result = rewrite(text)
    assert result.problems == []
    assert result.text == text.replace("<%= hoc_s(:k) %>", "{hoc_s}`k`")
