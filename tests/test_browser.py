"""What a reader sees and clicks, in Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from browsing import DESKTOP, PHONE, SiteHandler, chromium

from conftest import string_translation

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(site) -> Iterator[str]:
    """The built site served on the loopback interface, as a host would serve it."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(SiteHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    yield context.new_page()
    context.close()


def test_following_a_french_link_stays_in_french(page, server):
    page.goto(f"{server}/fr/how-to/districts.html")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_role("link", name="Guide pratique").click()
    page.wait_for_url("**/fr/how-to/events.html")
    assert page.locator("html").get_attribute("lang") == "fr"


def test_anchor_link_lands_on_the_section(page, server):
    page.goto(f"{server}/fr/how-to/districts.html")
    page.get_by_role("link", name="cet email").click()
    page.wait_for_url("**/fr/promote/resources.html#sample-emails")
    assert page.locator("#sample-emails").is_visible()


def test_downloading_the_plan_in_french(page, server, tmp_path):
    page.goto(f"{server}/fr/how-to/districts.html")
    with page.expect_download() as info:
        page.get_by_role("link", name="sample logistics plan").click()
    download = info.value
    assert download.suggested_filename == "HOC_Logistics_plan.fr.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_pages_fit_the_screen(browser, server, language, viewport, tmp_path):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{server}/{language}/how-to/districts.html")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    nav = page.locator(".hoc-nav li.current a")
    assert nav.is_visible()
    heading = page.locator("article h1")
    assert heading.is_visible()
    box = heading.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    shots = os.environ.get("HOC_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        name = f"districts-{language}-{viewport['width']}.png"
        page.screenshot(path=str(Path(shots) / name), full_page=True)
    context.close()


def test_switching_language_from_a_deep_page_lands_on_the_same_page(page, server):
    page.goto(f"{server}/fr/how-to/districts.html")
    page.locator("nav.hoc-languages").get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/how-to/districts.html")
    assert page.locator("html").get_attribute("lang") == "es"
    page.locator("nav.hoc-languages").get_by_role("link", name="العربية").click()
    page.wait_for_url("**/ar/how-to/districts.html")
    page.locator("nav.hoc-languages").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/how-to/districts.html")


def test_arabic_site_reads_right_to_left(page, server):
    page.goto(f"{server}/ar/index.html")
    assert page.locator("html").get_attribute("dir") == "rtl"
    sidebar = page.locator(".sidebar-drawer").bounding_box()
    content = page.locator("article").bounding_box()
    assert sidebar["x"] > content["x"], "the sidebar is on the right of the text"
    body = page.locator("article")
    assert page.evaluate("(e) => getComputedStyle(e).direction", body.element_handle()) == "rtl"
    # English fallback inside the Arabic page keeps left-to-right order.
    fallback = page.locator("article [lang=en]").first
    if fallback.count():
        assert page.evaluate("(e) => getComputedStyle(e).direction",
                             fallback.element_handle()) == "ltr"


def test_missing_url_gets_the_translated_404(page, server):
    response = page.goto(f"{server}/fr/how-to/deeper/no-such-page.html")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "fr"
    heading = page.locator("article h1").inner_text()
    assert heading == string_translation("fr", "ui_not_found_title")
    # Its stylesheets load from the language's folder however deep the missing URL.
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "apple-system" in font or "system-ui" in font, "furo's stylesheet is applied"
    page.get_by_role("link", name=string_translation("fr", "ui_go_home")).click()
    page.wait_for_url("**/fr/index.html")


def test_search_in_french_finds_a_french_page(page, server):
    page.goto(f"{server}/fr/search.html?q=académie")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("how-to/districts.html" in href for href in hrefs)
    page.goto(f"{server}/fr/search.html?q=organiser")
    results.first.wait_for(timeout=15000)
    assert page.locator("#search-results").inner_text().count("Une Heure de Code") >= 1


def shipped_pages(site: Path) -> list[str]:
    """Every page a reader can reach: each language's pages, 404s and the chooser."""
    skip = {"_static", "_sources", "_translations", "_images"}
    return sorted(str(path.relative_to(site)) for path in site.rglob("*.html")
                  if not skip & set(path.relative_to(site).parts))


def test_no_page_of_any_language_has_an_accessibility_violation(browser, server, site):
    """axe-core (bundled by axe-playwright-python) on every page of every language, at
    desktop and phone widths: no violation of any impact."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    pages = shipped_pages(site)
    assert len(pages) > 40 and {"fr/index.html", "ar/how-to/districts.html"} <= set(pages)
    found = []
    for viewport in (DESKTOP, PHONE):
        tab = browser.new_page(viewport=viewport)
        for name in pages:
            tab.goto(f"{server}/{name}")
            for violation in axe.run(tab).response["violations"]:
                nodes = "; ".join(node["html"][:80] for node in violation["nodes"][:2])
                found.append(f"{name} ({viewport['width']}px): {violation['id']} "
                             f"({violation['impact']}): {nodes}")
        tab.close()
    assert found == []
