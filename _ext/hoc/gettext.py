"""Message catalogs for translators: one POT per page, plus ``strings.pot``.

Sphinx's gettext builder writes the page templates; the string table becomes
``strings.pot`` with the key as ``msgctxt`` and ``strings.yml:<line>`` as the source
reference, so a translator's tool shows where each string is defined. sphinx-intl then
merges both into every language's PO files, keeping translations and marking changed
English as fuzzy.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from hoc.core.problems import Problem
from hoc.core.strings import load_english
from hoc.project import Project


def strings_catalog(strings_file: Path, reference: str) -> tuple[Catalog, list[Problem]]:
    """The string table as a template catalog (``msgctxt`` = key)."""
    texts, lines, problems = load_english(strings_file)
    catalog = Catalog(project="Hour of Code", fuzzy=False)
    for key, text in texts.items():
        catalog.add(text, context=key, locations=[(reference, lines[key])])
    return catalog, problems


def write_strings_pot(project: Project, potdir: Path) -> Path:
    """Write ``<potdir>/strings.pot`` from ``source/_data/strings.yml``."""
    strings_file = project.source / "_data" / "strings.yml"
    # Referenced relative to the template, as Sphinx references the pages.
    reference = os.path.relpath(strings_file, potdir)
    catalog, problems = strings_catalog(strings_file, reference)
    for problem in problems:
        print(f"WARNING: {problem}", file=sys.stderr)
    potdir.mkdir(parents=True, exist_ok=True)
    path = potdir / "strings.pot"
    with path.open("wb") as handle:
        write_po(handle, catalog, width=76, omit_header=False, sort_output=False)
    return path


def extract(project: Project, builddir: Path) -> int:
    """``make gettext``: page templates with Sphinx, then the string table."""
    potdir = builddir / "gettext"
    command = [sys.executable, "-m", "sphinx", "-b", "gettext", "-c", str(project.root),
               str(project.source), str(potdir), "-d", str(builddir / "doctrees" / "gettext")]
    status = subprocess.run(command, cwd=project.root, check=False).returncode
    # Sphinx also extracts the theme templates' texts (Search, Previous, ...) into
    # sphinx.pot; Sphinx and furo translate those themselves, so translators skip them.
    (potdir / "sphinx.pot").unlink(missing_ok=True)
    if status == 0:
        print(f"wrote {write_strings_pot(project, potdir)}")
    return status


def update_po(project: Project, builddir: Path, languages: list[str]) -> int:
    """``make update-po``: merge the templates into every translated language."""
    from sphinx_intl.basic import update

    potdir = builddir / "gettext"
    if not potdir.is_dir():
        print(f"no templates in {potdir}: run `make gettext` first", file=sys.stderr)
        return 1
    update(str(project.locale), str(potdir), tuple(languages), line_width=76)
    return 0
