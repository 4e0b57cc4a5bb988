"""One ``<%= ... %>`` expression (a helper call or a page variable) → its MyST.

Where the expression stands decides its form: in running text a role the build
resolves per language (``{hoc_s}`key```, ``{hoc_date}`short```, ``{hoc_setting}`country```);
inside a URL, a raw HTML attribute or front matter, where no role can stand, the
literal value (a site path, or the country and host from the site settings).

=============================================  ==========================================
``hoc_s(:key)`` / ``hoc_s(:k, count: 5)``      ``{hoc_s}`key``` / ``{hoc_s}`k count=5```
``hoc_s(:key).inspect``                        ``"{hoc_s}`key`"`` (the string, quoted)
``resolve_url('/x')``, ``hoc_uri('/x')``       ``/x`` (the build links it per language)
``localized_file('/files/x.pdf')``             ``/files/x.pdf``
``localized_image('/images/x.png')``           ``/images/x.png``
``codeorg_url('/x')``                          ``https://code.org/x``
``campaign_date('short')``                     ``{hoc_date}`short```
``@country`` / ``@language``                   ``{hoc_setting}`country``` (``language``)
``request.host`` / ``request.site``            ``{hoc_setting}`host```
``view :name``                                 an ``{include}`` of ``_partials/name.md``
=============================================  ==========================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from hoc.core.dates import FORMATS

CALL = re.compile(r"^\s*(?P<name>\w+)\s*(?:\((?P<args>.*)\)|(?P<bare>\s+.*)?)\s*$", re.DOTALL)
_ARGUMENT = re.compile(
    r"""\s*(?:(?P<sym>:\w+)|'(?P<sq>(?:[^'\\]|\\.)*)'|"(?P<dq>(?:[^"\\]|\\.)*)"|"""
    r"""(?P<kw>\w+):\s*(?P<kwval>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|:\w+|[\w.]+)|"""
    r"""(?P<num>-?\d+(?:\.\d+)?))\s*(?:,|$)""")
CODEORG = "https://code.org"
PARTIALS_DIR = "_partials"
SHARE_VIEW = "share_buttons"

VARIABLES = {"@country": "country", "@language": "language", "request.host": "host",
             "request.site": "host"}
"""Page variables and the ``{hoc_setting}`` name each becomes."""
_INSPECT = re.compile(r"^\s*(?P<call>hoc_s\s*\(.*\))\s*\.inspect\s*$", re.DOTALL)
_PLACEHOLDER_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_SITE_PATH = re.compile(r"[A-Za-z0-9_.~/#-]+")

TEXT, LITERAL = "text", "literal"
"""Where an expression stands: running text (roles work) or a URL/attribute/front
matter (only literal values do)."""


@dataclass(frozen=True)
class ErbSettings:
    """Site settings Pegasus read from the request: the country and the host name."""

    country: str = "us"
    host: str = "hourofcode.com"

    @classmethod
    def from_config(cls, country: object, base_url: object) -> ErbSettings:
        """The settings from ``hoc_country`` and ``hoc_base_url`` (defaults where unset)."""
        default = cls()
        host = urlsplit(base_url).hostname if isinstance(base_url, str) else None
        return cls(country if isinstance(country, str) and country else default.country,
                   host or default.host)


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


def split_call(code: str) -> tuple[str, str]:
    """A helper call's name and its argument text."""
    match = CALL.match(code)
    if match is None:
        raise ValueError("not a helper call")
    args = match.group("args")
    if args is None:
        args = (match.group("bare") or "").strip()
    return match.group("name"), args


def _role_value(value: str) -> str:
    return value if re.fullmatch(r"[^\s\"'`]+", value) else '"' + value.replace('"', "'") + '"'


def _one(name: str, positional: list[str], what: str) -> str:
    if len(positional) != 1:
        raise ValueError(f"{name} takes one {what}")
    return positional[0]


def date_role(name: str) -> str:
    """``{hoc_date}`name``` for a known campaign date format."""
    if name not in FORMATS:
        raise ValueError(f"unknown campaign_date format {name!r} (known: {', '.join(FORMATS)})")
    return f"{{hoc_date}}`{name}`"


def render_call(name: str, args: str, block: bool, *, context: str = TEXT) -> str:
    """The MyST for one helper call; ``ValueError`` says why there is none."""
    positional, keywords = parse_arguments(args)
    if name == "hoc_s":
        key = _one("hoc_s", positional, "string key")
        keywords.pop("markdown", None)
        values = " ".join(f"{k}={_role_value(v)}" for k, v in keywords.items())
        return f"{{hoc_s}}`{key}{' ' + values if values else ''}`"
    if name in ("resolve_url", "localized_file", "localized_image", "hoc_uri"):
        return _one(name, positional, "URL")
    if name == "codeorg_url":
        return CODEORG + "/" + _one(name, positional, "path").lstrip("/")
    if name == "campaign_date":
        role = date_role(_one(name, positional, "format"))
        if context != TEXT:
            raise ValueError("campaign_date cannot stand inside a URL, an HTML attribute or "
                             "front matter")
        return role
    if name == "view":
        partial = _one("view", positional, "partial name")
        if not block:
            raise ValueError("view must stand on a line of its own")
        return f"```{{include}} /{PARTIALS_DIR}/{partial}.md\n```"
    raise ValueError(f"unknown helper {name!r}")


def render_variable(code: str, context: str, settings: ErbSettings) -> str | None:
    """``@country``, ``request.host``...: a role in text, the value where none can stand."""
    setting = VARIABLES.get(code.strip())
    if setting is None:
        return None
    if context == TEXT:
        return f"{{hoc_setting}}`{setting}`"
    if setting == "language":
        raise ValueError(f"{code.strip()} differs per language and cannot stand inside a "
                         "URL, an HTML attribute or front matter")
    return settings.country if setting == "country" else settings.host


def construct_of(code: str) -> str:
    """The name a report gives an expression (``hoc_s``, ``@country``, ``view``...)."""
    code = code.strip()
    if code in VARIABLES:
        return code
    if _INSPECT.match(code):
        return "hoc_s.inspect"
    match = CALL.match(code)
    return match.group("name") if match else code[:30]


def render_expression(code: str, block: bool, context: str, settings: ErbSettings) -> str:
    """The MyST for the code of one ``<%= ... %>`` tag; ``ValueError`` says why not."""
    variable = render_variable(code, context, settings)
    if variable is not None:
        return variable
    inspected = _INSPECT.match(code)
    if inspected:
        name, args = split_call(inspected.group("call"))
        return '"' + render_call(name, args, False, context=context) + '"'
    name, args = split_call(code)
    return render_call(name, args, block, context=context)


def render_placeholder(name: str) -> str:
    """A ``{{ name }}`` of a ``.md.partial`` page: a site path, a date or a string."""
    name = name.strip()
    if name.startswith("urls/"):
        path = name.removeprefix("urls/").strip("/")
        if not _SITE_PATH.fullmatch(path or "/"):
            raise ValueError(f"cannot read the site path of {{{{ {name} }}}}")
        return "/" + path
    if name.startswith("campaign_date/"):
        return date_role(name.removeprefix("campaign_date/").replace("_", "-"))
    if _PLACEHOLDER_NAME.fullmatch(name):
        return f"{{hoc_s}}`{name}`"
    raise ValueError(f"cannot map the placeholder {{{{ {name} }}}}")
