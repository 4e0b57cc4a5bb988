"""Message catalogs for translators: one POT per page, plus ``strings.pot``.

Sphinx's gettext builder writes the page templates, and ``sphinx.pot`` from our theme
templates (plus the theme texts said from Python, :data:`hoc.theme.PYTHON_MESSAGES`).
The string table becomes ``strings.pot`` with the key as ``msgctxt`` and
``strings.yml:<line>`` as the source reference, so a translator's tool shows where each
string is defined: the same table the build reads, our interface texts
(``ui_strings.yml``) included unless the site redefines them. sphinx-intl then merges
every template into every language's PO files, keeping translations and marking changed
English as fuzzy.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from hoc.core.problems import Problem
from hoc.core.strings import load_english
from hoc.project import Project


def strings_catalog(strings_file: Path, reference: str, defaults: Path | None = None,
                    defaults_reference: str = "") -> tuple[Catalog, list[Problem]]:
    """The string table as a template catalog (``msgctxt`` = key): the site's table and
    the ``defaults`` it does not redefine, as the build reads them."""
    texts, lines, problems = load_english(strings_file)
    catalog = Catalog(project="Hour of Code", fuzzy=False)
    if defaults is not None:
        default_texts, default_lines, default_problems = load_english(defaults)
        problems = default_problems + problems
        for key, text in default_texts.items():
            if key not in texts:
                catalog.add(text, context=key,
                            locations=[(defaults_reference, default_lines[key])])
    for key, text in texts.items():
        catalog.add(text, context=key, locations=[(reference, lines[key])])
    return catalog, problems


def write_strings_pot(project: Project, potdir: Path) -> Path:
    """Write ``<potdir>/strings.pot`` from ``source/_data/strings.yml`` and our
    interface texts."""
    from hoc.state import UI_DEFAULTS

    strings_file = project.source / "_data" / "strings.yml"
    # Referenced relative to the template, as Sphinx references the pages.
    reference = os.path.relpath(strings_file, potdir)
    catalog, problems = strings_catalog(strings_file, reference, UI_DEFAULTS,
                                        os.path.relpath(UI_DEFAULTS, potdir))
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
    if status == 0:
        print(f"wrote {complete_sphinx_pot(potdir / 'sphinx.pot')}")
        print(f"wrote {write_strings_pot(project, potdir)}")
    return status


def complete_sphinx_pot(path: Path) -> Path:
    """``sphinx.pot`` as Sphinx extracted it from our templates, plus the theme texts
    said from Python, so that every text around the pages reaches translators."""
    from hoc.theme import PYTHON_MESSAGES

    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle)
    else:
        catalog = Catalog(project="Hour of Code", fuzzy=False)
    for message in PYTHON_MESSAGES:
        if message not in catalog:
            flags = ["python-format"] if "%(" in message else []
            catalog.add(message, locations=[("_ext/hoc/theme.py", 1)], flags=flags)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=76, omit_header=False, sort_output=False)
    return path


def update_po(project: Project, builddir: Path, languages: list[str]) -> int:
    """``make update-po``: merge the templates into every translated language."""
    from sphinx_intl.basic import update

    potdir = builddir / "gettext"
    if not potdir.is_dir():
        print(f"no templates in {potdir}: run `make gettext` first", file=sys.stderr)
        return 1
    update(str(project.locale), str(potdir), tuple(languages), line_width=76)
    return 0
