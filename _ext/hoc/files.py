"""``localized_file``: ``/files/X.pdf`` → the reader's language variant of the file.

MyST turns ``[plan](/files/X.pdf)`` into a ``download_reference``, which Sphinx would
publish under a hashed ``_downloads/<hash>/`` folder. We take these links over at read
time: each one points at ``files/<variant>`` in this language's site, and the files
folder is published as is, so a file's URL is stable and can be shared.
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
from hoc.core.files import FILES_PREFIX, pick_file, safe_file_name
from hoc.core.links import parse_site_link, relative_path
from hoc.docdata import DocDataCollector
from hoc.links import unlink
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
    """The ``/files/...`` target of a MyST link (a download if MyST found the file, a
    reference left for resolution if not), else ``None``."""
    if isinstance(node, addnodes.download_reference | addnodes.pending_xref):
        target = str(node.get("reftarget", ""))
        if target.startswith(FILES_PREFIX) and node.get("reftype") == "myst":
            return target
    return None


_CHOICES = "_hoc_file_choices"


def chosen_file(env: BuildEnvironment, files_dir: Path, name: str, language: str) -> str | None:
    """:func:`pick_file`, looked up once per build for each file linked to (the choices
    are forgotten when a build starts, in :meth:`FileLinkCollector.get_outdated_docs`)."""
    choices: dict[tuple[Path, str, str], str | None] = env.__dict__.setdefault(_CHOICES, {})
    key = (files_dir, name, language)
    if key not in choices:
        choices[key] = pick_file(files_dir, name, language)
    return choices[key]


class LocalizeFileLinks(SphinxTransform):
    """Point every ``/files/...`` link at the variant for the build language."""

    # 30: after Sphinx's Locale transform (20), so translated links are handled too;
    # read-time, so Sphinx's download collector (doctree-read) never sees them.
    default_priority = 30

    def apply(self, **kwargs: Any) -> None:
        config = hoc_config(self.env)
        files_dir = source_path(self.env, config.files_dir)
        language = self.config.language or config.source_language
        for node in list(self.document.findall(nodes.Element)):
            target = _file_target(node)
            if target is not None:
                self.localize(node, target, files_dir, language)

    def localize(self, node: nodes.Element, target: str, files_dir: Path,
                 language: str) -> None:
        link = parse_site_link(target)
        name = safe_file_name(link.path)
        chosen = chosen_file(self.env, files_dir, name, language) if name else None
        if name is None or chosen is None:
            warn(f"link to missing file {target!r} (looked in {files_dir})",
                 HocWarning.FILE, location=node)
            unlink(node)
            return
        # Editing the file rebuilds the page; adding or removing a language variant
        # later does too (pages_with_other_variants).
        self.env.note_dependency(str(files_dir / chosen))
        file_links(self.env).setdefault(self.env.docname, {})[name] = chosen
        uri = relative_path(self.env.docname, f"files/{chosen}")
        reference = hoc_download("", "", internal=True, refuri=uri,
                                 download=Path(chosen).name, classes=["hoc-download"])
        reference += node.children or [nodes.Text(Path(chosen).name)]
        node.replace_self(reference)


class FileLinkCollector(DocDataCollector):
    """``env.hoc_file_links``: docname → {file linked: the variant chosen}; rebuilds
    the pages whose file would now be another variant."""

    attribute = "hoc_file_links"

    def get_outdated_docs(self, app: Sphinx, env: BuildEnvironment, added: set[str],
                          changed: set[str], removed: set[str]) -> list[str]:
        config = hoc_config(env)
        files_dir = source_path(env, config.files_dir)
        language = env.config.language or config.source_language
        # A build starts here: files may have come or gone since the last one.
        setattr(env, _CHOICES, {})
        return [docname for docname, links in file_links(env).items()
                if docname not in changed and any(
                    chosen_file(env, files_dir, name, language) != chosen
                    for name, chosen in links.items())]


def file_links(env: BuildEnvironment) -> dict[str, dict[str, str]]:
    """The files every page read so far links to, and the variants chosen."""
    return FileLinkCollector.data(env)


def publish_files(app: Sphinx, exception: Exception | None) -> None:
    """Copy the files folder into ``<outdir>/files`` at the end of an HTML build."""
    if exception is not None or app.builder.format != "html":
        return
    files_dir = source_path(app, hoc_config(app).files_dir)
    if files_dir.is_dir():
        copy_asset(files_dir, Path(app.outdir) / "files")


def setup_files(app: Sphinx) -> None:
    """Register the file-link transform and the publishing step."""
    add_node(app, hoc_download, html=(_visit_download_html, _depart_download_html),
             like="reference")
    app.add_transform(LocalizeFileLinks)
    app.add_env_collector(FileLinkCollector)
    app.connect("build-finished", publish_files)
