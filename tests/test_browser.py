"""What a reader sees and clicks, in Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("HOC_CHROMIUM", "/usr/bin/chromium"))
REQUIRED = bool(os.environ.get("HOC_REQUIRE_BROWSER") or os.environ.get("CI"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.browser


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(site) -> Iterator[str]:
    """The built site served on the loopback interface, as a host would serve it."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import Error, sync_playwright

    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                  args=CHROMIUM_ARGS)
        except Error as exc:
            if REQUIRED:
                pytest.fail(f"Chromium did not start: {exc}")
            pytest.skip(f"Chromium did not start: {exc}")
        yield chromium
        chromium.close()


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
