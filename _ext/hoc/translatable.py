"""A page's messages found as Sphinx finds them, without a generator per node.

Sphinx's ``extract_messages`` walks the page with ``doctree.findall(is_translatable)``.
With a condition that is a function, docutils walks by its general path: a new
``findall`` generator for every node of the page, each node's children read through
``Element.__getitem__``, and every message passed up through one generator per level
of the tree. A translated page is walked so by the Locale and by the fallback marking,
and most of that time is the walk, not the messages.

:func:`extract_messages` is Sphinx's own function over a walk that visits the same
nodes in the same order, and follows the page's changes the same way: a node's children
are read after the node is handed out (a translated title's new children are walked),
and each node's children are taken by position from the list the node holds at that
step. Text nodes are passed by: they have no children, and are never translatable.
tests/test_translatable.py compares both walks on every page of the site and on pages
changed as they are walked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import cast

from docutils import nodes
from sphinx.util import nodes as sphinx_nodes
from sphinx.util.nodes import is_translatable


def translatable_nodes(root: nodes.Element) -> Iterator[nodes.Element]:
    """``root.findall(is_translatable)``, node for node."""
    if is_translatable(root):
        yield root
    stack: list[tuple[nodes.Element, int]] = [(root, 0)]
    while stack:
        node, index = stack[-1]
        children = node.children  # read at each step, as Element.__getitem__ does
        if index >= len(children):
            stack.pop()
            continue
        stack[-1] = (node, index + 1)
        child = children[index]
        if not isinstance(child, nodes.Element):
            continue  # a Text node
        if is_translatable(child):
            yield child
        stack.append((child, 0))


class _Walked:
    """What ``extract_messages`` asks of the tree it is given: ``findall``."""

    def __init__(self, root: nodes.Element) -> None:
        self.root = root

    def findall(self, condition: Callable[[nodes.Node], bool]) -> Iterator[nodes.Node]:
        if condition is is_translatable:
            return translatable_nodes(self.root)
        return self.root.findall(condition)  # (a Sphinx that asks something else)


def extract_messages(doctree: nodes.Element) -> Iterable[tuple[nodes.Element, str]]:
    """Sphinx's ``extract_messages``: the same messages, from a faster walk."""
    return sphinx_nodes.extract_messages(cast(nodes.Element, _Walked(doctree)))
