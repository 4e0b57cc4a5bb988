"""``hoc import-site``: a whole Pegasus site into this project, in one command.

In order: English pages (ERB rewritten to MyST) with a table of contents for every
folder, partials (HAML and Markdown views), navigation lists (``*_nav.md`` views),
images and downloads with their language variants, string tables of every language,
redirects for the old URLs; then Sphinx extracts the new pages' messages and every
translated page is aligned block by block into its PO file.

Re-running it after the Pegasus site changed updates what changed and keeps what people
edited since (:mod:`hoc.import_state`). Nothing is dropped silently: what could not be
converted, aligned or found is in the report (:mod:`hoc.import_report`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path

import yaml

from hoc.core.erb import rewrite
from hoc.core.erb_calls import ErbSettings
from hoc.core.guard import myst_parser
from hoc.core.haml import HamlResult, convert_haml, convert_haml_page
from hoc.core.languages import PEGASUS_LANGUAGES, standard_language
from hoc.core.oldurls import RedirectConfig, dump_redirects, load_redirects
from hoc.core.pegasus_site import Layout, read_layout
from hoc.core.tables import Table, read_tables
from hoc.import_report import ImportReport, Issue, PageReport
from hoc.import_state import MANIFEST, ImportState, write_tracked
from hoc.import_translations import import_page, read_template
from hoc.project import Project
from hoc.strings_import import import_english, import_translated

_TOCTREE_START = "<!-- hoc import-site: pages of this folder -->"
_TOCTREE_END = "<!-- end of pages of this folder -->"


_MISSING = re.compile(r"partial '(?P<name>[^']+)' not found")
_SITE_FILE = re.compile(r"(?<![\w/.])/(?:files|images)/[^\s)\"'<>#?`]+")


def _convert(path: Path, settings: ErbSettings, partial: bool,
             partial_exists: Callable[[str], bool], target: str,
             views: Mapping[str, str]) -> tuple[str, PageReport]:
    """A page or partial's MyST and its report (what was converted, what was not, which
    partials it names that do not exist: their lines are dropped and reported)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    result = rewrite(text, settings=settings, placeholders=partial,
                     partial_exists=partial_exists, views=views)
    report = PageReport(source=str(path), target=target)
    report.converted = dict(result.converted)
    report.not_converted = [Issue(str(path), p.line, p.message) for p in result.problems]
    report.missing = sorted({f"_partials/{match.group('name')}.md" for p in result.problems
                             if (match := _MISSING.search(p.message))})
    return result.text, report


def _haml_issues(path: Path, haml: HamlResult) -> list[Issue]:
    """What a HAML conversion left out, then what it converted with a loss, located."""
    return [Issue(str(path), p.line, p.message) for p in haml.problems] + \
        [Issue(str(path), loss.line, "converted without " + loss.message)
         for loss in haml.losses]


def _children(docnames: set[str], root_doc: str) -> dict[str, list[str]]:
    """Each folder index → the pages it lists: its folder's pages and sub-folder indexes;
    pages of a folder without an index go to the nearest index above."""
    listed: dict[str, list[str]] = {}
    for docname in sorted(docnames - {root_doc}):
        folder = docname.rsplit("/", 1)[0] if "/" in docname else ""
        if docname.endswith("/index"):
            folder = folder.rsplit("/", 1)[0] if "/" in folder else ""
        parent = root_doc
        probe = folder
        while probe:
            if f"{probe}/index" in docnames:
                parent = f"{probe}/index"
                break
            probe = probe.rsplit("/", 1)[0] if "/" in probe else ""
        listed.setdefault(parent, []).append(docname)
    return listed


def _with_toctree(text: str, parent: str, children: list[str], hidden: bool = True) -> str:
    """The page with a table of contents of ``children`` (replacing an earlier one);
    hidden, since Pegasus pages link their own way, unless the page has nothing else."""
    base = parent.rsplit("/", 1)[0] + "/" if "/" in parent else ""
    entries = "\n".join(child.removeprefix(base) for child in children)
    options = ":hidden:\n" if hidden else ":maxdepth: 1\n"
    block = f"{_TOCTREE_START}\n```{{toctree}}\n{options}\n{entries}\n```\n{_TOCTREE_END}\n"
    start = text.find(_TOCTREE_START)
    if start >= 0:
        end = text.find(_TOCTREE_END, start)
        text = text[:start] + text[end + len(_TOCTREE_END) + 1:] if end >= 0 else text[:start]
    return text.rstrip("\n") + "\n\n" + block


def _gettext(project: Project, potdir: Path) -> tuple[int, str]:
    """Extract the pages' messages with Sphinx's gettext builder, quietly."""
    command = [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-c", str(project.root),
               str(project.source), str(potdir), "-d", str(potdir / ".doctrees")]
    result = subprocess.run(command, cwd=project.root, capture_output=True, text=True,
                            check=False)
    return result.returncode, result.stderr


class SiteImport:
    """One run of the import: the project, the Pegasus site and what was done."""

    def __init__(self, project: Project, source: Path, force: bool = False) -> None:
        self.project = project
        self.source = source
        self.force = force
        settings = project.settings()
        self.languages: list[str] = list(settings.get("hoc_languages", ["en"]))
        self.root_doc = str(settings.get("root_doc", "index"))
        self.country = str(settings.get("hoc_country", "us"))
        self.settings = ErbSettings.from_config(self.country, settings.get("hoc_base_url"))
        self.state = ImportState.load(project.source / MANIFEST)
        self.report = ImportReport(source=str(source))
        self.aliases: dict[str, str] = {**PEGASUS_LANGUAGES,
                                        **dict(settings.get("hoc_pegasus_languages") or {})}
        """Pegasus's language codes → standard ones (``cn`` → ``zh_CN``)."""
        self.layout: Layout = read_layout(source, self.country, set(self.languages),
                                          self.aliases)
        self.views = {name: "" if path.suffix == ".haml" else
                      path.read_text(encoding="utf-8", errors="replace")
                      for name, path in self.layout.partials.items()}
        """Each view's text, for ``{{ name }}`` placeholders that render a view."""
        self._view_issues: list[Issue] = []
        """What the views a HAML page includes could not bring (:meth:`render_view`)."""
        self._view_stack: list[str] = []
        """The views being rendered, innermost last (a view never includes itself)."""
        self.pages: dict[str, str] = {}
        """Docname → the MyST text of each imported English page, as written."""

    def write(self, relative: str, text: str) -> str:
        return write_tracked(self.project.source / relative, text, self.state,
                             self.project.root, self.force)

    # -- English ------------------------------------------------------------------------

    def import_pages(self) -> None:
        converted: dict[str, tuple[str, PageReport]] = {
            docname: self.convert_haml_page(docname, page.path)
            if page.path.suffix == ".haml" else
            _convert(page.path, self.settings, page.partial, self.partial_exists,
                     f"{docname}.md", self.views)
            for docname, page in self.layout.pages.items()}
        docnames = set(converted) | self._existing_docnames()
        generated_home = self.root_doc not in docnames
        if generated_home:
            title = "Hour of Code"
            converted[self.root_doc] = (f"# {title}\n", PageReport(
                source="(none: the Pegasus home page is not Markdown)",
                target=f"{self.root_doc}.md"))
            docnames.add(self.root_doc)
            self.report.notes.append(f"wrote a home page {self.root_doc}.md listing the pages")
        for parent, children in _children(docnames, self.root_doc).items():
            if parent in converted:
                text, page_report = converted[parent]
                hidden = not (generated_home and parent == self.root_doc)
                converted[parent] = (_with_toctree(text, parent, children, hidden),
                                     page_report)
            else:
                path = self.project.source / f"{parent}.md"
                text = path.read_text(encoding="utf-8") if path.is_file() else f"# {parent}\n"
                self.report.notes.append(f"{parent}.md lists the imported pages of its folder")
                converted[parent] = (_with_toctree(text, parent, children),
                                     PageReport(source=str(path), target=f"{parent}.md"))
        for docname, (text, page_report) in sorted(converted.items()):
            page_report.status = self.write(f"{docname}.md", text)
            page_report.missing += self.missing_files(text)
            self.pages[docname] = (self.project.source / f"{docname}.md").read_text(
                encoding="utf-8")
            self.report.pages[docname] = page_report

    def _existing_docnames(self) -> set[str]:
        from hoc.redirects import site_docnames

        return site_docnames(self.project)

    def missing_files(self, text: str) -> list[str]:
        """The images and downloads a page links to that neither the site nor the project
        has (a resized image counts as its original, as the build serves it)."""
        from hoc.core.files import pick_file, published_folder, safe_file_name

        missing = set()
        for match in _SITE_FILE.finditer(text):
            folder = published_folder(match.group(0))
            name = safe_file_name(match.group(0), folder.prefix) if folder else None
            if folder is None or name is None or pick_file(
                    self.project.source / folder.published, name, self.languages[0]) is None:
                missing.add(match.group(0))
        return sorted(missing)

    def convert_haml_page(self, docname: str, path: Path) -> tuple[str, PageReport]:
        """A HAML page as MyST: its HAML converted (:func:`convert_haml_page`), the views
        it includes rendered (:meth:`render_view`), then its ERB (front matter) rewritten
        like a Markdown page's. What could not be converted is in the report, located in
        the page or in the view it came from."""
        self._view_issues = []
        self._view_stack = []
        text = path.read_text(encoding="utf-8", errors="replace")
        haml = convert_haml_page(text, docname, self.render_view)
        result = rewrite(haml.text, settings=self.settings, partial_exists=self.partial_exists,
                         views=self.views)
        report = PageReport(source=str(path), target=f"{docname}.md")
        report.converted = dict(haml.converted + result.converted)
        report.not_converted = _haml_issues(path, haml) + self._view_issues
        # The ERB rewrite read the converted text, whose lines are not the page's.
        report.not_converted += [Issue(str(path), None, p.message) for p in result.problems]
        return result.text, report

    def render_view(self, name: str, bound: dict[str, str], line: int) -> str | None:
        """``= view :name, key: value`` in a HAML page: the partial included as it is
        when nothing is passed to it, else the view converted with its locals filled in
        (a HAML view; another kind is included, its locals reported as not passed)."""
        path = self.layout.partials.get(name)
        if path is None and not self.partial_exists(name):
            return None
        include = f"```{{include}} /_partials/{name}.md\n```"
        if not bound:
            return include
        if path is None or path.suffix != ".haml" or name in self._view_stack:
            self._view_issues.append(Issue(str(path or name), None, f"view {name!r} is "
                                           "included without the locals passed to it ("
                                           + ", ".join(sorted(bound)) + ")"))
            return include
        self._view_stack.append(name)
        try:
            haml = convert_haml(path.read_text(encoding="utf-8", errors="replace"), name,
                                self.render_view, bound)
        finally:
            self._view_stack.pop()
        self._view_issues += _haml_issues(path, haml)
        return haml.text

    def partial_exists(self, name: str) -> bool:
        """A partial the import brings, or one the project already has."""
        return name in self.layout.partials or (
            self.project.source / "_partials" / f"{name}.md").is_file()

    def import_partials(self) -> None:
        for name, path in sorted(self.layout.partials.items()):
            text = path.read_text(encoding="utf-8", errors="replace")
            report = PageReport(source=str(path), target=f"_partials/{name}.md")
            if path.suffix == ".haml":
                haml = convert_haml(text, name)
                myst = haml.text
                report.converted = dict(haml.converted)
                report.not_converted = _haml_issues(path, haml)
            else:
                myst, report = _convert(path, self.settings, False, self.partial_exists,
                                        f"_partials/{name}.md", self.views)
            report.status = self.write(f"_partials/{name}.md", myst)
            self.report.partials[name] = report

    def import_navigation(self) -> None:
        """Navigation views into ``navigation.yml`` (lists already there are kept)."""
        from hoc.core.navviews import (
            NavEntry,
            NavResult,
            convert_nav_view,
            navigation_yaml,
            splice_includes,
            unresolved_includes,
        )

        views: dict[str, NavResult] = {}
        for name, path in sorted(self.layout.navigation.items()):
            views[name] = convert_nav_view(path.read_text(encoding="utf-8", errors="replace"),
                                           name)
            report = PageReport(source=str(path), target=f"_data/navigation.yml#{name}")
            report.converted = {"navigation entry": len(views[name].entries)}
            report.not_converted = [Issue(str(path), p.line, p.message)
                                    for p in [*views[name].problems, *views[name].skipped]]
            self.report.navigation[name] = report
        for name, include in unresolved_includes(views):
            self.report.navigation[name].missing.append(f"views/{include.name}")
        navigation_file = self.project.source / "_data" / "navigation.yml"
        existing: dict[str, object] = {}
        if navigation_file.is_file():
            existing = yaml.safe_load(navigation_file.read_text(encoding="utf-8")) or {}
        lists: dict[str, list[NavEntry]] = {
            name: [NavEntry(str(item.get("url", "")), item.get("label"), item.get("text"))
                   for item in value if isinstance(item, dict)]
            for name, value in existing.items() if isinstance(value, list)}
        lists.update(splice_includes(views))
        status = self.write("_data/navigation.yml", navigation_yaml(lists))
        for report in self.report.navigation.values():
            report.status = status

    def import_assets(self) -> None:
        for asset in self.layout.assets:
            target = self.project.source / asset.target
            if target.is_file() and target.read_bytes() == asset.path.read_bytes():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(asset.path, target)
            self.report.files.append(asset.target)

    def import_strings(self) -> dict[str, Table]:
        tables = read_tables(self.source / "i18n")
        strings_file = self.project.source / "_data" / "strings.yml"
        english_table = tables.get(self.languages[0])
        if english_table is not None:
            self.report.strings[self.languages[0]] = import_english(
                english_table, strings_file, self.state, self.force)
        from hoc.core.strings import load_english

        english, _, _ = load_english(strings_file)
        pegasus_english = english_table.texts if english_table else {}
        for code, table in sorted(tables.items()):
            language = standard_language(code, self.aliases)
            if code == self.languages[0] or language == self.languages[0]:
                continue
            po_path = self.project.locale / language / "LC_MESSAGES" / "strings.po"
            report, added = import_translated(table, english, po_path, self.state,
                                              pegasus_english)
            if added:
                english_table_now, _, _ = load_english(strings_file)
                from hoc.strings_import import write_strings_yml

                write_strings_yml(strings_file, english_table_now | added)
                english |= added
            self.report.strings[language] = report
        return tables

    def import_redirects(self) -> None:
        path = self.project.source / "_data" / "redirects.yml"
        config, _ = load_redirects(path)
        merged = RedirectConfig(config.redirects | self.layout.redirects,
                                config.countries | self.layout.countries)
        self.write("_data/redirects.yml", dump_redirects(merged))
        self.report.redirects = dict(sorted(self.layout.redirects.items()))

    # -- translations -------------------------------------------------------------------

    def import_translations(self) -> None:
        parser = myst_parser(frozenset(self.project.myst_extensions()))
        with tempfile.TemporaryDirectory(prefix="hoc-import-") as folder:
            potdir = Path(folder)
            status, errors = _gettext(self.project, potdir)
            if status != 0:
                raise SystemExit(f"extracting the imported pages' messages failed:\n{errors}")
            for language, pages in sorted(self.layout.translations.items()):
                if language not in self.languages:
                    self.report.languages_not_built.append(language)
                for docname, page in sorted(pages.items()):
                    pot = potdir / f"{docname}.pot"
                    if docname not in self.pages or not pot.is_file():
                        self.report.skipped.append(Issue(str(page.path), None,
                                                         "translation of a page not imported"))
                        continue
                    po_path = self.project.locale / language / "LC_MESSAGES" / f"{docname}.po"
                    translation = import_page(language, docname, self.pages[docname],
                                              page, read_template(pot), po_path,
                                              self.state, parser, self.settings, self.views)
                    self.report.pages[docname].translations[language] = translation

    def expect_warnings(self) -> None:
        """Say what the imported site's build will warn about that the import cannot fix:
        settings of ``conf.py`` that the Pegasus site does not meet."""
        from hoc.core.links import find_docname

        settings = self.project.settings()
        translate_page = str(settings.get("hoc_translate_page", "/translate"))
        docnames = self._existing_docnames()
        if translate_page and find_docname(translate_page, docnames, self.root_doc) is None:
            self.report.expected_warnings.append(
                f"hoc_translate_page {translate_page!r} is not a page of this site (the "
                "Pegasus site has none: write one, or set hoc_translate_page)")
        for page in self.report.pages.values():
            for path in page.missing:
                if path.startswith("/images/"):
                    self.report.expected_warnings.append(f"missing image {path!r}")
                elif path.startswith("/files/"):
                    self.report.expected_warnings.append(f"link to missing file {path!r}")
        for language in self.languages[1:]:
            if not (self.project.locale / language / "LC_MESSAGES").is_dir():
                self.report.expected_warnings.append(
                    f"no translations for language {language!r} (the Pegasus site has none)")

    def run(self) -> ImportReport:
        if not (self.source / "public").is_dir():
            raise SystemExit(f"{self.source}: not a Pegasus site (no public/ folder)")
        self.import_strings()
        self.import_assets()
        self.import_partials()
        self.import_navigation()
        self.import_pages()
        self.import_redirects()
        self.import_translations()
        self.report.skipped += [Issue(str(s.path), None, s.reason) for s in self.layout.skipped]
        self.expect_warnings()
        self.state.save(self.project.source / MANIFEST)
        return self.report


def import_site(project: Project, source: Path, report_path: Path | None = None,
                force: bool = False) -> ImportReport:
    """Import a Pegasus site folder into ``project``; write the JSON report too."""
    report = SiteImport(project, source, force).run()
    if report_path is not None:
        report.write(report_path)
    return report


def converted_totals(report: ImportReport) -> Counter[str]:
    """How many of each helper were converted, over every page and partial."""
    totals: Counter[str] = Counter()
    for page in [*report.pages.values(), *report.partials.values()]:
        totals.update(page.converted)
    return totals
