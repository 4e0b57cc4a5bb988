"""The URLs a Pegasus site served, and where each one leads in this site.

Pegasus served a page at a clean path (``/how-to/districts``, no ``.html``), behind an
optional country prefix (``/us/how-to/districts``: the country's default language) and an
optional country-and-language prefix (``/ca/fr/how-to/districts``), and answered
``.redirect`` files (``public/beyond.redirect`` holds the URL ``/beyond`` leads to). This
site publishes ``<lang>/how-to/districts.html``. This module computes, for every page
and redirect, each old URL and its new target, so the build can publish redirects for
them: a stub page per old URL and a ``_redirects`` file for hosts that read one.

Sphinx-free and pure; ``hoc.redirects`` writes what it computes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from hoc.core.problems import Problem


@dataclass(frozen=True)
class OldUrl:
    """An old URL path (``/us/how-to``) and its target: a site path from the site root
    (``en/how-to/index.html``) or an absolute ``http(s)://`` URL."""

    path: str
    target: str

    @property
    def external(self) -> bool:
        return self.target.startswith(("http://", "https://"))


@dataclass
class RedirectConfig:
    """``source/_data/redirects.yml``: explicit redirects and the country languages."""

    redirects: dict[str, str] = field(default_factory=dict)
    """Old path (``/beyond``) → new site path (``/how-to#x``) or absolute URL."""
    countries: dict[str, str] = field(default_factory=dict)
    """Country code (``mx``) → its default language (``es``), as Pegasus chose it."""


def load_redirects(path: Path) -> tuple[RedirectConfig, list[Problem]]:
    """Read the redirects file; a missing file is an empty configuration."""
    config = RedirectConfig()
    if not path.is_file():
        return config, []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return config, [Problem(path, mark.line + 1 if mark else None, f"invalid YAML: {exc}")]
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return config, [Problem(path, 1, "the redirects file must be a mapping")]
    for name, target in (data.get("redirects") or {}).items():
        if isinstance(name, str) and name.startswith("/") and isinstance(target, str):
            config.redirects[name.rstrip("/") or "/"] = target
        else:
            problems.append(Problem(path, None, f"redirect {name!r}: {target!r} must map a "
                                    "path starting with / to a path or URL"))
    for country, language in (data.get("countries") or {}).items():
        if isinstance(country, str) and isinstance(language, str):
            config.countries[country] = language
        else:
            problems.append(Problem(path, None, f"country {country!r} needs a language code"))
    return config, problems


def dump_redirects(config: RedirectConfig) -> str:
    """The redirects file's text (stable order, so re-imports diff cleanly)."""
    header = ("# Old URLs of the Pegasus site (written by `hoc import-site`; edit freely).\n"
              "# redirects: an old path and where it leads now (a site path or a URL).\n"
              "# countries: the language each country prefix (/mx/...) showed by default.\n")
    body = {"redirects": dict(sorted(config.redirects.items())),
            "countries": dict(sorted(config.countries.items()))}
    return header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=10_000)


def clean_path(docname: str, root_doc: str = "index") -> str:
    """The clean URL path Pegasus served a page at: ``how-to/index`` → ``/how-to``."""
    if docname == root_doc:
        return "/"
    if docname.endswith("/index"):
        return "/" + docname.removesuffix("/index")
    return "/" + docname


def page_target(docname: str, language: str, fragment: str = "") -> str:
    """Where a page is published, from the site root: ``fr/how-to/events.html``."""
    return f"{language}/{docname}.html" + (f"#{fragment}" if fragment else "")


def _join(prefix: str, path: str) -> str:
    return prefix if path == "/" else prefix + path


def _redirect_target(target: str, docnames: Iterable[str], language: str,
                     root_doc: str) -> str | None:
    """A redirect's target for ``language``: a URL as it is, a site path to its page."""
    if target.startswith(("http://", "https://")):
        return target
    path, _, fragment = target.partition("#")
    wanted = path.rstrip("/") or "/"
    for docname in docnames:
        if clean_path(docname, root_doc) == wanted or "/" + docname == wanted:
            return page_target(docname, language, fragment)
    return None


def old_urls(docnames: Iterable[str], config: RedirectConfig, languages: list[str],
             root_doc: str = "index") -> tuple[list[OldUrl], list[str]]:
    """Every old URL and its target, with a note for what cannot be served.

    The first language is the source language, shown for paths with no prefix and for
    countries whose language this site does not publish. A country code equal to one
    of our language codes (``ar`` was Argentina) is left to that language's folder.
    """
    docs = sorted(docnames)
    source = languages[0]
    notes: list[str] = []
    paths: dict[str, str] = {}
    for docname in docs:
        for language in languages:
            paths.setdefault(_join(f"/{language}", clean_path(docname, root_doc)),
                             page_target(docname, language))
    targets_by_path = {clean_path(doc, root_doc): doc for doc in docs}
    for old, target in sorted(config.redirects.items()):
        for language in languages:
            resolved = _redirect_target(target, docs, language, root_doc)
            if resolved is None:
                notes.append(f"redirect {old} → {target}: no such page; not published")
                break
            paths.setdefault(_join(f"/{language}", old), resolved)
        if old in targets_by_path:
            notes.append(f"redirect {old} is also a page; the page wins")
    for country, language in sorted(config.countries.items()):
        if country in languages:
            if language != country:
                notes.append(f"country /{country}/ (language {language}) shares its code with "
                             f"this site's language {country}: /{country}/... shows {country}")
            continue
        shown = language if language in languages else source
        for path in [*(clean_path(doc, root_doc) for doc in docs), *config.redirects]:
            found = _lookup(paths, shown, path)
            if found is not None:
                paths.setdefault(_join(f"/{country}", path), with_country(found, country))
                for each in languages:
                    paths.setdefault(_join(f"/{country}/{each}", path), with_country(
                        _lookup(paths, each, path) or found, country))
    for path in [*(clean_path(doc, root_doc) for doc in docs), *config.redirects]:
        found = _lookup(paths, source, path)
        if found is not None and path != "/":
            paths.setdefault(path, found)
    urls = [OldUrl(path, target) for path, target in sorted(paths.items())]
    return urls, sorted(set(notes))


def with_country(target: str, country: str) -> str:
    """A page target that tells the page its reader's country (``?country=ca``), as the
    old country URLs (``/ca/...``) did: the page then shows that country's sections
    (:mod:`hoc.core.countries`). An external URL is left as it is."""
    if target.startswith(("http://", "https://")):
        return target
    path, hash_mark, fragment = target.partition("#")
    return f"{path}?country={country}{hash_mark}{fragment}"


def _lookup(paths: Mapping[str, str], language: str, path: str) -> str | None:
    return paths.get(_join(f"/{language}", path))


def redirects_file(urls: Iterable[OldUrl]) -> str:
    """A ``_redirects`` file (Netlify, Cloudflare Pages): ``old new 301`` per line."""
    lines = ["# Old Pegasus URLs, written by the build from source/_data/redirects.yml."]
    for url in urls:
        target = url.target if url.external else "/" + url.target
        lines.append(f"{url.path} {target} 301")
    return "\n".join(lines) + "\n"


def stub_location(url: OldUrl) -> str:
    """Where the stub page for an old URL goes, from the site root: ``us/how-to/index.html``."""
    path = url.path.strip("/")
    return f"{path}/index.html" if path else "index.html"


def relative_target(url: OldUrl) -> str:
    """The stub's target, relative to the stub page itself."""
    if url.external:
        return url.target
    depth = stub_location(url).count("/")
    return "../" * depth + url.target
