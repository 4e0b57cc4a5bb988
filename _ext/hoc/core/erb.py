"""Pegasus ERB in Markdown pages → the MyST our extension reads.

Pegasus pages call Ruby helpers inside ``<%= ... %>``. The ones the Hour of Code site
used have a MyST form; this module rewrites them, line-located, so that a Pegasus page
builds unchanged (at read time) and ``hoc migrate`` can write the MyST to disk for good.

=======================================  =============================================
``<%= hoc_s(:key) %>``                   ``{hoc_s}`key``` (``hoc_s(:k, count: 5)`` →
                                         ``{hoc_s}`k count=5```)
``<%= resolve_url('/x') %>``             ``/x`` (site-absolute; the build resolves it)
``<%= localized_file('/files/x.pdf') %>`` ``/files/x.pdf``
``<%= codeorg_url('/x') %>``             ``https://code.org/x``
``<%= view :name %>``                    an ``{include}`` of ``_partials/name.md``
=======================================  =============================================

Any other ERB (``<% if %>``, unknown helpers, broken tags) is reported and removed:
it never reaches a reader as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ERB_TAG = re.compile(r"<%(?P<kind>[=#-]?)(?P<code>.*?)-?%>", re.DOTALL)
BROKEN_TAG = re.compile(r"(?<![<\w])%=\s*(?P<code>\w+\s*\(.*?\))\s*%(?!>)")
CALL = re.compile(r"^\s*(?P<name>\w+)\s*(?:\((?P<args>.*)\)|(?P<bare>\s+.*)?)\s*$", re.DOTALL)
_ARGUMENT = re.compile(
    r"""\s*(?:(?P<sym>:\w+)|'(?P<sq>(?:[^'\\]|\\.)*)'|"(?P<dq>(?:[^"\\]|\\.)*)"|"""
    r"""(?P<kw>\w+):\s*(?P<kwval>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|:\w+|[\w.]+)|"""
    r"""(?P<num>-?\d+(?:\.\d+)?))\s*(?:,|$)""")
CODEORG = "https://code.org"
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)
PARTIALS_DIR = "_partials"


@dataclass(frozen=True)
class ErbProblem:
    """Something in the page that could not be rewritten; ``line`` is 1-based."""

    line: int
    message: str


@dataclass
class Rewrite:
    """The rewritten text and what could not be rewritten."""

    text: str
    problems: list[ErbProblem] = field(default_factory=list)


def has_erb(text: str) -> bool:
    """Cheap test: only pages with ERB are rewritten."""
    return "<%" in text or "%=" in text


def _unquote(value: str) -> str:
    if value.startswith(":"):
        return value[1:]
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def parse_arguments(args: str) -> tuple[list[str], dict[str, str]]:
    """Ruby call arguments: positional symbols/strings/numbers and ``key: value`` pairs.

    ``locals: {name: value}`` (how Pegasus passes placeholder values) is flattened.
    """
    args = re.sub(r"\blocals:\s*\{(.*)\}", r"\1", args.strip(), flags=re.DOTALL)
    positional: list[str] = []
    keywords: dict[str, str] = {}
    position = 0
    while position < len(args):
        match = _ARGUMENT.match(args, position)
        if match is None or match.end() == position:
            raise ValueError(f"cannot read the arguments {args!r}")
        if match.group("kw"):
            keywords[match.group("kw")] = _unquote(match.group("kwval"))
        else:
            value = next(v for v in (match.group("sym"), match.group("sq"), match.group("dq"),
                                     match.group("num")) if v is not None)
            positional.append(_unquote(value) if match.group("sym") else value)
        position = match.end()
    return positional, keywords


def _role_value(value: str) -> str:
    return value if re.fullmatch(r"[^\s\"'`]+", value) else '"' + value.replace('"', "'") + '"'


def render_call(name: str, args: str, block: bool) -> str:
    """The MyST for one helper call; ``ValueError`` says why there is none."""
    positional, keywords = parse_arguments(args)
    if name == "hoc_s":
        if len(positional) != 1:
            raise ValueError("hoc_s takes one string key")
        keywords.pop("markdown", None)
        values = " ".join(f"{k}={_role_value(v)}" for k, v in keywords.items())
        return f"{{hoc_s}}`{positional[0]}{' ' + values if values else ''}`"
    if name in ("resolve_url", "localized_file"):
        if len(positional) != 1:
            raise ValueError(f"{name} takes one URL")
        return positional[0]
    if name == "codeorg_url":
        if len(positional) != 1:
            raise ValueError("codeorg_url takes one path")
        return CODEORG + "/" + positional[0].lstrip("/")
    if name == "view":
        if len(positional) != 1:
            raise ValueError("view takes one partial name")
        if not block:
            raise ValueError("view must stand on a line of its own")
        return f"```{{include}} /{PARTIALS_DIR}/{positional[0]}.md\n```"
    raise ValueError(f"unknown helper {name!r}")


def _split_call(code: str) -> tuple[str, str]:
    match = CALL.match(code)
    if match is None:
        raise ValueError("not a helper call")
    args = match.group("args")
    if args is None:
        args = (match.group("bare") or "").strip()
    return match.group("name"), args


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _rewrite_span(text: str, start_line: int, problems: list[ErbProblem],
                  in_front_matter: bool) -> str:
    def replace(match: re.Match[str]) -> str:
        line = start_line + _line_of(text, match.start()) - 1
        kind, code = match.group("kind"), match.group("code")
        if kind == "#":
            return ""
        if kind != "=":
            problems.append(ErbProblem(line, f"Ruby code '<%{code}%>' is not supported "
                                       "and was removed"))
            return ""
        try:
            name, args = _split_call(code)
            line_text = text[text.rfind("\n", 0, match.start()) + 1:
                             (text.find("\n", match.end()) + 1 or len(text) + 1) - 1]
            block = line_text.strip() == match.group(0).strip()
            return render_call(name, args, block and not in_front_matter)
        except ValueError as exc:
            problems.append(ErbProblem(line, f"'<%={code}%>' was removed: {exc}"))
            return ""

    def repair(match: re.Match[str]) -> str:
        line = start_line + _line_of(rewritten, match.start()) - 1
        try:
            name, args = _split_call(match.group("code"))
            myst = render_call(name, args, block=False)
        except ValueError as exc:
            problems.append(ErbProblem(line, f"broken ERB tag {match.group(0)!r} was removed:"
                                       f" {exc}"))
            return ""
        problems.append(ErbProblem(line, f"broken ERB tag {match.group(0)!r} (missing '<' or "
                                   f"'>'); read as {myst!r}"))
        return myst

    # Lines stay where they were: only a tag spanning lines would move them, and the
    # broken-tag pass counts lines in the text it searches.
    rewritten = ERB_TAG.sub(replace, text)
    return BROKEN_TAG.sub(repair, rewritten)


def _rewrite_front_matter(body: str, problems: list[ErbProblem]) -> str:
    """Rewrite ERB in front-matter values and quote them for YAML."""
    lines = []
    for number, line in enumerate(body.split("\n"), start=2):
        key, colon, value = line.partition(":")
        if colon and has_erb(value):
            rewritten = _rewrite_span(value.strip(), number, problems, in_front_matter=True)
            quoted = '"' + rewritten.replace("\\", "\\\\").replace('"', '\\"') + '"'
            line = f"{key}: {quoted}"
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


def rewrite(text: str) -> Rewrite:
    """Rewrite every Pegasus helper call in a page into MyST (code is left alone)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not has_erb(text):
        return Rewrite(text)
    text, held = _hold_code(text)
    result = _rewrite_text(text)
    return Rewrite(_release_code(result.text, held), result.problems)


def _rewrite_text(text: str) -> Rewrite:
    problems: list[ErbProblem] = []
    front = FRONT_MATTER.match(text)
    head = ""
    body_start_line = 1
    if front:
        head = "---\n" + _rewrite_front_matter(front.group("body"), problems) + "---\n"
        body_start_line = _line_of(text, front.end())
        text = text[front.end():]
    body = _rewrite_span(text, body_start_line, problems, in_front_matter=False)
    return Rewrite(head + body, sorted(problems, key=lambda p: p.line))
