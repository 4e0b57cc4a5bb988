"""Text that only an attacker writes: script, markup and template syntax in a translation.

The markup guard (:mod:`hoc.core.guard`) refuses what a translation would *add to the
page's structure* once parsed: raw HTML, links, roles, directives. Some hostile texts
add nothing a parser sees, yet a translator never means them, and each is one escaping
mistake away from running: an attribute breakout (``" onmouseover="alert(1)``), an
event handler (``onerror=alert(1)``), a script URL (``javascript:alert(1)``, however
spelled), a script-string breakout (``"); alert(1); ("``), template syntax that Jinja
or MyST would evaluate (``{{ 7*7 }}``, ``{% raw %}``). Every catalog's guard refuses
them, so that a hostile message is shown in English on every channel, not merely shown
inert. (Markup spelled with character references, ``&lt;script&gt;``, is text that
reads as what it spells in a page and ships escaped; a theme text refuses every
character reference, :func:`hoc.core.guard.check_theme_message`.)

Only what the translation adds counts: an English text that shows code keeps it.
"""

from __future__ import annotations

import html
import re
from collections import Counter

_HANDLER = re.compile(r"(?<![A-Za-z0-9_-])on[a-z]{3,}\s*=", re.IGNORECASE)
"""An event-handler attribute (``onerror=``, ``onMouseOver =``)."""

_ATTRIBUTE = re.compile(r"""["'`]\s*/?\s*[A-Za-z_:][-A-Za-z0-9_:.]*\s*=|["'`]\s*/?\s*>""")
"""A quote closing an attribute value, then another attribute or the tag's end."""

_SCRIPT_URL = re.compile(
    r"(?<![A-Za-z])(?:java|vb|live|ecma)script:(?!\s)"
    r"|(?<![A-Za-z])data:(?:\s*[A-Za-z]+/[-A-Za-z0-9.+]+|\s*,)", re.IGNORECASE)
"""A script URL, or a ``data:`` URL with a media type (``data:text/html,...``)."""

_SCHEME_NOISE = re.compile(r"[\x00-\x1f\x7f]+")
"""What browsers skip inside a URL's scheme: tabs, line breaks and other controls."""

_STRING_BREAKOUT = re.compile(r"""["'`]\s*\)*\s*[;+]|\\["']""")
"""A quote that ends a script string: followed by ``;`` or ``+`` (after any ``)``), or
escaped."""

_TEMPLATE = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\$\{")
"""Jinja's delimiters and a JavaScript template substitution."""

_MYST_ROLE = re.compile(r"\{[A-Za-z][-\w:+.]*\}`")
"""A MyST role (``{raw}`...```)."""

_FENCE = re.compile(r"^\s*(?:`{3,}|~{3,}|:{3,})", re.MULTILINE)
"""A code fence or a directive's colon fence, at a line's start."""



_TRIGGER = re.compile(r"[=`{}$;+\\~:>]")
"""A character every kind of syntax below needs: text without one is never hostile
(most translations), and is answered without running the checks."""


def _count(pattern: re.Pattern[str], text: str) -> Counter[str]:
    return Counter(match.group().lower() for match in pattern.finditer(text))


def _script_urls(text: str) -> Counter[str]:
    """Script URLs in ``text``, character references and scheme noise undone first."""
    if "&" in text:
        text = html.unescape(text)
    return _count(_SCRIPT_URL, _SCHEME_NOISE.sub("", text))


_CHECKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an event handler", _HANDLER),
    ("an attribute breakout", _ATTRIBUTE),
    ("a script-string breakout", _STRING_BREAKOUT),
    ("template syntax", _TEMPLATE),
    ("a MyST role", _MYST_ROLE),
    ("a code or directive fence", _FENCE),
)


def hostile_reasons(msgid: str, msgstr: str) -> list[str]:
    """Why ``msgstr`` reads as an attack on the page (empty when it does not).

    Each kind of syntax counts only where the translation has more of it than the
    English, so a message about code may keep the code it shows.
    """
    if _TRIGGER.search(msgstr) is None:
        return []
    reasons: list[str] = []
    for what, pattern in _CHECKS:
        if pattern.search(msgstr) is None:
            continue
        added = _count(pattern, msgstr) - _count(pattern, msgid)
        if added:
            first = next(iter(added))
            reasons.append(f"adds {what} {first!r}")
    added_urls = _script_urls(msgstr) - _script_urls(msgid) if ":" in msgstr else None
    if added_urls:
        reasons.append(f"adds the script URL {next(iter(added_urls))!r}")
    return reasons
