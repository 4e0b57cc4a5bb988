"""A hostile translator changes nothing a reader gets: every channel shows the English.

Translators are less trusted than authors, and any of them may write anything into any
PO file. Whatever they write reaches the HTML only through the translation guard, which
refuses a hostile message with a located warning and shows the English text instead.

For each payload class of :mod:`hostile`, the whole project is copied and *every*
translated message of *every* French catalog (the pages' catalogs, the string table
``strings.po``, the theme's ``sphinx.po``) gets one payload appended. The French site
built from that copy must be, channel by channel, the site built from a copy in which
those same messages are simply not translated: the English fallback, and no payload text
anywhere. A browser then opens every French page, fires every event at every element,
and checks that nothing ran and that no page holds an element the fallback lacks.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib
import pytest
from browsing import DESKTOP, chromium, served
from bs4 import BeautifulSoup, Tag
from hostile import FIRST, KINDS, MARKERS, NUMBER, hostile, payload
from sphinx.util.console import strip_escape_sequences

from conftest import PROJECT, article, read_html
from hoc.build import build_all
from hoc.project import Project

FR = Path("locale") / "fr" / "LC_MESSAGES"
LANGUAGES = ["en", "fr"]
"""English for the root language chooser, French for the hostile catalogs."""

SEARCH_WORD = "districts"
"""A word of the English pages, which the French search finds in the English fallback."""


# -- The two sites -------------------------------------------------------------------


@dataclass(frozen=True)
class Planted:
    """One hostile translation as written into a copied PO file."""

    po: Path
    line: int
    """polib's ``linenum`` of the entry in the file as written: the warning's line."""
    msgctxt: str | None
    msgid: str
    number: int
    payload: str


Message = tuple[str, str | None, str]
"""A message of the French catalogs: its PO file (relative), context and msgid."""


@dataclass(frozen=True)
class Built:
    """A French site built (with the English one and the root chooser) from a copy."""

    html: Path
    warnings: str = field(repr=False)
    """What the French build warned, without terminal colours."""
    planted: list[Planted] = field(default_factory=list, repr=False)
    untranslated: set[Message] = field(default_factory=set, repr=False)
    """The messages the English fallback's copy left untranslated."""

    @property
    def fr(self) -> Path:
        return self.html / "fr"

    @property
    def payloads(self) -> set[str]:
        return {planted.payload for planted in self.planted}


def _copy_project(target: Path) -> Path:
    """The project without its build outputs, tests and extension (the installed ``hoc``
    package is the one used); resolved, as the build names its files."""
    shutil.copytree(PROJECT, target, ignore=shutil.ignore_patterns(
        ".venv", "_build", ".git", "*.mo", "__pycache__", ".pytest_cache", "build", "tests",
        ".hypothesis", ".mypy_cache", ".ruff_cache", "_ext"))
    return target.resolve()


def _translated(entry: polib.POEntry) -> bool:
    """A message that ships: translated, not fuzzy, not obsolete."""
    return not entry.obsolete and "fuzzy" not in entry.flags and bool(entry.msgstr)


def _catalogs(project: Path) -> list[Path]:
    """Every French catalog: the pages', ``strings.po`` and the theme's ``sphinx.po``."""
    return sorted((project / FR).rglob("*.po"))


def _plant(project: Path, kind: str) -> list[Planted]:
    """Append a payload of ``kind`` to every shipping French translation of ``project``,
    each with its own number, and say where each one is."""
    planted: list[Planted] = []
    number = FIRST
    for path in _catalogs(project):
        catalog = polib.pofile(str(path), wrapwidth=0)
        numbers: dict[tuple[str | None, str], int] = {}
        for entry in catalog:
            if _translated(entry):
                assert not entry.msgid_plural, (path, entry.msgid)  # none to cover yet
                entry.msgstr = hostile(entry.msgstr, kind, number)
                numbers[(entry.msgctxt, entry.msgid)] = number
                number += 1
        catalog.save(str(path))
        # Lines as written (wrapwidth=0 changes them), as the build reads the file.
        for entry in polib.pofile(str(path), wrapwidth=0):
            key = (entry.msgctxt, entry.msgid)
            if key in numbers and not entry.obsolete:
                planted.append(Planted(path, entry.linenum, entry.msgctxt, entry.msgid,
                                       numbers[key], payload(kind, numbers[key])))
    assert len(planted) == number - FIRST
    return planted


def _untranslate(project: Path) -> set[Message]:
    """Empty every French translation that :func:`_plant` would make hostile: the site
    then shows what a rejected translation must show, its English text."""
    emptied: set[Message] = set()
    for path in _catalogs(project):
        catalog = polib.pofile(str(path), wrapwidth=0)
        for entry in catalog:
            if _translated(entry):
                entry.msgstr = ""
                emptied.add(_message(project, path, entry.msgctxt, entry.msgid))
        catalog.save(str(path))
    return emptied


def _message(project: Path, po: Path, msgctxt: str | None, msgid: str) -> Message:
    return (po.relative_to(project / FR).as_posix(), msgctxt, msgid)


def _french_output(output: str) -> str:
    """The French build's part of :func:`hoc.build.build_all`'s report (its log, then
    its warnings)."""
    text = strip_escape_sequences(output)
    start = text.index("===== fr:")
    end = text.find("\n=====", start + 1)
    return text[start:] if end < 0 else text[start:end]


def _build(project: Path, builddir: Path) -> Built:
    """English and French, and the chooser, as ``make html`` builds them."""
    report = io.StringIO()
    with contextlib.redirect_stdout(report):
        status = build_all(Project(project), LANGUAGES, builddir, [])
    assert status == 0, f"the build failed:\n{report.getvalue()[-5000:]}"
    return Built(builddir / "html", _french_output(report.getvalue()))


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Built:
    """The French site with every message the hostile sites touch left untranslated."""
    root = tmp_path_factory.mktemp("baseline")
    project = _copy_project(root / "project")
    untranslated = _untranslate(project)
    assert len(untranslated) > 100
    built = _build(project, root / "build")
    return Built(built.html, built.warnings, untranslated=untranslated)


@pytest.fixture(scope="module", params=list(KINDS))
def kind(request) -> str:
    """One payload class of :mod:`hostile`."""
    return str(request.param)


@pytest.fixture(scope="module")
def site(kind, baseline, tmp_path_factory) -> Built:
    """The French site with a payload of ``kind`` appended to every translation."""
    root = tmp_path_factory.mktemp(f"hostile-{kind}")
    project = _copy_project(root / "project")
    planted = _plant(project, kind)
    assert {planted.po.name for planted in planted} >= {"strings.po", "sphinx.po",
                                                         "index.po"}
    # The fallback leaves out exactly the messages made hostile here.
    assert {_message(project, one.po, one.msgctxt, one.msgid) for one in planted} \
        == baseline.untranslated
    built = _build(project, root / "build")
    return Built(built.html, built.warnings, planted)


# -- Comparing the two -----------------------------------------------------------------


def _pages(fr: Path) -> list[str]:
    """Every HTML page of a French site, relative to it."""
    skip = {"_static", "_sources", "_translations", "_images"}
    return sorted(path.relative_to(fr).as_posix() for path in fr.rglob("*.html")
                  if not skip & set(path.relative_to(fr).parts))


def _leaks(text: str, english: str, payloads: Iterable[str]) -> list[str]:
    """What of the payloads ``text`` shows and the English fallback's ``english`` does
    not: a payload itself, a payload's number, or one more marker (``alert(`` ...).
    Both are also read with their character references decoded."""
    text = f"{text}\n{html.unescape(text)}"
    english = f"{english}\n{html.unescape(english)}"
    found = [f"payload {shown!r}" for shown in sorted(
        {one.strip() for one in payloads}) if shown in text and shown not in english]
    found += [f"number {number}" for number in
              sorted(set(NUMBER.findall(text)) - set(NUMBER.findall(english)))]
    lower, english_lower = text.lower(), english.lower()
    found += [f"{marker!r} {lower.count(marker)} times (English fallback: "
              f"{english_lower.count(marker)})" for marker in MARKERS
              if lower.count(marker) > english_lower.count(marker)]
    return found


def _difference(ours: list[str], english: list[str]) -> str:
    """The first place where two extracts differ, said briefly: from a little before the
    first character that differs."""
    for index, (one, other) in enumerate(zip(ours, english, strict=False)):
        if one != other:
            same = next((at for at, (a, b) in enumerate(zip(one, other, strict=False))
                         if a != b), min(len(one), len(other)))
            start = max(0, same - 60)
            return f"item {index} has {one[start:same + 240]!r} where the English " \
                   f"fallback has {other[start:same + 240]!r}"
    return f"{len(ours)} items where the English fallback has {len(english)}"


Extract = Callable[[BeautifulSoup], list[str]]


def _compare(site: Built, baseline: Built, extract: Extract,
             pages: Iterable[str] | None = None) -> list[str]:
    """Every page whose extract differs from the English fallback's or shows a payload."""
    problems: list[str] = []
    for name in _pages(baseline.fr) if pages is None else pages:
        hostile_page = site.fr / name
        if not hostile_page.is_file():
            problems.append(f"{name}: missing")
            continue
        ours, english = extract(read_html(hostile_page)), extract(read_html(baseline.fr / name))
        if ours != english:
            problems.append(f"{name}: {_difference(ours, english)}")
        leaked = _leaks("\n".join(ours), "\n".join(english), site.payloads)
        if leaked:
            problems.append(f"{name}: shows {', '.join(leaked[:5])}")
    return problems


def _outer(soup: BeautifulSoup, selector: str) -> list[str]:
    return [str(element) for element in soup.select(selector)]


def _texts(soup: BeautifulSoup, selector: str) -> list[str]:
    return [" ".join(element.get_text(" ").split()) for element in soup.select(selector)]


def _attributes(element: Tag) -> str:
    """An element's tag and every attribute, in a stable order."""
    pairs = sorted((name, " ".join(value) if isinstance(value, list) else str(value))
                   for name, value in element.attrs.items())
    return f"<{element.name} " + " ".join(f"{name}={value!r}" for name, value in pairs) + ">"


# -- 1. Page content -------------------------------------------------------------------


def _content(soup: BeautifulSoup) -> list[str]:
    """The page's ``<article>``: text and markup."""
    return str(article(soup)).splitlines()


def test_page_content_is_the_english_fallback(site, baseline):
    """Every page's article, the messages translators write most: the fallback's, markup
    and text (the status page, whose counts differ, has a test of its own)."""
    assert _pages(site.fr) == _pages(baseline.fr)
    pages = [name for name in _pages(baseline.fr) if name != "status.html"]
    assert _compare(site, baseline, _content, pages) == []


# -- 2. The string table (strings.po) ---------------------------------------------------

STRING_TABLE = (".sidebar-brand-text", ".mobile-header .brand", "nav.hoc-languages",
                ".hoc-translation-notice", ".hoc-translate-page", ".copyright",
                "nav.hoc-nav", 'meta[property="og:site_name"]')
"""Where string-table texts show on every page: the site's name, the language switcher
and its label, the notices, the copyright holders, the navigation lists."""


def _string_table(soup: BeautifulSoup) -> list[str]:
    return [shown for selector in STRING_TABLE for shown in _outer(soup, selector)]


def test_string_table_texts_are_the_english_fallback(site, baseline):
    """``strings.po`` is guarded when the string table is loaded, apart from the pages'
    catalogs: its texts around every page must fall back as the pages' do."""
    assert _compare(site, baseline, _string_table) == []


# -- 3. Theme template strings (sphinx.po) ----------------------------------------------

THEME_ATTRIBUTES = ("aria-label", "placeholder", "title")
THEME_TEXTS = (".skip-to-content", ".back-to-top", ".related-pages .context",
               ".bottom-of-page", ".toc-title")
"""Elements whose text is a theme text (furo's footer, "Back to top", "Next" ...)."""


def _theme(soup: BeautifulSoup) -> list[str]:
    """Every element that carries a theme text in an attribute (all its attributes, so
    that one that breaks out of its value shows), the SVG icons' titles, and the theme's
    texts in elements. The previous and next pages' ``<link>`` elements carry page
    titles, a channel of their own (:func:`_navigation`)."""
    found = [_attributes(element) for element in soup.find_all(True)
             if any(element.has_attr(name) for name in THEME_ATTRIBUTES)
             and not (element.name == "link" and element.get("rel") in (["next"], ["prev"]))]
    found += [f"icon title: {title.get_text()}" for title in soup.select("svg symbol > title")]
    found += [f"{selector}: {text}" for selector in THEME_TEXTS
              for text in _texts(soup, selector)]
    return found


def _search_box(soup: BeautifulSoup) -> list[str]:
    """The search box and the ``<link rel="search">`` of a page's head."""
    return _outer(soup, "input.sidebar-search") + _outer(soup, 'link[rel="search"]')


def test_theme_template_strings_are_the_english_fallback(site, baseline):
    """``sphinx.po`` reaches the page through the templates' ``_()``, mostly inside
    attribute values, where a quote or a handler is enough to run script."""
    # The search box first: the texts every page shows twice, in its head and sidebar.
    assert _compare(site, baseline, _search_box, ["index.html"]) == []
    assert _compare(site, baseline, _theme) == []


# -- 4. The theme's JavaScript strings --------------------------------------------------


@pytest.mark.parametrize("script", ["translations.js", "documentation_options.js"])
def test_theme_javascript_strings_are_the_english_fallback(site, baseline, script):
    """The theme's catalog also reaches scripts (``translations.js``), where a text sits
    inside a JavaScript string."""
    ours = (site.fr / "_static" / script).read_text(encoding="utf-8")
    english = (baseline.fr / "_static" / script).read_text(encoding="utf-8")
    assert _leaks(ours, english, site.payloads) == []
    assert ours == english


# -- 5. Navigation labels -----------------------------------------------------------------


def _navigation(soup: BeautifulSoup) -> list[str]:
    """The sidebar's tree, the previous and next links, and the page's ``nav:`` list."""
    return [*_outer(soup, ".sidebar-tree"), *_outer(soup, ".related-pages"),
            *_outer(soup, "nav.hoc-nav"),
            *(_attributes(link) for link in soup.select('link[rel="next"], link[rel="prev"]'))]


def test_navigation_labels_are_the_english_fallback(site, baseline):
    """Page titles and string-table labels reach every other page through navigation,
    rendered by furo (and our cache of its tree), not by the page."""
    assert _compare(site, baseline, _navigation) == []


# -- 6. Page titles ---------------------------------------------------------------------


def _titles(soup: BeautifulSoup) -> list[str]:
    """``<title>`` and the page's own heading."""
    head = soup.find("head")
    assert isinstance(head, Tag)
    return [str(head.find("title")), *_outer(soup, "article h1")]


def test_page_titles_are_the_english_fallback(site, baseline):
    """A title is written into ``<title>`` by the template, not by the page's render."""
    assert _compare(site, baseline, _titles) == []


# -- 7. Description and Open Graph --------------------------------------------------------

META = ('meta[name="description"]', 'meta[property="og:title"]',
        'meta[property="og:description"]')


def _meta(soup: BeautifulSoup) -> list[str]:
    return [_attributes(element) for selector in META for element in soup.select(selector)]


def test_description_and_open_graph_are_the_english_fallback(site, baseline):
    """sphinxext-opengraph writes the page's text into attribute values of its own."""
    assert _compare(site, baseline, _meta) == []


# -- 8. The 404 page, 9. the chooser ---------------------------------------------------


@pytest.mark.parametrize("name", ["fr/404.html", "index.html"], ids=["404", "chooser"])
def test_whole_page_is_the_english_fallback(site, baseline, name):
    """The 404 page (every channel at once) and the root language chooser: byte for byte
    the fallback's."""
    ours = (site.html / name).read_text(encoding="utf-8")
    english = (baseline.html / name).read_text(encoding="utf-8")
    assert _leaks(ours, english, site.payloads) == []
    assert ours.splitlines() == english.splitlines()


# -- 10. The status page -----------------------------------------------------------------


def _structure(soup: BeautifulSoup) -> list[str]:
    """Each kind of element: its tag and attribute names (a set: a chart has one bar per
    count that is not zero)."""
    return sorted({f"<{element.name} {' '.join(sorted(element.attrs))}>"
                   for element in soup.find_all(True)})


def test_status_page_has_the_english_fallback_structure(site, baseline):
    """Its counts differ (rejected messages against untranslated ones); its kinds of
    elements and attributes do not, and it shows no payload."""
    assert _compare(site, baseline, _structure, ["status.html"]) == []
    ours = (site.fr / "status.html").read_text(encoding="utf-8")
    english = (baseline.fr / "status.html").read_text(encoding="utf-8")
    assert _leaks(ours, english, site.payloads) == []


# -- 11. The search index ----------------------------------------------------------------


def _search_index(fr: Path) -> dict[str, Any]:
    """``searchindex.js`` read, less the status page's words (its counts differ)."""
    text = (fr / "searchindex.js").read_text(encoding="utf-8")
    index: dict[str, Any] = json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))
    status = index["docnames"].index("status")
    for words in (index["terms"], index["titleterms"]):
        for word, pages in list(words.items()):
            kept = [page for page in (pages if isinstance(pages, list) else [pages])
                    if page != status]
            if kept:
                words[word] = kept
            else:
                del words[word]
    return index


def test_search_index_is_the_english_fallback(site, baseline):
    """The search index holds every page's titles and words, which the search page shows
    in its results."""
    ours = (site.fr / "searchindex.js").read_text(encoding="utf-8")
    english = (baseline.fr / "searchindex.js").read_text(encoding="utf-8")
    assert _leaks(ours, english, site.payloads) == []
    assert _search_index(site.fr) == _search_index(baseline.fr)


# -- Warnings ---------------------------------------------------------------------------


def test_every_hostile_translation_is_rejected_where_it_is(site):
    """One ``hoc.guard`` warning at each planted message's PO file and line."""
    rejected = {line.split(": WARNING: ", 1)[0] for line in site.warnings.splitlines()
                if ": WARNING: translation of " in line and " rejected: " in line
                and line.endswith("[hoc.guard]")}
    missing = [f"{planted.po}:{planted.line} ({planted.msgid[:40]!r} + {planted.payload!r})"
               for planted in site.planted if f"{planted.po}:{planted.line}" not in rejected]
    assert missing == [], f"{len(missing)} of {len(site.planted)} hostile translations " \
                          "were not rejected where they are"


# -- In a browser -------------------------------------------------------------------------

RECORDERS = """
(() => {
  window.__hostileCalls = [];
  // A frame records into its page when it may (a frame may be gone when calls are read).
  let calls = window.__hostileCalls;
  try { calls = window.top.__hostileCalls || calls; } catch (error) {}
  const record = (kind, detail) => calls.push(
    kind + ': ' + String(detail) + ' in ' + location.href);
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    window[name] = (...args) => { record(name, args.join(' ')); return null; };
  }
  const scripted = (value) => /^\\s*(javascript|vbscript|data):/i.test(String(value || ''));
  const open = window.open;
  window.open = (target, ...rest) => {
    if (scripted(target)) { record('window.open', target); return null; }
    return open.call(window, target, ...rest);
  };
  if (window.navigation) {
    window.navigation.addEventListener('navigate', (event) => {
      if (scripted(event.destination.url)) {
        record('navigation', event.destination.url);
        event.preventDefault();
      }
    });
  }
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('[href]');
    if (link && scripted(link.getAttribute('href'))) {
      record('navigation', link.getAttribute('href'));
      event.preventDefault();
    }
  }, true);
  document.addEventListener('submit', (event) => {
    const action = event.submitter && event.submitter.getAttribute('formaction')
      || event.target.getAttribute('action');
    if (scripted(action)) { record('navigation', action); event.preventDefault(); }
  }, true);
})();
"""
"""Run before any script of a page or frame: the sentinel and its kin only record, and so
does any navigation to a script URL."""

EXERCISE = """
async () => {
  // Two animation frames: the page's scroll handlers (furo's scroll spy) run in one.
  const pause = () => new Promise((resolve) => requestAnimationFrame(
    () => requestAnimationFrame(resolve)));
  const height = document.documentElement.scrollHeight;
  // Instantly: furo's stylesheet makes scrolling smooth, which would go on after this.
  const scroll = (top) => window.scrollTo({top, behavior: 'instant'});
  for (let y = 0; y <= height; y += Math.max(200, window.innerHeight - 100)) {
    scroll(y);
    await pause();
  }
  const kinds = [
    ['mouseover', MouseEvent, true], ['mouseenter', MouseEvent, false],
    ['mousemove', MouseEvent, true], ['mousedown', MouseEvent, true],
    ['mouseup', MouseEvent, true], ['pointerover', PointerEvent, true],
    ['focus', FocusEvent, false], ['focusin', FocusEvent, true],
    ['blur', FocusEvent, false], ['animationstart', AnimationEvent, true],
    ['transitionend', TransitionEvent, true], ['toggle', Event, false],
    ['input', InputEvent, true], ['keydown', KeyboardEvent, true],
  ];
  for (const element of Array.from(document.querySelectorAll('*'))) {
    for (const [type, Kind, bubbles] of kinds) {
      try { element.dispatchEvent(new Kind(type, {bubbles, cancelable: true})); }
      catch (error) {}
    }
    if (element.matches('a[href], area[href], button, input, select, textarea, iframe, '
                        + 'summary, [tabindex], [contenteditable], [autofocus]')) {
      try { element.focus({preventScroll: true}); } catch (error) {}
    }
  }
  await pause();
  scroll(0);
  await pause();
  await pause();
}
"""
"""Every way a page's text could get a handler run without a click: scrolling, the
pointer over and on every element, focus moving through every focusable one."""

OBSERVE = """
() => {
  const urls = [];
  const labels = ['document.title=' + document.title];
  const structure = new Set();
  for (const element of Array.from(document.querySelectorAll('*'))) {
    const tag = element.tagName.toLowerCase();
    // An empty class is no class: furo's scroll spy leaves one on a section it visited.
    const names = element.getAttributeNames().filter(
      (name) => name !== 'class' || element.classList.length > 0).sort();
    structure.add(tag + ' [' + names.join(' ') + ']');
    for (const name of names) {
      const value = element.getAttribute(name);
      if (['aria-label', 'placeholder', 'title'].includes(name))
        labels.push(tag + ' ' + name + '=' + value);
      if (!['href', 'src', 'action', 'formaction', 'srcdoc', 'xlink:href'].includes(name))
        continue;
      const url = value.trim().toLowerCase();
      if (url.startsWith('javascript:') || url.startsWith('data:'))
        urls.push(tag + ' ' + name + '=' + url);
    }
  }
  return {structure: Array.from(structure).sort(), urls: urls.sort(), labels,
          html: document.documentElement.outerHTML, calls: window.__hostileCalls || []};
}
"""
"""What the page holds once its scripts ran: each element's tag and attribute names, its
script and data URLs, its labels (theme texts scripts may set), its markup, and the
sentinel's calls."""


@dataclass(frozen=True)
class Seen:
    """One page as the browser left it."""

    calls: list[str]
    structure: set[str]
    urls: set[str]
    labels: list[str]
    html: str = field(repr=False)


def _visit(browser: Any, url: str, search: bool = False) -> Seen:
    """Open ``url`` with the recorders in place, exercise it, and read what it holds.
    Each page gets a browser context of its own, so no page can prepare the next one."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        context.add_init_script(RECORDERS)
        calls: list[str] = []
        page = context.new_page()
        page.on("dialog", lambda dialog: (calls.append(f"dialog {dialog.type}: "
                                                       f"{dialog.message}"), dialog.dismiss()))
        page.on("popup", lambda popup: calls.append(f"popup {popup.url}"))
        page.on("framenavigated", lambda frame: calls.append(f"frame navigated to {frame.url}")
                if frame.url.lower().startswith(("javascript:", "data:")) else None)
        page.goto(url, wait_until="load")
        if search:  # until the search has said how many pages it found, and shown them
            page.wait_for_function("() => (document.querySelector("
                                   "'#search-results p.search-summary') || {}).innerText",
                                   timeout=15000)
            page.wait_for_load_state("networkidle")
        page.evaluate(EXERCISE)
        page.wait_for_timeout(50)
        seen = page.evaluate(OBSERVE)
        for frame in page.frames[1:]:  # frames that could not record into their page
            with contextlib.suppress(Exception):
                calls += frame.evaluate("() => window.__hostileCalls || []")
    finally:
        context.close()
    return Seen(calls + list(seen["calls"]), set(seen["structure"]), set(seen["urls"]),
                list(seen["labels"]), str(seen["html"]))


_served = served


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, as tests/test_browser.py launches it."""
    with chromium() as launched:
        yield launched


def _visits(site: Built) -> list[tuple[str, bool]]:
    """Every French page, a missing one (its 404), a search, and the chooser."""
    return [*((f"fr/{name}", False) for name in _pages(site.fr)),
            ("fr/no/such/page.html", False), (f"fr/search.html?q={SEARCH_WORD}", True),
            ("index.html?choose", False)]


@pytest.fixture(scope="module")
def baseline_seen(browser, baseline) -> dict[str, Seen]:
    """Every page of the English fallback, as the browser left it (read once)."""
    with _served(baseline.html) as server:
        return {url: _visit(browser, f"{server}/{url}", search)
                for url, search in _visits(baseline)}


@pytest.mark.browser
def test_nothing_runs_in_a_browser(browser, site, baseline_seen):
    """Every French page, once its scripts ran and every element got every event: nothing
    called the sentinel or went to a script URL, and the page holds the English fallback's
    kinds of elements and attributes, its labels, and no payload (the status page: its
    kinds of elements, and no payload)."""
    problems: list[str] = []
    with _served(site.html) as server:
        for url, search in _visits(site):
            english = baseline_seen[url]
            try:
                seen = _visit(browser, f"{server}/{url}", search)
            except Exception as exc:  # a page the fallback can show must show
                problems.append(f"{url}: {type(exc).__name__}: {exc}")
                continue
            problems += [f"{url}: ran {call}" for call in seen.calls]
            problems += [f"{url}: {found}" for found in sorted(seen.urls - english.urls)]
            added, lost = seen.structure - english.structure, english.structure - seen.structure
            if added or lost:
                problems.append(f"{url}: elements the English fallback lacks "
                                f"{sorted(added)[:5]}, or lacking {sorted(lost)[:5]}")
            leaked = _leaks(seen.html, english.html, site.payloads)
            if leaked:
                problems.append(f"{url}: shows {', '.join(leaked[:5])}")
            if url != "fr/status.html" and seen.labels != english.labels:
                problems.append(f"{url}: {_difference(seen.labels, english.labels)}")
    assert problems == []
