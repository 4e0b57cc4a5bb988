"""``hoc import-site`` on a whole Pegasus site: our fixture under ``tests/data/pegasus-site``.

The fixture has every construct of the real hourofcode.com (``CONSTRUCTS.md`` lists them)
and French and Spanish translations made from drifted English. One import and one build
of every language serve most tests; re-import tests work on their own copies.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import polib
import pytest
from sphinx.util.console import strip_escape_sequences

from conftest import PROJECT, TESTS, read_html
from hoc.build import build_all
from hoc.cli import main
from hoc.project import Project

SITE = TESTS / "data" / "pegasus-site"
LANGUAGES = ["en", "fr", "es", "ar"]


def empty_project(root: Path) -> Path:
    """A project with this site's configuration and nothing in it yet."""
    (root / "source").mkdir(parents=True)
    shutil.copyfile(PROJECT / "conf.py", root / "conf.py")
    return root


def run_import(project: Path, site: Path, *extra: str) -> dict:
    report = project / "report.json"
    assert main(["--project", str(project), "import-site", str(site), "--report",
                 str(report), *extra]) == 0
    return json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The fixture site imported into an empty project and built in every language."""
    root = tmp_path_factory.mktemp("imported")
    project = empty_project(root / "project")
    report = run_import(project, SITE)
    builddir = root / "build"
    import io
    from contextlib import redirect_stdout

    output = io.StringIO()
    with redirect_stdout(output):
        status = build_all(Project(project), LANGUAGES, builddir, ["--keep-going"])
    # Sphinx colours its output where CI is set: read it without the colours.
    return {"project": project, "report": report, "html": builddir / "html",
            "status": status, "log": strip_escape_sequences(output.getvalue())}


def _message(path: Path, msgid: str) -> polib.POEntry:
    entry = polib.pofile(str(path)).find(msgid)
    assert entry is not None, f"{msgid!r} is not a message of {path}"
    return entry


# -- the report -------------------------------------------------------------------------

def test_every_page_partial_and_navigation_is_imported(imported):
    report = imported["report"]
    assert set(report["pages"]) >= {
        "how-to/index", "how-to/districts", "how-to/events", "promote/index",
        "promote/resources", "promote/stats", "prizes/index", "prizes/hardware-signup",
        "learn-more", "volunteer-guidelines", "only-us", "index"}
    assert set(report["partials"]) >= {"signup_button", "share_buttons", "prize_countries"}
    assert set(report["navigation"]) == {"how_to_nav", "promote_nav", "resources_nav"}
    assert report["redirects"] == {"/beyond": "https://code.org/learn",
                                   "/resources": "/promote/resources",
                                   "/resources/promote": "/promote/resources"}
    source = imported["project"] / "source"
    for docname in report["pages"]:
        text = (source / f"{docname}.md").read_text(encoding="utf-8")
        assert "<%" not in text and "%>" not in text, docname


def test_what_could_not_be_brought_is_reported_where_it_is(imported):
    report = imported["report"]
    assert "_partials/social_posters.md" in report["pages"]["promote/resources"]["missing"]
    skipped = {Path(issue["file"]).name: issue["message"] for issue in report["skipped"]}
    assert "index.haml" not in skipped  # a HAML page comes over like the others
    assert "country 'ar'" in skipped["local-events.md"]
    haml = report["partials"]["prize_countries"]["not_converted"]
    assert haml and all(issue["line"] for issue in haml)
    fr = report["strings"]["fr"]
    assert fr["unknown_keys"] == ["fr_poster_print_shop"]
    assert any(issue["line"] == 41 for issue in fr["problems"])


def test_string_tables_import_whole(imported):
    project = imported["project"]
    english = (project / "source" / "_data" / "strings.yml").read_text(encoding="utf-8")
    report = imported["report"]["strings"]
    assert report["en"]["imported"] >= 50
    for language in ("fr", "es"):
        catalog = polib.pofile(str(project / "locale" / language / "LC_MESSAGES" /
                                   "strings.po"))
        translated = {e.msgctxt for e in catalog.translated_entries()}
        assert len(translated) == report[language]["imported"]
        assert len(translated) >= 40
        assert all(e.msgctxt + ":" in english for e in catalog.translated_entries())


def test_translations_of_drifted_english_bring_every_matching_block(imported):
    report = imported["report"]["pages"]
    for docname, language in [("how-to/index", "fr"), ("how-to/index", "es"),
                              ("promote/index", "fr"), ("how-to/districts", "fr")]:
        translation = report[docname]["translations"][language]
        assert translation["aligned"] >= 0.75 * translation["blocks"], (docname, language)
        for block in translation["left_in_english"]:
            assert block["reason"], block
    # French was made from older English: the paragraph English gained since stays
    # English, with its reason.
    left = report["how-to/index"]["translations"]["fr"]["left_in_english"]
    assert any("counterpart" in block["reason"] for block in left)


# -- the built site ---------------------------------------------------------------------

def test_every_language_builds(imported):
    assert imported["status"] == 0, imported["log"][-3000:]
    for language in LANGUAGES:
        for docname in imported["report"]["pages"]:
            assert (imported["html"] / language / f"{docname}.html").is_file()


def test_build_warnings_are_the_reported_ones(imported):
    """The import says what the build will warn about; the build warns of nothing else."""
    expected = imported["report"]["expected_warnings"]
    assert any("hoc_translate_page" in warning for warning in expected)
    assert any("'ar'" in warning for warning in expected)
    warnings = [line for line in imported["log"].splitlines()
                if re.search(r"\b(WARNING|CRITICAL|ERROR)\b", line)]
    assert warnings
    unexpected = [line for line in warnings
                  if not any(warning.split(" (")[0] in line for warning in expected)]
    assert unexpected == []


def test_a_translated_heading_starting_with_a_number_applies(imported):
    soup = read_html(imported["html"] / "fr" / "how-to" / "index.html")
    headings = [h.get_text(" ", strip=True) for h in soup.find_all(["h2", "h3"])]
    assert any(re.match(r"1\)\s", heading) for heading in headings), headings
    numbered = [h for h in soup.find_all("h2") if re.match(r"\d\)", h.get_text(strip=True))]
    assert numbered and all(h.get("lang") != "en" and not h.find(lang="en")
                            for h in numbered[:1])


def test_blocks_left_in_english_are_marked(imported):
    soup = read_html(imported["html"] / "fr" / "how-to" / "index.html")
    article = soup.find("article")
    marked = article.find_all(attrs={"lang": "en"})
    left = imported["report"]["pages"]["how-to/index"]["translations"]["fr"]["left_in_english"]
    assert marked and len(left) >= 1


def test_old_urls_answer(imported):
    html = imported["html"]
    lines = (html / "_redirects").read_text(encoding="utf-8").splitlines()[1:]
    targets = {}
    for line in lines:
        old, new, code = line.split()
        assert code == "301"
        targets[old] = new
        if not new.startswith("http"):
            assert (html / re.split(r"[?#]", new.lstrip("/"))[0]).is_file(), line
    assert targets["/how-to/districts"] == "/en/how-to/districts.html"
    # A country's old URL tells the page its reader's country (its sections show).
    assert targets["/us/how-to/districts"] == "/en/how-to/districts.html?country=us"
    assert targets["/mx/how-to/districts"] == "/es/how-to/districts.html?country=mx"
    assert targets["/ca/fr/how-to/districts"] == "/fr/how-to/districts.html?country=ca"
    assert targets["/beyond"] == "https://code.org/learn"
    assert targets["/fr/resources"] == "/fr/promote/resources.html"
    # Hosts without _redirects: a page answers at each old path.
    for old, new in targets.items():
        stub = html / old.strip("/") / "index.html"
        assert stub.is_file(), old
        if stub.resolve() == (html / new.lstrip("/")).resolve():
            continue
        refresh = re.search(r'url=([^"]+)"', stub.read_text(encoding="utf-8")).group(1)
        if new.startswith("http"):
            assert refresh == new
        else:
            assert (stub.parent / refresh).resolve() == (html / new.lstrip("/")).resolve()


def test_links_to_a_moved_pages_old_address_reach_the_page(imported):
    """``/resources/promote#sample-emails`` moved (``resources/promote.moved``): the link
    goes to the page where it is now, in each language, and nothing warns about it."""
    assert "/resources/promote" not in imported["log"]
    for language in ("en", "fr", "es"):
        soup = read_html(imported["html"] / language / "learn-more.html")
        link = soup.find("a", string="sample emails")
        assert link is not None, language
        assert link["href"] == "promote/resources.html#sample-emails", language
        assert (imported["html"] / language / "promote" / "resources.html").is_file()
    lines = (imported["html"] / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/resources/promote /en/promote/resources.html 301" in lines


def test_a_haml_page_comes_over_with_its_conditions_and_views(imported):
    """The home page is HAML: its markup, helpers, ``- if``/``- elsif``/``- else`` and
    ``- unless`` branches and its views (one given locals) come over as MyST, and what
    could not is reported at its line."""
    report = imported["report"]["pages"]["index"]
    assert report["source"].endswith("index.haml")
    assert report["converted"]["if (block)"] == 4
    assert report["converted"]["view"] == 2
    assert [(issue["line"], "front_intro" in issue["message"])
            for issue in report["not_converted"]] == [(7, True)]
    text = (imported["project"] / "source" / "index.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Hour of Code\nlayout: wide\n---\n")
    for branch in ("::::{hoc-if} @country == 'us'", "::::{hoc-elsif} @country == 'ca'",
                   "::::{hoc-else}", "::::{hoc-if} !(@country == 'us')"):
        assert branch in text
    assert "```{include} /_partials/signup_button.md" in text
    assert "[one page](/promote)" in text  # the view's local, filled in
    soup = read_html(imported["html"] / "en" / "index.html")
    body = soup.find("article")
    branches = {" ".join(tag.get_text().split()): (tag["data-hoc-countries"],
                                                    tag.has_attr("hidden"))
                for tag in body.select(".hoc-country-branch")}
    # The build's own country (us) shows without JavaScript; every other country's
    # branch is in the page for its readers, hidden until the reader's country is known.
    assert branches["Schools in the United States can also enter the hardware draw."] == (
        "us", False)
    assert branches["Schools across Canada take part in English and in French."] == (
        "ca", True)
    assert branches["Schools in every country can host an event."] == ("*", True)
    assert branches["Events outside the United States are listed on the map."] == (
        "*", True)
    assert body.find("a", string="one page")["href"] == "promote/index.html"


# -- running it again -------------------------------------------------------------------

def test_reimport_updates_what_changed_and_keeps_what_people_edited(tmp_path, imported):
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    project = tmp_path / "project"
    shutil.copytree(imported["project"], project)
    source, locale = project / "source", project / "locale"
    # A translator edits a message, an author edits a page and a string.
    po_path = locale / "fr" / "LC_MESSAGES" / "how-to" / "districts.po"
    catalog = polib.pofile(str(po_path))
    edited = next(e for e in catalog.translated_entries() if len(e.msgid) > 30)
    edited.msgstr = "Traduction revue par une personne."
    catalog.save()
    page = source / "learn-more.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nAn author's own line.\n",
                    encoding="utf-8")
    # The Pegasus site changes: an English page gains a paragraph, a table a key.
    english = site / "public" / "how-to" / "events.md"
    english.write_text(english.read_text(encoding="utf-8")
                       + "\nA paragraph added to Pegasus since.\n", encoding="utf-8")
    table = site / "i18n" / "en.yml"
    table.write_text(table.read_text(encoding="utf-8") + "  added_since: Added since\n",
                     encoding="utf-8")
    report = run_import(project, site)
    assert _message(po_path, edited.msgid).msgstr == "Traduction revue par une personne."
    assert report["pages"]["how-to/districts"]["translations"]["fr"]["kept"] >= 1
    assert "An author's own line." in page.read_text(encoding="utf-8")
    assert report["pages"]["learn-more"]["status"] == "kept"
    assert "A paragraph added to Pegasus since." in (source / "how-to" / "events.md").read_text(
        encoding="utf-8")
    assert report["pages"]["how-to/events"]["status"] == "written"
    assert "added_since: Added since" in (source / "_data" / "strings.yml").read_text(
        encoding="utf-8")
    assert report["pages"]["how-to/index"]["status"] == "unchanged"


def test_import_site_refuses_a_folder_that_is_not_a_pegasus_site(tmp_path):
    project = empty_project(tmp_path / "project")
    with pytest.raises(SystemExit, match="not a Pegasus site"):
        main(["--project", str(project), "import-site", str(tmp_path)])


def test_missing_images_and_files_are_reported_and_expected(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    page = site / "public" / "learn-more.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![A map](/images/fit-300/map.png)\n"
                    "\n[The plan](<%= localized_file('/files/missing-plan.pdf') %>)\n"
                    "\n![A classroom](/images/fit-200/classroom.png)\n", encoding="utf-8")
    project = empty_project(tmp_path / "project")
    report = run_import(project, site)
    assert report["pages"]["learn-more"]["missing"] == [
        "/files/missing-plan.pdf", "/images/fit-300/map.png"]
    assert "missing image '/images/fit-300/map.png'" in report["expected_warnings"]
    assert "link to missing file '/files/missing-plan.pdf'" in report["expected_warnings"]


def _plain(text: str) -> str:
    """Prose without Markdown: link targets, roles, emphasis and list markers removed."""
    text = re.sub(r"\]\([^)]*\)|\{[\w-]+\}`[^`]*`|\{[^{}]*\}|<[^>]*>", " ", text)
    text = re.sub(r"^\s*(?:>\s*)*(?:(?:[-*+]|\d+[.)]|#+)\s+)?", " ", text, flags=re.MULTILINE)
    return " ".join(re.sub(r"[*_`\[\]]", " ", text).split())


_HAML_TAG = re.compile(r"[%.#][\w.#-]*(?:\{[^}]*\}|\([^)]*\))?\s*")


def _haml_text(line: str) -> str:
    """The text a HAML line shows as it is (after its tag, if any); nothing for code,
    script output, comments and filters, which are converted or reported instead."""
    line = line.strip()
    if line[:1] in ("%", ".", "#") and (tag := _HAML_TAG.match(line)):
        line = line[tag.end():]
    return "" if line[:1] in ("-", "=", "/", ":", "!", "&", "~", "\\") else line


def test_nothing_in_the_english_pages_is_silently_lost(imported, tmp_path):
    """Every line of prose of every Pegasus page is a message of the imported page (all
    branches of its conditions included), or the report says why it is not."""
    from hoc.gettext import extract

    project = Project(imported["project"])
    assert extract(project, tmp_path) == 0
    report = imported["report"]
    checked = 0
    for docname, page in report["pages"].items():
        pot = tmp_path / "gettext" / f"{docname}.pot"
        if not Path(page["source"]).is_file() or not pot.is_file():
            continue
        messages = _plain(" ".join(e.msgid for e in polib.pofile(str(pot))))
        source = Path(page["source"]).read_text(encoding="utf-8").split("---", 2)[-1]
        # Ruby code spans lines; what it says is not prose (it is reported instead).
        source = re.sub(r"<%.*?%>", lambda m: "\n" * m.group(0).count("\n"), source,
                        flags=re.DOTALL)
        haml = page["source"].endswith(".haml")
        for line in source.splitlines():
            if haml:
                line = _haml_text(line)
            if re.search(r"<%|<\w|\{\{|^\s*\||^\s*\(|\[/?col-", line):
                continue
            prose = _plain(line)
            if len(prose.split()) < 4:
                continue
            checked += 1
            assert prose in messages, f"{page['source']}: {line!r}"
    assert checked > 50


def test_a_generated_pegasus_site_imports(tmp_path):
    """The benchmark's generated site (drifted translations in every language) imports
    whole: each translation loses only the block its English no longer has."""
    from hoc.synthetic_pegasus import write_pegasus_site

    names = write_pegasus_site(tmp_path / "site", 12, ["en", "fr", "de"])
    project = empty_project(tmp_path / "project")
    report = run_import(project, tmp_path / "site")
    assert set(names) <= set(report["pages"])
    assert report["languages_not_built"] == ["de"]
    for name in names:
        for language in ("fr", "de"):
            translation = report["pages"][name]["translations"][language]
            assert translation["aligned"] >= translation["blocks"] - 2, (name, language)
            assert translation["unused_translated"], "the block English lost is reported"
    assert report["strings"]["de"]["imported"] == len(names) * 2 + 2


def test_pegasus_language_folders_come_over_under_standard_codes(tmp_path):
    """Pegasus names some languages its own way (``cn`` is Simplified Chinese, ``zh``
    Traditional, ``la`` Latin-American Spanish): their translations land under the
    standard codes ``hoc_languages`` names, and none is reported as not built."""
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    public = site / "i18n" / "public"
    (public / "es").rename(public / "la")
    shutil.copytree(public / "fr", public / "cn")
    shutil.copytree(public / "fr", public / "zh")
    project = empty_project(tmp_path / "project")
    conf = project / "conf.py"
    conf.write_text(re.sub(r"hoc_languages = \[[^]]*\]",
                           'hoc_languages = ["en", "fr", "es_419", "zh_CN", "zh_TW"]',
                           conf.read_text(encoding="utf-8")), encoding="utf-8")
    report = run_import(project, site)
    assert report["languages_not_built"] == []
    translations = report["pages"]["how-to/index"]["translations"]
    assert {"fr", "es_419", "zh_CN", "zh_TW"} <= set(translations)
    assert not {"la", "cn", "zh"} & set(translations)
    for language in ("es_419", "zh_CN", "zh_TW"):
        po = project / "locale" / language / "LC_MESSAGES" / "how-to" / "index.po"
        assert any(entry.msgstr for entry in polib.pofile(str(po))), language
        assert not (project / "locale" / {"es_419": "la", "zh_CN": "cn",
                                          "zh_TW": "zh"}[language]).exists()


@pytest.mark.browser
def test_a_reader_from_canada_sees_canadas_section_and_others_do_not(imported):
    """The home page keeps every country's branch. A reader who comes by Canada's old
    address (``/ca/``) reads Canada's section; a reader who comes straight to the page
    reads the site's own country's (the United States), as readers without JavaScript
    and search engines do; the picker changes the country and is remembered."""
    from browsing import chromium, served

    canada = "Schools across Canada take part in English and in French."
    usa = "Schools in the United States can also enter the hardware draw."
    others = "Schools in every country can host an event."
    with served(imported["html"]) as root, chromium() as browser:
        arriving = browser.new_page()
        arriving.goto(f"{root}/ca/")
        arriving.wait_for_url("**/en/index.html?country=ca")
        arriving.get_by_text(canada).wait_for(state="visible")
        assert not arriving.get_by_text(usa).is_visible()
        assert not arriving.get_by_text(others).is_visible()
        # The country is remembered: the same reader's next visit shows Canada's too.
        arriving.goto(f"{root}/en/index.html")
        arriving.get_by_text(canada).wait_for(state="visible")
        # The picker: another country, then the choice stays.
        picker = arriving.get_by_label("Country:")
        assert picker.input_value() == "ca"
        picker.select_option("zz")
        assert arriving.get_by_text(others).is_visible()
        assert not arriving.get_by_text(canada).is_visible()
        arriving.reload()
        arriving.get_by_text(others).wait_for(state="visible")
        arriving.close()
        default = browser.new_context().new_page()
        default.goto(f"{root}/en/index.html")
        default.wait_for_load_state("load")
        assert default.get_by_text(usa).is_visible()
        assert not default.get_by_text(canada).is_visible()
        assert not default.get_by_text(others).is_visible()
        assert default.get_by_label("Country:").input_value() == "us"
        default.close()


def test_the_haml_home_page_reads_as_a_page(imported):
    """Its front matter is the page's metadata, not a list of fields on the page, and
    the signup link (a HAML link around a button) is one link."""
    body = read_html(imported["html"] / "en" / "index.html").find("article")
    text = " ".join(body.get_text().split())
    assert "layout:" not in text and "title:" not in text
    # The heading that opens the signup block is the page's heading.
    assert body.find("h1").get_text(strip=True).startswith(
        "One hour of coding, for every student")
    assert "](/#join)" not in text
    assert body.find("a", class_="signup-link")["href"] == "index.html#join"
