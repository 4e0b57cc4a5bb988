"""``{hoc_date}`short```: the campaign dates, written the way the page's language does.

Pegasus's ``campaign_date('short')`` becomes this role (see :mod:`hoc.core.dates`); the
dates come from ``hoc_campaign_dates`` and babel formats them for the build language,
so a translated page shows ``7–13 déc.`` with no translation work.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx.application import Sphinx

from hoc.core.dates import DEFAULT_DATES, format_campaign_date, parse_campaign_dates
from hoc.warnings_ import HocWarning, warn


def hoc_date_role(name: str, rawtext: str, text: str, lineno: int, inliner: Inliner,
                  options: dict[str, Any] | None = None, content: list[str] | None = None,
                  ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """The campaign date in format ``text``; an unknown format warns and shows ``full``."""
    env = inliner.document.settings.env
    language = env.config.language or "en"
    try:
        dates = parse_campaign_dates(env.config.hoc_campaign_dates)
    except ValueError:  # reported once, by hoc.config; never reached after validation
        dates = parse_campaign_dates(DEFAULT_DATES)
    try:
        formatted = format_campaign_date(dates, text.strip(), language)
    except ValueError as exc:
        warn(f"{{hoc_date}}: {exc}; using 'full'", HocWarning.ERB,
             location=(env.docname, lineno))
        formatted = format_campaign_date(dates, "full", language)
    return [nodes.inline(rawtext, formatted, classes=["hoc-date"])], []


def setup_dates(app: Sphinx) -> None:
    """Register the ``hoc_date`` role."""
    app.add_role("hoc_date", hoc_date_role)
