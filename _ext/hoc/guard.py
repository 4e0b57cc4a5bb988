"""The translation guard in the build: only safe messages reach Sphinx's Locale.

Before Sphinx compiles and reads the catalogs of a translated build, every page PO
file of the language is checked message by message (:mod:`hoc.core.guard`). Safe,
non-fuzzy messages are written to a guarded copy of the catalogs in the doctree folder,
and Sphinx reads only that copy (``locale_dirs`` points at it). A rejected message is a
``hoc.guard`` warning naming the PO file and line, the msgid and the reason; the page
shows the English message instead, marked ``lang="en"`` like any untranslated one.
The original PO files stay as they are; Sphinx's ``.mo`` files go to the build folder.

With ``hoc_fast_locale`` (the default), a page's own catalog is not copied: it is guarded
when the page is read, in memory (:func:`page_translations`), and the page depends on
the translators' PO file. Only the other catalogs (the theme's ``sphinx.po``, those of
removed pages) are guarded here, before the build, for Sphinx to read. The verdicts,
the warnings and the pages are the same either way.

With ``hoc_guard_ahead`` (the default), the page catalogs of the pages to read are
checked by a second process while the build reads the pages (:func:`_check_ahead`,
:mod:`hoc.core.ahead`). It also judges the English left in their translations
(:func:`hoc.mixed.prejudge`), publishes the catalogs (:func:`hoc.stats._publish_catalogs`
would when the build finishes) and sends along the parses the check made, which the
page's render takes. The build takes each page's check as it reads the page and gives
its warnings then, so the pages, the warnings and their order are the same.

The structural limits (``hoc_guard_max_depth``, ``hoc_guard_length_factor``,
``hoc_guard_length_extra``; :mod:`hoc.core.guard_limits`) are checked first, so no PO
file, whatever it holds, can stop a language from building.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from gettext import GNUTranslations
from pathlib import Path
from typing import Any

import polib
from sphinx import package_dir as sphinx_package_dir
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.i18n import docname_to_domain

from hoc._version import __version__
from hoc.config import hoc_config
from hoc.core import parses
from hoc.core.ahead import Ahead, available_cpus
from hoc.core.catalogs import PUBLISHED, publish_catalog, published_as_is
from hoc.core.guard import GUARD_RULES, check_theme_message, guard_message, myst_parser
from hoc.core.guard_limits import GuardLimits
from hoc.core.madefrom import MadeFrom, file_stamp
from hoc.core.pofiles import header_problems, read_po, unusable_key
from hoc.docdata import DocDataCollector
from hoc.mixed import Prejudged, learn, prejudge
from hoc.warnings_ import HocWarning, warn

STRINGS_CATALOG = "strings.po"
"""The string table's catalog: guarded by :mod:`hoc.strings` when it is loaded."""
THEME_CATALOG = "sphinx.po"
"""The theme's catalog (Sphinx's ``sphinx`` domain): its texts are plain text, guarded by
:func:`hoc.core.guard.check_theme_message`."""


def translation_dirs(config: Config) -> list[str]:
    """The translators' locale folders (``locale_dirs`` before we redirect it)."""
    dirs: list[str] = config.hoc_translation_dirs or config.locale_dirs
    return dirs


def _short(msgid: str) -> str:
    flat = " ".join(msgid[:200].split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


def guard_limits(holder: Sphinx | BuildEnvironment) -> GuardLimits:
    """The limits this build's configuration sets."""
    hoc = hoc_config(holder)
    return GuardLimits(hoc.guard_max_depth, hoc.guard_length_factor, hoc.guard_length_extra)


@dataclass(frozen=True)
class _Guarded:
    """One PO file checked: the file as read, and what may reach Sphinx of it."""

    catalog: polib.POFile
    metadata: dict[str, str]
    usable: list[tuple[str | None, str, str]]
    """``(msgctxt, msgid, text to ship)`` of every usable message, in file order."""


Said = tuple[str, HocWarning, str | None]
"""A warning to give: its message, its subtype and its location."""


def _check(path: Path, extensions: frozenset[str], limits: GuardLimits | None,
           theme: frozenset[str] | None = None) -> tuple[_Guarded | None, list[Said]]:
    """Read one PO file and check it message by message: what may reach Sphinx
    (``None`` when the file cannot be read), and a warning for each message left out.
    Nothing is said here, so that the check may run in another process
    (:func:`_check_ahead`). ``theme``: the file is the theme's catalog, whose texts are
    plain text, and these are the texts Sphinx's own catalog translates (a rejected
    one shows Sphinx's translation, not the English)."""
    said: list[Said] = []
    catalog, problems = read_po(path)
    said += [(problem.message, HocWarning.PO, problem.sphinx_location)
             for problem in problems]
    if catalog is None:
        return None, said
    parser = myst_parser(extensions)
    # Only the header fields gettext needs, in a form it reads: babel (which compiles
    # the copy for Sphinx) refuses a whole catalog over one odd field such as Language.
    metadata = {"MIME-Version": "1.0",
                "Content-Type": "text/plain; charset=UTF-8",
                "Content-Transfer-Encoding": "8bit"}
    if "Plural-Forms" in catalog.metadata:
        metadata["Plural-Forms"] = catalog.metadata["Plural-Forms"]
    for problem in header_problems(catalog, path):
        said.append((problem.message, HocWarning.PO, problem.sphinx_location))
        metadata.pop("Plural-Forms", None)
    usable: list[tuple[str | None, str, str]] = []
    seen: dict[tuple[str | None, str], int | None] = {}
    for entry in catalog:
        if entry.obsolete or not entry.msgstr or "fuzzy" in entry.flags:
            continue
        key = (entry.msgctxt, entry.msgid)
        location = f"{path}:{entry.linenum}"
        if key in seen:
            said.append((f"duplicate message {_short(entry.msgid)!r} (first at line "
                          f"{seen[key]}); this one is ignored", HocWarning.PO, location))
            continue
        seen[key] = entry.linenum
        bad_key = unusable_key(entry)
        if theme is not None:
            reasons = [bad_key] if bad_key else check_theme_message(
                entry.msgid, entry.msgstr, limits or GuardLimits())
            shipped: str | None = entry.msgstr
        else:
            verdict = guard_message(entry.msgid, entry.msgstr, parser,
                                    limits or GuardLimits())
            reasons = [bad_key] if bad_key else verdict.reasons
            shipped = verdict.text
        if reasons or shipped is None:
            shown = "Sphinx's own translation" if theme and entry.msgid in theme \
                else "the English text"
            said.append((f"translation of {_short(entry.msgid)!r} rejected: "
                         f"{'; '.join(reasons)}; {shown} is shown",
                         HocWarning.GUARD, location))
            continue
        usable.append((entry.msgctxt, entry.msgid, shipped))
    return _Guarded(catalog, metadata, usable), said


def _say(said: Iterable[Said]) -> None:
    for message, subtype, location in said:
        warn(message, subtype, location=location)


def _guard(path: Path, extensions: frozenset[str], limits: GuardLimits | None,
           theme: frozenset[str] | None = None) -> _Guarded | None:
    """Read one PO file and check it message by message, warning for each message left
    out; ``None`` when the file cannot be read."""
    guarded, said = _check(path, extensions, limits, theme)
    _say(said)
    return guarded


def guard_catalog(path: Path, extensions: frozenset[str],
                  limits: GuardLimits | None = None,
                  theme: frozenset[str] | None = None) -> polib.POFile | None:
    """The usable messages of one PO file, with a warning for each one left out."""
    guarded = _guard(path, extensions, limits, theme)
    if guarded is None:
        return None
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = guarded.metadata
    for msgctxt, msgid, text in guarded.usable:
        catalog.append(polib.POEntry(msgid=msgid, msgstr=text, msgctxt=msgctxt))
    return catalog


def _write_if_changed(catalog: polib.POFile, target: Path) -> None:
    """Keep the file (and so its time stamp) when nothing changed: Sphinx then reuses
    its compiled catalog and re-reads no page.

    The compiled catalog (``.mo``) is written here too, after the PO file, from the
    catalog in hand: Sphinx finds it up to date and does not parse the PO file again to
    compile it (tests/test_guard.py reads both compilations and compares them).
    """
    text = str(catalog)
    compiled = target.with_suffix(".mo")
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        if not compiled.is_file():
            catalog.save_as_mofile(str(compiled))
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    catalog.save_as_mofile(str(compiled))


def guard_catalogs(app: Sphinx, config: Config) -> None:
    """Write the guarded catalogs of this build's language and point Sphinx at them."""
    hoc = hoc_config(app)
    language = config.language or hoc.source_language
    config.hoc_translation_dirs = list(config.locale_dirs)
    if language == hoc.source_language:
        return
    guarded_root = Path(app.doctreedir) / "hoc-guarded-locale"
    extensions = frozenset(getattr(config, "myst_enable_extensions", ()) or ())
    # With the fast Locale, a page's catalog is guarded when the page is read, in
    # memory (page_translations); only the others (the theme's, a removed page's) are
    # guarded and compiled here, for Sphinx to read.
    page_suffixes = _source_suffixes(app, config) if config.hoc_fast_locale else ()
    deferred: dict[str, str] = {}
    limits = guard_limits(app)
    written: set[Path] = set()
    folders = [Path(app.srcdir, directory, language, "LC_MESSAGES")
               for directory in config.hoc_translation_dirs]
    if not any(folder.is_dir() for folder in folders):
        warn(f"no translations for language {language!r} (no {language}/LC_MESSAGES in "
             f"{', '.join(map(str, config.hoc_translation_dirs)) or 'locale_dirs'}); "
             "every page is shown in English", HocWarning.PO)
    # A guarded copy made by the same rules from the same PO file is still right: an
    # incremental build checks only the catalogs that changed.
    checked = MadeFrom(guarded_root / language / "checked.json",
                       f"hoc {__version__}; guard rules {GUARD_RULES}; "
                       f"myst extensions {sorted(extensions)}; "
                       f"limits {limits.describe()}")
    for messages in folders:
        if not messages.is_dir():
            continue
        for path in sorted(messages.rglob("*.po")):
            relative = path.relative_to(messages)
            target = guarded_root / language / "LC_MESSAGES" / relative
            if relative.as_posix() == STRINGS_CATALOG or target in written:
                continue
            domain = relative.with_suffix("").as_posix()
            if domain in deferred or any(Path(app.srcdir, domain + suffix).is_file()
                                         for suffix in page_suffixes):
                deferred.setdefault(domain, str(path))
                continue
            source = file_stamp(path)
            if target.is_file() and checked.unchanged(str(path), source):
                checked.note(str(path), source)
                written.add(target)
                continue
            theme = sphinx_translates(language) \
                if relative.as_posix() == THEME_CATALOG else None
            guarded = guard_catalog(path, extensions, limits, theme)
            if guarded is not None:
                _write_if_changed(guarded, target)
                checked.note(str(path), source)
                written.add(target)
    checked.save()
    config.hoc_guard_deferred = deferred
    for stale in guarded_root.rglob("*.po") if guarded_root.is_dir() else []:
        if stale not in written:
            stale.unlink()
            stale.with_suffix(".mo").unlink(missing_ok=True)
    config.locale_dirs = [str(guarded_root)]


SPHINX_LOCALES = Path(sphinx_package_dir, "locale")
"""Sphinx's own translations of its texts (a pinned dependency, not a translator's)."""


def sphinx_translates(language: str) -> frozenset[str]:
    """The texts Sphinx's own catalog translates into ``language``: a theme text whose
    translator's version is rejected shows Sphinx's translation when there is one."""
    compiled = SPHINX_LOCALES / language / "LC_MESSAGES" / "sphinx.mo"
    try:
        with compiled.open("rb") as file:
            catalog: dict[Any, Any] = GNUTranslations(file)._catalog  # type: ignore[attr-defined]
    except (OSError, ValueError):
        return frozenset()
    return frozenset(key for key, value in catalog.items()
                     if isinstance(key, str) and key and value)


def _source_suffixes(app: Sphinx, config: Config) -> list[str]:
    """The suffixes of source files: the project's and the parsers' (MyST registers
    ``.md`` with the registry; Sphinx merges the two later, at config-inited)."""
    suffixes = config.source_suffix
    own = [suffixes] if isinstance(suffixes, str) else list(suffixes or [".rst"])
    return list(dict.fromkeys([*own, *app.registry.source_suffix]))


def _gettext_key(msgctxt: str | None, msgid: str) -> str:
    """A message's key as gettext reads a compiled catalog (``GNUTranslations`` keys a
    message with a context as ``context\x04msgid``)."""
    return f"{msgctxt}\x04{msgid}" if msgctxt is not None else msgid


@dataclass(frozen=True)
class GuardedPage:
    """A page's catalog guarded as the page is read."""

    messages: dict[str, str]
    """What Sphinx's Locale would read of the compiled guarded catalog."""
    as_is: bool
    """The PO file may be published byte for byte (:func:`published_as_is`)."""


@dataclass(frozen=True)
class CheckedPage:
    """A page catalog checked: the page's translations (``None`` when the file cannot
    be read) and the warnings to give for it."""

    page: GuardedPage | None
    said: tuple[Said, ...]
    prejudged: Prejudged | None = None
    """The English left in its translations, judged ahead (:func:`hoc.mixed.prejudge`)."""
    published: str | None = None
    """Where the catalog was published, when it was as it was checked."""
    parsed: tuple[tuple[str, bool, parses.Parse], ...] = ()
    """The parses of its translations the check made, for the page's render
    (:mod:`hoc.core.parses`): ``(text, parsed inline, parse)``."""


def check_page_catalog(path: str, domain: str, extensions: frozenset[str],
                       limits: GuardLimits) -> CheckedPage:
    """Check one page catalog, saying nothing (the same in any process)."""
    guarded, said = _check(Path(path), extensions, limits)
    if guarded is None:
        return CheckedPage(None, tuple(said))
    messages = {_gettext_key(msgctxt, msgid): text
                for msgctxt, msgid, text in guarded.usable}
    as_is = published_as_is(Path(path), guarded.catalog, domain,
                            myst_parser(extensions), limits)
    return CheckedPage(GuardedPage(messages, as_is), tuple(said))


@lru_cache(maxsize=4)
def _guarded_page(path: str, domain: str, stamp: tuple[int, int],
                  extensions: frozenset[str], limits: GuardLimits) -> GuardedPage | None:
    """One page catalog guarded, once per process and version of the file (a page's
    parse and its Locale transform both ask), its warnings given; ``None`` when it
    cannot be read. A check made ahead (:func:`_check_ahead`) is taken when there is
    one, with what came along with it."""
    checked = taken_ahead(path, stamp, extensions, limits)
    if checked is None:
        checked = check_page_catalog(path, domain, extensions, limits)
    else:
        parser = myst_parser(extensions)
        for text, inline, parse in checked.parsed:
            parses.keep(parser, text, inline, parse)
        if checked.prejudged is not None:
            learn(checked.prejudged)
        if checked.published is not None:
            _published_ahead[path] = (stamp, checked.published)
    _say(checked.said)
    return checked.page


AheadKey = tuple[str, tuple[int, int], frozenset[str], GuardLimits]
"""A page catalog's check as :func:`_guarded_page` is asked for it: PO file, its stamp,
MyST extensions, limits."""

AHEAD_MIN_PAGES = 8
"""Fewer page catalogs to check than this are checked as their pages are read: starting
a process would cost more than it saves."""

AHEAD_WAITS = False
"""Whether the build waits for a check made ahead (tests that need every page's check
to come from the second process set it)."""

_ahead: Ahead[AheadKey, CheckedPage] | None = None
"""The page catalogs of the pages being read, checked ahead by a second process."""
_ahead_files: frozenset[str] = frozenset()
"""The PO files it checks."""


def checked_ahead(env: BuildEnvironment) -> bool:
    """Whether the catalog of the page being read is checked by the second process (the
    page's parse then lends the build's guard none of its tokens)."""
    if _ahead is None:
        return False
    domain = docname_to_domain(env.docname, env.config.gettext_compact)
    return env.config.hoc_guard_deferred.get(domain) in _ahead_files


def check_ahead(path: str, domain: str, extensions: frozenset[str], limits: GuardLimits,
                language: str, brands: tuple[str, ...],
                publish_to: str | None) -> CheckedPage:
    """What the second process does for a page: check its catalog, judge the English
    left in its translations (most of what marking that English costs the build), and
    publish the catalog at ``publish_to`` (what :func:`hoc.stats._publish_catalogs`
    would do when the build finishes; it then leaves that catalog alone)."""
    checked = check_page_catalog(path, domain, extensions, limits)
    if checked.page is None:
        return checked
    parser = myst_parser(extensions)
    texts = checked.page.messages.values()
    # The check parsed each translation (but bare text) and kept the parse, which the
    # render would otherwise make again: sent along (unpickled in half the time).
    made = [(text, inline, parse) for text in texts for inline in (True, False)
            if (parse := parses.take(parser, text, inline)) is not None]
    prejudged = prejudge(language, brands, texts, parser)
    published = publish_to if publish_to is not None and publish_catalog(
        Path(path), domain, Path(publish_to), checked.page.as_is, parser, limits) else None
    return replace(checked, prejudged=prejudged, published=published, parsed=tuple(made))


_published_ahead: dict[str, tuple[tuple[int, int], str]] = {}
"""PO file → its stamp and where the second process published it, this build."""


def published_ahead() -> dict[str, tuple[tuple[int, int], str]]:
    """The catalogs the second process published during this build's read (PO file →
    its stamp then, and where it went)."""
    return dict(_published_ahead)


def taken_ahead(path: str, stamp: tuple[int, int], extensions: frozenset[str],
                limits: GuardLimits) -> CheckedPage | None:
    """The check of a page catalog made ahead, if it is there: the build never waits
    for it (on a busy machine the second process may fall behind; the build then checks
    the page itself, as without it)."""
    if _ahead is None:
        return None
    return _ahead.take((path, stamp, extensions, limits), wait=AHEAD_WAITS)


def _check_ahead(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: check the catalogs of the pages to read in a second
    process, in reading order, while the build reads the pages (``hoc_guard_ahead``).

    Checking a page's PO file is most of what translating costs a build, and depends
    only on the file and the settings. The build takes each result as it reads the page
    and gives its warnings then, so the pages, the warnings and their order are those
    of a check made in the build. Not with ``-j`` (the readers fill the CPUs already),
    on one CPU, for fewer than :data:`AHEAD_MIN_PAGES` pages, or where a process cannot
    be forked.
    """
    global _ahead, _ahead_files
    _stop_ahead()
    _published_ahead.clear()
    config = env.config
    deferred: dict[str, str] = config.hoc_guard_deferred
    if not (config.hoc_fast_locale and config.hoc_guard_ahead and deferred) or \
            app.parallel > 1 or available_cpus() < 2:
        return
    extensions = frozenset(getattr(config, "myst_enable_extensions", ()) or ())
    limits = guard_limits(env)
    hoc = hoc_config(env)
    language = config.language or hoc.source_language
    brands = tuple(hoc.brand_names)
    # Catalogs are published with an HTML site (as hoc.stats publishes them).
    published = Path(app.outdir, PUBLISHED) if app.builder.format == "html" else None
    jobs: list[tuple[AheadKey, tuple[Any, ...]]] = []
    planned: set[AheadKey] = set()
    for docname in docnames:
        domain = docname_to_domain(docname, config.gettext_compact)
        path = deferred.get(domain)
        if path is None:
            continue
        try:
            stamp = file_stamp(Path(path))
        except OSError:
            continue
        key = (path, (stamp[0], stamp[1]), extensions, limits)
        if key in planned:
            continue  # pages sharing a catalog (gettext_compact): checked once
        planned.add(key)
        jobs.append((key, (path, domain, extensions, limits, language, brands,
                           str(published / f"{domain}.po") if published else None)))
    if len(jobs) < AHEAD_MIN_PAGES:
        return
    ahead: Ahead[AheadKey, CheckedPage] = Ahead(check_ahead)
    if ahead.start(jobs):
        _ahead, _ahead_files = ahead, frozenset(key[0] for key, _ in jobs)


def _stop_ahead(*_: object) -> None:
    """``env-updated``, ``build-finished``: the pages are read; end the second process."""
    global _ahead, _ahead_files
    if _ahead is not None:
        _ahead.close()
        _ahead, _ahead_files = None, frozenset()


class CatalogsAsIs(DocDataCollector):
    """``env.hoc_catalogs_as_is``: docname → whether its PO file, as guarded when the
    page was read, may be published byte for byte: ``(PO file, its stamp, MyST
    extensions, limits, answer)``. Publishing the catalogs then reads none again."""

    attribute = "hoc_catalogs_as_is"


def page_translations(env: BuildEnvironment, domain: str) -> dict[str, str] | None:
    """The guarded translations of a page whose catalog is guarded as it is read
    (``None`` for any other text domain, or a catalog that cannot be read).

    The catalog is checked now, each rejected message a located ``hoc.guard`` warning
    as before, and the page depends on the translators' PO file, so that editing it
    reads the page again."""
    path: str | None = env.config.hoc_guard_deferred.get(domain)
    if path is None:
        return None
    env.note_dependency(path)
    try:
        stamp = file_stamp(Path(path))
    except OSError:
        return None
    extensions = frozenset(getattr(env.config, "myst_enable_extensions", ()) or ())
    limits = guard_limits(env)
    guarded = _guarded_page(path, domain, (stamp[0], stamp[1]), extensions, limits)
    if guarded is None:
        return None
    CatalogsAsIs.data(env)[env.docname] = (path, stamp, sorted(extensions), limits,
                                           guarded.as_is)
    return guarded.messages


def catalogs_as_is(env: BuildEnvironment, extensions: frozenset[str],
                   limits: GuardLimits) -> dict[str, tuple[list[int], bool]]:
    """PO file → (its stamp, whether it may be published byte for byte), as the reads of
    their pages found under these settings."""
    wanted = (sorted(extensions), limits)
    return {path: (stamp, bool(as_is))
            for path, stamp, *settings, as_is in CatalogsAsIs.data(env).values()
            if tuple(settings) == wanted}


def _pages_with_new_catalogs(app: Sphinx, env: BuildEnvironment, added: set[str],
                             changed: set[str], removed: set[str]) -> list[str]:
    """Pages whose catalog appeared since they were read: a page depends on its PO
    file from its first read with one, so a new PO file is noticed here."""
    deferred: dict[str, str] = env.config.hoc_guard_deferred
    return [docname for docname, path in deferred.items()
            if docname in env.all_docs and docname not in changed
            and env.srcdir / path not in env.dependencies.get(docname, ())]


def setup_guard(app: Sphinx) -> None:
    """Guard the catalogs once the configuration (and the language) is known."""
    # Not a hoc_* user setting: where the translators' PO files are once locale_dirs
    # points at the guarded copy. "" rebuild: it never changes what a page reads.
    app.add_config_value("hoc_translation_dirs", [], "", types=(list,))
    # Not a hoc_* user setting either: the page catalogs guarded as their page is read
    # (text domain: PO file). "" rebuild: a page depends on its PO file itself.
    app.add_config_value("hoc_guard_deferred", {}, "", types=(dict,))
    # priority 450: after hoc.config validates (400), before features that read
    # locale files in their own config-inited handlers (500+).
    app.connect("config-inited", guard_catalogs, priority=450)
    app.connect("env-get-outdated", _pages_with_new_catalogs)
    # priority 900: after any handler that changes the list or order of pages to read.
    app.connect("env-before-read-docs", _check_ahead, priority=900)
    app.connect("env-updated", _stop_ahead)
    app.connect("build-finished", _stop_ahead)
    app.add_env_collector(CatalogsAsIs)
