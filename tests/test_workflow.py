"""The translators' loop on a copy of the project, with the real commands."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from sphinx.util.console import strip_escape_sequences

from conftest import PROJECT, article, read_html
from hoc.cli import main


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("workflow") / "project"
    shutil.copytree(PROJECT, root, ignore=shutil.ignore_patterns(
        ".venv", "_build", ".git", "*.mo", "__pycache__", ".pytest_cache", "build"))
    return root


def build_fr(project: Path) -> list[str]:
    """Build French into the project's _build; return the pages Sphinx read."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(project),
         str(project / "source"), str(project / "_build" / "html" / "fr"),
         "-d", str(project / "_build" / "doctrees" / "fr"), "-D", "language=fr"],
        capture_output=True, text=True, check=True, env=os.environ | {"NO_COLOR": "1"})
    output = strip_escape_sequences(result.stdout)
    return re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", output)


def test_extract_update_edit_and_rebuild(project):
    build_fr(project)
    # Extract: one template per page, and the string table with the key as context.
    assert main(["--project", str(project), "gettext"]) == 0
    pots = project / "_build" / "gettext"
    assert (pots / "how-to" / "districts.pot").is_file()
    strings = polib.pofile(str(pots / "strings.pot"))
    entry = next(e for e in strings if e.msgctxt == "title_how_to_districts")
    assert entry.occurrences[0][0].endswith("source/_data/strings.yml")
    # The texts around the pages (our furo templates, and those said from Python).
    theme = {entry.msgid for entry in polib.pofile(str(pots / "sphinx.pot"))}
    assert {"Toggle site navigation sidebar", "Back to top", "Link to this heading",
            "Toggle navigation of %(title)s"} <= theme

    # Change an English paragraph, update: its translation is kept but marked fuzzy.
    page = project / "source" / "how-to" / "events.md"
    text = page.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("A school-wide"))
    page.write_text(text.replace(old, old.replace("brings students", "brings pupils")),
                    encoding="utf-8")
    assert main(["--project", str(project), "gettext"]) == 0
    assert main(["--project", str(project), "update-po", "--lang", "fr"]) == 0
    catalog = polib.pofile(str(project / "locale" / "fr" / "LC_MESSAGES" / "how-to" /
                               "events.po"))
    changed = next(e for e in catalog if e.msgid.startswith("A school-wide"))
    assert "fuzzy" in changed.flags and changed.msgstr
    districts = polib.pofile(str(project / "locale" / "fr" / "LC_MESSAGES" / "how-to" /
                                 "districts.po"))
    assert districts.percent_translated() == 75  # the seed's translations are kept

    # Rebuild: the fuzzy message shows in English, marked.
    read = build_fr(project)
    assert "how-to/events" in read
    events = article(read_html(project / "_build" / "html" / "fr" / "how-to" /
                               "events.html"))
    english = next(p for p in events.find_all("p") if "brings pupils" in p.get_text())
    assert english["lang"] == "en"

    # Edit one msgstr: only its page is read again (and the status page, which counts).
    index_po = project / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    catalog = polib.pofile(str(index_po))
    catalog[1].msgstr = catalog[1].msgstr + " Bienvenue !"
    catalog.save()
    assert build_fr(project) == ["index", "status"]
    home = read_html(project / "_build" / "html" / "fr" / "index.html")
    assert "Bienvenue !" in article(home).get_text()
    # Nothing changed: nothing is read.
    assert build_fr(project) == []
