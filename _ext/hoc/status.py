"""``make stats`` and ``make check``: translation status and quality, from the PO files."""

from __future__ import annotations

import sys
from pathlib import Path

from hoc.core.catalogs import CatalogReport, Status, examine_language
from hoc.core.guard import myst_parser
from hoc.core.guard_limits import limits_from_settings
from hoc.core.mixed import BRANDS, MixedText
from hoc.project import Project


def reports(project: Project, languages: list[str],
            templates: Path | None) -> dict[str, list[CatalogReport]]:
    parser = myst_parser(frozenset(project.myst_extensions()))
    limits = limits_from_settings(project.settings())
    brands = tuple(project.settings().get("hoc_brand_names", BRANDS))
    return {language: examine_language(project.locale, language, parser, templates, limits,
                                       MixedText(language, brands))
            for language in languages}


def _row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(cell.ljust(width) if i == 0 else cell.rjust(width)
                     for i, (cell, width) in enumerate(zip(cells, widths, strict=True)))


def stats_table(by_language: dict[str, list[CatalogReport]]) -> str:
    """A plain-text table: one line per page and language, and a total per language."""
    header = ["language / page", "translated", "partly", "fuzzy", "untranslated", "rejected",
              "done"]
    rows: list[list[str]] = []
    for language, catalog_reports in by_language.items():
        total = Status()
        for report in catalog_reports:
            total += report.status
            rows.append(_cells(f"  {report.domain}", report.status))
        rows.append(_cells(f"{language} (all)", total))
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join(_row(row, widths) for row in [header, *rows])


def _cells(label: str, status: Status) -> list[str]:
    return [label, str(status.translated), str(status.partly), str(status.fuzzy),
            str(status.untranslated), str(status.rejected), f"{status.share:.0%}"]


def run_stats(project: Project, languages: list[str], templates: Path | None = None) -> int:
    """The status table; with ``templates`` (``make gettext``'s folder), a message a PO
    file lacks counts as untranslated."""
    print(stats_table(reports(project, languages, templates)))
    return 0


def run_check(project: Project, languages: list[str], templates: Path | None) -> int:
    """Print every problem as ``file:line: message``; non-zero when there is one."""
    if templates is not None and not templates.is_dir():
        print(f"no templates in {templates}: run `make gettext` first", file=sys.stderr)
        return 2
    count = partly = 0
    for catalog_reports in reports(project, languages, templates).values():
        for report in catalog_reports:
            for problem in report.problems:
                print(f"{problem.location}: {problem.message}")
                count += 1
            for note in report.notes:
                print(f"{note.location}: note: {note.message}")
            partly += report.status.partly
    print(f"{count} problem(s) in the translations of {', '.join(languages)}; "
          f"{partly} message(s) partly translated (English left in them)", file=sys.stderr)
    return 1 if count else 0
