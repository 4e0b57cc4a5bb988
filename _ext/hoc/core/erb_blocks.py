"""``<% if %> … <% elsif %> … <% else %> … <% end %>`` → MyST that keeps every branch.

Pegasus showed one branch per request; we keep all of them, each with its condition,
so translators translate every branch and each build shows the one for its country
and language (see :mod:`hoc.conditions`).

Block form (every tag on a line of its own; branches are whole blocks)::

    ::::{hoc-if} @country == 'us'          ::::{hoc-elsif} @country == 'uk'
    ...                                    ::::{hoc-else}

with one more colon per level of nesting. Inline form (tags inside a paragraph): spans
``[text]{.hoc-if class="@country == 'us'"}[other]{.hoc-else}`` (MyST keeps only ids and
classes on a span, so the condition rides in the class list, whose words are joined
back with spaces). ``unless C`` is ``if !(C)``. A condition we cannot read, or an
``if`` without ``end``, is reported and its tags removed: every branch's text stays.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from hoc.core.conditions import ConditionError, Not, parse_condition, to_source

_CONDITION_TAG = re.compile(r"^\s*(?P<kind>if|unless|elsif|else|end)\b\s*(?P<cond>.*?)\s*$",
                            re.DOTALL)
_COLON_FENCE = re.compile(r"^\s*(:{3,})", re.MULTILINE)
MIN_FENCE = 4
"""Colons of an innermost block condition: one more than a plain ``:::`` directive."""


@dataclass
class Tag:
    """One ERB tag of the page body, with where it stands."""

    start: int
    end: int
    line: int
    kind: str
    code: str
    line_start: int
    """Where the tag's first line starts."""
    line_end: int
    """Where the tag's last line ends (its newline, or the end of the text)."""
    standalone: bool
    """Nothing but white space shares its lines."""


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` by ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass
class Chain:
    """One if/elsif/else/end chain: its tags and (for all but else/end) conditions."""

    tags: list[Tag] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    conditions: list[str | None] = field(default_factory=list)


def condition_tag(code: str) -> tuple[str, str] | None:
    """``("if", "@country == 'us'")``... for a condition tag, else ``None``."""
    match = _CONDITION_TAG.match(code)
    if match is None:
        return None
    kind, condition = match.group("kind"), match.group("cond")
    if (kind in ("else", "end")) == bool(condition):
        return None
    return kind, condition


def branch_condition(kind: str, condition: str) -> str:
    """The condition of an ``if``, ``unless`` or ``elsif`` branch as a ``hoc-if``
    directive says it (``unless C`` is ``!(C)``); :class:`ConditionError` when it cannot
    be read. HAML's ``- if`` lines (:mod:`hoc.core.haml`) say theirs the same way."""
    return _normalised(kind, condition)


def _normalised(kind: str, condition: str) -> str:
    parsed = parse_condition(condition)
    return to_source(Not(parsed) if kind == "unless" else parsed)


def find_chains(tags: list[Tag], problems: list[tuple[int, str]]) -> tuple[list[Chain],
                                                                           list[Tag]]:
    """Pair the condition tags; the tags that belong to no complete chain are returned."""
    chains: list[Chain] = []
    stray: list[Tag] = []
    open_chains: list[Chain] = []
    for tag in tags:
        kind, condition = condition_tag(tag.code) or ("", "")
        if kind in ("if", "unless"):
            open_chains.append(Chain([tag], ["if"], [condition]))
            open_chains[-1].kinds[0] = kind
        elif not open_chains:
            problems.append((tag.line, f"'<%{tag.code}%>' has no matching 'if' and was "
                             "removed"))
            stray.append(tag)
        elif kind == "end":
            chain = open_chains.pop()
            chain.tags.append(tag)
            chain.kinds.append("end")
            chain.conditions.append(None)
            chains.append(chain)
        else:
            chain = open_chains[-1]
            if chain.kinds[-1] == "else":
                problems.append((tag.line, f"'<%{tag.code}%>' follows 'else' and was removed"))
                stray.append(tag)
                continue
            chain.tags.append(tag)
            chain.kinds.append(kind)
            chain.conditions.append(condition or None)
    for chain in open_chains:
        problems.append((chain.tags[0].line, f"'<%{chain.tags[0].code}%>' has no matching "
                         "'end'; its tags were removed and every branch is shown"))
        stray.extend(chain.tags)
    return chains, stray


def _removed(tag: Tag) -> Edit:
    return Edit(tag.start, tag.end, "\n" * tag.code.count("\n"))


def _block_edits(text: str, chain: Chain, fence: str) -> list[Edit]:
    edits = []
    for tag, kind, condition in zip(chain.tags, chain.kinds, chain.conditions, strict=True):
        start = tag.line_start
        if kind == "end":
            replacement = fence
        else:
            name = {"if": "hoc-if", "unless": "hoc-if"}.get(kind, f"hoc-{kind}")
            replacement = f"{fence}{{{name}}}" + (f" {condition}" if condition else "")
            if kind in ("elsif", "else"):
                # Close the branch before: on the blank line above when there is one, so
                # the lines after keep their numbers.
                above = text.rfind("\n", 0, max(start - 1, 0)) + 1
                if start > 0 and not text[above:start - 1].strip():
                    start = above
                replacement = f"{fence}\n{replacement}"
        edits.append(Edit(start, tag.line_end, replacement))
    return edits


def _inline_edits(chain: Chain) -> list[Edit]:
    edits = []
    branch_attrs = []
    for kind, condition in zip(chain.kinds, chain.conditions, strict=True):
        if kind == "end":
            continue
        name = "hoc-if" if kind in ("if", "unless") else f"hoc-{kind}"
        branch_attrs.append("{." + name + (f' class="{condition}"' if condition else "") + "}")
    for index, tag in enumerate(chain.tags):
        before = "]" + branch_attrs[index - 1] if index else ""
        after = "[" if chain.kinds[index] != "end" else ""
        edits.append(Edit(tag.start, tag.end, before + after))
    return edits


def plan_conditions(text: str, tags: list[Tag], converted: Counter[str],
                    ) -> tuple[list[Edit], list[tuple[int, str]]]:
    """The edits that turn the condition tags of ``text`` into MyST, and the problems."""
    problems: list[tuple[int, str]] = []
    chains, stray = find_chains(tags, problems)
    edits = [_removed(tag) for tag in stray]
    fences: dict[int, int] = {}
    # Innermost first, so that an outer block knows the fences it contains.
    for chain in sorted(chains, key=lambda c: c.tags[-1].end - c.tags[0].start):
        try:
            chain.conditions = [None if c is None else _normalised(k, c)
                                for k, c in zip(chain.kinds, chain.conditions, strict=True)]
        except ConditionError as exc:
            problems.append((chain.tags[0].line, f"cannot read the condition of "
                             f"'<%{chain.tags[0].code}%>' ({exc}); its tags were removed and "
                             "every branch is shown"))
            edits += [_removed(tag) for tag in chain.tags]
            continue
        span = text[chain.tags[0].start:chain.tags[-1].end]
        if all(tag.standalone for tag in chain.tags):
            inner = [len(run) for run in _COLON_FENCE.findall(span)]
            inner += [n for start, n in fences.items()
                      if chain.tags[0].start < start < chain.tags[-1].end]
            colons = max([MIN_FENCE - 1, *inner]) + 1
            fences[chain.tags[0].start] = colons
            edits += _block_edits(text, chain, ":" * colons)
            converted["if (block)"] += 1
        elif re.search(r"\n[ \t]*\n", span):
            problems.append((chain.tags[0].line, f"'<%{chain.tags[0].code}%>' mixes tags "
                             "inside a paragraph with whole blocks; its tags were removed and "
                             "every branch is shown"))
            edits += [_removed(tag) for tag in chain.tags]
        else:
            edits += _inline_edits(chain)
            converted["if (inline)"] += 1
    return edits, problems
