"""Read-the-Docs-style hosting: one project per language, run with its own command."""

from __future__ import annotations

import os
import string
import subprocess
import sys

import yaml

from conftest import LANGUAGES, PROJECT, read_html


def readthedocs_command(output: str, language: str) -> list[str]:
    """The html build command of .readthedocs.yaml, with RTD's variables filled in."""
    config = yaml.safe_load((PROJECT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    [command] = config["build"]["jobs"]["build"]["html"]
    filled = string.Template(command).substitute(READTHEDOCS_OUTPUT=output,
                                                 READTHEDOCS_LANGUAGE=language)
    words = filled.split()
    assert words[:3] == ["python", "-m", "sphinx"]
    return [sys.executable, *words[1:]]


def test_readthedocs_builds_one_language_with_links_between_projects(tmp_path):
    env = os.environ | {
        "READTHEDOCS": "True", "READTHEDOCS_LANGUAGE": "fr", "READTHEDOCS_VERSION": "latest",
        "READTHEDOCS_CANONICAL_URL": "https://hoc.readthedocs.io/fr/latest/",
    }
    command = readthedocs_command(str(tmp_path / "out"), "fr")
    result = subprocess.run([*command, "-W", "--keep-going"], cwd=PROJECT, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    page = read_html(tmp_path / "out" / "html" / "how-to" / "districts.html")
    assert page.html["lang"] == "fr"
    switch = {a["hreflang"]: a["href"] for a in page.find("nav", class_="hoc-languages")("a")}
    assert switch == {lang: f"../../../{lang}/latest/how-to/districts.html"
                      for lang in LANGUAGES}
    assert page.find("link", rel="canonical")["href"] == \
        "https://hoc.readthedocs.io/fr/latest/how-to/districts.html"
    alternates = {link["hreflang"]: link["href"] for link in page("link", rel="alternate")}
    assert alternates["es"] == "https://hoc.readthedocs.io/es/latest/how-to/districts.html"
    not_found = read_html(tmp_path / "out" / "html" / "404.html")
    assert any(link["href"].startswith("/fr/latest/_static/")
               for link in not_found("link", rel="stylesheet"))


def test_readthedocs_requirements_use_the_pins():
    lines = (PROJECT / "requirements" / "readthedocs.txt").read_text("utf-8").splitlines()
    assert "-c constraints.txt" in lines and "." in lines
