"""Pegasus pages build unchanged: ERB helpers are rewritten to MyST as pages are read.

Every ``.md`` page under ``source/`` may use the Pegasus helpers; :mod:`hoc.core.erb`
turns them into the MyST that the rest of the extension resolves, so an imported page
and a page written by hand go through the same path. The site settings (``hoc_country``,
the host of ``hoc_base_url``) fill the places where no role can stand, and a ``view`` of
a partial that does not exist is reported and dropped (never a missing include). ERB we
cannot rewrite is a ``hoc.erb`` warning at its line and never reaches the page.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from hoc.core.erb import Rewrite, has_erb, rewrite
from hoc.core.erb_calls import PARTIALS_DIR
from hoc.core.pegasus_markup import has_markup
from hoc.sitesettings import erb_settings
from hoc.warnings_ import HocWarning, warn


def _rewrite(app: Sphinx, text: str) -> Rewrite:
    partials = Path(app.srcdir) / PARTIALS_DIR
    return rewrite(text, settings=erb_settings(app.config),
                   partial_exists=lambda name: (partials / f"{name}.md").is_file())


def rewrite_page(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: rewrite the page's ERB in place."""
    if not has_erb(source[0]) and not has_markup(source[0]):
        return
    result = _rewrite(app, source[0])
    for problem in result.problems:
        warn(problem.message, HocWarning.ERB, location=(docname, problem.line))
    source[0] = result.text


def rewrite_include(app: Sphinx, relative_path: object, parent_docname: str,
                    content: list[str]) -> None:
    """``include-read``: partials included by ``view`` may use ERB too."""
    if not has_erb(content[0]) and not has_markup(content[0]):
        return
    result = _rewrite(app, content[0])
    for problem in result.problems:
        warn(problem.message, HocWarning.ERB, location=f"{relative_path}:{problem.line}")
    content[0] = result.text


def setup_erb(app: Sphinx) -> None:
    """Rewrite ERB in pages and included partials as Sphinx reads them."""
    app.connect("source-read", rewrite_page)
    app.connect("include-read", rewrite_include)
