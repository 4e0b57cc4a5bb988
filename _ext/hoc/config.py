"""Our configuration values, registered and validated in one place.

Every value is prefixed ``hoc_``; a wrong type or value is a ``hoc.config`` warning
and the default is used, so a typo in ``conf.py`` never stops a build silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from hoc.core.dates import DEFAULT_DATES, check_campaign_dates
from hoc.core.languages import PEGASUS_LANGUAGES, is_known_language
from hoc.core.mixed import BRANDS
from hoc.warnings_ import HocWarning, warn


@dataclass(frozen=True)
class HocConfig:
    """The validated ``hoc_*`` configuration (paths relative to the source folder)."""

    languages: list[str] = field(default_factory=lambda: ["en"])
    """Every language the site is published in; the first is the source language."""
    strings_file: str = "_data/strings.yml"
    """The English string table (flat ``key: text`` YAML)."""
    navigation_file: str = "_data/navigation.yml"
    """Named navigation lists for the ``nav:`` front-matter key."""
    files_dir: str = "files"
    """Downloadable files, published at ``<lang>/files/`` in every language."""
    images_dir: str = "images"
    """Images (``/images/x.png``), published at ``<lang>/images/`` in every language."""
    redirects_file: str = "_data/redirects.yml"
    """Old URLs of an imported Pegasus site (``hoc import-site`` writes it); when present,
    every old URL gets a redirect page."""
    base_url: str = field(default="", metadata={"rebuild": "html"})
    """The public address of the site root (``https://example.org/``), for canonical,
    hreflang, sitemap and Open Graph URLs; empty leaves them out."""
    language_path: str = field(default="../{lang}/", metadata={"rebuild": "html"})
    """The path from one language's root to another's: ``../{lang}/`` when every
    language is a folder of one site, ``../../{lang}/latest/`` on Read the Docs."""
    translation_threshold: float = 0.8
    """A translated page with a smaller share of translated messages shows a notice."""
    translate_page: str = "/translate"
    """The page the "help translate" notice links to (a site-absolute URL)."""
    country: str = "us"
    """The country Pegasus pages are shown for: ``@country`` and ``<% if @country %>``."""
    campaign_dates: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_DATES))
    """The campaign's first and last day (``{"start": "YYYY-MM-DD", "end": ...}``),
    written per language by ``{hoc_date}`` (Pegasus ``campaign_date``)."""
    guard_max_depth: int = 10
    """The deepest a translation may nest emphasis, links, quotes and lists together
    (emphasis counted in ``*``/``_``/``~~`` characters); deeper ones ship in English."""
    guard_length_factor: int = 10
    """A translation may be this many times as long as its English message ..."""
    guard_length_extra: int = 200
    """... plus this many characters; a longer one ships in English."""
    brand_names: list[str] = field(default_factory=lambda: list(BRANDS))
    """Names that read as English but are the same in every language (Hour of Code,
    Code.org): a translated sentence naming them is not taken for English."""
    gc_threshold: int = field(default=10_000, metadata={"rebuild": ""})
    """Allocations between two young-generation collections during a build (Python's
    default is 700; :mod:`hoc.collector`); ``0`` leaves Python's collector as it is."""
    fast_locale: bool = field(default=True, metadata={"rebuild": ""})
    """A page's catalog guarded as the page is read, its parses shared with the page
    (:func:`hoc.guard.page_translations`, :mod:`hoc.core.parses`), translated paragraphs
    rendered from their translation as the page is read (:mod:`hoc.page_translation`),
    other messages parsed with MyST parsers kept for the build, bare sentences rendered
    without a parse, and Sphinx's Locale transform doing each piece of work once
    (:mod:`hoc.fastlocale`, :mod:`hoc.locale_transform`); ``0`` gives MyST's own parser
    for each message, Sphinx's own transform and every catalog guarded before the build.
    The pages are the same."""
    guard_ahead: bool = field(default=True, metadata={"rebuild": ""})
    """With ``fast_locale``, the catalogs of the pages to read checked by a second
    process while the build reads the pages, which also judges the English left in them
    and publishes them (:func:`hoc.guard._check_ahead`); ``0`` checks each catalog as
    its page is read. The pages, the warnings and their order are the same."""

    pegasus_languages: dict[str, str] = field(default_factory=dict)
    """Pegasus language codes → standard codes, over the built-in table
    (:data:`hoc.core.languages.PEGASUS_LANGUAGES`: ``cn`` → ``zh_CN``, ``zh`` →
    ``zh_TW``, ``la`` → ``es_419``...), for ``hoc import-site``."""

    @property
    def source_language(self) -> str:
        return self.languages[0]


# The narrowest rebuild each value needs: "env" when pages read it, "html" (field
# metadata) when only the written pages do.
_REBUILD: Literal["env", "html"] = "env"


def _check_base_url(value: str) -> str | None:
    parts = urlsplit(value)
    if value and (parts.scheme not in ("http", "https") or not parts.netloc):
        return "must be an absolute http(s) URL or empty"
    return None


def _check_language_path(value: str) -> str | None:
    return None if "{lang}" in value else "must contain {lang}"


def _check_threshold(value: float) -> str | None:
    return None if 0 <= value <= 1 else "must be a share between 0 and 1"


def _check_country(value: str) -> str | None:
    return None if re.fullmatch(r"[a-z]{2,3}", value) else "must be a lower-case country code"


_VALUE_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "base_url": _check_base_url,
    "language_path": _check_language_path,
    "translation_threshold": _check_threshold,
    "country": _check_country,
    "campaign_dates": check_campaign_dates,
    "guard_max_depth": lambda value: None if value >= 1 else "must be at least 1",
    "guard_length_factor": lambda value: None if value >= 1 else "must be at least 1",
    "guard_length_extra": lambda value: None if value >= 0 else "must not be negative",
    "gc_threshold": lambda value: None if value >= 0 else "must not be negative",
}


def _register(app: Sphinx) -> None:
    defaults = HocConfig()
    for item in fields(HocConfig):
        default = getattr(defaults, item.name)
        kinds = (int, float) if isinstance(default, float) else (type(default),)
        rebuild = item.metadata.get("rebuild", _REBUILD)
        app.add_config_value(f"hoc_{item.name}", default, rebuild, types=kinds)


def _validate(app: Sphinx, config: Config) -> None:
    """Check types once; keep the default (with a warning) where a value is wrong."""
    defaults = HocConfig()
    values: dict[str, Any] = {}
    for item in fields(HocConfig):
        name = f"hoc_{item.name}"
        value = getattr(config, name)
        default = getattr(defaults, item.name)
        expected = (int, float) if isinstance(default, float) else type(default)
        if not isinstance(value, expected) or isinstance(value, bool) != isinstance(default,
                                                                                    bool):
            warn(f"{name} must be a {type(default).__name__}, not {value!r}; "
                 f"using {default!r}", HocWarning.CONFIG)
            value = default
        values[item.name] = value
    languages = values["languages"]
    if not languages or not all(isinstance(lang, str) and lang for lang in languages):
        warn(f"hoc_languages must be a non-empty list of language codes, not {languages!r}",
             HocWarning.CONFIG)
        values["languages"] = defaults.languages
    values["languages"] = _known_languages(app, config, values["languages"])
    values["pegasus_languages"] = _known_pegasus_languages(app, values["pegasus_languages"])
    for name, check in _VALUE_CHECKS.items():
        problem = check(values[name])
        if problem:
            default = getattr(defaults, name)
            warn(f"hoc_{name} {problem}, not {values[name]!r}; using {default!r}",
                 HocWarning.CONFIG)
            values[name] = default
    for name, value in values.items():
        setattr(config, f"hoc_{name}", value)


def conf_location(app: Sphinx, name: str) -> str | None:
    """``conf.py:<line>`` where ``name`` is set, for a warning about its value (none
    when conf.py does not set it: the value came from the command line)."""
    path = Path(app.confdir) / "conf.py"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*[:=]")
    line = next((number for number, text in enumerate(lines, start=1)
                 if pattern.match(text)), None)
    return f"{path}:{line}" if line else None


def _unknown(code: str) -> str:
    standard = PEGASUS_LANGUAGES.get(code)
    hint = f" (Pegasus's {code!r} is {standard!r})" if standard else ""
    return f"{code!r} is not a language code babel knows{hint}"


def _known_languages(app: Sphinx, config: Config, languages: list[str]) -> list[str]:
    """``hoc_languages`` without the codes babel does not know (each a warning at
    ``conf.py``'s line): a language's name, direction, plural rule and number format
    all come from CLDR. The build's own language gets the same warning; it still
    builds, its texts written as the source language writes them."""
    location = conf_location(app, "hoc_languages")
    known = [code for code in languages if is_known_language(code)]
    for code in languages:
        if code not in known:
            warn(f"hoc_languages: {_unknown(code)}; it is left out of the site's "
                 "languages", HocWarning.CONFIG, location=location)
    language = config.language
    if language and language not in languages and not is_known_language(language):
        warn(f"language: {_unknown(language)}", HocWarning.CONFIG, location=location)
    return known or list(HocConfig().languages)


def _known_pegasus_languages(app: Sphinx, table: dict[str, str]) -> dict[str, str]:
    """``hoc_pegasus_languages`` without the entries whose standard code babel does not
    know (each a warning)."""
    kept: dict[str, str] = {}
    for code, standard in table.items():
        if isinstance(code, str) and isinstance(standard, str) \
                and is_known_language(standard):
            kept[code] = standard
        else:
            warn(f"hoc_pegasus_languages: {code!r} → {standard!r}: the standard code must "
                 "be one babel knows; the entry is left out", HocWarning.CONFIG,
                 location=conf_location(app, "hoc_pegasus_languages"))
    return kept


def hoc_config(holder: Sphinx | BuildEnvironment) -> HocConfig:
    """The validated configuration (valid from ``config-inited`` on)."""
    return HocConfig(**{item.name: getattr(holder.config, f"hoc_{item.name}")
                        for item in fields(HocConfig)})


def source_path(holder: Sphinx | BuildEnvironment, relative: str) -> Path:
    """A path below the source folder."""
    return Path(holder.srcdir) / relative


def setup_config(app: Sphinx) -> None:
    """Register every ``hoc_*`` value and validate them when the config is read."""
    _register(app)
    # priority 400 (before the default 500): other features read hoc_config() in their
    # own config-inited handlers.
    app.connect("config-inited", _validate, priority=400)
