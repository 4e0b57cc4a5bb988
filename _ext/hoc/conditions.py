"""Country and language branches: every branch in the source, one in each built page.

Pegasus pages branched with ``<% if @country == 'us' %>``; the ERB rewriter keeps every
branch with its condition, as directives (``{hoc-if}``, ``{hoc-elsif}``, ``{hoc-else}``)
around whole blocks and as spans (``[text]{.hoc-if class="@country == 'us'"}``) inside a
paragraph. :class:`SelectBranches` evaluates them (:mod:`hoc.core.conditions`) against
the build's ``hoc_country`` and language and keeps the first branch that holds. The
``gettext`` builder keeps every branch, so translators get all texts. A condition that
cannot be read is a located ``hoc.erb`` warning and every branch is shown.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from hoc.core.conditions import Condition, ConditionError, chosen_branch, parse_condition
from hoc.locale_transform import UNCHANGING_TRANSFORMS, forget_messages
from hoc.visitors import add_node
from hoc.warnings_ import HocWarning, warn

KINDS = ("if", "elsif", "else")
_SPAN_KINDS = {f"hoc-{kind}": kind for kind in KINDS}


class hoc_branch(nodes.General, nodes.Element):
    """One branch of a block condition: ``kind`` (if/elsif/else) and ``condition``."""


def _visit_branch(self: Any, node: hoc_branch) -> None:
    self.body.append(self.starttag(node, "div", CLASS=f"hoc-{node['kind']}"))


def _depart_branch(self: Any, node: hoc_branch) -> None:
    self.body.append("</div>\n")


class _BranchDirective(SphinxDirective):
    has_content = True
    final_argument_whitespace = True
    kind: ClassVar[str] = "if"

    def run(self) -> list[nodes.Node]:
        condition = " ".join(self.arguments).strip()
        node = hoc_branch(kind=self.kind, condition=condition)
        self.set_source_info(node)
        if condition:
            try:
                parse_condition(condition)
            except ConditionError as exc:
                warn(f"{{hoc-{self.kind}}}: cannot read the condition: {exc}; every branch is "
                     "shown", HocWarning.ERB, location=self.get_location())
                node["invalid"] = True
        node.extend(self.parse_content_to_nodes(allow_section_headings=True))
        return [node]


class IfDirective(_BranchDirective):
    required_arguments = 1
    kind = "if"


class ElsifDirective(_BranchDirective):
    required_arguments = 1
    kind = "elsif"


class ElseDirective(_BranchDirective):
    kind = "else"


def _kind(node: nodes.Node) -> str | None:
    if isinstance(node, hoc_branch):
        return str(node["kind"])
    if isinstance(node, nodes.inline) and node["classes"]:
        return _SPAN_KINDS.get(node["classes"][0])
    return None


def _is_branch(node: nodes.Node) -> bool:
    return _kind(node) is not None


def _condition(node: nodes.Element) -> str:
    if isinstance(node, hoc_branch):
        return str(node["condition"])
    return " ".join(node["classes"][1:])


def _chain_at(first: nodes.Element) -> list[nodes.Element]:
    """The chain starting at ``first``: it and the elsif/else branches right after it."""
    kind = _kind(first)
    if kind != "if":
        warn(f"hoc-{kind} without a hoc-if before it; it is read as one", HocWarning.ERB,
             location=first)
    chain = [first]
    sibling = first.next_node(descend=False, siblings=True)
    while isinstance(sibling, nodes.Element) and _kind(sibling) in ("elsif", "else"):
        chain.append(sibling)
        if _kind(sibling) == "else":
            break
        sibling = sibling.next_node(descend=False, siblings=True)
    return chain


def _select(chain: list[nodes.Element], values: dict[str, str]) -> None:
    conditions: list[Condition | None] = []
    readable = True
    for node in chain:
        text = _condition(node)
        if _kind(node) == "else" and node is not chain[0]:
            conditions.append(None)
            continue
        try:
            conditions.append(parse_condition(text) if text else None)
        except ConditionError as exc:
            if not node.get("invalid"):  # directives warned when they were read
                warn(f"cannot read the condition {text!r}: {exc}; every branch is shown",
                     HocWarning.ERB, location=node)
            readable = False
    chosen = chosen_branch(conditions, values) if readable else None
    for index, node in enumerate(chain):
        parent = node.parent
        position = parent.index(node)
        # The branch goes; its children take its place when it is the one shown.
        parent[position:position + 1] = (list(node.children)
                                         if not readable or index == chosen else [])


class SelectBranches(SphinxTransform):
    """Keep, in each condition chain, only the branch for this build's country/language."""

    # 22: after Sphinx's Locale transform (20) brought the translated paragraphs (and the
    # spans in them), before strings (30) are resolved for the branches that stay.
    default_priority = 22

    def apply(self, **kwargs: Any) -> None:
        from sphinx.builders.gettext import MessageCatalogBuilder

        # As Sphinx's own i18n transforms tell the gettext builder apart.
        if issubclass(self.env._builder_cls, MessageCatalogBuilder):
            return
        values = {"country": str(self.config.hoc_country),
                  "language": str(self.config.language or "en")}
        # One chain at a time, from the top: choosing a branch moves the chains inside it.
        while True:
            first = next(self.document.findall(_is_branch), None)
            if not isinstance(first, nodes.Element):
                return
            forget_messages(self.document)  # nodes are removed and moved
            _select(_chain_at(first), values)


def setup_conditions(app: Sphinx) -> None:
    """Register the condition directives, their node and the transform choosing branches."""
    add_node(app, hoc_branch, html=(_visit_branch, _depart_branch), like="container")
    app.add_directive("hoc-if", IfDirective)
    app.add_directive("hoc-elsif", ElsifDirective)
    app.add_directive("hoc-else", ElseDirective)
    app.add_transform(SelectBranches)
    # It says when it changes the page's messages (forget_messages).
    UNCHANGING_TRANSFORMS.add(SelectBranches)
