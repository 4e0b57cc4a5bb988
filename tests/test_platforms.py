"""Translators' platforms: Crowdin's and Weblate's file patterns match exactly our
templates and PO files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from hoc.cli import main

PROJECT = Path(__file__).resolve().parent.parent
TRANSLATED = ["fr", "es", "ar"]


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> Path:
    """The POT files ``make gettext`` writes, written for this test."""
    builddir = tmp_path_factory.mktemp("gettext-build")
    assert main(["--project", str(PROJECT), "gettext", "--builddir", str(builddir)]) == 0
    return builddir / "gettext"


def po_files() -> set[str]:
    return {str(path.relative_to(PROJECT)) for path in (PROJECT / "locale").rglob("*.po")}


def pot_names(templates: Path) -> set[str]:
    """Each template's name without ``.pot``, relative to the templates folder."""
    return {str(path.relative_to(templates).with_suffix("")) for path in
            templates.rglob("*.pot")}


def crowdin_translation(pattern: str, subpath: str, language: str) -> str:
    """Crowdin's translation path for one source file: ``**`` is the folders the source's
    ``**`` matched, ``%file_name%`` its name without extension."""
    folder, _, name = subpath.rpartition("/")
    path = pattern.replace("%two_letters_code%", language).replace("%file_name%", name)
    path = path.replace("/**/", f"/{folder}/" if folder else "/")
    assert "%" not in path and "*" not in path, f"a placeholder this test does not know: {path}"
    return path.lstrip("/")


def test_crowdin_sources_are_the_templates_and_translations_our_po_files(templates):
    config = yaml.safe_load((PROJECT / "crowdin.yml").read_text(encoding="utf-8"))
    assert config["preserve_hierarchy"] is True and config["base_path"] == "."
    (files,) = config["files"]
    source = files["source"].lstrip("/")
    prefix, _, suffix = source.partition("/**/")
    assert suffix == "*.pot"
    # The sources the pattern names are exactly the templates make gettext writes.
    gettext_dir = (PROJECT / "_build" / "gettext").relative_to(PROJECT)
    assert Path(prefix) == gettext_dir
    names = pot_names(templates)
    assert {"strings", "sphinx", "index", "how-to/districts"} <= names
    expected = {crowdin_translation(files["translation"], name, language)
                for name in names for language in TRANSLATED}
    assert expected == po_files()


def weblate_settings() -> dict[str, str]:
    """The component discovery settings README.md documents."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- weblate-discovery", 1)[1].split("```text\n", 1)[1]
    block = block.split("```", 1)[0]
    lines = block.splitlines()
    settings = {}
    for number, line in enumerate(lines):
        if line.startswith("Regular expression"):
            settings["match"] = lines[number + 1].strip()
        elif ":" in line and not line.startswith(" "):
            key, value = line.split(":", 1)
            settings[key.strip()] = value.strip()
    return settings


def test_weblate_discovery_finds_one_component_per_template_in_every_language(templates):
    settings = weblate_settings()
    assert settings["Customize the component name"] == "{{ component }}"
    assert settings["File format"] == "gettext PO file"
    match = re.compile(settings["match"])
    found: dict[str, set[str]] = {}
    for path in po_files():
        hit = match.fullmatch(path)
        assert hit is not None, f"{path} is not discovered"
        found.setdefault(hit["component"], set()).add(hit["language"])
    assert set(found) == pot_names(templates)
    assert all(languages == set(TRANSLATED) for languages in found.values())
