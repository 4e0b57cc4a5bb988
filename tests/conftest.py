"""Shared fixtures: Sphinx's test fixtures, our test roots, and parsed HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>/``."""
    return TESTS / "roots"


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
