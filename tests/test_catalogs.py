"""make stats / make check: status counts and translation QA from the PO files."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from conftest import PROJECT
from hoc.cli import main
from hoc.core.catalogs import examine
from hoc.core.guard import myst_parser

PARSER = myst_parser(frozenset())
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def po(tmp_path: Path, body: str, name: str = "page.po") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_status_counts_every_kind_of_message(tmp_path):
    path = po(tmp_path, (
        'msgid "One [a](/x)."\nmsgstr "Un [a](/x)."\n\n'
        '#, fuzzy\nmsgid "Two."\nmsgstr "Deux."\n\n'
        'msgid "Three."\nmsgstr ""\n\n'
        'msgid "Four."\nmsgstr "Quatre <b>x</b>."\n\n'
        '#~ msgid "Old."\n#~ msgstr "Vieux."\n'))
    report = examine("fr", "page", path, PARSER)
    status = report.status
    assert (status.translated, status.fuzzy, status.untranslated, status.rejected) == (1, 1, 1, 1)
    assert status.total == 4 and status.share == 0.25
    assert [(p.line, p.kind) for p in report.problems] == [(15, "guard")]


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root, ignore=shutil.ignore_patterns(
        ".venv", "_build", ".git", "*.mo", "__pycache__", ".pytest_cache", "build"))
    return root


def run_check(project: Path, capsys, *extra: str) -> tuple[int, str]:
    status = main(["--project", str(project), "check", "--lang", "fr", "--no-templates",
                   *extra])
    return status, capsys.readouterr().out


def test_the_shipped_translations_pass(project, capsys):
    """No problem; the seed's three messages that keep English sentences are noted."""
    status, out = run_check(project, capsys)
    assert status == 0
    noted = [line.split("/LC_MESSAGES/", 1)[1].split(": note: ")[0]
             for line in out.splitlines()]
    assert all(": note: partly translated: English left in " in line
               for line in out.splitlines())
    assert noted == ["how-to/districts.po:43", "how-to/districts.po:96",
                     "how-to/districts.po:112"]


def set_msgstr(path: Path, msgid_start: str, msgstr: str, context: str | None = None) -> None:
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if e.msgid.startswith(msgid_start)
                 and (context is None or e.msgctxt == context))
    entry.msgstr = msgstr
    catalog.save()


@pytest.mark.parametrize(("msgstr", "message"), [
    ("**Recrutez.** Partagez [cet email](https://evil.example/x) et [expliquer](/how-to), "
     "[court texte](/promote/stats).", "adds link target 'https://evil.example/x'"),
    ("**Recrutez.** <img src=x onerror=y> [cet email](/promote/resources#sample-emails) "
     "[expliquer](/how-to) [court texte](/promote/stats).", "adds raw HTML"),
    ("1. Recrutez [cet email](/promote/resources#sample-emails) [expliquer](/how-to) "
     "[court texte](/promote/stats).", "not as one paragraph"),
    ("**Recrutez.** {download}`x <../../etc/passwd>` [cet email]"
     "(/promote/resources#sample-emails) [expliquer](/how-to) [court texte](/promote/stats).",
     "adds role"),
])
def test_check_fails_on_each_kind_of_hostile_page_translation(project, capsys, msgstr,
                                                              message):
    path = project / "locale" / "fr" / "LC_MESSAGES" / "how-to" / "districts.po"
    set_msgstr(path, "**Recruit schools.**", msgstr)
    status, out = run_check(project, capsys)
    assert status == 1
    assert f"{path}:" in out and message in out


def test_check_fails_on_a_syntax_error(project, capsys):
    path = project / "locale" / "fr" / "LC_MESSAGES" / "how-to" / "events.po"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[30] = lines[30] + ' "unbalanced'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, out = run_check(project, capsys)
    assert status == 1
    assert f"{path}:31: malformed PO file" in out


def test_check_fails_on_a_duplicate(project, capsys):
    path = project / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    text = path.read_text(encoding="utf-8")
    first = text.index("\n\n#:", text.index("msgid \"\"")) + 2
    entry_end = text.index("\n\n", first + 1)
    path.write_text(text + "\n" + text[first:entry_end] + "\n", encoding="utf-8")
    status, out = run_check(project, capsys)
    assert status == 1 and "duplicate message" in out


def test_check_fails_on_placeholders_and_encoding(project, capsys):
    strings = project / "locale" / "fr" / "LC_MESSAGES" / "strings.po"
    set_msgstr(strings, "Over %{count}", "Plus de %{nombre} élèves.", "stats_blurb_students")
    status, out = run_check(project, capsys)
    assert status == 1 and "drops the placeholder %{count}" in out
    latin1 = project / "locale" / "fr" / "LC_MESSAGES" / "promote" / "stats.po"
    latin1.write_bytes(latin1.read_text(encoding="utf-8").encode("latin-1", "replace"))
    status, out = run_check(project, capsys)
    assert "not valid UTF-8" in out


def test_check_reports_stale_messages_against_the_templates(project, capsys):
    assert main(["--project", str(project), "gettext", "--builddir",
                 str(project / "_build")]) == 0
    path = project / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    path.write_text(path.read_text(encoding="utf-8") +
                    '\nmsgid "A paragraph that is gone."\nmsgstr "Un paragraphe disparu."\n',
                    encoding="utf-8")
    capsys.readouterr()
    status = main(["--project", str(project), "check", "--lang", "fr", "--builddir",
                   str(project / "_build")])
    out = capsys.readouterr().out
    assert status == 1
    assert "stale message 'A paragraph that is gone.'" in out


def test_stats_prints_a_table(project, capsys):
    assert main(["--project", str(project), "stats", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "how-to/districts" in out and "fr (all)" in out
    districts = next(line for line in out.splitlines() if "how-to/districts" in line)
    # translated, partly translated, fuzzy, untranslated, rejected, done
    assert districts.split()[1:] == ["6", "3", "0", "3", "0", "50%"]


CLEAN = 'msgid "One [a](/x)."\nmsgstr "Un [a](/x)."\n\n#, fuzzy\nmsgid "Two."\nmsgstr "Deux."\n'


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("clean", (HEADER + CLEAN).encode(), True),
    ("translator comments", (HEADER + "# revu\n" + CLEAN).encode(), True),
    ("byte-order mark", b"\xef\xbb\xbf" + (HEADER + CLEAN).encode(), False),
    ("carriage returns", (HEADER + CLEAN).replace("\n", "\r\n").encode(), False),
    ("another charset", (HEADER + CLEAN).replace("UTF-8", "ISO-8859-1").encode("latin-1"),
     False),
    ("bytes that are not UTF-8", (HEADER + CLEAN).encode() + b'\nmsgid "x"\nmsgstr "\xe9"\n',
     False),
    ("an obsolete message", (HEADER + CLEAN + '\n#~ msgid "Old."\n#~ msgstr "Vieux."\n')
     .encode(), False),
    ("plural forms", (HEADER + CLEAN + '\nmsgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\n'
                      'msgstr[1] "d"\n').encode(), False),
    ("a rejected translation", (HEADER + CLEAN + '\nmsgid "Four."\nmsgstr "Quatre <b>."\n')
     .encode(), False),
    ("a rejected fuzzy translation", (HEADER + CLEAN + '\n#, fuzzy\nmsgid "Four."\n'
                                      'msgstr "Quatre <b>."\n').encode(), False),
])
def test_a_catalog_is_published_as_is_only_when_its_copy_would_say_the_same(
        tmp_path, name, data, expected):
    """A PO file is published byte for byte only when the rewritten copy would carry
    the same translations and reading it mended nothing."""
    from hoc.core.catalogs import published_as_is, without_rejected
    from hoc.core.pofiles import read_po

    path = tmp_path / "page.po"
    path.write_bytes(data)
    catalog, _ = read_po(path)
    assert catalog is not None
    assert published_as_is(path, catalog, "page", PARSER) is expected, name
    if expected:  # the same messages either way
        copy = without_rejected(catalog, "page", PARSER)
        assert [(e.msgid, e.msgstr, e.flags) for e in polib.pofile(data.decode())] == \
            [(e.msgid, e.msgstr, e.flags) for e in copy]
