"""The translation guard: a msgstr may reword, never add markup or change targets.

Translators are less trusted than authors. A translated message may reword, reorder
and add emphasis; it may not add raw HTML, images, roles, directives or other markup
that its English message lacks, nor add, drop or change a link target, a helper key
or inline code, nor change the kind of block it is (a paragraph that becomes a list
would silently be dropped by Sphinx). This module compares the *markup* of the two
messages, token by token, after parsing both with the same MyST parser the build uses.
Before any of that, :mod:`hoc.core.guard_limits` bounds the message's length, characters
and nesting depth, so that nothing too deep to parse safely ever reaches a parser.
Everything is Sphinx-free so ``make check`` and the build share it.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from hoc.core import parses
from hoc.core.guard_limits import DEFAULT_LIMITS, GuardLimits, depth_problem, limit_problems
from hoc.core.hostile import hostile_reasons
from hoc.core.plaintext import one_paragraph_test, plain_text_test
from hoc.core.strings import PLACEHOLDER

FREE_INLINE = frozenset({
    "text", "softbreak", "hardbreak", "em_open", "em_close", "strong_open", "strong_close",
    "s_open", "s_close",
})
"""Inline tokens a translation may add, drop or move freely (wording and emphasis)."""

DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
_SCHEME_NOISE = re.compile(r"[\s\x00-\x1f]+")

_KIND_NAMES = {
    "link": "link target", "image": "image", "html": "raw HTML", "code": "inline code",
    "role": "role", "attrs": "attributes", "footnote": "footnote reference",
    "math": "math", "substitution": "substitution", "markup": "markup",
}


@dataclass(frozen=True)
class Markup:
    """What a message contains besides words: its blocks and its markup items."""

    blocks: tuple[str, ...]
    items: Counter[tuple[str, str]] = field(default_factory=Counter)


@cache
def myst_parser(extensions: frozenset[str] = frozenset()) -> MarkdownIt:
    """The markdown-it parser MyST builds for these ``myst_enable_extensions``."""
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(enable_extensions=set(extensions)), RendererHTML)


def _inline_items(tokens: Iterable[Token]) -> Iterator[tuple[str, str]]:
    for token in tokens:
        kind = token.type
        if kind in FREE_INLINE:
            if token.attrs:
                yield ("attrs", f"{kind} {sorted(token.attrs.items())}")
            continue
        if kind == "link_open":
            yield ("link", str(token.attrGet("href") or ""))
            extra = {k: v for k, v in token.attrs.items() if k != "href"}
            if extra:
                yield ("attrs", f"link {sorted(extra.items())}")
        elif kind == "link_close":
            continue
        elif kind == "image":
            yield ("image", str(token.attrGet("src") or ""))
        elif kind == "html_inline":
            yield ("html", token.content)
        elif kind == "code_inline":
            yield ("code", token.content)
        elif kind == "myst_role":
            yield ("role", f"{{{token.meta.get('name', '')}}}`{token.content}`")
        elif kind in ("span_open",):
            yield ("attrs", f"span {sorted(token.attrs.items())}")
        elif kind == "span_close":
            continue
        elif kind.startswith("footnote"):
            yield ("footnote", str(token.meta.get("label", "")))
        elif "math" in kind:
            yield ("math", token.content)
        elif kind == "substitution_inline":
            yield ("substitution", token.content)
        else:
            yield ("markup", f"{kind} {token.content}".strip())


@cache
def _plain_test(parser: MarkdownIt) -> Callable[[str], bool] | None:
    return plain_text_test(parser)


@cache
def _one_paragraph_test(parser: MarkdownIt) -> Callable[[str], bool] | None:
    return one_paragraph_test(parser)


def markup_of(text: str, parser: MarkdownIt, kept: bool = False) -> Markup:
    """The top-level blocks and the markup items of one message (``kept``: its parse
    kept for the page's render, :mod:`hoc.core.parses`)."""
    is_plain = _plain_test(parser)
    if is_plain is not None and is_plain(text):
        return Markup(("paragraph",))  # what the parse would find, found without it
    is_one_paragraph = _one_paragraph_test(parser)
    if is_one_paragraph is not None and is_one_paragraph(text):
        # One paragraph, found without the block rules; an English text the page being
        # read has parsed on its own line is taken from the page (never a translation:
        # its tokens are the render's to change).
        lent = None if kept else parses.borrow_page_inline(parser, text)
        if lent is not None:
            return Markup(("paragraph",), Counter(_inline_items(lent.children or [])))
        env: dict[str, object] = {}
        tokens = parser.parseInline(text, env)
        if kept:
            parses.keep(parser, text, True, parses.Parse(tokens, env))
        return Markup(("paragraph",), Counter(_inline_items(tokens[0].children or [])))
    blocks: list[str] = []
    items: Counter[tuple[str, str]] = Counter()
    env = {}
    tokens = parser.parse(text, env)
    if kept:
        parses.keep(parser, text, False, parses.Parse(tokens, env))
    for token in tokens:
        if token.type == "inline":
            items.update(_inline_items(token.children or []))
            continue
        if token.nesting < 0:
            continue
        if token.type == "html_block":
            items[("html", token.content.strip())] += 1
        elif token.type in ("fence", "colon_fence", "code_block", "myst_target",
                            "myst_line_comment", "myst_block_break", "math_block"):
            items[("markup", f"{token.type} {token.info} {token.content}".strip())] += 1
        if token.level == 0:
            blocks.append(token.type.removesuffix("_open"))
    return Markup(tuple(blocks), items)


def _describe(kind: str, value: str) -> str:
    name = _KIND_NAMES.get(kind, kind)
    shown = value if len(value) <= 80 else value[:77] + "..."
    return f"{name} {shown!r}" if value else name


@dataclass(frozen=True)
class Verdict:
    """What to do with one translation: ship ``text`` (``None`` when rejected)."""

    text: str | None
    reasons: list[str]


_LEADING_MARKER = re.compile(r"^ {0,3}(?:(?P<ordered>\d{1,9}[.)])|(?P<bullet>[-+*])"
                             r"|(?P<heading>#{1,6})|(?P<quote>>))(?=[ \t]|$)")
"""A block marker that starts a text: ``1)``, ``1.``, ``-``, ``+``, ``*``, ``#``, ``>``."""


def _marker_kind(text: str) -> str | None:
    match = _LEADING_MARKER.match(text)
    return match.lastgroup if match else None


def escape_leading_marker(text: str) -> str:
    """``text`` with its leading block marker escaped, so it reads as plain text."""
    match = _LEADING_MARKER.match(text)
    if match is None or match.lastgroup is None:
        return text
    at = match.end() - 1 if match.lastgroup == "ordered" else match.start(match.lastgroup)
    return text[:at] + "\\" + text[at:]


GUARD_RULES = 2
"""The rules' edition: a guarded copy made under other rules is made again."""

VERDICTS_KEPT = 1 << 15
"""Verdicts remembered: a translated build asks twice for each message (the guarded
catalogs Sphinx reads, then the catalogs published with the site)."""
REMEMBERED_LENGTH = 4096
"""Longer messages (far beyond any real one) are checked each time, never kept."""


def guard_message(msgid: str, msgstr: str, parser: MarkdownIt,
                  limits: GuardLimits = DEFAULT_LIMITS) -> Verdict:
    """Whether ``msgstr`` may replace ``msgid``, and the text to give Sphinx if so.

    A verdict depends on nothing but its arguments, so each one is worked out once per
    process (:func:`_verdict`); callers get their own copy of the reasons.
    """
    if len(msgid) + len(msgstr) > REMEMBERED_LENGTH:
        return _verdict.__wrapped__(msgid, msgstr, parser, limits)
    verdict = _verdict(msgid, msgstr, parser, limits)
    return Verdict(verdict.text, list(verdict.reasons))


@lru_cache(maxsize=VERDICTS_KEPT)
def _verdict(msgid: str, msgstr: str, parser: MarkdownIt, limits: GuardLimits) -> Verdict:
    """:func:`guard_message`, worked out.

    A heading's text may start like a block (``## 1) Get ready`` has the msgid
    ``1) Get ready``); a translation that starts with the same kind of marker is that
    heading's text too, and ships with the marker escaped (``1\\) Préparez-vous``) so that
    it reads as text. Nothing else is escaped: a marker the English lacks still reads
    as the structure it is, and is refused.
    """
    if not msgstr:
        return Verdict(msgstr, [])
    problems = limit_problems(msgid, msgstr, limits)
    too_deep = depth_problem(msgid, limits, "its msgid")
    if too_deep:
        problems.append(too_deep)
    if problems:
        return Verdict(None, problems)
    kind = _marker_kind(msgstr)
    if kind is not None and kind == _marker_kind(msgid):
        msgid, msgstr = escape_leading_marker(msgid), escape_leading_marker(msgstr)
    reasons = _markup_reasons(msgid, msgstr, parser) + hostile_reasons(msgid, msgstr)
    return Verdict(None if reasons else msgstr, reasons)


def check_message(msgid: str, msgstr: str, parser: MarkdownIt,
                  limits: GuardLimits = DEFAULT_LIMITS) -> list[str]:
    """Why ``msgstr`` may not replace ``msgid`` (empty when it may)."""
    return guard_message(msgid, msgstr, parser, limits).reasons


def _markup_reasons(msgid: str, msgstr: str, parser: MarkdownIt) -> list[str]:
    reasons: list[str] = []
    source, translated = markup_of(msgid, parser), markup_of(msgstr, parser, kept=True)
    # Sphinx replaces one node (paragraph, heading, list item, table cell) with the
    # translation and silently keeps the English when it is not one paragraph of text.
    if translated.blocks != ("paragraph",):
        reasons.append(f"it reads as {_block_phrase(translated.blocks)}, not as one "
                       "paragraph of text"
                       + (" (write '1\\.' for a number that starts the text)"
                          if translated.blocks[:1] == ("ordered_list",) else ""))
    added = translated.items - source.items
    dropped = source.items - translated.items
    # Tag-like text markdown-it does not count as HTML (``<img/src=x onerror=...>``) would
    # ship escaped, but is never what a translator meant: refuse it too.
    reported = {value for kind, value in added if kind == "html"}
    tags = Counter(_TAG.findall(msgstr)) - Counter(_TAG.findall(msgid))
    added.update(("html", tag) for tag in tags.elements()
                 if not any(tag in value for value in reported))
    reasons += [f"adds {_describe(kind, value)}" for kind, value in sorted(added)]
    reasons += [f"drops {_describe(kind, value)}" for kind, value in sorted(dropped)]
    reasons += [f"uses the unsafe URL {value!r}" for kind, value in translated.items
                if kind in ("link", "image") and is_dangerous_url(value)]
    # markdown-it leaves [x](javascript:...) as text; refuse it all the same, so that no
    # output file ever carries a script URL a translator wrote.
    reasons += [f"uses the unsafe URL {match.group(1)!r}"
                for match in _LINK_DESTINATION.finditer(msgstr)
                if is_dangerous_url(match.group(1))
                and not any(is_dangerous_url(m.group(1))
                            for m in _LINK_DESTINATION.finditer(msgid))]
    return reasons


_LINK_DESTINATION = re.compile(r"(?:\]\(|<)\s*<?([^\s)>]*)", re.DOTALL)
"""Where a URL would start: after ``](`` or ``<``."""


_BLOCK_NAMES = {
    "paragraph": "a paragraph", "ordered_list": "a numbered list",
    "bullet_list": "a bulleted list", "heading": "a heading", "blockquote": "a quote",
    "fence": "a code block", "colon_fence": "a directive", "code_block": "a code block",
    "html_block": "an HTML block", "hr": "a horizontal rule", "table": "a table",
    "myst_target": "a target", "myst_line_comment": "a comment",
}


def _block_phrase(blocks: tuple[str, ...]) -> str:
    if not blocks:
        return "empty"
    return " followed by ".join(_BLOCK_NAMES.get(block, f"a {block}") for block in blocks)


def is_dangerous_url(url: str) -> bool:
    """``javascript:``, ``data:`` and friends, however spelled (case, spaces, controls,
    character references such as ``&#106;``)."""
    cleaned = _SCHEME_NOISE.sub("", html.unescape(url)).lower()
    return cleaned.startswith(DANGEROUS_SCHEMES)


_TAG = re.compile(r"</?[A-Za-z!?][^>]*>|<!--")
"""Anything a browser could read as a tag or comment if it were not escaped."""


def check_string(msgid: str, msgstr: str, limits: GuardLimits = DEFAULT_LIMITS) -> list[str]:
    """Why a string-table translation may not be used: length, characters,
    placeholders and HTML.

    String-table texts are plain text (escaped on output), so markup in them would show
    as text; it is still refused, since it is never what a translator meant.
    """
    if not msgstr:
        return []
    reasons = limit_problems(msgid, msgstr, limits, markup=False)
    if reasons:
        return reasons
    wanted = Counter(PLACEHOLDER.findall(msgid))
    given = Counter(PLACEHOLDER.findall(msgstr))
    reasons += [f"drops the placeholder %{{{name}}}" for name in sorted(wanted - given)]
    reasons += [f"adds the placeholder %{{{name}}}" for name in sorted(given - wanted)]
    source_tags = Counter(_TAG.findall(msgid))
    reasons += [f"adds raw HTML {tag!r}" for tag in sorted(Counter(_TAG.findall(msgstr))
                                                         - source_tags)]
    return reasons + hostile_reasons(msgid, msgstr)


THEME_PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sd]|%[sd%]|\$\{[A-Za-z_]\w*\}")
"""What the theme's texts fill in: Python's ``%(title)s`` and ``%s``, and the
``${resultCount}`` of Sphinx's JavaScript."""

_THEME_SYNTAX = re.compile(r"""[<>"`{}\\]|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]\w*);?""")
"""What a theme text may not hold at all: the characters that are syntax where it lands
(HTML, a double-quoted attribute, a script string, a template) and character
references. The apostrophe stays (French and Italian need it); every landing escapes it."""


def check_theme_message(msgid: str, msgstr: str,
                        limits: GuardLimits = DEFAULT_LIMITS) -> list[str]:
    """Why a translation of a theme text (``sphinx.po``) may not be used.

    Theme texts are plain text: the templates, Sphinx's Python code (which writes some
    of them into attributes unescaped) and Sphinx's JavaScript put them in the page, so
    a translation may hold no markup at all, and must fill in exactly the placeholders
    the English does. A text whose English holds markup (some of Sphinx's own
    templates' texts) is not translated here.
    """
    if not msgstr:
        return []
    reasons = limit_problems(msgid, msgstr, limits, markup=False)
    if reasons:
        return reasons
    if "<" in msgid:
        return ["its English holds markup, and a theme text's translation may hold none"]
    wanted = Counter(THEME_PLACEHOLDER.findall(msgid))
    given = Counter(THEME_PLACEHOLDER.findall(msgstr))
    reasons += [f"drops the placeholder {name}" for name in sorted(wanted - given)]
    reasons += [f"adds the placeholder {name}" for name in sorted(given - wanted)]
    bare = THEME_PLACEHOLDER.sub(" ", msgstr)
    if wanted and "%" in bare:
        reasons.append("holds a lone '%' in a text filled in with '%' placeholders "
                       "(write '%%')")
    syntax = sorted({match.group() for match in _THEME_SYNTAX.finditer(bare)})
    if syntax:
        reasons.append("holds markup characters " + " ".join(map(repr, syntax))
                       + " (a theme text is plain text)")
    return reasons + hostile_reasons(msgid, msgstr)


STRINGS_DOMAIN = "strings"
"""The string table's catalog (``strings.po``)."""
THEME_DOMAIN = "sphinx"
"""The theme's catalog (``sphinx.po``, Sphinx's own domain for template texts)."""


def check_in_catalog(domain: str, msgid: str, msgstr: str, parser: MarkdownIt,
                     limits: GuardLimits = DEFAULT_LIMITS) -> list[str]:
    """Why a message of the catalog ``domain`` may not be used, by that catalog's rules:
    the string table's and the theme's texts are plain text, a page's are MyST."""
    if domain == STRINGS_DOMAIN:
        return check_string(msgid, msgstr, limits)
    if domain == THEME_DOMAIN:
        return check_theme_message(msgid, msgstr, limits)
    return check_message(msgid, msgstr, parser, limits)
