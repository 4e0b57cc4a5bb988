"""Old Pegasus URLs answer: redirect pages in every language and at the site root.

When ``source/_data/redirects.yml`` exists (``hoc import-site`` writes it), every page's
old clean URL and every ``.redirect`` of the Pegasus site gets a redirect page, written
with sphinx-reredirects' own template and writer:

- inside each language's build, ``/<lang>/how-to/districts`` (the clean URL, no
  ``.html``) and ``/<lang>/beyond`` (a Pegasus ``.redirect``), so a language hosted on
  its own (Read the Docs) answers them too;
- at the site root, by ``hoc build``: unprefixed paths, country prefixes (``/mx/...``
  in the country's language) and country-and-language prefixes, plus a ``_redirects``
  file for hosts that read one (Netlify, Cloudflare Pages).
"""

from __future__ import annotations

from pathlib import Path
from string import Template

from sphinx.application import Sphinx
from sphinx.project import Project as SphinxProject
from sphinx_reredirects import REDIRECT_FILE_DEFAULT_TEMPLATE, Reredirects

from hoc.config import hoc_config, source_path
from hoc.core.oldurls import (
    OldUrl,
    load_redirects,
    old_urls,
    redirects_file,
    relative_target,
    stub_location,
)
from hoc.project import Project
from hoc.warnings_ import HocWarning, warn


def _in_language(urls: list[OldUrl], language: str) -> dict[str, str]:
    """The redirects one language's build writes: stub docname-like path → relative target."""
    prefix = f"{language}/"
    pages: dict[str, str] = {}
    for url in urls:
        location = stub_location(url)
        if not location.startswith(prefix) or location == url.target:
            continue
        inside = location.removeprefix(prefix).removesuffix(".html")
        pages[inside] = relative_target(url)
    return pages


def write_language_redirects(app: Sphinx) -> list[tuple[str, dict[str, object], str]]:
    """``html-collect-pages``: this language's redirect pages (none without the file)."""
    config = hoc_config(app)
    path = source_path(app, config.redirects_file)
    if not path.is_file() or app.builder.format != "html":
        return []
    redirect_config, problems = load_redirects(path)
    for problem in problems:
        warn(problem.message, HocWarning.URL, location=f"{path}:{problem.line or 0}")
    app.env.note_dependency(str(path))
    urls, _ = old_urls(app.env.found_docs, redirect_config, config.languages,
                       app.config.root_doc)
    Reredirects(app).create_redirects(_in_language(urls, app.config.language))
    return []


def site_docnames(project: Project) -> set[str]:
    """The pages Sphinx finds in the project's source folder (its exclude patterns apply)."""
    settings = project.settings()
    suffixes = settings.get("source_suffix", {".md": "markdown"})
    found = SphinxProject(project.source, list(suffixes))
    excluded = [*settings.get("exclude_patterns", []), "**/_*", "_*"]
    return found.discover(exclude_paths=excluded)


def write_root_redirects(outdir: Path, project: Project, languages: list[str]) -> int:
    """Write the site root's redirect pages and ``_redirects``; how many pages."""
    path = project.source / "_data" / "redirects.yml"
    if not path.is_file():
        return 0
    redirect_config, problems = load_redirects(path)
    for problem in problems:
        print(f"WARNING: {problem}")
    root_doc = str(project.settings().get("root_doc", "index"))
    urls, notes = old_urls(site_docnames(project), redirect_config, languages, root_doc)
    for note in notes:
        print(f"redirects: {note}")
    template = Template(REDIRECT_FILE_DEFAULT_TEMPLATE)
    written = 0
    for url in urls:
        location = stub_location(url)
        if location.split("/", 1)[0] in languages or location == url.target:
            continue  # written by that language's own build
        target = outdir / location
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.substitute(to_uri=relative_target(url)), encoding="utf-8")
        written += 1
    (outdir / "_redirects").write_text(redirects_file(urls), encoding="utf-8")
    return written


def setup_redirects(app: Sphinx) -> None:
    """Write each language's redirect pages as the HTML builder finishes."""
    # sphinx-reredirects' writer reads its own configuration values: register them. Its
    # `redirects` stays empty unless a project sets it, so it writes nothing of its own.
    app.setup_extension("sphinx_reredirects")
    app.connect("html-collect-pages", write_language_redirects)
