"""Debian's Chromium and a loopback server for the browser tests of several modules."""

from __future__ import annotations

import contextlib
import io
import os
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("HOC_CHROMIUM", "/usr/bin/chromium"))
REQUIRED = bool(os.environ.get("HOC_REQUIRE_BROWSER") or os.environ.get("CI"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site as a static host does: a missing page under ``/<lang>/``
    gets that language's ``404.html`` with status 404."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.exists():
            return super().send_head()
        language = self.path.lstrip("/").split("/", 1)[0]
        page = Path(self.directory) / language / "404.html"
        if not page.is_file():
            page = Path(self.directory) / "en" / "404.html"
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served on the loopback interface as a static host serves it."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(SiteHandler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, as tests/test_browser.py launches it; the test is skipped
    (failed where the browser is required: CI) when it cannot start."""
    from playwright.sync_api import Error, sync_playwright

    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                 args=CHROMIUM_ARGS)
        except Error as exc:
            if REQUIRED:
                pytest.fail(f"Chromium did not start: {exc}")
            pytest.skip(f"Chromium did not start: {exc}")
        try:
            yield browser
        finally:
            browser.close()
