"""Registering our nodes: HTML as we write it, other builders as the node they stand for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

Visitor = Callable[[Any, Any], None]


def add_node(app: Sphinx, node: type[nodes.Element], html: tuple[Visitor, Visitor],
             like: str) -> None:
    """Register ``node``: ``html`` visitors, and for LaTeX, text, man and Texinfo the
    visitors of the docutils node named ``like`` (``reference``, ``container``)."""

    def visit(self: Any, element: Any) -> None:
        getattr(self, f"visit_{like}")(element)

    def depart(self: Any, element: Any) -> None:
        getattr(self, f"depart_{like}")(element)

    other = (visit, depart)
    app.add_node(node, html=html, latex=other, text=other, man=other, texinfo=other)
