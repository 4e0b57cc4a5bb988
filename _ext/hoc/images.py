"""``localized_image``: ``![logo](/images/logo.png)`` shows the reader's language variant.

Pegasus served ``localized_image('/images/logo.png')`` as ``logo.fr.png`` to French
readers when that file existed. Images are published like downloadable files
(:mod:`hoc.files`): the images folder is copied as is to ``<lang>/images/``, and every
site-absolute image of a page points at the variant chosen for the build language.

Sphinx's own image collector would copy each image into ``_images/`` (a flat folder,
renamed on clashes) and warn about missing ones in its own words; so at read time our
images leave the ``image`` node class for :class:`hoc_image`, which Sphinx's collector
does not look at, and which HTML writes exactly as an image.
"""

from __future__ import annotations

from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.writers.html5 import HTML5Translator

from hoc.config import hoc_config
from hoc.core.files import IMAGES, IMAGES_PREFIX, safe_file_name
from hoc.core.links import parse_site_link
from hoc.files import chosen_file, folder_path, localized_uri
from hoc.sized_images import sized_size
from hoc.visitors import add_node


class hoc_image(nodes.General, nodes.Inline, nodes.Element):
    """An image published in the images folder, ``uri`` relative to its page."""


def _visit_image_html(self: HTML5Translator, node: hoc_image) -> None:
    # The translator reads only the attributes an image node has, which ours has too.
    self.visit_image(cast(nodes.image, node))


def _depart_image_html(self: HTML5Translator, node: hoc_image) -> None:
    self.depart_image(cast(nodes.image, node))


class LocalizeImages(SphinxTransform):
    """Point every ``/images/...`` image at the variant for the build language."""

    # 30: after Sphinx's Locale transform (20), so translated pages are handled too;
    # read-time, so Sphinx's image collector (doctree-read) never sees these images.
    default_priority = 30

    def apply(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.image)):
            uri = str(node.get("uri", ""))
            if uri.startswith(IMAGES_PREFIX):
                self.localize(node, uri)

    def localize(self, node: nodes.image, target: str) -> None:
        uri = localized_uri(self.env, target, node)
        if uri is None:
            # The reader still gets what the image said.
            alt = str(node.get("alt", ""))
            node.replace_self(nodes.inline("", alt, classes=["hoc-missing-image"]))
            return
        image = hoc_image("", **{**node.attributes, "uri": uri, "original_uri": target})
        size = self.sized_size(target, node)
        if size is not None and "width" not in node and "height" not in node:
            image["width"], image["height"] = str(size[0]), str(size[1])
        image.source, image.line = node.source, node.line
        node.replace_self(image)


    def sized_size(self, target: str, node: nodes.image) -> tuple[int, int] | None:
        """The width and height of a resized Pegasus image (``/images/fit-250/x.png``)
        as the build makes it (:mod:`hoc.sized_images`); ``None`` for any other."""
        name = safe_file_name(parse_site_link(target).path, IMAGES.prefix)
        if name is None:
            return None
        directory = folder_path(self.env, IMAGES)
        language = self.env.config.language or hoc_config(self.env).source_language
        chosen = chosen_file(self.env, directory, name, language)
        return sized_size(directory, chosen, node) if chosen else None


def setup_images(app: Sphinx) -> None:
    """Register the image node and the read-time transform."""
    add_node(app, hoc_image, html=(_visit_image_html, _depart_image_html), like="image")
    app.add_transform(LocalizeImages)
