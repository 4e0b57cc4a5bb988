"""Data every page of one build reads: loaded once per build, never per page.

The string table and navigation lists are parsed before every build reads its pages
and kept on the environment (parallel readers are forked from it and inherit it). The
next build replaces them before reading any page, so an edited file is always read
afresh, and what the environment pickles is only ever this build's data.
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
from hoc.guard import translation_dirs
from hoc.warnings_ import HocWarning, warn

_ATTRIBUTE = "hoc_build_state"
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
                                   defaults=UI_DEFAULTS)
    _report(problems, HocWarning.STRING)
    navigation_path = source_path(env, config.navigation_file)
    navigation, nav_problems = load_navigation(navigation_path)
    _report(nav_problems, HocWarning.NAV)
    files = [path for path in (english_path, po_path) if path is not None and path.is_file()]
    return BuildState(strings, files, english_path, navigation, navigation_path, link_suffix)


def build_state(env: BuildEnvironment) -> BuildState:
    """This build's state, loading it on first use."""
    state: BuildState | None = getattr(env, _ATTRIBUTE, None)
    if state is None:
        state = load_state(env)
        setattr(env, _ATTRIBUTE, state)
    return state


def _reload(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    link_suffix = str(getattr(app.builder, "link_suffix", ".html"))
    setattr(env, _ATTRIBUTE, load_state(env, link_suffix))


def setup_state(app: Sphinx) -> None:
    """Load the per-build data afresh before each build reads its pages."""
    app.connect("env-before-read-docs", _reload)
