"""The Hour of Code site extension: Pegasus helpers for MyST pages on Sphinx.

Each feature lives in its own module and registers itself through one
``setup_<feature>(app)`` call; this file is their table of contents.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from hoc._version import __version__
from hoc.collector import setup_collector
from hoc.conditions import setup_conditions
from hoc.config import setup_config
from hoc.dates import setup_dates
from hoc.erb import setup_erb
from hoc.fastlocale import setup_fast_locale
from hoc.files import setup_files
from hoc.guard import setup_guard
from hoc.images import setup_images
from hoc.languages import setup_languages
from hoc.links import setup_links
from hoc.navcache import setup_navcache
from hoc.pages import setup_pages
from hoc.redirects import setup_redirects
from hoc.search import setup_search
from hoc.share import setup_share
from hoc.sitemap import setup_sitemap
from hoc.sitesettings import setup_sitesettings
from hoc.sitewide import setup_sitewide
from hoc.state import setup_state
from hoc.stats import setup_stats
from hoc.strings import setup_strings
from hoc.theme import setup_theme
from hoc.theme_catalog import setup_theme_catalog
from hoc.toctitles import setup_toctitles


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register every feature of the extension."""
    setup_config(app)
    setup_guard(app)
    setup_fast_locale(app)
    setup_state(app)
    setup_erb(app)
    setup_conditions(app)
    setup_dates(app)
    setup_sitesettings(app)
    setup_share(app)
    setup_strings(app)
    setup_links(app)
    setup_files(app)
    setup_toctitles(app)
    setup_images(app)
    setup_pages(app)
    setup_redirects(app)
    setup_languages(app)
    setup_stats(app)
    setup_theme(app)
    setup_theme_catalog(app)
    setup_navcache(app)
    setup_sitemap(app)
    setup_search(app)
    setup_collector(app)
    setup_sitewide(app)
    return {
        "version": __version__,
        # Bump when the data we keep on the environment (hoc.docdata) changes shape, or
        # the guard's rules change (a page keeps the verdicts it was read with).
        "env_version": 4,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
