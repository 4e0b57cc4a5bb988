"""Share links: the Pegasus ``facebook = {...}`` / ``twitter = {...}`` Ruby block.

Pegasus pages defined the share targets in a Ruby block near the top and showed them
later with ``<%= view :share_buttons, facebook:facebook, twitter:twitter %>``. We read
the block (only its known shape: two hashes of literal strings, the tweet text as a
string key, and the ``twitter[:hashtags] = ... unless ...`` rule), write it as one
``{hoc-share}`` directive, and build the two share URLs at read time with the tweet
text in the page's language. Anything else in such a block is not guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

FACEBOOK_SHARER = "https://www.facebook.com/sharer/sharer.php"
TWITTER_INTENT = "https://twitter.com/intent/tweet"

_STRING = r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*\""""
_KEY_CALL = r"""hoc_s\(\s*(?::\w+|'\w+'|"\w+")\s*\)"""
_VALUE = rf"(?:{_STRING}|{_KEY_CALL})"
_HASH = re.compile(rf"(?P<var>facebook|twitter)\s*=\s*\{{(?P<body>(?:{_STRING}|[^{{}}'\"])*)\}}")
_ENTRY = re.compile(rf"\s*(?::(?P<sym>\w+)\s*=>|(?P<label>\w+):)\s*(?P<value>{_VALUE})\s*(?:,|$)")
_HASHTAG_RULE = re.compile(
    rf"twitter\[:hashtags\]\s*=\s*(?P<value>{_STRING})"
    rf"(?:\s+unless\s+(?P<call>{_KEY_CALL})\.include\?\s*\(?\s*(?P<tag>{_STRING})\s*\)?)?")
_INTERPOLATION = re.compile(r"#\{\s*(?P<expr>[^}]*)\}")
_HOSTS = ("request.host", "request.site")

OPTIONS = ("facebook", "url", "related", "hashtags", "hashtags-unless", "text")
"""The ``{hoc-share}`` options, in the order they are written."""


@dataclass(frozen=True)
class Share:
    """What the share buttons link to; ``text`` is a string-table key."""

    facebook: str = ""
    url: str = ""
    related: str = ""
    hashtags: str = ""
    hashtags_unless: str = ""
    """No hashtags when the tweet text already contains this (``#HourOfCode``)."""
    text: str = ""


def looks_like_share_block(code: str) -> bool:
    """Whether Ruby code assigns the share hashes (then it is read, or reported as such)."""
    return re.search(r"\b(?:facebook|twitter)\s*=\s*\{", code) is not None


def _string(literal: str, host: str) -> str:
    body = literal[1:-1]
    if literal[0] == "'":
        return re.sub(r"\\(['\\])", r"\1", body)

    def interpolate(match: re.Match[str]) -> str:
        if match.group("expr").strip() in _HOSTS:
            return host
        raise ValueError(f"cannot read #{{{match.group('expr')}}} in a share link")

    return _INTERPOLATION.sub(interpolate, re.sub(r'\\(["\\])', r"\1", body))


def _key(call: str) -> str:
    return re.sub(r"""^hoc_s\(\s*:?['"]?(\w+)['"]?\s*\)$""", r"\1", call)


def _entries(body: str, host: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    position = 0
    body = body.strip()
    while position < len(body):
        match = _ENTRY.match(body, position)
        if match is None or match.end() == position:
            raise ValueError(f"cannot read {body[position:].strip()!r} in a share hash")
        value = match.group("value")
        entries[match.group("sym") or match.group("label")] = (
            _key(value) if value.startswith("hoc_s") else _string(value, host))
        position = match.end()
    return entries


def parse_share_block(code: str, host: str) -> Share:
    """Read the Ruby share block; ``ValueError`` names what it cannot read."""
    values: dict[str, str] = {}
    rest = code
    for match in _HASH.finditer(code):
        entries = _entries(match.group("body"), host)
        if match.group("var") == "facebook":
            unknown = set(entries) - {"u"}
            values["facebook"] = entries.get("u", "")
        else:
            unknown = set(entries) - {"url", "related", "hashtags", "text"}
            values.update({k: v for k, v in entries.items() if k != "u"})
        if unknown:
            raise ValueError(f"unknown share option {sorted(unknown)[0]!r}")
        rest = rest.replace(match.group(0), " ", 1)
    for match in _HASHTAG_RULE.finditer(code):
        values["hashtags"] = _string(match.group("value"), host)
        if match.group("tag"):
            if _key(match.group("call")) != values.get("text"):
                raise ValueError("the hashtag rule tests another string than the tweet text")
            values["hashtags_unless"] = _string(match.group("tag"), host)
        rest = rest.replace(match.group(0), " ", 1)
    if rest.strip(" \t\n;"):
        raise ValueError(f"cannot read {rest.strip()[:60]!r} in a share block")
    if "facebook" not in values and "url" not in values:
        raise ValueError("no facebook or twitter hash")
    return Share(**values)


def share_directive(share: Share, fence: str = ":::") -> str:
    """The ``{hoc-share}`` directive for ``share`` (option values quoted for YAML)."""
    lines = [f"{fence}{{hoc-share}}"]
    for option in OPTIONS:
        value = getattr(share, option.replace("-", "_"))
        if value:
            lines.append(f":{option}: " + '"' + value.replace("\\", "\\\\")
                         .replace('"', '\\"') + '"')
    lines.append(fence)
    return "\n".join(lines)


def share_urls(share: Share, text: str) -> tuple[str, str]:
    """The Facebook sharer and Twitter intent URLs, with ``text`` as the tweet."""
    facebook = f"{FACEBOOK_SHARER}?u={quote(share.facebook, safe='')}"
    hashtags = share.hashtags
    if share.hashtags_unless and share.hashtags_unless in text:
        hashtags = ""
    query = {name: value for name, value in (("url", share.url), ("related", share.related),
                                             ("hashtags", hashtags), ("text", text)) if value}
    return facebook, f"{TWITTER_INTENT}?{urlencode(query, quote_via=quote)}"
