"""Hostile translations: what a translator could append to a msgstr to attack readers.

Our own generator, written from the techniques of OWASP's XSS filter evasion cheat sheet
(no list is copied). Each payload class is one function returning several variants.
Every variant carries the number it was made with, inside a call of the sentinel
``alert`` (``alert(9100042)``), so that anything that runs, or any text that ships, can
be traced to the one message it came from; numbers start at :data:`FIRST`, seven digits
no page of the site holds, so a leaked number is found even in escaped or mangled text.

:func:`hostile` appends one variant to a translation and keeps the rest of it (its
placeholders ``%(title)s``, ``%{count}``, ``${resultCount}`` included), so only the
payload can be why a message is refused.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable

SENTINEL = "alert"
"""The function every variant calls: the browser test replaces it with a recorder."""

FIRST = 9_100_000
"""The first number to hand out; :data:`NUMBER` finds any number from there on."""

NUMBER = re.compile(r"(?<!\d)9[1-9]\d{5}(?!\d)")
"""A payload number, wherever it shows (seven digits from 9100000: no page has one)."""

MARKERS = ("alert(", "onerror", "onload", "onmouseover", "onfocus", "ontoggle",
           "javascript:", "data:text/html", "srcdoc", "<script", "{{", "{%", "{raw}")
"""Fragments of the payloads a page may hold for its own reasons: a hostile page may
hold each no more often than the same page built without the hostile translations."""


def _call(number: int) -> str:
    return f"{SENTINEL}({number})"


def element(number: int) -> list[str]:
    """Element injection: a tag that runs script as soon as it is parsed or loaded.

    Not here: markup spelled in character references (``&lt;script&gt;``) as text. In
    a page or the string table it is the text it spells, shown escaped, never an
    element, and the guard lets it through on purpose (tests/test_guard.py, ALLOWED);
    a theme text refuses every character reference (tests/test_theme_catalog.py)."""
    call = _call(number)
    return [
        f"<img src=x onerror={call}>",
        f"<script>{call}</script>",
        f"<svg/onload={call}>",
        f"<ScRiPt>{call}</sCrIpT>",  # filters that look for lower case only
        f"<math><a href=javascript:{call}>x</a></math>",  # foreign content
        f'<iframe srcdoc="&lt;script&gt;{call}&lt;/script&gt;"></iframe>',
        f"<details open ontoggle={call}>x</details>",
    ]


def _attribute_breakout(quote: str, number: int) -> list[str]:
    call = _call(number)
    return [
        f"{quote} onmouseover={quote}{call}",
        f"{quote}><img src=x onerror={call}>",
        f"{quote} autofocus onfocus={quote}{call}",
        f"{quote}onpointerover={quote}{call}",  # no space before the next attribute
        f"{quote}/onfocus={quote}{call}{quote} tabindex=0 x={quote}",  # "/" as separator
    ]


def attr_double(number: int) -> list[str]:
    """Breaking out of a double-quoted attribute value into new attributes or tags."""
    return _attribute_breakout('"', number)


def attr_single(number: int) -> list[str]:
    """Breaking out of a single-quoted attribute value."""
    return _attribute_breakout("'", number)


def handler(number: int) -> list[str]:
    """Bare event handlers, for a value written into an unquoted attribute or a tag."""
    call = _call(number)
    return [
        f"onmouseover={call}",
        f"onerror={call} ",
        f"onfocus={call} autofocus",
        f"OnMouseEnter={call}//",  # mixed case, the rest commented out
        f"onanimationstart={call} style=animation-name:x",
    ]


def url(number: int) -> list[str]:
    """Script and data URLs, as links and as bare text a linkifier might pick up."""
    call = _call(number)
    page = base64.b64encode(f"<script>{call}</script>".encode()).decode()
    return [
        f"[x](javascript:{call})",
        f'<a href="JaVaScRiPt:{call}">x</a>',
        f"javascript:{call}",
        f"data:text/html;base64,{page}#{call}",
        f"[x](data:text/html,<script>{call}</script>)",
        f"java&#115;cript:{call}",  # a character reference inside the scheme
        f"[x](jav&#x09;ascript:{call})",  # a tab browsers skip inside the scheme
    ]


def script_string(number: int) -> list[str]:
    """Breaking out of a JavaScript string the text is written into."""
    call = _call(number)
    return [
        f'"); {call}; ("',
        f"'; {call}; //",
        f"</script><script>{call}</script>",
        f'\\"; {call}; //',  # an escape that escapes the escaping backslash
        f"`; {call}; `",
        f"${{{call}}}",  # a template literal's substitution
    ]


def template(number: int) -> list[str]:
    """Jinja and MyST syntax: markup that a template or the page parser would evaluate."""
    call = _call(number)
    return [
        f"{{{{ 7*7 }}}} {{{{ {call} }}}}",
        f"{{% raw %}}x{{% endraw %}}{{# {call} #}}",
        f"{{raw}}`html <b onclick={call}>x</b>`",
        f"\n```{{raw}} html\n<script>{call}</script>\n```",
        f"\n:::{{raw}} html\n<script>{call}</script>\n:::",
        f"\n```{{eval-rst}}\n.. raw:: html\n\n   <script>{call}</script>\n```",
    ]


KINDS: dict[str, Callable[[int], list[str]]] = {
    "element": element,
    "attr_double": attr_double,
    "attr_single": attr_single,
    "handler": handler,
    "url": url,
    "script_string": script_string,
    "template": template,
}
"""Every payload class, by the name the tests use."""


def payload(kind: str, number: int) -> str:
    """One variant of class ``kind`` calling the sentinel with ``number``: the variants
    take turns as the number grows, so consecutive messages get different ones."""
    variants = KINDS[kind](number)
    return variants[number % len(variants)]


def hostile(translation: str, kind: str, number: int) -> str:
    """``translation`` with one payload of class ``kind`` appended; the rest is kept."""
    return f"{translation} {payload(kind, number)}"
