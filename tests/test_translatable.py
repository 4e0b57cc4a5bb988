"""The faster walk for a page's messages finds what Sphinx's ``extract_messages`` finds,
in the same order, on pages as built and on pages changed while they are walked."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path

from docutils import nodes
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx import addnodes
from sphinx.util import nodes as sphinx_nodes

from conftest import LANGUAGES
from hoc.translatable import extract_messages

ELEMENTS: list[Callable[[], nodes.Element]] = [
    nodes.section, nodes.title, nodes.paragraph, nodes.inline, nodes.emphasis,
    nodes.literal_block, nodes.bullet_list, nodes.list_item, nodes.term, nodes.raw,
    nodes.comment, lambda: nodes.field_name("", "orphan"), lambda: nodes.image(uri="a.png"),
    lambda: nodes.image(uri="b.png", alt="a picture"), addnodes.versionmodified,
    nodes.container, nodes.rubric,
]
"""Node kinds the walk treats differently (a field name always has its text: Sphinx reads
its first child)."""


@st.composite
def trees(draw, depth: int = 3) -> nodes.Element:
    """A node of any kind, with or without a source, a ``translatable`` mark, text and
    children."""
    node = draw(st.sampled_from(ELEMENTS))()
    if draw(st.booleans()):
        node.source = "page.md"
        node.line = draw(st.integers(1, 9))
    mark = draw(st.sampled_from([None, True, False]))
    if mark is not None:
        node["translatable"] = mark
    node.rawsource = draw(st.sampled_from(["", "A message", "Two\\\nlines", "orphan"]))
    for _ in range(draw(st.integers(0, 3 if depth else 0))):
        if draw(st.booleans()):
            node += nodes.Text(draw(st.sampled_from(["orphan", "words"])))
        else:
            node += draw(trees(depth - 1))
    return node


def walked(messages: Iterable[tuple[nodes.Element, str]], root: nodes.Element,
           renew: Callable[[int], nodes.Element | None]) -> list[tuple[str, str, str]]:
    """The messages a walk finds, giving the ``n``-th node it hands out the children of
    ``renew(n)`` (when not ``None``), as the Locale does to a translated title."""
    found = []
    for count, (node, msg) in enumerate(messages):
        found.append((node.tagname, msg, node.pformat()))
        patch = renew(count)
        if patch is not None:
            for child in patch.children:
                child.parent = node
            node.children = patch.children
    return found


@settings(max_examples=300, deadline=None)
@given(trees(), st.lists(st.one_of(st.none(), trees(1)), max_size=6))
def test_the_walk_finds_what_sphinxs_finds_as_the_page_changes(tree, patches):
    def renew(count: int) -> nodes.Element | None:
        return copy.deepcopy(patches[count]) if count < len(patches) and \
            patches[count] is not None else None

    theirs = copy.deepcopy(tree)
    ours = walked(extract_messages(tree), tree, renew)
    assert ours == walked(sphinx_nodes.extract_messages(theirs), theirs, renew)
    assert tree.pformat() == theirs.pformat()


def test_the_walk_finds_what_sphinxs_finds_on_every_built_page(site):
    folder = site.parent / "doctrees"
    doctrees = sorted(folder.glob("*/**/*.doctree"))
    assert {path.relative_to(folder).parts[0] for path in doctrees} == set(LANGUAGES)
    for path in doctrees:
        document = pickle.loads(Path(path).read_bytes())
        assert list(extract_messages(document)) == \
            list(sphinx_nodes.extract_messages(document)), path
