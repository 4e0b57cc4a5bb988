"""The layout of a Pegasus site folder (``pegasus/sites.v3/hourofcode.com/``), read.

==========================================  ==========================================
``public/**/*.md``, ``*.md.partial``        English pages (the partial form has
                                            ``{{ name }}`` placeholders)
``public/<country>/**``                     pages and files one country saw instead
``public/<lang>/files/*``                   a language's variant of ``public/files/*``
``public/**/*.redirect``                    an old path and where it leads (one line)
``public/images/**``, ``public/files/**``   images and downloads
``views/**``                                partials (``.haml``, ``.md``, ``.erb``) and
                                            navigation lists (``*_nav.md``)
``i18n/public/<lang>/**``                   whole translated pages
``i18n/<lang>.yml``, ``i18n/locales/…``     string tables (:mod:`hoc.core.tables`)
``i18n/countries.json``                     each country's default language
==========================================  ==========================================

Pure and Sphinx-free: this module only says what is where; ``hoc.site_import`` acts on it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hoc.core.languages import standard_language

PAGE_SUFFIXES = (".md.partial", ".md", ".haml")
ASSET_FOLDERS = ("images", "files")
NAV_SUFFIX = "_nav.md"


@dataclass(frozen=True)
class SourcePage:
    """One page of the site: its docname and the file it comes from."""

    docname: str
    path: Path
    partial: bool
    """A ``.md.partial`` page, whose ``{{ name }}`` placeholders need filling."""


@dataclass(frozen=True)
class Skipped:
    """A file of the site that is not imported, and why."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Asset:
    """An image or download and where it goes under ``source/`` (variant name included)."""

    path: Path
    target: str


@dataclass
class Layout:
    """What a Pegasus site folder holds, sorted for import."""

    pages: dict[str, SourcePage] = field(default_factory=dict)
    assets: list[Asset] = field(default_factory=list)
    redirects: dict[str, str] = field(default_factory=dict)
    partials: dict[str, Path] = field(default_factory=dict)
    navigation: dict[str, Path] = field(default_factory=dict)
    translations: dict[str, dict[str, SourcePage]] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)


def page_docname(relative: str) -> tuple[str, bool] | None:
    """``how-to/index.md`` → (``how-to/index``, False); ``x.md.partial`` → (``x``, True)."""
    for suffix in PAGE_SUFFIXES:
        if relative.endswith(suffix):
            return relative.removesuffix(suffix), suffix == ".md.partial"
    return None


def read_countries(path: Path) -> tuple[dict[str, str], str | None]:
    """``countries.json``: country code → default language (``{"mx": {"default_language":
    "es", ...}}``); a problem message when the file cannot be read."""
    if not path.is_file():
        return {}, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        return {}, f"{path}:{line or 1}: cannot read the countries: {exc}"
    countries: dict[str, str] = {}
    if isinstance(data, dict):
        for code, info in data.items():
            language = info.get("default_language") if isinstance(info, dict) else None
            if isinstance(code, str) and isinstance(language, str) and language:
                countries[code.lower()] = language.split("-")[0].lower()
    return countries, None


def _files(folder: Path) -> Iterator[tuple[str, Path]]:
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                yield path.relative_to(folder).as_posix(), path


def variant_target(relative: str, language: str) -> str:
    """``files/plan.pdf`` in language ``fr`` → ``files/plan.fr.pdf`` (our variant name)."""
    folder, _, name = relative.rpartition("/")
    stem, dot, extension = name.rpartition(".")
    named = f"{stem}.{language}.{extension}" if dot and stem else f"{name}.{language}"
    return f"{folder}/{named}" if folder else named


MOVE_SUFFIXES = (".redirect", ".moved")
"""Files that say where an old address went: ``x.redirect`` holds a path or URL,
``x.moved`` the new path without its leading ``/`` (``promote/resources``)."""


def read_layout(root: Path, country: str, languages: set[str],
                aliases: dict[str, str] | None = None) -> Layout:
    """Sort a site's files. ``country`` is the one this site shows (``public/<country>/``
    pages fill in for it); ``languages`` are the codes a first folder may be; ``aliases``
    are Pegasus's own language codes and their standard codes (``cn`` → ``zh_CN``,
    :data:`hoc.core.languages.PEGASUS_LANGUAGES`): translations and language variants
    come out under the standard code."""
    table = aliases or {}

    def standard(code: str) -> str:
        return standard_language(code, table)

    layout = Layout()
    countries, problem = read_countries(root / "i18n" / "countries.json")
    layout.countries = countries
    if problem:
        layout.skipped.append(Skipped(root / "i18n" / "countries.json", problem))
    translated_languages = {p.name for p in (root / "i18n" / "public").glob("*") if p.is_dir()}
    known_languages = languages | translated_languages | set(table)
    country_pages: dict[str, SourcePage] = {}
    for relative, path in _files(root / "public"):
        first, _, rest = relative.partition("/")
        if relative.endswith(MOVE_SUFFIXES):
            suffix = next(end for end in MOVE_SUFFIXES if relative.endswith(end))
            old = "/" + relative.removesuffix(suffix)
            target = path.read_text(encoding="utf-8", errors="replace").strip()
            if target and not target.startswith(("/", "http://", "https://")):
                target = "/" + target  # a .moved file names the new path without its /
            if target:
                layout.redirects[old.removesuffix("/index") or "/"] = target
            else:
                layout.skipped.append(Skipped(path, f"empty {suffix} file"))
            continue
        if rest and first in known_languages and rest.split("/", 1)[0] in ASSET_FOLDERS:
            layout.assets.append(Asset(path, variant_target(rest, standard(first))))
            continue
        if rest and first in countries and first not in ASSET_FOLDERS:
            found = page_docname(rest)
            if first == country and found and rest.split("/", 1)[0] not in known_languages:
                country_pages[found[0]] = SourcePage(found[0], path, found[1])
            else:
                second = rest.split("/", 1)[0]
                layout.skipped.append(Skipped(path, f"shown only in country '{first}'" + (
                    f" in language '{second}'" if second in known_languages else "")))
            continue
        found = page_docname(relative)
        if found:
            docname, partial = found
            if docname in layout.pages and partial:
                layout.skipped.append(Skipped(path, f"{docname}.md is the page; this partial "
                                              "form is not imported"))
                continue
            if docname in layout.pages:
                layout.skipped.append(Skipped(layout.pages[docname].path, f"{docname}.md is "
                                              "the page; this partial form is not imported"))
            layout.pages[docname] = SourcePage(docname, path, partial)
        elif first in ASSET_FOLDERS:
            layout.assets.append(Asset(path, relative))
        else:
            layout.skipped.append(Skipped(path, "not a page, image or download"))
    for docname, page in country_pages.items():
        if docname in layout.pages:
            layout.skipped.append(Skipped(page.path, f"country '{country}' variant of "
                                          f"{docname}: the page for every country is kept"))
        else:
            layout.pages[docname] = page
    for relative, path in _files(root / "views"):
        name = relative.rsplit(".", 1)[0]
        if relative.endswith(NAV_SUFFIX):
            layout.navigation[relative.removesuffix(".md")] = path
        elif relative.endswith((".haml", ".md", ".erb", ".html")):
            layout.partials[name] = path
        else:
            layout.skipped.append(Skipped(path, "a view of a kind not imported"))
    for language in sorted(translated_languages):
        pages: dict[str, SourcePage] = {}
        for relative, path in _files(root / "i18n" / "public" / language):
            if relative.endswith(".haml"):
                # Aligned as Markdown, HAML would pair its markup with English prose.
                layout.skipped.append(Skipped(path, "a translated HAML page: translations "
                                              "are read from Markdown pages only"))
                continue
            found = page_docname(relative)
            if found is None:
                if relative.split("/", 1)[0] in ASSET_FOLDERS:
                    layout.assets.append(Asset(path, variant_target(relative,
                                                                    standard(language))))
                continue
            docname, partial = found
            if docname in pages and partial:
                continue
            pages[docname] = SourcePage(docname, path, partial)
        layout.translations[standard(language)] = pages
    return layout
