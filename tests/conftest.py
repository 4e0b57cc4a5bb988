"""Shared fixtures: Sphinx's test fixtures, our test roots, and parsed HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings

from hoc.build import build_all
from hoc.project import Project

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

# The suite's verdict must not depend on the run: property tests draw the same examples
# every time (a seed of their own, no database of past failures). `make fuzz` explores
# with fresh random examples on every run instead (500 for a test that sets no count).
settings.register_profile("suite", derandomize=True, database=None)
settings.register_profile("explore", max_examples=500)
settings.load_profile("suite")

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent
LANGUAGES = Project(PROJECT).languages()


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>/``."""
    return TESTS / "roots"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """Every language built with -W into a temporary folder, as `make html` does."""
    builddir = tmp_path_factory.mktemp("site")
    status = build_all(Project(PROJECT), LANGUAGES, builddir, ["-W", "--keep-going"])
    assert status == 0, "a language failed to build cleanly (see the output above)"
    return builddir / "html"


def read_html(path: Path) -> BeautifulSoup:
    """A built page, parsed."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(soup: BeautifulSoup) -> BeautifulSoup:
    """The page body furo renders inside ``<article>``."""
    found = soup.find("article")
    assert found is not None, "no <article> in page"
    return found


def warnings_of(app) -> str:
    """What a test build warned, without terminal colours."""
    from sphinx.util.console import strip_escape_sequences

    return strip_escape_sequences(app.warning.getvalue())


def pages_read(app) -> list[str]:
    """The docnames every later build of ``app`` reads again, in order (a live list)."""
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    return read


def string_translation(language: str, key: str) -> str:
    """The msgstr of string-table ``key`` in the project's ``strings.po`` for ``language``."""
    import polib

    catalog = polib.pofile(str(PROJECT / "locale" / language / "LC_MESSAGES" / "strings.po"))
    for entry in catalog:
        if entry.msgctxt == key and entry.msgstr and "fuzzy" not in entry.flags:
            return entry.msgstr
    raise AssertionError(f"{key!r} is not translated in {language}/strings.po")
