"""Country branches kept in the page: which countries each branch of a chain is for.

hourofcode.com served every country from one site (``/ca/``, ``/uk/``, ``/br/``), and a
page showed each country its own sections (``<% if @country == 'ca' %>``). One build
per language cannot choose a country, so a chain whose conditions read the country
keeps every branch, each labelled with the countries it is for; the reader's browser
shows the branch for the reader's country (:mod:`hoc.countries`). The build's own
country (``hoc_country``) picks the branch shown without JavaScript and to search
engines. Conditions that read only the language are chosen by the build as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from hoc.core.conditions import (
    Both,
    Compare,
    Condition,
    Either,
    Include,
    Not,
    Text,
    Var,
    chosen_branch,
)

ANY_OTHER = "*"
"""The label of the branch shown to a country that no condition of the chain names."""

_UNNAMED = "\x00"
"""A country value no condition can name: what every unnamed country sees."""


def _named(condition: Condition) -> Iterator[str | None]:
    """The countries ``condition`` names; ``None`` for each use of the country that
    names none (``@country == @language``)."""
    if isinstance(condition, Compare):
        sides = (condition.left, condition.right)
        if any(isinstance(side, Var) and side.name == "country" for side in sides):
            texts: list[str | None] = [side.value for side in sides if isinstance(side, Text)]
            yield from texts or [None]
    elif isinstance(condition, Include):
        if condition.var.name == "country":
            yield from condition.values
    elif isinstance(condition, Not):
        yield from _named(condition.operand)
    elif isinstance(condition, Both | Either):
        yield from _named(condition.left)
        yield from _named(condition.right)


@dataclass(frozen=True)
class CountryChain:
    """Which countries each branch of one chain is for."""

    countries: tuple[tuple[str, ...], ...]
    """Per branch, the countries it shows to (``*``: every country the chain does not
    name), in the chain's order."""
    default: int | None
    """The branch shown without JavaScript: the one for the build's own country."""


def country_chain(conditions: Sequence[Condition | None], language: str,
                  default_country: str) -> CountryChain | None:
    """The countries of each branch of a chain (``None`` for ``else``), for a build in
    ``language`` whose own country is ``default_country``; ``None`` when no condition
    of the chain reads the country (the build chooses the branch itself)."""
    named: set[str] = set()
    reads_country = False
    for condition in conditions:
        if condition is None:
            continue
        for country in _named(condition):
            reads_country = True
            if country is not None:
                named.add(country)
    if not reads_country:
        return None
    per_branch: list[list[str]] = [[] for _ in conditions]
    for country in sorted(named | {default_country}):
        chosen = chosen_branch(conditions, {"country": country, "language": language})
        if chosen is not None:
            per_branch[chosen].append(country)
    others = chosen_branch(conditions, {"country": _UNNAMED, "language": language})
    if others is not None:
        per_branch[others].append(ANY_OTHER)
    default = chosen_branch(conditions, {"country": default_country, "language": language})
    return CountryChain(tuple(tuple(countries) for countries in per_branch), default)


OTHER_COUNTRY = "zz"
"""The picker's choice for a country no branch names (ISO's user-assigned ``ZZ``)."""


def country_names(codes: Sequence[str], language: str) -> dict[str, str]:
    """Each country's name in ``language`` (CLDR through babel; English for a language
    babel does not know, the code itself for a country it does not know)."""
    try:
        territories = Locale.parse(language.replace("-", "_")).territories
    except (ValueError, UnknownLocaleError):
        territories = Locale.parse("en").territories
    return {code: str(territories.get(TERRITORIES.get(code, code.upper()), code))
            for code in codes}


TERRITORIES = {"uk": "GB"}
"""Pegasus's country codes that are not ISO 3166's (the United Kingdom is ``uk``)."""
