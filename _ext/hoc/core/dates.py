"""The campaign dates (``campaign_date('short')`` in Pegasus), in every language.

Pegasus kept one hand-written date text per country and format in its string tables;
we keep the two dates once (``hoc_campaign_dates`` in ``conf.py``) and let babel write
them the way each language does (en ``Dec 7 – 13``, fr ``7–13 déc.``), so a new year is
one edit and a new language needs no translation of dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel import Locale, UnknownLocaleError
from babel.dates import format_interval, format_skeleton

DEFAULT_DATES = {"start": "2026-12-07", "end": "2026-12-13"}
"""The campaign week used when ``conf.py`` names none."""

FORMATS: dict[str, tuple[bool, str]] = {
    "start-short": (False, "MMMd"),
    "start-long": (False, "MMMMd"),
    "short": (True, "MMMd"),
    "full": (True, "MMMMd"),
    "year": (False, "y"),
    "full-year": (True, "yMMMMd"),
}
"""Pegasus's format names → (an interval?, the CLDR skeleton babel formats)."""


@dataclass(frozen=True)
class CampaignDates:
    """The first and last day of the campaign."""

    start: date
    end: date


def parse_campaign_dates(value: object) -> CampaignDates:
    """``{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}``; ``ValueError`` says what is wrong."""
    if not isinstance(value, dict) or set(value) != {"start", "end"}:
        raise ValueError('must be a mapping {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}')
    try:
        start, end = (date.fromisoformat(str(value[key])) for key in ("start", "end"))
    except ValueError as exc:
        raise ValueError(f"has a date that is not YYYY-MM-DD ({exc})") from None
    if end < start:
        raise ValueError("ends before it starts")
    return CampaignDates(start, end)


def check_campaign_dates(value: object) -> str | None:
    """The problem with a ``hoc_campaign_dates`` value, or ``None``."""
    try:
        parse_campaign_dates(value)
    except ValueError as exc:
        return str(exc)
    return None


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def format_campaign_date(dates: CampaignDates, name: str, language: str) -> str:
    """The campaign date in format ``name`` (``short``, ``full``...) for ``language``.

    An unknown format name is a ``ValueError``; an unknown language is written as English.
    """
    if name not in FORMATS:
        raise ValueError(f"unknown campaign_date format {name!r} (known: "
                         f"{', '.join(FORMATS)})")
    interval, skeleton = FORMATS[name]
    locale = _locale(language)
    if interval:
        return format_interval(dates.start, dates.end, skeleton, locale=locale)
    return format_skeleton(skeleton, dates.start, locale=locale)
