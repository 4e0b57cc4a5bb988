"""No translation can break the build: length, characters and nesting are bounded.

The whole French site is built twice from copies of the project: as it is, and with one
broken msgstr per case spread over its PO files. The broken build must finish, warn once
per case at the PO file and line with the reason, show each of those messages in English,
and leave every other message of every page exactly as the first build has it.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po as babel_read_po
from docutils.core import publish_doctree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from myst_parser.parsers.docutils_ import Parser as MystDocutilsParser

from conftest import PROJECT, TESTS, read_html, warnings_of
from hoc.core.guard import check_message, check_string, guard_message, myst_parser
from hoc.core.guard_limits import (
    GuardLimits,
    character_problems,
    limits_from_settings,
    nesting_depth,
)
from hoc.core.pofiles import read_po

EXTENSIONS = ["attrs_inline", "colon_fence", "deflist"]
PARSER = myst_parser(frozenset(EXTENSIONS))
FR = Path("locale") / "fr" / "LC_MESSAGES"
PLAIN = re.compile(r"^[^\[\]`{}*_<>#|\\\n~]{60,400}$")
"""A message with no markup: its text is what the page shows."""


@dataclass
class Case:
    """One broken translation: how to break a good one, and what the warning says."""

    name: str
    reason: str
    broken: str = ""
    po: Path | None = None
    page: Path | None = None
    msgid: str = ""
    french: str = ""
    line: int = 0


SURROGATE_MARK = "SURROGATE-BYTES-HERE"


def _break(name: str, french: str) -> str:
    return {
        "stars": "*" * 50_000 + "mot" + "*" * 50_000,
        "stars_deep": "*" * 400 + french + "*" * 400,
        "brackets": "[" * 30_000 + "mot" + "]" * 30_000,
        "brackets_deep": "[" * 60 + french + "]" * 60,
        "quotes_deep": "> " * 60 + french,
        "lists_deep": "- " * 60 + french,
        "huge": (french + " ") * (2_000_000 // (len(french) + 1)),
        "override": french[:20] + "\u202e" + french[20:],
        "embedding": "\u202b" + french + "\u202c",
        "isolate": "\u2067" + french,
        "nul": french + "\x00",
        "c0": french[:10] + "\x1b[31m" + french[10:],
        "c1": french[:10] + "\x85" + french[10:],
        "surrogate": french[:10] + SURROGATE_MARK + french[10:],
    }[name]


CASES = [
    Case("stars", "characters long"), Case("stars_deep", "(emphasis: 400)"),
    Case("brackets", "characters long"), Case("brackets_deep", "(links: 60)"),
    Case("quotes_deep", "(quotes: 60)"), Case("lists_deep", "(lists: 60)"),
    Case("huge", "characters long"), Case("override", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    Case("embedding", "U+202B RIGHT-TO-LEFT EMBEDDING"),
    Case("isolate", "bidirectional isolate"), Case("nul", "U+0000"),
    Case("c0", "U+001B"), Case("c1", "U+0085"), Case("surrogate", "unpaired surrogate"),
]

KEPT = ("\u200e", "\u200f", "\u061c", "\u2067x\u2069", "\u200d", "\u200c")
"""LRM, RLM, ALM, a balanced isolate, ZWJ, ZWNJ: what right-to-left and Indic
translators need, and what must still ship."""


def _copy_project(target: Path) -> Path:
    shutil.copytree(PROJECT, target, ignore=shutil.ignore_patterns(
        ".venv", "_build", ".git", "*.mo", "__pycache__", ".pytest_cache", "build", "tests",
        ".hypothesis", ".mypy_cache", ".ruff_cache", "_ext"))  # the installed hoc is used
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _build(project: Path, out: Path) -> tuple[int, str]:
    warnings = out.parent / f"{out.name}-warnings.txt"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-c", str(project),
         str(project / "source"), str(out), "-d", str(out.parent / f"{out.name}-doctrees"),
         "-D", "language=fr", "-w", str(warnings)],
        capture_output=True, text=True, env=os.environ | {"NO_COLOR": "1"}, check=False)
    text = warnings.read_text(encoding="utf-8") if warnings.exists() else ""
    crashed = "" if result.returncode == 0 else result.stderr
    return result.returncode, text + crashed


def _plain_messages(project: Path) -> dict[Path, list[polib.POEntry]]:
    found: dict[Path, list[polib.POEntry]] = {}
    for path in sorted((project / FR).rglob("*.po")):
        if path.stem in ("strings", "status", "migrate", "districts"):
            continue
        found[path] = [entry for entry in polib.pofile(str(path))
                       if entry.msgstr and not entry.fuzzy and PLAIN.match(entry.msgid)
                       and PLAIN.match(entry.msgstr)]
    return found


@dataclass
class Sites:
    base: Path
    broken: Path
    warnings: str
    status: int
    cases: list[Case]
    strings_po: Path
    strings_line: int
    french_kept: str
    kept: str


HEADING_1 = ('msgstr "1\\\\. Inscrivez-vous', 'msgstr "1. Inscrivez-vous')
HEADING_2 = ('msgstr "2\\\\) Choisissez', 'msgstr "2) Choisissez')


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> Sites:
    root = tmp_path_factory.mktemp("limits")
    base = _copy_project(root / "base")
    # A heading whose text starts like a list, as "## 1) Get ready" does; its French
    # text is escaped in this copy, as translators had to write it.
    _replace(base / "source" / "how-to" / "index.md", "## 2. Pick tutorials",
             "## 2) Pick tutorials")
    how_to = base / FR / "how-to" / "index.po"
    _replace(how_to, 'msgid "2. Pick tutorials', 'msgid "2) Pick tutorials')
    _replace(how_to, 'msgstr "2\\\\. Choisissez', HEADING_2[0])
    status, warnings = _build(base, root / "base-html")
    assert status == 0, warnings
    assert "[hoc.guard]" not in warnings

    broken = root / "broken"
    shutil.copytree(base, broken)
    # The same headings as translators write them, unescaped.
    _replace(broken / FR / "how-to" / "index.po", *HEADING_1)
    _replace(broken / FR / "how-to" / "index.po", *HEADING_2)
    messages = _plain_messages(broken)
    files = [path for path, entries in messages.items() if len(entries) >= 4]
    cases = [Case(case.name, case.reason) for case in CASES]
    used: set[str] = set()
    for number, case in enumerate(cases):
        case.po = files[number % len(files)]
        entry = next(entry for entry in messages[case.po] if entry.msgid not in used
                     and (len(entry.msgid) >= 100 or not case.name.endswith("_deep")))
        used.add(entry.msgid)
        case.msgid, case.french = entry.msgid, entry.msgstr
        case.page = case.po.relative_to(broken / FR).with_suffix(".html")
    # Characters right-to-left and Indic translations need still ship.
    kept_po = files[-1]
    kept = next(entry for entry in reversed(messages[kept_po]) if entry.msgid not in used)
    kept_text = kept.msgstr[:30] + "".join(KEPT) + kept.msgstr[30:]
    for path in {case.po for case in cases} | {kept_po}:
        assert path is not None
        catalog = polib.pofile(str(path), wrapwidth=0)
        for entry in catalog:
            for case in cases:
                if case.po == path and entry.msgid == case.msgid:
                    entry.msgstr = _break(case.name, case.french)
            if path == kept_po and entry.msgid == kept.msgid:
                entry.msgstr = kept_text
        catalog.save(str(path))
        data = path.read_bytes().replace(SURROGATE_MARK.encode(), b"\xed\xa0\x80")
        path.write_bytes(data)
    for case in cases:
        assert case.po is not None
        catalog, _ = read_po(case.po)
        assert catalog is not None
        case.line = next(entry.linenum for entry in catalog if entry.msgid == case.msgid)
    # The string table: a navigation label with a bidirectional override.
    strings_po = broken / FR / "strings.po"
    _replace(strings_po, 'msgstr "Pour les événements"',
             'msgstr "Pour les \u202eévénements"')
    strings_catalog, _ = read_po(strings_po)
    assert strings_catalog is not None
    strings_line = next(entry.linenum for entry in strings_catalog
                        if entry.msgctxt == "nav_how_to_events")
    status, warnings = _build(broken, root / "broken-html")
    return Sites(root / "base-html", root / "broken-html", warnings, status, cases,
                 strings_po, strings_line, kept.msgstr, kept_text)


def _blocks(page: Path) -> list[tuple[str, str, bool]]:
    """Every paragraph and heading of a page's article: tag, text, marked English."""
    soup = read_html(page)
    article = soup.find("article")
    assert article is not None
    return [(block.name, " ".join(block.get_text().split()),
             block.get("lang") == "en" or block.find(attrs={"lang": "en"}) is not None)
            for block in article.find_all(["p", "h1", "h2", "h3", "h4", "h5", "h6"])]


def test_the_build_finishes_and_writes_every_page(sites):
    assert sites.status == 0, sites.warnings
    assert "Traceback" not in sites.warnings and "RecursionError" not in sites.warnings
    pages = sorted(path.relative_to(sites.base) for path in sites.base.rglob("*.html"))
    assert pages == sorted(path.relative_to(sites.broken)
                           for path in sites.broken.rglob("*.html"))
    assert len(pages) > 10


@pytest.mark.parametrize("name", [case.name for case in CASES])
def test_each_case_is_one_located_warning(sites, name):
    case = next(case for case in sites.cases if case.name == name)
    located = [line for line in sites.warnings.splitlines()
               if line.startswith(f"{case.po}:{case.line}: ")]
    guard = [line for line in located if line.endswith("[hoc.guard]")]
    assert len(guard) == 1, located
    assert f"translation of {case.msgid[:20]!r}"[:-1] in guard[0]
    assert case.reason in guard[0]
    assert "the English text is shown" in guard[0]
    assert len(guard[0]) < 1000  # the message is named, not copied into the log


@pytest.mark.parametrize("name", [case.name for case in CASES])
def test_each_case_shows_english_on_its_page(sites, name):
    case = next(case for case in sites.cases if case.name == name)
    assert case.page is not None
    page = case.page
    blocks = _blocks(sites.broken / page)
    assert ("p", " ".join(case.msgid.split()), True) in blocks
    french = " ".join(case.french.split())
    assert not any(text == french for _, text, _ in blocks)
    assert ("p", french, False) in _blocks(sites.base / page)


def test_a_bad_po_byte_is_located_and_costs_only_its_message(sites):
    case = next(case for case in sites.cases if case.name == "surrogate")
    assert case.po is not None
    data = case.po.read_bytes()
    line = data[:data.index(b"\xed\xa0\x80")].count(b"\n") + 1
    assert f"{case.po}:{line}: WARNING: PO file is not valid UTF-8" in sites.warnings
    others = [other for other in sites.cases if other.po == case.po and other is not case]
    assert case.page is not None
    translated = [text for _, text, english in _blocks(sites.broken / case.page)
                  if not english]
    assert len(translated) > len(others) + 3


def test_every_other_message_of_every_page_is_unchanged(sites):
    changed = {" ".join(case.french.split()): " ".join(case.msgid.split())
               for case in sites.cases}
    changed["Pour les événements"] = "For events"
    kept = (" ".join(sites.french_kept.split()), " ".join(sites.kept.split()))
    seen: set[str] = set()
    for page in sorted(sites.base.rglob("*.html")):
        relative = page.relative_to(sites.base)
        if relative.as_posix() in ("status.html", "search.html", "genindex.html"):
            continue  # the status page charts the rejections themselves
        before, after = _blocks(page), _blocks(sites.broken / relative)
        assert len(before) == len(after), relative
        for old, new in zip(before, after, strict=True):
            if old == new:
                continue
            if old == ("p", kept[0], False):
                assert new == ("p", kept[1], False)
                seen.add(old[1])
                continue
            assert old[1] in changed, (relative, old, new)
            assert new == (old[0], changed[old[1]], True), (relative, old, new)
            seen.add(old[1])
    assert seen == {*changed, kept[0]}


def test_headings_that_start_like_a_list_apply(sites):
    assert "Inscrivez-vous" not in sites.warnings and "Choisissez" not in sites.warnings
    for site in (sites.base, sites.broken):
        headings = [text for tag, text, english in _blocks(site / "how-to" / "index.html")
                    if tag == "h2" and not english]
        assert any(text.startswith("1. Inscrivez-vous") for text in headings), headings
        assert any(text.startswith("2) Choisissez") for text in headings), headings


def test_kept_characters_ship(sites):
    pages = [page.read_text(encoding="utf-8") for page in sites.broken.rglob("*.html")]
    assert any(sites.kept in page for page in pages)
    assert sites.kept[:30] not in sites.warnings


def test_string_table_translations_are_limited_too(sites):
    warning = next(line for line in sites.warnings.splitlines()
                   if line.startswith(f"{sites.strings_po}:{sites.strings_line}: "))
    assert "'nav_how_to_events' rejected" in warning and "U+202E" in warning
    assert warning.endswith("[hoc.guard]")
    page = (sites.broken / "how-to" / "events.html").read_text(encoding="utf-8")
    assert "\u202e" not in page and "For events" in page


# -- the limits themselves -----------------------------------------------------------------


class ExplodingParser:
    """A parser that must not be reached."""

    def parse(self, text: str) -> list[object]:
        raise AssertionError(f"parsed a {len(text)}-character message")


@pytest.mark.parametrize("msgstr", [
    "*" * 1000 + "mot" + "*" * 1000, "_" * 800 + "mot" + "_" * 800,
    "[" * 900 + "mot" + "]" * 900, "> " * 900 + "mot", "- " * 900 + "mot",
    "".join(f"{'  ' * level}- niveau {level}\n" for level in range(40)),
    "~~" * 500 + "mot" + "~~" * 500,
])
def test_too_deep_is_refused_before_any_parse(msgstr):
    msgid = "A message of two hundred characters. " * 6
    reasons = check_message(msgid, msgstr, ExplodingParser(),  # type: ignore[arg-type]
                            GuardLimits(length_factor=100))
    assert len(reasons) == 1 and "levels deep" in reasons[0], reasons


def test_what_is_refused_would_overflow_the_renderer():
    text = "*" * 1000 + "mot" + "*" * 1000
    with pytest.raises(RecursionError):
        publish_doctree(text, parser=MystDocutilsParser(), settings_overrides={
            "myst_enable_extensions": EXTENSIONS, "report_level": 5})
    assert nesting_depth(text).emphasis == 1000


@pytest.mark.parametrize(("text", "depth"), [
    ("Un **[lien](/x)** en gras.", 3), ("Deux *a* et *b* puis *c*.", 1),
    (r"Pas \*\*\* d'emphase.", 0), ("5 * 3 = 15 et a*b", 1), ("~ environ 10 ~", 0),
    ("> > citation", 2), ("- a\n  - b\n    - c\nfin", 3), ("1. a\n2. b", 1),
    ("[a] [b] [c]", 1), ("snake_case_name", 1),
])
def test_nesting_depth_bounds(text, depth):
    assert nesting_depth(text).total == depth


def test_length_limit_is_relative_to_the_msgid():
    limits = GuardLimits(length_factor=10, length_extra=200)
    msgid = "x" * 30
    assert check_message(msgid, "y" * 500, PARSER, limits) == []
    reasons = check_message(msgid, "y" * 501, PARSER, limits)
    assert reasons == ["it is 501 characters long, more than the 500 allowed for a "
                       "30-character message (hoc_guard_length_factor, "
                       "hoc_guard_length_extra)"]
    assert check_string(msgid, "y" * 501, limits) == reasons


@pytest.mark.parametrize(("char", "reason"), [
    ("\u202a", "U+202A"), ("\u202b", "U+202B"), ("\u202c", "U+202C"),
    ("\u202d", "U+202D"), ("\u202e", "U+202E"), ("\u2066", "isolate"),
    ("\u2069", "isolate"), ("\u2068x\n\u2069", "isolate"), ("\x00", "U+0000"),
    ("\x07", "U+0007"), ("\r", "U+000D"), ("\x7f", "U+007F"), ("\x9b", "U+009B"),
    ("\ud800", "surrogate"), ("\udfff", "surrogate"),
])
def test_characters_refused(char, reason):
    problems = character_problems(f"texte {char} fin")
    assert len(problems) == 1 and reason in problems[0]
    assert any(reason in problem for problem in check_string("text", f"texte {char}"))


@pytest.mark.parametrize("text", [
    "مرحبا\u200e 2024", "שלום\u200f!", "العدد\u061c 5", "\u2067مرحبا\u2069 et \u2066x\u2069",
    "\u2068\u2067a\u2069\u2069", "می\u200cخواهم", "क्\u200dष", "tab\tet\nligne",
])
def test_characters_kept(text):
    assert character_problems(text) == []


def test_limits_from_settings_keep_defaults_for_bad_values():
    limits = limits_from_settings({"hoc_guard_max_depth": 4, "hoc_guard_length_factor": 0,
                                   "hoc_guard_length_extra": True})
    assert limits == GuardLimits(max_depth=4)


@pytest.mark.parametrize(("msgid", "msgstr", "shipped"), [
    ("1) Get ready for your event", "1) Préparez-vous pour votre évènement",
     "1\\) Préparez-vous pour votre évènement"),
    ("1. Sign up", "1. Inscrivez-vous", "1\\. Inscrivez-vous"),
    ("3) Plan", "3. Planifiez", "3\\. Planifiez"),
    ("- and more", "- et plus", "\\- et plus"), ("+ plus", "+ plus", "\\+ plus"),
    ("* star", "* étoile", "\\* étoile"), ("# hashtag", "# mot-dièse", "\\# mot-dièse"),
    ("> quoted", "> cité", "\\> cité"), ("1\\. Sign up", "1\\. Inscrivez", "1\\. Inscrivez"),
])
def test_heading_text_that_starts_like_a_block_applies_escaped(msgid, msgstr, shipped):
    assert guard_message(msgid, msgstr, PARSER).text == shipped


@pytest.mark.parametrize(("msgid", "msgstr"), [
    ("Get ready", "1) Préparez"), ("1) Get ready", "- Préparez"),
    ("1) Get ready", "1) Préparez\n\n# Titre"), ("- more", "- plus\n- encore"),
    ("> quoted", "> cité <img src=x onerror=alert(1)>"), ("Text", "# Titre"),
])
def test_only_the_english_marker_is_escaped(msgid, msgstr):
    verdict = guard_message(msgid, msgstr, PARSER)
    assert verdict.text is None and verdict.reasons


# -- PO files of any bytes -----------------------------------------------------------------


def test_a_po_file_naming_a_file_is_not_read_as_that_file(tmp_path):
    path = tmp_path / "x.po"
    path.write_text(str(PROJECT / "conf.py"), encoding="utf-8")
    catalog, _ = read_po(path)
    assert catalog is None or all("Sphinx" not in entry.msgid for entry in catalog)


def test_a_latin1_file_is_located_and_keeps_its_ascii_messages(tmp_path):
    path = tmp_path / "x.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n'
                     b'\nmsgid "Hello"\nmsgstr "Bonjour"\n\nmsgid "Summer"\nmsgstr "\xc9t\xe9"\n')
    catalog, problems = read_po(path)
    assert [(problem.line, problem.message) for problem in problems] == [
        (9, "PO file is not valid UTF-8; its header says ISO-8859-1: save it as UTF-8; "
            "the translations holding bad bytes are ignored")]
    assert catalog is not None
    by_id = {entry.msgid: entry.msgstr for entry in catalog}
    assert check_message("Hello", by_id["Hello"], PARSER) == []
    assert "unpaired surrogate" in check_message("Summer", by_id["Summer"], PARSER)[0]


def _guarded_round_trip(path: Path, tmp: Path) -> None:
    """What the build does with any PO file: read, guard, write, compile as Sphinx does."""
    from hoc.guard import guard_catalog

    guarded = guard_catalog(path, frozenset(EXTENSIONS))
    if guarded is None:
        return
    copy = tmp / "guarded.po"
    copy.write_text(str(guarded), encoding="utf-8")
    with copy.open(encoding="utf-8-sig") as handle:
        compiled = babel_read_po(handle, "fr")
    write_mo(io.BytesIO(), compiled)
    assert {(m.context, m.id): m.string for m in compiled if m.id} == {
        (entry.msgctxt, entry.msgid): entry.msgstr for entry in guarded}
    for entry in guarded:
        publish_doctree(entry.msgstr, parser=MystDocutilsParser(), settings_overrides={
            "myst_enable_extensions": EXTENSIONS, "report_level": 5})


SAMPLE = (PROJECT / FR / "how-to" / "index.po").read_bytes()
SAMPLE = SAMPLE[:SAMPLE.index(b"\n\n", 2500) + 1]
BYTE_NOISE = [b'"', b"\\", b"\n", b'msgid "', b'msgstr "', b"\xed\xa0\x80", b"\xff\xfe",
              b"\x00", b"\x04", b"#~ ", b'msgctxt "x"\n', b"\xef\xbb\xbf", b"\xe2\x80\xae",
              b"*" * 300, b"[" * 50, b'"Language: ;fr\\n"\n', b'"Plural-Forms: x\\n"\n']


@st.composite
def po_bytes(draw):
    """A real PO file with random bytes and fragments spliced in, or pure noise."""
    if draw(st.booleans()) and draw(st.booleans()):
        return draw(st.binary(max_size=400))
    data = bytearray(SAMPLE)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data) - 1))
        piece = draw(st.one_of(st.sampled_from(BYTE_NOISE), st.binary(min_size=1, max_size=4)))
        if draw(st.booleans()):
            data[at:at + len(piece)] = piece
        else:
            data[at:at] = piece
    encoding = draw(st.sampled_from(["utf-8", "latin-1", "utf-16", "cp1252"]))
    if encoding != "utf-8":
        return bytes(data).decode("utf-8", "replace").encode(encoding, "replace")
    return bytes(data)


@given(po_bytes())
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_po_bytes_give_a_catalog_sphinx_compiles(tmp_path, data):
    path = tmp_path / "any.po"
    path.write_bytes(data)
    catalog, problems = read_po(path)
    assert catalog is not None or problems
    assert all(problem.path == path for problem in problems)
    _guarded_round_trip(path, tmp_path)


MARKERS = st.sampled_from(["*", "**", "_", "__", "~~", "[", "> ", "- ", "1. ", "`"])


@st.composite
def nested_markdown(draw):
    """Markdown nested ``depth`` levels with ``width`` siblings, markers mixed."""
    depth = draw(st.integers(0, 600))
    width = draw(st.integers(1, 4))
    text = draw(st.sampled_from(["mot", "deux mots", "é"]))
    for _ in range(depth):
        marker = draw(MARKERS)
        sibling = " ".join([text, *(["mot"] * (width - 1))])
        if marker == "[":
            text = f"[{sibling}](/x)" if draw(st.booleans()) else f"[{sibling}]"
        elif marker in ("> ", "- ", "1. "):
            text = marker + sibling
        else:
            text = marker + sibling + marker
    return text


@given(nested_markdown())
@settings(max_examples=150, deadline=None)
def test_guarded_nested_markdown_never_breaks_the_renderer(text):
    msgid = "A message in English, of about one hundred characters, with some words in it."
    verdict = guard_message(msgid, text, PARSER, GuardLimits(length_factor=1000))
    if verdict.text is not None:
        publish_doctree(verdict.text, parser=MystDocutilsParser(), settings_overrides={
            "myst_enable_extensions": EXTENSIONS, "report_level": 5})
        assert nesting_depth(verdict.text).total <= GuardLimits().max_depth


def _guard_root_catalog() -> bytes:
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "fr"}
    for k in range(1, 61):
        catalog.append(polib.POEntry(
            msgid=f"Paragraph {k} links to [the other page](/other) and uses `code{k}`.",
            msgstr=f"Le paragraphe {k} renvoie à [l'autre page](/other) et utilise `code{k}`."))
    return str(catalog).encode("utf-8")


GUARD_ROOT_PO = _guard_root_catalog()


@st.composite
def guard_root_po_bytes(draw):
    """The guard test root's French catalog, with random bytes and fragments spliced in."""
    data = bytearray(GUARD_ROOT_PO)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data) - 1))
        piece = draw(st.one_of(st.sampled_from(BYTE_NOISE), st.binary(min_size=1, max_size=4)))
        data[at:at + draw(st.integers(0, len(piece)))] = piece
    return bytes(data)


@given(guard_root_po_bytes())
@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_po_bytes_give_a_finished_build(make_app, tmp_path_factory, data):
    """Every paragraph is its English text marked so, or a translation that kept its
    link and code; every warning is ours and names the PO file."""
    srcdir = tmp_path_factory.mktemp("anybytes")
    shutil.copytree(TESTS / "roots" / "test-guard", srcdir, dirs_exist_ok=True)
    po = srcdir / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    po.parent.mkdir(parents=True)
    po.write_bytes(data)
    app = make_app("html", srcdir=srcdir, confoverrides={"language": "fr"}, freshenv=True)
    app.build()
    for line in warnings_of(app).splitlines():
        if "while setting up extension" in line:
            continue  # one process builds several apps: Sphinx's own parts register again
        assert line.startswith(f"{po}:") and line.endswith(("[hoc.guard]", "[hoc.po]")), line
    article = read_html(Path(app.outdir) / "index.html").find("article")
    assert article is not None
    paragraphs = [p for p in article.find_all("p") if "code" in p.get_text()]
    assert len(paragraphs) == 60
    for k, paragraph in enumerate(paragraphs, start=1):
        text = " ".join(paragraph.get_text().split())
        if paragraph.get("lang") == "en":
            assert text == f"Paragraph {k} links to the other page and uses code{k}."
        else:
            assert paragraph.find("code").get_text() == f"code{k}"
            assert paragraph.find("a")["href"] == "other.html"


def test_the_quick_screen_names_every_character_the_guard_may_refuse():
    """character_problems skips its walk when no character matches _SUSPECT: that set
    must hold every character the walk looks at (and holds no other)."""
    import unicodedata

    from hoc.core import guard_limits

    looked_at = {chr(code) for code in range(0x110000)
                 if unicodedata.category(chr(code)) in ("Cc", "Zl", "Zp", "Cs")
                 and chr(code) not in "\t\n"}
    looked_at |= set(guard_limits._EMBEDDINGS | guard_limits._ISOLATE_OPENERS)
    looked_at.add(guard_limits._ISOLATE_CLOSER)
    matched = {chr(code) for code in range(0x110000)
               if guard_limits._SUSPECT.match(chr(code))}
    assert matched == looked_at


@settings(max_examples=400, deadline=None)
@given(text=st.text(st.sampled_from(list("ab *_~[]>-+1.) \t\\")), max_size=40),
       limit=st.integers(0, 12))
def test_the_quick_depth_bound_never_hides_a_problem(text, limit):
    """depth_problem's shortcut for one line answers as the walk does."""
    from hoc.core.guard_limits import GuardLimits, depth_problem, nesting_depth

    limits = GuardLimits(max_depth=limit)
    assert (depth_problem(text, limits) is None) is (nesting_depth(text).total <= limit)
