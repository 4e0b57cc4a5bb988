"""Pegasus HAML partials → MyST partials.

Pegasus pages include views (``views/signup_button.haml``) written in HAML: static markup
with helper calls (``%a{href: resolve_url('/#join')}``, ``= hoc_s(:key)``). A MyST
partial that says the same thing is translated and resolved like every page: links
become MyST links (``[{hoc_s}`key`](/path){.class}``) so they follow the reader's
language, images become MyST images (localized like ``localized_image``), ``div``-like
elements become ``:::{container}`` blocks, headings stay headings.

What HAML can say and MyST cannot is never dropped silently: inline ``style``, event
handlers and other attributes are *losses* (converted, reported); Ruby logic (``- if``,
``- each``), filters with code (``:javascript``), ``= view`` and unknown helpers are
*problems* (left out, reported with their line and construct); the rest of the partial is
still converted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from hoc.core.conditions import ConditionError
from hoc.core.erb import rewrite
from hoc.core.erb_blocks import MIN_FENCE, branch_condition

INLINE_TAGS = frozenset({"a", "span", "button", "strong", "b", "em", "i", "img", "br",
                         "code", "small", "label", "u", "sup", "sub"})
CONTAINER_TAGS = frozenset({"div", "section", "nav", "header", "footer", "article",
                            "aside", "main", "center", "figure", "blockquote"})
BLOCK_TAGS = CONTAINER_TAGS | {"p", "ul", "ol", "li", "hr",
                               "h1", "h2", "h3", "h4", "h5", "h6"}
SERVER_TAGS = {"form": "form", "canvas": "map or chart"}
"""Elements that only worked with Pegasus's server (a form that posts to it, a map or
counter drawn from its data): a static site shows a placeholder in their place."""
PLACEHOLDER = ":::{container} hoc-placeholder\n{hoc_s}`ui_server_placeholder`\n:::"
"""What stands where such an element was: a translated note that it is not here."""
TEXT_FILTERS = frozenset({"markdown", "plain"})
"""Filters whose content is text we can keep; every other filter holds code."""
_PATH_HELPERS = frozenset({"localized_image", "hoc_uri"})
"""Helpers whose one argument is the site path they stand for."""

_NAME = re.compile(r"[\w:-]+")
_CLASS_OR_ID = re.compile(r"([.#])([\w-]+)")
_HTML_ATTRIBUTE = re.compile(
    r"""\s*([\w:.-]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s)]+))?""")
_HASH_KEY = re.compile(
    r"""\s*(?::([\w-]+)\s*=>|(["'])(.*?)\2\s*(?:=>|:)|([\w-]+):)\s*(.*)\Z""", re.DOTALL)
_STRING = re.compile(r"""\A(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\Z""", re.DOTALL)
_CALL_NAME = re.compile(r"\A\s*(\w+)")
_INTERPOLATION = re.compile(r"#\{.*?\}")
_BRANCH = re.compile(r"\A(?:(?P<kind>if|elsif|unless)\s+(?P<condition>.+?)|(?P<else>else))\s*\Z",
                     re.DOTALL)
_VIEW_CALL = re.compile(r"""\Aview(?P<open>\s*\(|\s+)\s*:(?:"([^"]+)"|'([^']+)'|([\w/-]+))"""
                        r"""\s*(?P<rest>.*?)\s*\Z""", re.DOTALL)

ViewRenderer = Callable[[str, dict[str, str], int], "str | None"]
"""Renders ``= view :name, key: value`` in a page: the view's name, its locals as MyST
text, the line; the view's MyST blocks, or ``None`` when there is no such view."""


@dataclass(frozen=True)
class Note:
    """A construct at ``line`` (1-based) that was left out or converted with a loss."""

    line: int
    construct: str
    message: str


@dataclass
class HamlResult:
    """The MyST partial and a report of what went into it."""

    text: str
    problems: list[Note] = field(default_factory=list)
    """Constructs left out (Ruby logic, code filters, ``= view``, unknown helpers)."""
    losses: list[Note] = field(default_factory=list)
    """Constructs converted without all they said (``style``, ``onclick``...)."""
    converted: Counter[str] = field(default_factory=Counter)
    """Construct → how many were converted."""


@dataclass
class _Node:
    line: int
    kind: str
    """``element``, ``text``, ``script`` (``= code``), ``markdown`` (filter text) or
    ``condition`` (a ``- if``/``- elsif``/``- else`` branch: its kind in ``content``,
    its condition in ``attributes``)."""
    tag: str = ""
    classes: list[str] = field(default_factory=list)
    ident: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    content: str = ""
    """Inline text or code after the tag, or the text/code of a text/script line."""
    children: list[_Node] = field(default_factory=list)


@dataclass
class _Line:
    number: int
    indent: int
    text: str


def _lines(text: str) -> list[_Line]:
    """Non-blank lines, with an attribute hash spread over lines joined into one."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    result: list[_Line] = []
    index = 0
    while index < len(raw):
        line = raw[index]
        number = index + 1
        index += 1
        if not line.strip():
            continue
        stripped = line.lstrip(" \t")
        if stripped[:1] in "%.#" and "{" in stripped:
            while _unbalanced(stripped) and index < len(raw):
                stripped += " " + raw[index].strip()
                index += 1
        result.append(_Line(number, len(line) - len(line.lstrip(" \t")), stripped.rstrip()))
    return result


def _unbalanced(text: str) -> bool:
    depth = 0
    quote = ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
    return depth > 0


def _matching(text: str, start: int, opening: str, closing: str) -> int:
    """The index just after the bracket closing the one at ``start`` (quotes skipped)."""
    depth = 0
    quote = ""
    for index in range(start, len(text)):
        char = text[index]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


def _split_top_level(text: str) -> list[str]:
    """Split a Ruby hash body at its top-level commas."""
    parts: list[str] = []
    depth = 0
    quote = ""
    current = ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += char
    if current.strip():
        parts.append(current)
    return parts


class _Converter:
    def __init__(self, name: str, view: ViewRenderer | None = None,
                 bound: Mapping[str, str] | None = None) -> None:
        self.name = name
        self.result = HamlResult("")
        self.view = view
        """Renders ``= view`` lines (pages and the views they include); none in a
        partial converted on its own, where ``= view`` is a problem."""
        self.page = False
        """A page, not a partial: a heading that opens a styled block stays a heading."""
        self.in_link = 0
        """How many links the element being rendered is inside."""
        self.bound = dict(bound or {})
        """The locals a page passed to this view (``intro_header: hoc_s(:x)``), as MyST."""

    # -- reporting -----------------------------------------------------------------

    def problem(self, line: int, construct: str, message: str) -> None:
        self.result.problems.append(Note(line, construct, message))

    def loss(self, line: int, construct: str, message: str) -> None:
        self.result.losses.append(Note(line, construct, message))

    def count(self, construct: str) -> None:
        self.result.converted[construct] += 1

    # -- values --------------------------------------------------------------------

    def value(self, expression: str, line: int) -> str | None:
        """A Ruby attribute value as text: literals, symbols and helper calls."""
        expression = expression.strip()
        literal = _STRING.match(expression)
        if literal:
            single, double = literal.groups()
            text = single if single is not None else double or ""
            if double is not None and _INTERPOLATION.search(text):
                self.problem(line, "interpolation",
                             f"Ruby interpolation in {expression} was left out")
                return None
            return re.sub(r"\\(.)", r"\1", text)
        if re.fullmatch(r":[\w-]+|-?\d+(?:\.\d+)?|true|false", expression):
            return expression.lstrip(":")
        return self.helper(expression, line)

    def helper(self, expression: str, line: int) -> str | None:
        """A helper call as MyST text (``{hoc_s}`key```, ``/path``), via the ERB rewriter
        every Pegasus page goes through; ``None`` with a problem if it has none."""
        name_match = _CALL_NAME.match(expression)
        name = name_match.group(1) if name_match else expression
        if expression.strip() in self.bound:
            self.count("view local")
            return self.bound[expression.strip()]
        if name == "view":
            self.problem(line, "view", f"'= {expression}' includes another view; "
                         "include its converted partial by hand")
            return None
        found = rewrite(f"<%= {expression} %>")
        if not found.problems:
            self.count(name)
            return found.text
        if name in _PATH_HELPERS:
            argument = re.fullmatch(r"\s*\w+\s*\(\s*(['\"])([^'\"]*)\1\s*\)\s*", expression)
            if argument:
                self.count(name)
                return argument.group(2)
        self.problem(line, name if name_match else "ruby code",
                     f"'{expression}' was left out: "
                     + "; ".join(problem.message for problem in found.problems))
        return None

    def text(self, text: str, line: int) -> str:
        """Plain text; Ruby interpolation in it is left out, with a problem."""
        if _INTERPOLATION.search(text):
            self.problem(line, "interpolation", f"Ruby interpolation in {text.strip()!r} "
                         "was left out")
            text = _INTERPOLATION.sub("", text)
        return text.strip()

    # -- parsing -------------------------------------------------------------------

    def parse(self, text: str) -> list[_Node]:
        roots: list[_Node] = []
        stack: list[tuple[int, list[_Node]]] = [(-1, roots)]
        skip_below: int | None = None
        lines = _lines(text)
        position = 0
        while position < len(lines):
            line = lines[position]
            position += 1
            if skip_below is not None and line.indent > skip_below:
                continue
            skip_below = None
            while stack[-1][0] >= line.indent:
                stack.pop()
            node, consumes = self.parse_line(line)
            if consumes == "filter":
                body: list[str] = []
                base = lines[position].indent if position < len(lines) else 0
                while position < len(lines) and lines[position].indent > line.indent:
                    body.append(" " * max(0, lines[position].indent - base)
                                + lines[position].text)
                    position += 1
                if node is not None:
                    node.content = "\n".join(body)
            elif consumes == "skip":
                skip_below = line.indent
            if node is not None:
                stack[-1][1].append(node)
                if node.kind in ("element", "condition"):
                    stack.append((line.indent, node.children))
        return roots

    def parse_line(self, line: _Line) -> tuple[_Node | None, str]:
        """One line as a node; the second value says whether it swallows its nested
        lines (``skip``: left out; ``filter``: its text)."""
        text, number = line.text, line.number
        if text.startswith("-#"):
            self.count("comment")
            return None, "skip"
        if text.startswith("/"):
            self.count("html comment")
            return None, "skip"
        if text.startswith("-") and (branch := _BRANCH.match(text[1:].strip())):
            kind = branch.group("kind") or "else"
            return _Node(number, "condition", content=kind,
                         attributes={"condition": branch.group("condition") or ""}), ""
        if text.startswith("-"):
            code = text[1:].strip()
            keyword = code.split(None, 1)[0] if code else "ruby code"
            construct = ("each" if re.search(r"\.(each|times|map)\b", code)
                         else "assignment" if re.match(r"[\w@]+\s*=[^=]", code)
                         else keyword.rstrip(":"))
            self.problem(number, construct, f"Ruby code '- {code}' and the lines it "
                         "governs were left out")
            return None, "skip"
        if text.startswith(":"):
            name = text[1:].strip()
            if name in TEXT_FILTERS:
                self.count(f"{name} filter")
                return _Node(number, "markdown"), "filter"
            self.problem(number, f":{name}", f"the :{name} filter was left out")
            return None, "skip"
        if text.startswith("!!!"):
            self.problem(number, "doctype", "a doctype has no place in a partial")
            return None, ""
        if text.startswith(("=", "!=", "&=", "~")):
            code = text.lstrip("!&~=").strip()
            return _Node(number, "script", content=code), ""
        if text.startswith("\\"):
            return _Node(number, "text", content=text[1:]), ""
        if text[0] in "%.#" and (text[0] == "%" or _CLASS_OR_ID.match(text)):
            return self.parse_element(text, number)
        return _Node(number, "text", content=text), ""

    def parse_element(self, text: str, number: int) -> tuple[_Node | None, str]:
        node = _Node(number, "element", tag="div")
        position = 0
        if text.startswith("%"):
            name = _NAME.match(text, 1)
            node.tag = name.group(0).lower() if name else "div"
            position = name.end() if name else 1
        while (match := _CLASS_OR_ID.match(text, position)) is not None:
            if match.group(1) == ".":
                node.classes.append(match.group(2))
            else:
                node.ident = match.group(2)
            position = match.end()
        while position < len(text) and text[position] in "{(":
            if text[position] == "{":
                end = _matching(text, position, "{", "}")
                self.hash_attributes(text[position + 1:end - 1], node, "")
            else:
                end = _matching(text, position, "(", ")")
                self.html_attributes(text[position + 1:end - 1], node)
            position = end
        rest = text[position:].lstrip("<>&!/")
        if rest.startswith("="):
            node.children.append(_Node(number, "script", content=rest[1:].strip()))
        elif rest.strip():
            node.children.append(_Node(number, "text", content=rest.strip()))
        if node.tag in SERVER_TAGS:
            self.problem(number, f"%{node.tag}", f"the {SERVER_TAGS[node.tag]} "
                         f"(%{node.tag}) needs the Pegasus server: a placeholder says so")
            return _Node(number, "placeholder", content=node.tag), "skip"
        if node.tag not in INLINE_TAGS | BLOCK_TAGS:
            self.problem(number, f"%{node.tag}", f"the element %{node.tag} and what it "
                         "holds were left out (no MyST form)")
            return None, "skip"
        return node, ""

    def hash_attributes(self, body: str, node: _Node, prefix: str) -> None:
        for item in _split_top_level(body):
            match = _HASH_KEY.match(item)
            if match is None:
                self.problem(node.line, "attribute", f"cannot read the attribute {item!r}")
                continue
            key = prefix + (match.group(1) or match.group(3) or match.group(4) or "")
            expression = match.group(5).strip()
            if expression.startswith("{"):
                self.hash_attributes(expression[1:-1], node, key + "-")
                continue
            self.set_attribute(node, key, expression)

    def html_attributes(self, body: str, node: _Node) -> None:
        for match in _HTML_ATTRIBUTE.finditer(body):
            if not match.group(0).strip():
                continue
            value = match.group(2)
            self.set_attribute(node, match.group(1), value if value is not None else "true")

    def set_attribute(self, node: _Node, key: str, expression: str) -> None:
        if key == "style":
            self.loss(node.line, "style", f"inline style {expression} was dropped")
            return
        value = self.value(expression, node.line)
        if value is None:
            return
        if key == "class":
            node.classes += value.split()
        elif key == "id":
            node.ident = value
        else:
            node.attributes[key] = value

    # -- rendering -----------------------------------------------------------------

    def blocks(self, nodes: list[_Node], nested: bool = False) -> list[str]:
        """Render nodes at block level: runs of inline nodes make paragraphs.

        ``nested``: inside a container, where MyST allows no section headings."""
        blocks: list[str] = []
        run: list[_Node] = []
        chain_dropped = False
        """The ``- if`` of the branches that follow was left out (unreadable)."""

        def flush() -> None:
            paragraph = self.inline_run(run)
            if paragraph:
                blocks.append(paragraph)
                self.count("paragraph")
            run.clear()

        for node in nodes:
            if node.kind == "element" and node.tag in BLOCK_TAGS:
                flush()
                rendered = self.block(node, nested)
                if rendered:
                    blocks.append(rendered)
            elif node.kind == "markdown":
                flush()
                if node.content.strip():
                    blocks.append(node.content.strip("\n"))
            elif node.kind == "placeholder":
                flush()
                self.count("placeholder")
                blocks.append(PLACEHOLDER)
            elif node.kind == "condition":
                flush()
                if node.content in ("elsif", "else") and chain_dropped:
                    self.problem(node.line, node.content, f"'- {node.content}' belongs to "
                                 "a condition left out: it and its lines were left out too")
                    continue
                branch = self.condition(node, nested)
                if node.content in ("if", "unless"):
                    chain_dropped = branch is None
                if branch:
                    blocks.append(branch)
            elif node.kind == "script" and self.view is not None and \
                    _VIEW_CALL.match(node.content):
                flush()
                rendered = self.view_block(node)
                if rendered:
                    blocks.append(rendered)
            else:
                run.append(node)
        flush()
        return blocks

    def block(self, node: _Node, nested: bool) -> str:
        self.other_attributes(node, ())
        tag = node.tag
        if tag in CONTAINER_TAGS:
            inner = nested or bool(node.classes or node.ident)
            first = node.children[0] if node.children else None
            if self.page and inner and not nested and first is not None and \
                    first.kind == "element" and first.tag in ("h1", "h2"):
                # A page's heading that opens a styled block (Pegasus's home page): a
                # heading of the page, just before the block, rather than a rubric.
                heading = self.heading(first, False)
                rest = _Node(node.line, "element", node.tag, node.classes, node.ident,
                             node.attributes, children=node.children[1:])
                body = self.container(rest, "\n\n".join(self.blocks(rest.children, True)))
                return "\n\n".join(part for part in (heading, body) if part)
            return self.container(node, "\n\n".join(self.blocks(node.children, inner)))
        if tag == "p":
            return self.container(node, self.inline_run(node.children), "paragraph")
        if tag == "hr":
            self.count("rule")
            return "***"
        if tag in ("ul", "ol"):
            return self.container(node, self.list_block(node))
        if tag == "li":
            return self.list_block(_Node(node.line, "element", tag="ul", children=[node]))
        return self.heading(node, nested)

    def condition(self, node: _Node, nested: bool) -> str | None:
        """A branch as a ``hoc-if`` block (:mod:`hoc.core.erb_blocks`): every branch
        stays in the page, each build shows the one for its country and language. A
        condition we cannot read (Ruby beyond country and language) is left out with
        the lines it governs, reported: shown to everyone, they could reach the wrong
        readers."""
        kind = node.content
        condition = None
        if kind != "else":
            try:
                condition = branch_condition(kind, node.attributes["condition"])
            except ConditionError as exc:
                self.problem(node.line, kind, f"Ruby code '- {kind} "
                             f"{node.attributes['condition']}' and the lines it governs "
                             f"were left out (cannot read the condition: {exc})")
                return None
        inner = "\n\n".join(self.blocks(node.children, nested))
        if not inner:
            return ""
        runs = [len(run) for run in re.findall(r"^(:{3,})", inner, re.MULTILINE)]
        fence = ":" * max([MIN_FENCE] + [run + 1 for run in runs])
        name = "hoc-if" if kind in ("if", "unless") else f"hoc-{kind}"
        self.count("if (block)")
        head = f"{fence}{{{name}}}" + (f" {condition}" if condition else "")
        return f"{head}\n{inner}\n{fence}"

    def view_block(self, node: _Node) -> str:
        """``= view :name, key: value``: the view's MyST, its locals filled in."""
        call = _VIEW_CALL.match(node.content)
        assert call is not None and self.view is not None
        name = call.group(2) or call.group(3) or call.group(4)
        rest = call.group("rest")
        if call.group("open").strip() == "(" and rest.endswith(")"):
            rest = rest[:-1].rstrip()
        bound: dict[str, str] = {}
        for item in _split_top_level(rest.lstrip(",").strip()) if rest.strip() else []:
            pair = _HASH_KEY.match(item)
            key = pair and (pair.group(1) or pair.group(3) or pair.group(4))
            value = self.value(pair.group(5), node.line) if pair and key else None
            if pair is None or not key:
                self.problem(node.line, "view", f"cannot read the local {item!r} of "
                             f"view {name!r}; the view shows without it")
            elif value is not None:
                bound[key] = value
        rendered = self.view(name, bound, node.line)
        if rendered is None:
            self.problem(node.line, "view", f"no view {name!r} to include; left out")
            return ""
        self.count("view")
        return rendered.strip("\n")

    def heading(self, node: _Node, nested: bool) -> str:
        """A heading; inside a container (no sections there) a rubric, which keeps
        the heading's classes too."""
        level = int(node.tag[1])
        content = self.inline_run(node.children).replace("\\\n", " ")
        if not content:
            return ""
        self.count("heading")
        if nested:
            options = f"\n:class: {' '.join(node.classes)}" if node.classes else ""
            options += f"\n:name: {node.ident}" if node.ident else ""
            return f":::{{rubric}} {content}{options}\n:::"
        if node.classes or node.ident:
            self.loss(node.line, "heading class", f"the classes and id of %{node.tag} "
                      "were dropped (MyST headings take none)")
        return "#" * level + " " + content

    def container(self, node: _Node, content: str, construct: str = "") -> str:
        if construct and content:
            self.count(construct)
        if not content or not (node.classes or node.ident):
            return content
        self.count("container")
        runs = [len(match) for match in re.findall(r"^(:{3,})", content, re.MULTILINE)]
        fence = ":" * max([3] + [run + 1 for run in runs])
        head = f"{fence}{{container}} {' '.join(node.classes)}".rstrip()
        name = f"\n:name: {node.ident}" if node.ident else ""
        return f"{head}{name}\n{content}\n{fence}"

    def list_block(self, node: _Node) -> str:
        marker = "1." if node.tag == "ol" else "-"
        items: list[str] = []
        for child in node.children:
            if child.kind == "element" and child.tag == "li":
                self.other_attributes(child, ())
                if child.classes or child.ident:
                    self.loss(child.line, "list item class", "the classes and id of "
                              "%li were dropped")
                body = "\n\n".join(self.blocks(child.children)) or "&nbsp;"
                pad = " " * (len(marker) + 1)
                items.append(marker + " " + body.replace("\n", "\n" + pad).replace(
                    "\n" + pad + "\n", "\n\n"))
            else:
                self.loss(child.line, "list content", "content of a list outside %li "
                          "became an item of its own")
                items.append(marker + " " + self.inline_run([child]))
        self.count("list")
        return "\n".join(items)

    def inline_run(self, nodes: list[_Node]) -> str:
        parts = [self.inline(node) for node in nodes]
        text = ""
        for part in parts:
            if not part:
                continue
            if text and not text.endswith("\\\n") and part != "\\\n":
                text += " "
            text += part
        while text.endswith("\\\n"):
            text = text[:-2]
        return text.strip()

    def inline(self, node: _Node) -> str:
        if node.kind == "placeholder":
            self.count("placeholder")
            return "{hoc_s}`ui_server_placeholder`"
        if node.kind == "condition":
            self.problem(node.line, node.content, f"'- {node.content}' inside a paragraph: "
                         "its branch is shown to every reader")
            return self.inline_run(node.children)
        if node.kind == "text":
            self.count("text")
            return self.text(node.content, node.line)
        if node.kind == "script":
            return self.helper(node.content, node.line) or ""
        if node.kind == "markdown":
            return node.content.strip()
        tag = node.tag
        if tag == "br":
            self.count("line break")
            return "\\\n"
        if tag == "img":
            return self.image(node)
        if tag in BLOCK_TAGS:
            self.loss(node.line, f"%{tag}", f"%{tag} inside an inline element was kept "
                      "as its text")
        if tag == "a":
            return self.link(node)
        content = self.inline_run(node.children)
        self.other_attributes(node, ())
        if tag in ("strong", "b"):
            self.count("strong")
            return f"**{content}**" if content else ""
        if tag in ("em", "i"):
            self.count("emphasis")
            return f"*{content}*" if content else ""
        if tag == "code":
            self.count("code")
            return f"`{content}`" if content else ""
        classes = node.classes + (["hoc-button"] if tag == "button" else [])
        if not content or not (classes or node.ident):
            return content
        if self.in_link:
            # MyST reads no span inside a link's text: the link keeps the words.
            self.loss(node.line, f"%{tag} class", f"the classes and id of %{tag} inside "
                      "a link were dropped")
            return content
        self.count("button" if tag == "button" else "span")
        return f"[{content}]{_attributes(classes, node.ident)}"

    def link(self, node: _Node) -> str:
        href = node.attributes.get("href")
        self.other_attributes(node, ("href", "title"))
        classes = node.classes
        only = node.children[0] if len(node.children) == 1 else None
        if href and only is not None and only.kind == "element" and only.tag == "button":
            # A button inside a link (Pegasus's call to action): one link styled as one.
            self.other_attributes(only, ())
            content = self.inline_run(only.children)
            classes = classes + only.classes + ["hoc-button"]
            self.count("button")
        else:
            self.in_link += 1 if href else 0
            try:
                content = self.inline_run(node.children)
            finally:
                self.in_link -= 1 if href else 0
        if not href:
            if node.attributes or node.classes:
                self.loss(node.line, "link", "a link without href kept as its text")
            return content
        self.count("link")
        title = node.attributes.get("title")
        title_part = ' "' + title.replace('"', "'") + '"' if title else ""
        return f"[{content}]({_destination(href)}{title_part})" + \
            _attributes(classes, node.ident)

    def image(self, node: _Node) -> str:
        src = node.attributes.get("src")
        self.other_attributes(node, ("src", "alt", "width", "height", "title"))
        if not src:
            self.problem(node.line, "%img", "an image without src was left out")
            return ""
        alt = node.attributes.get("alt", "")
        if alt.startswith("{hoc_s}"):
            self.loss(node.line, "alt", f"the translated alt text {alt} was dropped "
                      "(MyST image text cannot hold a role)")
            alt = ""
        extra = [f"{key}={_size(node.attributes[key])}" for key in ("width", "height")
                 if key in node.attributes]
        self.count("image")
        return f"![{alt}]({_destination(src)})" + \
            _attributes(node.classes, node.ident, extra)

    def other_attributes(self, node: _Node, used: tuple[str, ...]) -> None:
        """Attributes MyST cannot carry are losses, named one by one."""
        for key, value in node.attributes.items():
            if key not in used:
                self.loss(node.line, key, f"attribute {key}={value!r} of %{node.tag} "
                          "was dropped")


def _destination(url: str) -> str:
    """A link destination as Markdown reads it (``<...>`` when it has spaces)."""
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def _size(value: str) -> str:
    return f"{value}px" if value.isdigit() else value


def _attributes(classes: list[str], ident: str, extra: list[str] | None = None) -> str:
    parts = [f".{name}" for name in classes] + ([f"#{ident}"] if ident else []) + \
        (extra or [])
    return "{" + " ".join(parts) + "}" if parts else ""


def convert_haml(text: str, name: str, view: ViewRenderer | None = None,
                 bound: Mapping[str, str] | None = None, page: bool = False) -> HamlResult:
    """Convert the HAML view ``name`` into a MyST partial, with a report.

    Pure and total: whatever the input, a partial comes back (possibly empty) and
    everything left out or changed is in ``problems`` or ``losses``. ``view`` renders
    the views it includes (a page's, :func:`convert_haml_page`); ``bound`` are the
    locals its includer passed, as MyST text; ``page``: a page's body, whose heading
    opening a styled block stays a heading of the page.
    """
    converter = _Converter(name, view, bound)
    converter.page = page
    tree = converter.parse(text)
    body = "\n\n".join(block for block in converter.blocks(tree) if block)
    result = converter.result
    result.text = body + "\n" if body else ""
    result.problems.sort(key=lambda note: note.line)
    result.losses.sort(key=lambda note: note.line)
    return result


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


def convert_haml_page(text: str, name: str, view: ViewRenderer | None = None) -> HamlResult:
    """A Pegasus HAML page (front matter, then HAML) as a MyST page: the front matter
    as it is (its ERB is rewritten with the page's), the HAML converted, ``= view``
    lines rendered by ``view``. Lines keep their numbers in the report."""
    match = _FRONT_MATTER.match(text)
    front = match.group(0) if match else ""
    body = "\n" * front.count("\n") + text[len(front):]
    result = convert_haml(body, name, view, page=True)
    if front:
        result.text = front.rstrip("\n") + "\n\n" + result.text
    return result
