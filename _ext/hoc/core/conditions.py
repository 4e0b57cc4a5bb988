"""Pegasus page conditions (``<% if @country == 'us' %>``): parse, print, evaluate.

Pegasus showed a branch of a page only to readers of one country or language. We keep
every branch in the page (translators see them all) and choose one per build, from the
build's ``hoc_country`` and language. This module is the Sphinx-free core shared by the
ERB rewriter (which checks conditions before writing them into MyST) and the build
(which evaluates them).

The grammar is the small part of Ruby the pages used::

    expr    := and ("||" | "or") and ...
    and     := not ("&&" | "and") not ...
    not     := ("!" | "not") not | atom
    atom    := "(" expr ")" | operand ("==" | "!=") operand | list ".include?" ["("] var [")"]
    operand := "@country" | "@language" | 'text' | "text"
    list    := "[" 'a', 'b', ... "]" | "%w(a b ...)"

Any other variable is an error (so an unknown name is reported, never taken as false).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

VARIABLES = frozenset({"country", "language"})
"""The page variables a condition may read; the build supplies their values."""


class ConditionError(ValueError):
    """A condition that cannot be read: the message says what and where."""


@dataclass(frozen=True)
class Var:
    name: str


@dataclass(frozen=True)
class Text:
    value: str


@dataclass(frozen=True)
class Compare:
    op: str
    left: Var | Text
    right: Var | Text


@dataclass(frozen=True)
class Include:
    values: tuple[str, ...]
    var: Var


@dataclass(frozen=True)
class Not:
    operand: Condition


@dataclass(frozen=True)
class Both:
    left: Condition
    right: Condition


@dataclass(frozen=True)
class Either:
    left: Condition
    right: Condition


Condition = Compare | Include | Not | Both | Either

_TOKEN = re.compile(r"""\s*(?:(?P<var>@\w+)|'(?P<sq>[^'\\]*)'|"(?P<dq>[^"\\]*)"|"""
                    r"""(?P<words>%w\((?P<wlist>[^)]*)\))|(?P<include>\.include\?)|"""
                    r"""(?P<op>==|!=|&&|\|\||!|\(|\)|\[|\]|,)|(?P<kw>\b(?:and|or|not)\b))""")


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ConditionError(f"cannot read {text[position:].strip()!r} in {text!r}")
        position = match.end()
        if match.group("var"):
            tokens.append(("var", match.group("var")[1:]))
        elif match.group("sq") is not None:
            tokens.append(("text", match.group("sq")))
        elif match.group("dq") is not None:
            tokens.append(("text", match.group("dq")))
        elif match.group("words"):
            tokens.append(("words", match.group("wlist")))
        elif match.group("include"):
            tokens.append(("include", ".include?"))
        elif match.group("kw"):
            tokens.append(("op", {"and": "&&", "or": "||", "not": "!"}[match.group("kw")]))
        else:
            tokens.append(("op", match.group("op")))
    return tokens


class _Parser:
    def __init__(self, text: str, known: frozenset[str]) -> None:
        self.text = text
        self.known = known
        self.tokens = _tokens(text)
        self.position = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, kind: str, value: str | None = None) -> str:
        token = self.peek()
        if token is None or token[0] != kind or (value is not None and token[1] != value):
            found = "the end" if token is None else repr(token[1])
            raise ConditionError(f"expected {value or kind} but found {found} in "
                                 f"{self.text.strip()!r}")
        self.position += 1
        return token[1]

    def at(self, kind: str, value: str | None = None) -> bool:
        token = self.peek()
        return token is not None and token[0] == kind and (value is None or token[1] == value)

    def parse(self) -> Condition:
        if not self.tokens:
            raise ConditionError("empty condition")
        result = self.either()
        if self.peek() is not None:
            raise ConditionError(f"unexpected {self.peek()[1]!r} in "  # type: ignore[index]
                                 f"{self.text.strip()!r}")
        return result

    def either(self) -> Condition:
        result = self.both()
        while self.at("op", "||"):
            self.position += 1
            result = Either(result, self.both())
        return result

    def both(self) -> Condition:
        result = self.negation()
        while self.at("op", "&&"):
            self.position += 1
            result = Both(result, self.negation())
        return result

    def negation(self) -> Condition:
        if self.at("op", "!"):
            self.position += 1
            return Not(self.negation())
        return self.atom()

    def variable(self) -> Var:
        name = self.take("var")
        if name not in self.known:
            raise ConditionError(f"unknown variable @{name} (known: "
                                 f"{', '.join('@' + k for k in sorted(self.known))})")
        return Var(name)

    def operand(self) -> Var | Text:
        if self.at("var"):
            return self.variable()
        return Text(self.take("text"))

    def atom(self) -> Condition:
        if self.at("op", "("):
            self.position += 1
            inner = self.either()
            self.take("op", ")")
            return inner
        if self.at("op", "[") or self.at("words"):
            return self.include()
        left = self.operand()
        token = self.peek()
        if token is None or token[1] not in ("==", "!="):
            raise ConditionError(f"expected == or != after {_operand(left)} in "
                                 f"{self.text.strip()!r}")
        self.position += 1
        return Compare(token[1], left, self.operand())

    def include(self) -> Include:
        values: list[str] = []
        if self.at("words"):
            values = self.take("words").split()
        else:
            self.take("op", "[")
            while not self.at("op", "]"):
                values.append(self.take("text"))
                if not self.at("op", "]"):
                    self.take("op", ",")
            self.take("op", "]")
        self.take("include")
        if self.at("op", "("):
            self.position += 1
            var = self.variable()
            self.take("op", ")")
        else:
            var = self.variable()
        return Include(tuple(values), var)


def parse_condition(text: str, known: frozenset[str] = VARIABLES) -> Condition:
    """Read a Ruby condition; :class:`ConditionError` says why it cannot be read."""
    return _Parser(text, known).parse()


def _operand(operand: Var | Text) -> str:
    if isinstance(operand, Var):
        return "@" + operand.name
    return "'" + operand.value + "'"


def to_source(condition: Condition) -> str:
    """The condition as text that :func:`parse_condition` reads back to the same tree."""
    if isinstance(condition, Compare):
        return f"{_operand(condition.left)} {condition.op} {_operand(condition.right)}"
    if isinstance(condition, Include):
        values = ", ".join(f"'{value}'" for value in condition.values)
        return f"[{values}].include?(@{condition.var.name})"
    if isinstance(condition, Not):
        inner = condition.operand
        # Ruby reads ``!@a == 'x'`` as ``(!@a) == 'x'``: a negated comparison is grouped.
        return "!" + (f"({to_source(inner)})" if isinstance(inner, Compare)
                      else _grouped(inner, Not))
    if isinstance(condition, Both):
        return f"{_grouped(condition.left, Both)} && {_grouped(condition.right, Not)}"
    return f"{_grouped(condition.left, Either)} || {_grouped(condition.right, Both)}"


def _grouped(condition: Condition, tightest: type) -> str:
    """Parenthesise a sub-condition that binds looser than its place allows."""
    order = {Either: 0, Both: 1, Not: 2, Compare: 3, Include: 3}
    text = to_source(condition)
    return text if order[type(condition)] >= order[tightest] else f"({text})"


def _value(operand: Var | Text, values: Mapping[str, str]) -> str:
    return values[operand.name] if isinstance(operand, Var) else operand.value


def evaluate(condition: Condition, values: Mapping[str, str]) -> bool:
    """Whether the condition holds for these variable values (``{"country": "us"}``)."""
    if isinstance(condition, Compare):
        equal = _value(condition.left, values) == _value(condition.right, values)
        return equal if condition.op == "==" else not equal
    if isinstance(condition, Include):
        return values[condition.var.name] in condition.values
    if isinstance(condition, Not):
        return not evaluate(condition.operand, values)
    if isinstance(condition, Both):
        return evaluate(condition.left, values) and evaluate(condition.right, values)
    return evaluate(condition.left, values) or evaluate(condition.right, values)


def chosen_branch(conditions: Sequence[Condition | None], values: Mapping[str, str],
                  ) -> int | None:
    """The index of the branch an if/elsif/else chain shows, ``None`` when none is.

    ``conditions`` holds one entry per branch, ``None`` for the ``else`` branch.
    """
    for index, condition in enumerate(conditions):
        if condition is None or evaluate(condition, values):
            return index
    return None
