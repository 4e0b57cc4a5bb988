"""Pegasus ERB in Markdown pages → the MyST our extension reads.

Pegasus pages call Ruby helpers inside ``<%= ... %>`` and branch with ``<% if %>``.
Everything the Hour of Code site used has a MyST form; this module rewrites it,
line-located, so that a Pegasus page builds unchanged (at read time, ``hoc.erb``) and
``hoc migrate`` writes the same MyST to disk for good. Both paths call :func:`rewrite`.

- helper calls and page variables: :mod:`hoc.core.erb_calls` (``hoc_s``,
  ``resolve_url``, ``hoc_uri``, ``localized_file``, ``localized_image``, ``codeorg_url``,
  ``campaign_date``, ``view``, ``@country``, ``@language``, ``request.host``);
- conditions: :mod:`hoc.core.erb_blocks` (``{hoc-if}`` directives and ``.hoc-if`` spans);
- the share-link Ruby block and ``view :share_buttons``: one ``{hoc-share}`` directive
  (:mod:`hoc.core.share`);
- ``{{ name }}`` placeholders of ``.md.partial`` pages (``placeholders=True``):
  ``{{ urls/learn }}`` → ``/learn``, ``{{ campaign_date/short }}`` → ``{hoc_date}`short```,
  ``{{ key }}`` → ``{hoc_s}`key```;
- anchors and column markers: :mod:`hoc.core.pegasus_markup` (``<a id="x"></a>`` →
  ``(x)=``).

Anything else (unknown helpers, other Ruby, broken tags) is reported with its line and
removed: it never reaches a reader as text. :class:`Rewrite` also counts what was
converted, so an import can report per page what came over and what did not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from hoc.core.erb_blocks import Edit, Tag, condition_tag, plan_conditions
from hoc.core.erb_calls import (
    LITERAL,
    SHARE_VIEW,
    TEXT,
    ErbSettings,
    construct_of,
    parse_arguments,
    render_call,
    render_expression,
    render_placeholder,
    split_call,
)
from hoc.core.pegasus_markup import convert_markup, has_markup
from hoc.core.share import Share, looks_like_share_block, parse_share_block, share_directive

__all__ = ["ErbProblem", "ErbSettings", "Rewrite", "has_erb", "parse_arguments",
           "render_call", "rewrite"]

ERB_TAG = re.compile(r"<%(?P<kind>[=#-]?)(?P<code>.*?)-?%>", re.DOTALL)
BROKEN_TAG = re.compile(r"(?<![<\w])%=\s*(?P<code>\w+\s*\(.*?\))\s*%(?!>)")
PLACEHOLDER = re.compile(r"\{\{\s*(?P<name>[^{}\n]*?)\s*\}\}")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_LINE = re.compile(r"""^(?P<key>\s*(?:"[^"]*"|'[^']*'|[^:#'"\s][^:#]*?)):(?P<value>.*)$""")
_HTML_TAG_OPEN = re.compile(r"<[A-Za-z][^<>]*$")
_URL_BEFORE = re.compile(r"(?:\w+:)?//\S*$|\]\([^()\s]*$")


@dataclass(frozen=True)
class ErbProblem:
    """Something in the page that could not be rewritten; ``line`` is 1-based."""

    line: int
    message: str


@dataclass
class Rewrite:
    """The rewritten text, what could not be rewritten, and what was (by construct)."""

    text: str
    problems: list[ErbProblem] = field(default_factory=list)
    converted: Counter[str] = field(default_factory=Counter)


@dataclass
class _Context:
    settings: ErbSettings
    partial_exists: Callable[[str], bool] | None
    placeholders: bool
    views: Mapping[str, str] = field(default_factory=dict)
    problems: list[ErbProblem] = field(default_factory=list)
    converted: Counter[str] = field(default_factory=Counter)

    def problem(self, line: int, message: str) -> None:
        self.problems.append(ErbProblem(line, message))


def has_erb(text: str) -> bool:
    """Cheap test: only pages with ERB are rewritten."""
    return "<%" in text or "%=" in text


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _tags(text: str, start_line: int) -> list[Tag]:
    tags = []
    for match in ERB_TAG.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        standalone = not (text[line_start:match.start()].strip()
                          or text[match.end():line_end].strip())
        tags.append(Tag(match.start(), match.end(), start_line + _line_of(text, match.start())
                        - 1, match.group("kind"), match.group("code"), line_start, line_end,
                        standalone))
    return tags


def _context(text: str, tag: Tag) -> str:
    """Running text, or a place only a literal value can stand (URL, HTML attribute)."""
    before = ERB_TAG.sub("x", text[tag.line_start:tag.start])  # earlier tags are values
    if _HTML_TAG_OPEN.search(before) or _URL_BEFORE.search(before):
        return LITERAL
    return TEXT


def _removed(tag: Tag) -> Edit:
    return Edit(tag.start, tag.end, "\n" * tag.code.count("\n"))


def _ruby_code(tags: list[Tag], ctx: _Context) -> tuple[list[Edit], list[Tag],
                                                        list[tuple[Tag, Share]]]:
    """Comments go, share blocks are read, condition tags are set aside, the rest reported."""
    edits: list[Edit] = []
    conditions: list[Tag] = []
    shares: list[tuple[Tag, Share]] = []
    for tag in tags:
        if tag.kind == "=":
            continue
        if tag.kind == "#":
            edits.append(_removed(tag))
        elif condition_tag(tag.code):
            conditions.append(tag)
        elif looks_like_share_block(tag.code):
            edits.append(_removed(tag))
            try:
                shares.append((tag, parse_share_block(tag.code, ctx.settings.host)))
            except ValueError as exc:
                ctx.problem(tag.line, f"Ruby share block '<%{tag.code.strip()[:60]}...%>' "
                            f"cannot be read ({exc}) and was removed")
        else:
            ctx.problem(tag.line, f"Ruby code '<%{tag.code}%>' is not supported and was "
                        "removed")
            edits.append(_removed(tag))
    return edits, conditions, shares


def _share_for(tag: Tag, shares: list[tuple[Tag, Share]]) -> tuple[Tag, Share]:
    before = [pair for pair in shares if pair[0].start < tag.start]
    if before:
        return before[-1]
    if shares:
        return shares[0]
    raise ValueError("view :share_buttons needs the facebook = {...} / twitter = {...} "
                     "Ruby block, and the page has none")


def _expression(text: str, tag: Tag, ctx: _Context, shares: list[tuple[Tag, Share]],
                shown: set[int]) -> str:
    """The replacement of one ``<%= %>`` tag (``ValueError`` when there is none)."""
    code = tag.code
    name, args = split_call(code) if re.match(r"\s*view\b", code) else ("", "")
    if name == "view":
        positional, _ = parse_arguments(args)
        if not tag.standalone:
            raise ValueError("view must stand on a line of its own")
        if positional == [SHARE_VIEW]:
            share_tag, share = _share_for(tag, shares)
            shown.add(share_tag.start)
            ctx.converted["share_buttons"] += 1
            return share_directive(share)
        if (len(positional) == 1 and ctx.partial_exists is not None
                and not ctx.partial_exists(positional[0])):
            raise ValueError(f"partial {positional[0]!r} not found (no _partials/"
                             f"{positional[0]}.md); the line was removed")
    myst = render_expression(code, tag.standalone, _context(text, tag), ctx.settings)
    ctx.converted[construct_of(code)] += 1
    return myst


def _placeholders(text: str, start_line: int, tags: list[Tag], ctx: _Context) -> list[Edit]:
    edits = []
    for match in PLACEHOLDER.finditer(text):
        if any(tag.start <= match.start() < tag.end for tag in tags):
            continue
        line = start_line + _line_of(text, match.start()) - 1
        try:
            edits.append(Edit(match.start(), match.end(),
                              _placeholder_view(text, match, ctx)
                              or render_placeholder(match["name"])))
            ctx.converted["{{ placeholder }}"] += 1
        except ValueError as exc:
            ctx.problem(line, f"{exc}; it was removed")
            edits.append(Edit(match.start(), match.end(), ""))
    return edits


_ONE_EXPRESSION = re.compile(r"\A\s*<%=[^%]*%>\s*\Z")


def _placeholder_view(text: str, match: re.Match[str], ctx: _Context) -> str | None:
    """A ``{{ name }}`` naming a view: Pegasus rendered the view there. A view that is one
    helper call (``views/urls/how_to.erb``) becomes that call's MyST inline; any other
    view becomes an include of its partial, on a line of its own."""
    name = match["name"].strip()
    if name not in ctx.views:
        return None
    view = ctx.views[name]
    if _ONE_EXPRESSION.match(view):
        return rewrite(view, settings=ctx.settings).text.strip()
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if line.strip() != match.group(0):
        raise ValueError(f"the view {name!r} is a block; it must stand on a line of its own")
    return f"```{{include}} /_partials/{name}.md\n```"


def _apply(text: str, edits: list[Edit]) -> str:
    parts = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position:
            continue
        parts += [text[position:edit.start], edit.replacement]
        position = edit.end
    return "".join(parts) + text[position:]


def _rewrite_body(text: str, start_line: int, ctx: _Context) -> str:
    tags = _tags(text, start_line)
    edits, condition_tags, shares = _ruby_code(tags, ctx)
    condition_edits, problems = plan_conditions(text, condition_tags, ctx.converted)
    edits += condition_edits
    for line, message in problems:
        ctx.problem(line, message)
    shown: set[int] = set()
    for tag in tags:
        if tag.kind != "=":
            continue
        try:
            edits.append(Edit(tag.start, tag.end, _expression(text, tag, ctx, shares, shown)))
        except ValueError as exc:
            ctx.problem(tag.line, f"'<%={tag.code}%>' was removed: {exc}")
            edits.append(Edit(tag.start, tag.end, ""))
    for share_tag, _share in shares:
        if share_tag.start not in shown:
            ctx.problem(share_tag.line, "share links (facebook/twitter) were read but no "
                        "'view :share_buttons' shows them; they were removed")
    if ctx.placeholders:
        edits += _placeholders(text, start_line, tags, ctx)
    return _repair_broken_tags(_apply(text, edits), start_line, ctx)


def _repair_broken_tags(text: str, start_line: int, ctx: _Context) -> str:
    def repair(match: re.Match[str]) -> str:
        line = start_line + _line_of(text, match.start()) - 1
        try:
            name, args = split_call(match.group("code"))
            myst = render_call(name, args, block=False)
        except ValueError as exc:
            ctx.problem(line, f"broken ERB tag {match.group(0)!r} was removed: {exc}")
            return ""
        ctx.problem(line, f"broken ERB tag {match.group(0)!r} (missing '<' or '>'); read as "
                    f"{myst!r}")
        ctx.converted[name] += 1
        return myst

    return BROKEN_TAG.sub(repair, text)


def _front_value(value: str, line: int, ctx: _Context) -> str:
    """One front-matter value with its ERB replaced by literal values (roles for hoc_s)."""
    def replace(match: re.Match[str]) -> str:
        code = match.group("code")
        if match.group("kind") == "#":
            return ""
        if match.group("kind") != "=":
            ctx.problem(line, f"Ruby code '<%{code}%>' is not supported and was removed")
            return ""
        try:
            myst = render_expression(code, False, LITERAL, ctx.settings)
        except ValueError as exc:
            ctx.problem(line, f"'<%={code}%>' was removed: {exc}")
            return ""
        ctx.converted[construct_of(code)] += 1
        return myst

    return ERB_TAG.sub(replace, value)


def _rewrite_front_matter(body: str, ctx: _Context) -> str:
    """Rewrite ERB in front-matter values and quote them for YAML."""
    lines = []
    for number, line in enumerate(body.split("\n"), start=2):
        match = _FRONT_LINE.match(line)
        if match and has_erb(match["value"]):
            value = match["value"].strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            rewritten = _front_value(value, number, ctx)
            quoted = '"' + rewritten.replace("\\", "\\\\").replace('"', '\\"') + '"'
            line = f"{match['key']}: {quoted}"
        lines.append(line)
    return "\n".join(lines)


CODE = re.compile(r"^(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=fence)[ \t]*$"
                  r"|(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.DOTALL | re.MULTILINE)
"""Code blocks and code spans: ERB shown there is an example, not a call."""
_HELD = re.compile("\x00(\\d+)\x00(\n*)")


def _hold_code(text: str) -> tuple[str, list[str]]:
    """Replace code by placeholders that keep its line breaks (so lines still count)."""
    held: list[str] = []

    def hold(match: re.Match[str]) -> str:
        held.append(match.group(0))
        return f"\x00{len(held) - 1}\x00" + "\n" * match.group(0).count("\n")

    return CODE.sub(hold, text), held


def _release_code(text: str, held: list[str]) -> str:
    def release(match: re.Match[str]) -> str:
        code = held[int(match.group(1))]
        return code + match.group(2)[code.count("\n"):]

    return _HELD.sub(release, text)


def rewrite(text: str, *, settings: ErbSettings | None = None, placeholders: bool = False,
            partial_exists: Callable[[str], bool] | None = None,
            views: Mapping[str, str] | None = None) -> Rewrite:
    """Rewrite every Pegasus construct of a page into MyST (code is left alone).

    ``settings`` gives the literal country and host where no role can stand;
    ``placeholders`` rewrites the ``{{ name }}`` of ``.md.partial`` pages;
    ``partial_exists`` (read time) reports a ``view`` of a missing partial and drops it;
    ``views`` (view name → its text) lets a placeholder that names a view render it.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not has_erb(text) and not has_markup(text) and not (placeholders and "{{" in text):
        return Rewrite(text)
    text, held = _hold_code(text)
    ctx = _Context(settings or ErbSettings(), partial_exists, placeholders, dict(views or {}))
    text, markup = convert_markup(text)
    ctx.converted.update(markup)
    front = FRONT_MATTER.match(text)
    head = ""
    body_start_line = 1
    if front:
        head = "---\n" + _rewrite_front_matter(front.group("body"), ctx) + "---\n"
        body_start_line = _line_of(text, front.end())
        text = text[front.end():]
    body = _rewrite_body(text, body_start_line, ctx)
    return Rewrite(_release_code(head + body, held),
                   sorted(ctx.problems, key=lambda p: p.line), ctx.converted)
