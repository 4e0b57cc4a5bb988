"""Data every page reads, loaded once and kept until its files change; string use.

The string table and navigation lists are parsed once and kept on the environment
(parallel readers are forked from it and inherit it), with the time stamps of the files
they came from: a build whose files changed parses them again, one whose files did not
reuses them. Pages record which strings they used and what those said, so that a
``strings.po`` or ``strings.yml`` edit rebuilds exactly the pages whose strings changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from hoc.config import hoc_config, source_path
from hoc.core.navigation import NavItem, load_navigation
from hoc.core.problems import Problem
from hoc.core.strings import StringTable, load_table
from hoc.docdata import DocDataCollector
from hoc.guard import guard_limits, translation_dirs
from hoc.warnings_ import HocWarning, warn

_ATTRIBUTE = "hoc_build_state"
_WRITE_TIME = "hoc_write_time_strings"
WRITE_TIME_KEYS = ("site_title", "ui_languages", "ui_translate_page")
"""Strings every written page shows (header, switcher, link): a change rewrites all."""
UI_DEFAULTS = Path(__file__).parent / "ui_strings.yml"
"""English defaults for our own interface texts; a site's string table overrides them."""


@dataclass
class BuildState:
    """What one build of one language has loaded."""

    strings: StringTable
    strings_files: list[Path]
    """The files the string table came from: pages that use it depend on them."""
    strings_source: Path
    """The English string table (named in warnings about unknown keys)."""
    navigation: dict[str, list[NavItem]] = field(default_factory=dict)
    navigation_file: Path | None = None
    link_suffix: str = ".html"
    """What the builder appends to a docname to make its URL (``.html``)."""
    stamps: tuple[tuple[str, int, int], ...] = ()
    """(path, mtime, size) of every file read: the state is current while they match."""

    def text(self, key: str) -> str | None:
        """The text of ``key`` in this build's language (or English), if any."""
        found = self.strings.lookup(key)
        return found.text if found else None


def locale_file(env: BuildEnvironment, language: str, name: str) -> Path | None:
    """``<locale_dir>/<language>/LC_MESSAGES/<name>`` in the first locale dir having it."""
    for directory in translation_dirs(env.config):
        candidate = Path(env.srcdir, directory, language, "LC_MESSAGES", name)
        if candidate.is_file():
            return candidate
    return None


def _report(problems: list[Problem], subtype: HocWarning) -> None:
    for problem in problems:
        kind = HocWarning(problem.kind) if problem.kind else subtype
        warn(problem.message, kind, location=problem.sphinx_location)


def load_state(env: BuildEnvironment, link_suffix: str = ".html") -> BuildState:
    """Parse the string table and navigation lists for this build's language."""
    config = hoc_config(env)
    language = env.config.language or config.source_language
    english_path = source_path(env, config.strings_file)
    po_path = None if language == config.source_language else locale_file(
        env, language, "strings.po")
    strings, problems = load_table(english_path, po_path, language, config.source_language,
                                   defaults=UI_DEFAULTS, limits=guard_limits(env))
    _report(problems, HocWarning.STRING)
    navigation_path = source_path(env, config.navigation_file)
    navigation, nav_problems = load_navigation(navigation_path)
    _report(nav_problems, HocWarning.NAV)
    files = [path for path in (english_path, po_path) if path is not None and path.is_file()]
    return BuildState(strings, files, english_path, navigation, navigation_path, link_suffix,
                      _stamps(_inputs(env)))


def _inputs(env: BuildEnvironment) -> list[Path]:
    config = hoc_config(env)
    language = env.config.language or config.source_language
    paths = [source_path(env, config.strings_file), source_path(env, config.navigation_file),
             UI_DEFAULTS]
    for directory in translation_dirs(env.config):
        paths.append(Path(env.srcdir, directory, language, "LC_MESSAGES", "strings.po"))
    return paths


def _stamps(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    stamps = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            stamps.append((str(path), -1, -1))
        else:
            stamps.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(stamps)


def build_state(env: BuildEnvironment, link_suffix: str | None = None) -> BuildState:
    """The current state: the kept one while its files are unchanged, else a new one.

    Files are looked at when a build starts (``link_suffix`` given, from
    :func:`pages_with_changed_strings`), not on every call: pages read in one build
    share one state.
    """
    state: BuildState | None = getattr(env, _ATTRIBUTE, None)
    if state is not None and link_suffix is None:
        return state
    suffix = link_suffix or ".html"
    if state is None or state.stamps != _stamps(_inputs(env)) or state.link_suffix != suffix:
        state = load_state(env, suffix)
        setattr(env, _ATTRIBUTE, state)
    return state


class StringUseCollector(DocDataCollector):
    """``env.hoc_string_uses``: docname → {string key: the text the page showed}."""

    attribute = "hoc_string_uses"


def string_uses(env: BuildEnvironment) -> dict[str, dict[str, str | None]]:
    """What every page read so far showed of the string table."""
    return StringUseCollector.data(env)


def note_string_use(env: BuildEnvironment, key: str) -> None:
    """Record that the page being read shows ``key`` (and what it says now)."""
    uses = string_uses(env).setdefault(env.docname, {})
    uses[key] = build_state(env).text(key)


def pages_with_changed_strings(app: Sphinx, env: BuildEnvironment, added: set[str],
                               changed: set[str], removed: set[str]) -> list[str]:
    """``env-get-outdated``: the pages whose strings now say something else.

    A change to a string every page shows (the site title, for one) rewrites them all.
    """
    state = build_state(env, str(getattr(app.builder, "link_suffix", ".html")))
    shown = {key: state.text(key) for key in WRITE_TIME_KEYS}
    before = getattr(env, _WRITE_TIME, None)
    setattr(env, _WRITE_TIME, shown)
    if before is not None and before != shown:
        return sorted(env.found_docs)
    return sorted(docname for docname, uses in string_uses(env).items()
                  if docname not in changed and docname in env.found_docs
                  and any(state.text(key) != text for key, text in uses.items()))


def setup_state(app: Sphinx) -> None:
    """Track string use, and rebuild the pages whose strings changed."""
    app.add_env_collector(StringUseCollector)
    app.connect("env-get-outdated", pages_with_changed_strings)
