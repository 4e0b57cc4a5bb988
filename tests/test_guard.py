"""The translation guard: nothing hostile a translator writes ships, nothing is lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PROJECT, TESTS, article, read_html, warnings_of
from hoc.core.guard import check_message, check_string, is_dangerous_url, myst_parser

EXTENSIONS = frozenset({"attrs_inline", "colon_fence", "deflist"})
PARSER = myst_parser(EXTENSIONS)


def msgid(k: int) -> str:
    return f"Paragraph {k} links to [the other page](/other) and uses `code{k}`."


def good(k: int, extra: str = "") -> str:
    """A faithful French translation of paragraph ``k``, plus ``extra``."""
    return f"Le paragraphe {k} renvoie à [l'autre page](/other) et utilise `code{k}`.{extra}"


# (msgstr, what must never appear in any output file, reason fragment in the warning)
HOSTILE: list[tuple[str, str, str]] = [
    (good(1, " <img src=x onerror=alert(1)>"), "onerror=alert(1)", "raw HTML"),
    (good(2, " <script>alert(2)</script>"), "<script>alert(2)", "raw HTML"),
    (good(3, ' <a href="https://evil.example/a3">x</a>'), "evil.example/a3", "raw HTML"),
    (good(4, ' <span style="color:#bad004">x</span>'), "#bad004", "raw HTML"),
    (good(5, " <!-- hidden5 -->"), "hidden5", "raw HTML"),
    (good(6, " <IMG SRC=x OnError=alert(6)>"), "alert(6)", "raw HTML"),
    (good(7, " <img/src=x/onerror=alert(7)>"), "alert(7)", "raw HTML"),
    (good(8, " <svg onload=alert(8)>"), "alert(8)", "raw HTML"),
    (good(9, ' <iframe src="https://evil.example/i9"></iframe>'), "evil.example/i9",
     "raw HTML"),
    (good(10, " <style>body{color:#bad010}</style>"), "#bad010", "raw HTML"),
    (good(11, " ![x](../../../../../../etc/passwd)"), "etc/passwd", "image"),
    (good(12, " ![x](https://evil.example/i12.png)"), "evil.example/i12", "image"),
    (good(13, " {download}`plan <../../../../../../etc/passwd>`"), "etc/passwd", "role"),
    (good(14, " {download}`plan14 </files/../../conf.py>`"), "plan14", "role"),
    (good(15, " {doc}`other`"), "{doc}", "role"),
    (good(16, " <https://evil.example/phish16>"), "evil.example/phish16", "link target"),
    (good(17, " [more](https://evil.example/l17)"), "evil.example/l17", "link target"),
    ("Le paragraphe 18 renvoie à [l'autre page](https://evil.example/l18) et `code18`.",
     "evil.example/l18", "link target"),
    ("Le paragraphe 19 ne renvoie nulle part et utilise `code19`.", "nulle part",
     "drops link target"),
    ("Le paragraphe 20 renvoie à [l'autre page](/other) et utilise `rm -rf /`.", "rm -rf",
     "inline code"),
    (good(21, " [x](javascript:alert(21))"), "alert(21)", "unsafe URL"),
    (good(22, " [x](JaVaScRiPt:alert(22))"), "alert(22)", "unsafe URL"),
    (good(23, " [x]( java&#115;cript:alert(23))"), "alert(23)", "unsafe URL"),
    (good(24, " [x](data:text/html,evil24)"), "evil24", "unsafe URL"),
    (good(25, " <vbscript:msgbox(25)>"), "msgbox(25)", "unsafe URL"),
    ("Le paragraphe 26 renvoie à [l'autre page](/other \"title26x\") et utilise `code26`.",
     "title26x", "attributes"),
    (good(27, ' [texte]{.danger27 onclick="alert(27)"}'), "danger27", "attributes"),
    (good(28, "\n\n```{include} /etc/hostname\n```"), "/etc/hostname",
     "not as one paragraph"),
    (good(29, "\n\n:::{raw} html\n<b>raw29</b>\n:::"), "raw29", "not as one paragraph"),
    (good(30, "\n\n# Titre30"), "Titre30", "not as one paragraph"),
    ("(evil31)=\n" + good(31), "evil31", "not as one paragraph"),
    (good(32, " Note[^fn32]\n\n[^fn32]: footnote32"), "footnote32", "not as one paragraph"),
    (good(33, " {hoc_s}`secret33`"), "secret33", "role"),
    ("1. " + good(34), "Le paragraphe 34", "numbered list"),
    (good(35, " <a href='//evil.example/p35'>x</a>"), "evil.example/p35", "raw HTML"),
    (good(36, " [x](//evil.example/p36)"), "evil.example/p36", "link target"),
]

ALLOWED: list[tuple[str, str]] = [
    # Rewording, reordering and emphasis are fine; text that looks like markup ships escaped.
    ("Avec `code50`, le **paragraphe 50** renvoie à [l'autre page](/other).", "paragraphe 50"),
    (good(51, " 10 < 20 & plus"), "10 &lt; 20 &amp; plus"),
    (good(52, " &lt;script&gt;alert(52)&lt;/script&gt;"), "&lt;script&gt;alert(52)"),
    (good(53, " *vraiment* ~~pas~~ là"), "vraiment"),
    (good(54, " ＜script＞"), "＜script＞"),
]


@pytest.fixture
def hostile_build(make_app, tmp_path):
    """The guard test root with a French catalog full of hostile translations."""
    srcdir = tmp_path / "guard"
    shutil.copytree(TESTS / "roots" / "test-guard", srcdir)
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "fr"}
    catalog.append(polib.POEntry(msgid="Guarded page", msgstr="Page gardée"))
    messages: dict[int, str] = {}
    for number, (text, _, _) in enumerate(HOSTILE, start=1):
        messages[number] = text
    for number, (text, _) in enumerate(ALLOWED, start=50):
        messages[number] = text
    for k in range(1, 61):
        catalog.append(polib.POEntry(msgid=msgid(k), msgstr=messages.get(k, good(k))))
    po = srcdir / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    po.parent.mkdir(parents=True)
    catalog.save(str(po))
    app = make_app("html", srcdir=srcdir, confoverrides={"language": "fr"}, freshenv=True)
    app.build()
    return app, po


def every_output_file(outdir: Path) -> list[tuple[Path, str]]:
    return [(path, path.read_bytes().decode("utf-8", "replace"))
            for path in sorted(outdir.rglob("*")) if path.is_file()]


def test_hostile_translations_never_reach_any_output_file(hostile_build):
    app, _ = hostile_build
    outdir = Path(app.outdir)
    files = every_output_file(outdir)
    for msgstr, needle, _ in HOSTILE:
        for path, text in files:
            assert needle not in text, f"{needle!r} from {msgstr!r} is in {path}"
    assert not (outdir / "_downloads").exists()
    published = polib.pofile(str(outdir / "_translations" / "index.po"))
    rejected = next(entry for entry in published if entry.msgid == msgid(1))
    assert rejected.msgstr == "" and "translation guard" in rejected.tcomment
    assert not (outdir / "_images").exists()
    assert all("root:x:0:0" not in text for _, text in files)


def test_each_rejection_is_one_located_warning_and_english_ships(hostile_build):
    app, po = hostile_build
    warnings = warnings_of(app)
    lines = {entry.msgid: entry.linenum for entry in polib.pofile(str(po))}
    assert warnings.count("[hoc.guard]") == len(HOSTILE)
    for number, (_, _, reason) in enumerate(HOSTILE, start=1):
        warning = next(line for line in warnings.splitlines()
                       if f"index.po:{lines[msgid(number)]}:" in line)
        assert f"translation of 'Paragraph {number} links" in warning
        assert reason in warning
    body = article(read_html(Path(app.outdir) / "index.html"))
    paragraphs = {p.get_text(): p.get("lang") for p in body.find_all("p")}
    for number in range(1, len(HOSTILE) + 1):
        english = f"Paragraph {number} links to the other page and uses code{number}."
        assert paragraphs[english] == "en"
    for number in range(len(HOSTILE) + 1, 50):
        assert paragraphs[good(number).replace("[l'autre page](/other)", "l'autre page")
                          .replace(f"`code{number}`", f"code{number}")] is None


def test_allowed_translations_ship_escaped(hostile_build):
    app, _ = hostile_build
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    for _, expected in ALLOWED:
        assert expected in page
    warnings = warnings_of(app)
    for number in range(50, 50 + len(ALLOWED)):
        assert f"'Paragraph {number} links" not in warnings


def test_string_table_translations_are_guarded(tmp_path):
    assert check_string("Over %{count} students", "Plus de %{count} élèves") == []
    assert check_string("Over %{count} students", "Plus de %{nombre} élèves") == [
        "drops the placeholder %{count}", "adds the placeholder %{nombre}"]
    assert check_string("Hello", "Bonjour <b>toi</b>") == [
        "adds raw HTML '</b>'", "adds raw HTML '<b>'"]
    assert check_string("a < b", "a < b et c > d") == []


@pytest.mark.parametrize("url", ["javascript:x", " JAVASCRIPT:x", "java\tscript:x",
                                 "&#106;avascript:x", "data:text/html,x", "vbscript:x",
                                 "file:///etc/passwd"])
def test_dangerous_urls_in_every_spelling(url):
    assert is_dangerous_url(url)


@pytest.mark.parametrize("url", ["https://code.org", "/files/plan.pdf", "#social",
                                 "mailto:hello@example.org"])
def test_ordinary_urls_are_fine(url):
    assert not is_dangerous_url(url)


# -- properties ----------------------------------------------------------------------------

WORDS = st.text(alphabet=st.characters(categories=("Ll", "Lu", "Nd"),
                                       include_characters=" ,.'?!àéèçôÉ"),
                min_size=1, max_size=30).map(lambda s: s.strip() or "mot")
LINK_TARGETS = st.sampled_from(["/other", "/how-to/events", "https://code.org/learn",
                                "/promote/resources#social"])
CODES = st.sampled_from(["make html", "hoc_s", "x = 1"])


@st.composite
def message_and_rewording(draw):
    """An English message with links and code, and a translation that keeps them in a
    different order, with different words and emphasis."""
    pieces = draw(st.lists(st.one_of(
        st.tuples(st.just("link"), WORDS, LINK_TARGETS),
        st.tuples(st.just("code"), CODES, st.just("")),
        st.tuples(st.just("text"), WORDS, st.just(""))), min_size=1, max_size=6))

    def render(parts, emphasis):
        out = []
        for kind, value, target in parts:
            if kind == "link":
                out.append(f"[{value}]({target})")
            elif kind == "code":
                out.append(f"`{value}`")
            else:
                out.append(f"**{value}**" if emphasis else value)
        return "Texte " + " ".join(out) + "."

    source = render(pieces, False)
    reordered = draw(st.permutations(pieces))
    reworded = [(kind, draw(WORDS) if kind != "code" else value, target)
                for kind, value, target in reordered]
    return source, render(reworded, draw(st.booleans()))


@given(message_and_rewording())
@settings(max_examples=200, deadline=None)
def test_rewording_reordering_and_emphasis_are_never_rejected(pair):
    source, translation = pair
    assert check_message(source, translation, PARSER) == []


INJECTIONS = st.sampled_from([
    "<b>x</b>", "<img src=x onerror=alert(1)>", "![i](/x.png)", "{download}`f <x.pdf>`",
    "<https://evil.example>", "[l](https://evil.example)", "`extra code`",
    "{hoc_s}`other`", "[t]{.c}", "<!-- c -->", "[x](javascript:alert(1))",
])


@given(message_and_rewording(), INJECTIONS, st.integers(min_value=0, max_value=3))
@settings(max_examples=200, deadline=None)
def test_new_markup_is_always_rejected(pair, injection, position):
    source, translation = pair
    words = translation.split(" ")
    at = min(position, len(words))
    hostile = " ".join([*words[:at], injection, *words[at:]])
    assert check_message(source, hostile, PARSER) != []


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_the_guards_compiled_catalogs_are_the_ones_sphinx_would_compile(tmp_path, language):
    """The guard compiles each guarded catalog Sphinx reads itself (Sphinx then has
    nothing to compile): every one says exactly what Sphinx's own compilation (babel)
    says, and what the fast path reads from the guarded catalog in memory. (The header
    entry differs: babel writes its own; Sphinx's Locale reads only messages.)"""
    import gettext

    from sphinx.util.i18n import CatalogInfo

    from hoc.core.guard_limits import GuardLimits
    from hoc.guard import _guarded_page, _write_if_changed, guard_catalog

    messages = PROJECT / "locale" / language / "LC_MESSAGES"
    catalogs = [path for path in sorted(messages.rglob("*.po")) if path.name != "strings.po"]
    assert len(catalogs) > 5
    for path in catalogs:
        guarded = guard_catalog(path, EXTENSIONS)
        assert guarded is not None
        domain = path.relative_to(messages).with_suffix("").as_posix()
        ours = tmp_path / "ours" / f"{domain}.po"
        _write_if_changed(guarded, ours)
        assert ours.with_suffix(".mo").stat().st_mtime_ns >= ours.stat().st_mtime_ns
        copy = tmp_path / language / f"{domain}.po"
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(ours.read_bytes())
        CatalogInfo(str(tmp_path / language), domain, "utf-8").write_mo(language)
        with ours.with_suffix(".mo").open("rb") as mine, \
                copy.with_suffix(".mo").open("rb") as theirs:
            said = [{key: text for key, text in
                     gettext.GNUTranslations(stream)._catalog.items()  # type: ignore[attr-defined]
                     if key != ""} for stream in (mine, theirs)]
        assert said[0] == said[1], domain
        in_memory = _guarded_page(str(path), domain, (0, 0), frozenset(EXTENSIONS),
                                  GuardLimits())
        assert in_memory is not None and said[0] == in_memory.messages, domain
        assert len(said[0]) > 0 or not polib.pofile(str(path)).translated_entries()


def test_a_page_is_read_again_when_its_catalog_appears_or_changes(make_app, tmp_path):
    """A page's catalog is guarded as the page is read, and the page depends on the
    translators' PO file: a catalog added for a page already read, or an edited one,
    has the page read again (and only that page)."""
    from conftest import pages_read

    srcdir = tmp_path / "guard"
    shutil.copytree(TESTS / "roots" / "test-guard", srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides={"language": "fr"}, freshenv=True)
    app.build()
    po = srcdir / "locale" / "fr" / "LC_MESSAGES" / "other.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Nothing to see."\nmsgstr "Rien à voir."\n', encoding="utf-8")
    for wording in ("Rien à voir.", "Rien du tout à voir."):
        po.write_text(po.read_text(encoding="utf-8").replace("Rien à voir.", wording),
                      encoding="utf-8")
        again = make_app("html", srcdir=srcdir, confoverrides={"language": "fr"})
        read = pages_read(again)
        again.build()
        assert read == ["other"]
        assert wording in (Path(again.outdir) / "other.html").read_text(encoding="utf-8")
    still = make_app("html", srcdir=srcdir, confoverrides={"language": "fr"})
    read = pages_read(still)
    still.build()
    assert read == []
