"""``{hoc_setting}`country```: the site settings Pegasus pages read from the request.

Pegasus pages printed ``@country``, ``@language`` and ``request.host``; our pages name
the setting and each build fills in its own value: ``hoc_country``, the build
language, and the host of ``hoc_base_url``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx.application import Sphinx
from sphinx.config import Config

from hoc.core.erb_calls import ErbSettings
from hoc.warnings_ import HocWarning, warn

SETTINGS = ("country", "language", "host")


def erb_settings(config: Config) -> ErbSettings:
    """The settings the ERB rewriter writes where no role can stand."""
    return ErbSettings.from_config(config.hoc_country, config.hoc_base_url)


def setting_value(config: Config, name: str) -> str | None:
    """The value of one setting for this build, ``None`` for an unknown name."""
    if name == "language":
        return str(config.language or "en")
    settings = erb_settings(config)
    return {"country": settings.country, "host": settings.host}.get(name)


def hoc_setting_role(name: str, rawtext: str, text: str, lineno: int, inliner: Inliner,
                     options: dict[str, Any] | None = None, content: list[str] | None = None,
                     ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """The value of the setting ``text``; an unknown one warns and shows nothing."""
    env = inliner.document.settings.env
    value = setting_value(env.config, text.strip())
    if value is None:
        warn(f"{{hoc_setting}}: unknown setting {text.strip()!r} (known: "
             f"{', '.join(SETTINGS)})", HocWarning.ERB, location=(env.docname, lineno))
        value = ""
    return [nodes.inline(rawtext, value, classes=["hoc-setting"])], []


def setup_sitesettings(app: Sphinx) -> None:
    """Register the ``hoc_setting`` role."""
    app.add_role("hoc_setting", hoc_setting_role)
