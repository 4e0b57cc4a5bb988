"""``localized_file`` and ``localized_image``: the reader's language variant of a file.

MyST turns ``[plan](/files/X.pdf)`` into a ``download_reference``, which Sphinx would
publish under a hashed ``_downloads/<hash>/`` folder. We take these links over at read
time: each one points at ``files/<variant>`` in this language's site, and the files
folder is published as is, so a file's URL is stable and can be shared. Images
(``/images/x.png``) and ``href``/``src`` values in raw HTML go through the same
:func:`localized_uri`; :mod:`hoc.images` turns image nodes over to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.fileutil import copy_asset
from sphinx.writers.html5 import HTML5Translator

from hoc.config import hoc_config, source_path
from hoc.core.files import (
    FILES,
    IMAGES,
    PUBLISHED_FOLDERS,
    PublishedFolder,
    made_from,
    pick_file,
    published_folder,
    safe_file_name,
)
from hoc.core.links import REMOVE, HtmlUrl, parse_site_link, relative_path, rewrite_html_urls
from hoc.docdata import DocDataCollector
from hoc.links import raw_location, unlink
from hoc.sized_images import publish_sized_images
from hoc.visitors import add_node
from hoc.warnings_ import HocWarning, warn


class hoc_download(nodes.reference):
    """A link to a published file; HTML gives it ``download="<file name>"``."""


def _visit_download_html(self: HTML5Translator, node: hoc_download) -> None:
    self.body.append(self.starttag(node, "a", "", href=node["refuri"],
                                   download=node["download"], CLASS="reference internal"))


def _depart_download_html(self: HTML5Translator, node: hoc_download) -> None:
    self.body.append("</a>")


def _file_target(node: nodes.Element) -> str | None:
    """The ``/files/...`` or ``/images/...`` target of a MyST link (a download if MyST
    found the file, a reference left for resolution if not), else ``None``."""
    if isinstance(node, addnodes.download_reference | addnodes.pending_xref):
        target = str(node.get("reftarget", ""))
        if published_folder(target) is not None and node.get("reftype") == "myst":
            return target
    return None


def folder_path(env: BuildEnvironment, folder: PublishedFolder) -> Path:
    """The source folder of a published folder, as configured (``hoc_images_dir``)."""
    return source_path(env, str(getattr(hoc_config(env), folder.config)))


_CHOICES = "_hoc_file_choices"


def chosen_file(env: BuildEnvironment, files_dir: Path, name: str, language: str) -> str | None:
    """:func:`pick_file`, looked up once per build for each file linked to (the choices
    are forgotten when a build starts, in :meth:`FileLinkCollector.get_outdated_docs`)."""
    choices: dict[tuple[Path, str, str], str | None] = env.__dict__.setdefault(_CHOICES, {})
    key = (files_dir, name, language)
    if key not in choices:
        choices[key] = pick_file(files_dir, name, language)
    return choices[key]


def localized_uri(env: BuildEnvironment, target: str, location: Any) -> str | None:
    """The URL, relative to the page being read, of the language variant of a
    ``/files/`` or ``/images/`` target; ``None`` (with a located warning) if missing."""
    link = parse_site_link(target)
    folder = published_folder(link.path) or FILES
    directory = folder_path(env, folder)
    name = safe_file_name(link.path, folder.prefix)
    language = env.config.language or hoc_config(env).source_language
    chosen = chosen_file(env, directory, name, language) if name else None
    if name is None or chosen is None:
        what = "link to missing file" if folder is FILES else "missing image"
        warn(f"{what} {target!r} (looked in {directory})", HocWarning.FILE,
             location=location)
        return None
    # Editing the file rebuilds the page; adding or removing a language variant
    # later does too (FileLinkCollector.get_outdated_docs).
    made = made_from(directory, chosen)
    env.note_dependency(str(directory / (made[1] if made else chosen)))
    file_links(env).setdefault(env.docname, {})[folder.prefix + name] = chosen
    return relative_path(env.docname, f"{folder.published}/{chosen}")


def _raw_html_url(env: BuildEnvironment, node: nodes.raw, url: HtmlUrl) -> str | None:
    if published_folder(parse_site_link(url.value).path) is None:
        return url.value
    uri = localized_uri(env, url.value, raw_location(node, url))
    return REMOVE if uri is None else uri


class LocalizeFileLinks(SphinxTransform):
    """Point every ``/files/...`` and ``/images/...`` link (Markdown or raw HTML) at
    the variant for the build language."""

    # 30: after Sphinx's Locale transform (20), so translated links are handled too;
    # read-time, so Sphinx's download collector (doctree-read) never sees them.
    default_priority = 30

    def apply(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.Element)):
            target = _file_target(node)
            if target is not None:
                self.localize(node, target)
            elif isinstance(node, nodes.raw) and "html" in node.get("format", "").split():
                self.localize_raw(node)

    def localize(self, node: nodes.Element, target: str) -> None:
        uri = localized_uri(self.env, target, node)
        if uri is None:
            unlink(node)
            return
        chosen = Path(uri).name
        reference: nodes.reference
        if published_folder(target) is FILES:
            reference = hoc_download("", "", internal=True, refuri=uri, download=chosen,
                                     classes=["hoc-download"])
        else:
            reference = nodes.reference("", "", internal=True, refuri=uri,
                                        classes=["hoc-image-link"])
        reference["classes"] += [name for name in node["classes"]
                                 if name not in ("xref", "download", "myst")]
        reference += node.children or [nodes.Text(chosen)]
        node.replace_self(reference)

    def localize_raw(self, node: nodes.raw) -> None:
        text = node.astext()
        if "/files/" not in text and "/images/" not in text:
            return
        rewritten = rewrite_html_urls(
            text, lambda url: _raw_html_url(self.env, node, url))
        if rewritten != text:
            node.children = []
            node += nodes.Text(rewritten)


class FileLinkCollector(DocDataCollector):
    """``env.hoc_file_links``: docname → {file linked: the variant chosen}; rebuilds
    the pages whose file would now be another variant."""

    attribute = "hoc_file_links"

    def get_outdated_docs(self, app: Sphinx, env: BuildEnvironment, added: set[str],
                          changed: set[str], removed: set[str]) -> list[str]:
        language = env.config.language or hoc_config(env).source_language
        # A build starts here: files may have come or gone since the last one.
        setattr(env, _CHOICES, {})
        return [docname for docname, links in file_links(env).items()
                if docname not in changed and any(
                    _current_choice(env, path, language) != chosen
                    for path, chosen in links.items())]


def _current_choice(env: BuildEnvironment, path: str, language: str) -> str | None:
    folder = published_folder(path) or FILES
    return chosen_file(env, folder_path(env, folder), path[len(folder.prefix):], language)


def file_links(env: BuildEnvironment) -> dict[str, dict[str, str]]:
    """The files every page read so far links to (``/files/plan.pdf``), and the
    variants chosen (``plan.fr.pdf``)."""
    return FileLinkCollector.data(env)


def publish_files(app: Sphinx, exception: Exception | None) -> None:
    """Copy the files and images folders into ``<outdir>/files`` and
    ``<outdir>/images`` at the end of an HTML build."""
    if exception is not None or app.builder.format != "html":
        return
    for folder in PUBLISHED_FOLDERS:
        directory = folder_path(app.env, folder)
        if directory.is_dir():
            copy_asset(directory, Path(app.outdir) / folder.published)
    images = folder_path(app.env, IMAGES)
    sized = {chosen for links in file_links(app.env).values()
             for path, chosen in links.items() if path.startswith(IMAGES.prefix)}
    if images.is_dir() and sized:
        publish_sized_images(app, images, sized)


def setup_files(app: Sphinx) -> None:
    """Register the file-link transform and the publishing step."""
    add_node(app, hoc_download, html=(_visit_download_html, _depart_download_html),
             like="reference")
    app.add_transform(LocalizeFileLinks)
    app.add_env_collector(FileLinkCollector)
    app.connect("build-finished", publish_files)
