"""Country and language branches: every branch in the source, the reader's on the page.

Pegasus pages branched with ``<% if @country == 'us' %>``; the ERB rewriter keeps every
branch with its condition, as directives (``{hoc-if}``, ``{hoc-elsif}``, ``{hoc-else}``)
around whole blocks and as spans (``[text]{.hoc-if class="@country == 'us'"}``) inside a
paragraph. :class:`SelectBranches` evaluates them (:mod:`hoc.core.conditions`):

- a chain that reads only the language keeps the first branch that holds for the
  build's language, as Pegasus would have shown it;
- a chain that reads the country keeps every branch, each labelled with the countries
  it is for (:mod:`hoc.core.countries`; ``data-hoc-countries``, ``*`` for every country
  the chain does not name). The branch for the build's ``hoc_country`` shows; the others
  are ``hidden`` until ``hoc-country.js`` shows the reader's (from the old country URL,
  the country picker the page then carries, or a host's ``hoc_country`` cookie). Without
  JavaScript, and to search engines, the page reads as the build's country sees it.

The ``gettext`` builder keeps every branch, so translators get all texts. A condition
that cannot be read is a located ``hoc.erb`` warning and every branch is shown.
"""

from __future__ import annotations

import html
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from hoc.core.conditions import Condition, ConditionError, chosen_branch, parse_condition
from hoc.core.countries import ANY_OTHER, OTHER_COUNTRY, country_chain, country_names
from hoc.locale_transform import UNCHANGING_TRANSFORMS, forget_messages
from hoc.visitors import add_node
from hoc.warnings_ import HocWarning, warn

KINDS = ("if", "elsif", "else")
_SPAN_KINDS = {f"hoc-{kind}": kind for kind in KINDS}


class hoc_branch(nodes.General, nodes.Element):
    """One branch of a block condition: ``kind`` (if/elsif/else) and ``condition``."""


class hoc_country_branch(nodes.General, nodes.Element):
    """A branch kept for the countries it is for: ``chain`` (its chain's number in the
    page), ``countries`` (space-separated, ``*`` for any other), ``named`` (every country
    its chain names, so that a named country no branch is for sees none), ``shown`` (the
    build's country's branch), ``inline`` (inside a paragraph)."""


class hoc_country_span(nodes.Inline, nodes.TextElement):
    """:class:`hoc_country_branch` inside a paragraph (a text element, as the span it
    replaces was: the links in it stay inline)."""


def _visit_country_branch(self: Any, node: hoc_country_branch | hoc_country_span) -> None:
    attributes: dict[str, Any] = {"data-hoc-chain": node["chain"],
                                  "data-hoc-countries": node["countries"],
                                  "data-hoc-named": node["named"]}
    if not node["shown"]:
        attributes["hidden"] = "hidden"
    tag = "span" if node["inline"] else "div"
    self.body.append(self.starttag(node, tag, "", CLASS="hoc-country-branch", **attributes))


def _depart_country_branch(self: Any, node: hoc_country_branch | hoc_country_span) -> None:
    self.body.append("</span>" if node["inline"] else "</div>\n")


class hoc_country_picker(nodes.General, nodes.Element):
    """The page's country picker: ``label``, ``options`` (code, name) pairs and the
    ``selected`` one (the build's own country, whose branches show without a choice)."""


def _visit_country_picker(self: Any, node: hoc_country_picker) -> None:
    options = "".join(
        f'<option value="{html.escape(code)}"'
        + (' selected="selected"' if code == node["selected"] else "")
        + f">{html.escape(name)}</option>" for code, name in node["options"])
    self.body.append(
        '<form class="hoc-country-picker" hidden="hidden"><label>'
        f'<span class="hoc-country-label">{html.escape(node["label"])}</span> '
        f'<select class="hoc-country-select">{options}</select></label></form>\n')
    raise nodes.SkipNode


def _depart_country_picker(self: Any, node: hoc_country_picker) -> None:
    """Never called: the visitor writes the whole picker and skips the node."""


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


def _select(chain: list[nodes.Element], values: dict[str, str],
            number: int) -> tuple[str, ...]:
    """Keep the branch of ``chain`` the build shows, or, for a chain that reads the
    country, every branch labelled with its countries; the countries it names."""
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
    countries = country_chain(conditions, values["language"], values["country"]) \
        if readable else None
    if countries is not None:
        named = sorted({country for branch in countries.countries for country in branch
                        if country != ANY_OTHER})
        for index, node in enumerate(chain):
            parent = node.parent
            position = parent.index(node)
            inline = not isinstance(node, hoc_branch)
            kept: nodes.Element = hoc_country_span("", "") if inline else hoc_country_branch()
            kept.extend(node.children)
            kept.attributes.update(chain=str(number), named=" ".join(named),
                                   countries=" ".join(countries.countries[index]),
                                   shown=index == countries.default, inline=inline)
            kept.source, kept.line = node.source, node.line
            parent[position:position + 1] = [kept] if countries.countries[index] else []
        return tuple(named)
    chosen = chosen_branch(conditions, values) if readable else None
    for index, node in enumerate(chain):
        parent = node.parent
        position = parent.index(node)
        # The branch goes; its children take its place when it is the one shown.
        parent[position:position + 1] = (list(node.children)
                                         if not readable or index == chosen else [])
    return ()


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
        named: set[str] = set()
        number = 0
        # One chain at a time, from the top: choosing a branch moves the chains inside it.
        while True:
            first = next(self.document.findall(_is_branch), None)
            if not isinstance(first, nodes.Element):
                break
            forget_messages(self.document)  # nodes are removed and moved
            number += 1
            named.update(_select(_chain_at(first), values, number))
        if named:
            self.add_picker(named | {values["country"]}, values["language"])

    def add_picker(self, countries: set[str], language: str) -> None:
        """The country picker, first in the page's first section: the countries its
        branches name, by their names in the page's language, and every other one."""
        from hoc.state import build_state

        names = country_names(sorted(countries), language)
        state = build_state(self.env)
        label = state.text("ui_country") or "Country"
        others = state.text("ui_country_other") or "Another country"
        options = [*sorted(names.items(), key=lambda item: item[1]), (OTHER_COUNTRY, others)]
        picker = hoc_country_picker(label=label, options=options,
                                    selected=str(self.config.hoc_country))
        section = next(self.document.findall(nodes.section), None)
        if section is not None and section.children and isinstance(section[0], nodes.title):
            section.insert(1, picker)
            return
        # After the front matter's fields (a field list, docinfo once docutils reads it),
        # which are read only where they stand first.
        index = self.document.first_child_not_matching_class(
            nodes.PreBibliographic)  # type: ignore[arg-type]
        if index is None:
            index = len(self.document)
        elif isinstance(self.document[index], nodes.docinfo | nodes.field_list):
            index += 1
        self.document.insert(index, picker)


def setup_conditions(app: Sphinx) -> None:
    """Register the condition directives, their node and the transform choosing branches."""
    add_node(app, hoc_branch, html=(_visit_branch, _depart_branch), like="container")
    add_node(app, hoc_country_branch, html=(_visit_country_branch, _depart_country_branch),
             like="container")
    add_node(app, hoc_country_span, html=(_visit_country_branch, _depart_country_branch),
             like="inline")
    add_node(app, hoc_country_picker, html=(_visit_country_picker, _depart_country_picker),
             like="container")
    app.add_js_file("hoc-country.js", loading_method="defer")
    app.add_directive("hoc-if", IfDirective)
    app.add_directive("hoc-elsif", ElsifDirective)
    app.add_directive("hoc-else", ElseDirective)
    app.add_transform(SelectBranches)
    # It says when it changes the page's messages (forget_messages).
    UNCHANGING_TRANSFORMS.add(SelectBranches)
